/** The ranges the tab offers, newest data last. */
export const timeRanges = ['1h', '24h', '7d', '30d'] as const;
export type TimeRange = (typeof timeRanges)[number];
export const defaultTimeRange: TimeRange = '24h';

/** At most about this many points per chart: enough to read, few enough to draw at once. */
export const maxPointsPerChart = 300;

const rangeSeconds: Record<TimeRange, number> = {
  '1h': 3_600,
  '24h': 86_400,
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
};

// Steps a reader recognises on an axis (1 min ... 1 day), smallest first.
export const niceSteps: readonly number[] = [60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400];

export interface QueryWindow {
  readonly fromSeconds: number;
  readonly toSeconds: number;
  readonly stepSeconds: number;
}

export function isTimeRange(value: unknown): value is TimeRange {
  return typeof value === 'string' && (timeRanges as readonly string[]).includes(value);
}

export function durationSeconds(range: TimeRange): number {
  return rangeSeconds[range];
}

/** The smallest nice step that keeps `seconds` within `maxPointsPerChart` points. */
export function stepFor(seconds: number): number {
  return niceSteps.find((step) => Math.floor(seconds / step) + 1 <= maxPointsPerChart) ?? Math.ceil(seconds / (maxPointsPerChart - 1));
}

/**
 * The window ending now, its end rounded down to the step so that points sit on multiples
 * of it and a refresh within the same step asks the same question. `periods` > 1 reaches
 * further back (a stat compares the last period with the one before) at the same ≤ 300 points.
 */
export function queryWindow(range: TimeRange, nowMs: number, periods = 1): QueryWindow {
  const seconds = rangeSeconds[range] * periods;
  const stepSeconds = stepFor(seconds);
  const toSeconds = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  return { fromSeconds: toSeconds - seconds, toSeconds, stepSeconds };
}

/** How many points a series over the window has at most (both ends included). */
export function pointsIn(window: QueryWindow): number {
  return Math.floor((window.toSeconds - window.fromSeconds) / window.stepSeconds) + 1;
}
