import { hash32 } from './prng';
import type { Metric, Series } from './resources';

interface Profile {
  readonly base: number;
  readonly amplitude: number;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

const profiles: Record<string, Profile> = {
  '%': { base: 40, amplitude: 25, integer: false, min: 0, max: 100 },
  ms: { base: 180, amplitude: 90, integer: false, min: 1, max: Infinity },
  'req/s': { base: 900, amplitude: 500, integer: false, min: 0, max: Infinity },
  MiB: { base: 1536, amplitude: 400, integer: false, min: 0, max: Infinity },
  count: { base: 40, amplitude: 30, integer: true, min: 0, max: Infinity },
};
const fallbackProfile: Profile = { base: 100, amplitude: 50, integer: false, min: 0, max: Infinity };

/**
 * Deterministic points: the same (seed, project, metric, timestamp) always gives the same
 * value, whatever range or step a query asks for. Timestamps sit on multiples of the step.
 */
export function buildSeries(seed: number, projectId: string, metric: Metric, fromSeconds: number, toSeconds: number, stepSeconds: number): Series {
  const profile = profiles[metric.unit] ?? fallbackProfile;
  const key = hash32(seed, projectId, metric.name);
  const phase = (key % 1000) / 1000 * 2 * Math.PI;
  const points: Array<[number, number]> = [];
  for (let t = Math.ceil(fromSeconds / stepSeconds) * stepSeconds; t <= toSeconds; t += stepSeconds) {
    const daily = Math.sin((2 * Math.PI * t) / 86_400 + phase);
    const noise = (hash32(key, t) / 0xffffffff - 0.5) * 0.3;
    const raw = profile.base + profile.amplitude * (daily + noise);
    const clamped = Math.min(profile.max, Math.max(profile.min, raw));
    points.push([t, profile.integer ? Math.round(clamped) : Math.round(clamped * 100) / 100]);
  }
  return { metric: metric.name, unit: metric.unit, points };
}

export function seriesPointCount(fromSeconds: number, toSeconds: number, stepSeconds: number): number {
  const first = Math.ceil(fromSeconds / stepSeconds) * stepSeconds;
  return first > toSeconds ? 0 : Math.floor((toSeconds - first) / stepSeconds) + 1;
}
