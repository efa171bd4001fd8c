import { hash32, mulberry32 } from './prng';
import type { Metric } from './resources';

/** One junk entry per this many off-grid points. */
const junkEvery = 20;

/**
 * The answer of a server that ignores the step: `count` points at times off the step grid
 * inside [from, to] (distinct to the millisecond while the window holds that many), and one
 * in twenty more that a client must not draw as they come: a grid time sent again, times
 * before and after the window, a time near the end of time, values `1e999` and `-1e999`
 * (JSON.parse reads them as Infinity), null, "NaN", and a huge finite value; all shuffled.
 * Written as JSON text because JSON.stringify cannot write the non-finite numbers.
 */
export function floodedSeriesJson(seed: number, metric: Metric, fromSeconds: number, toSeconds: number, stepSeconds: number, count: number): string {
  const random = mulberry32(hash32(seed, 'flood', metric.name, fromSeconds));
  const width = toSeconds - fromSeconds;
  const firstGrid = Math.ceil(fromSeconds / stepSeconds) * stepSeconds;
  const gridTimes = firstGrid > toSeconds ? 1 : Math.floor((toSeconds - firstGrid) / stepSeconds) + 1;
  const value = () => String(Math.floor(random() * 100));
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const time = Math.round((fromSeconds + ((i + 0.5) * width) / count) * 1000) / 1000;
    entries.push(`[${time},${value()}]`);
    if (i % junkEvery !== 0) continue;
    const j = i / junkEvery;
    const inWindow = Math.round((fromSeconds + random() * width) * 1000) / 1000;
    switch (j % 8) {
      case 0:
        entries.push(`[${firstGrid + (j % gridTimes) * stepSeconds},${value()}]`);
        break;
      case 1:
        entries.push(`[${fromSeconds - 1 - (j % 1000) / 2},${value()}]`);
        break;
      case 2:
        entries.push(`[${toSeconds + 0.25 + (j % 1000)},${value()}]`);
        break;
      case 3:
        entries.push(`[1e20,${value()}]`);
        break;
      case 4:
        entries.push(`[${inWindow},1e999]`);
        break;
      case 5:
        entries.push(`[${inWindow},-1e999]`);
        break;
      case 6:
        entries.push(j % 16 < 8 ? `[${inWindow},null]` : `[${inWindow},"NaN"]`);
        break;
      default:
        entries.push(`[${inWindow},1.7e308]`);
    }
  }
  for (let i = entries.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [entries[i], entries[k]] = [entries[k]!, entries[i]!];
  }
  return `{"metric":${JSON.stringify(metric.name)},"unit":${JSON.stringify(metric.unit)},"points":[${entries.join(',')}]}`;
}
