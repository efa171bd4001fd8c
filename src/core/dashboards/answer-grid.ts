import type { SeriesPoint } from '../api/series';
import type { QueryWindow } from './time-range';

/**
 * An answer held to its question, whatever the server sent (issue 19, item 7: 700,000 points
 * for a 61-point question). The grid is the multiples of the step inside [from, to]: where
 * the API puts a series' points and where `queryWindow` puts both ends, so the result has at
 * most `pointsIn(window)` points, ascending.
 *
 * A grid time g stands for the step that ends at it, (g - step, g]: its value is the last
 * sample of that step (the latest time, and of equal times the last one sent), the value as
 * of g, which is how a line, a bar and the stat's "latest" read it; a well-formed answer
 * passes unchanged. Dropped: samples outside [from, to], non-finite times or values, and
 * samples after the last grid time of a window whose end is off the grid (their step ends
 * outside it). A window that is not one (no positive step, from after to) holds nothing.
 */
export function holdToQuestion(points: readonly SeriesPoint[], window: QueryWindow): SeriesPoint[] {
  const { fromSeconds: from, toSeconds: to, stepSeconds: step } = window;
  if (!(Number.isFinite(from) && Number.isFinite(to) && Number.isFinite(step) && step > 0 && from <= to)) return [];
  // Grid times as whole multiples k of the step: dividing first keeps a sample just after a grid time out of it.
  const firstK = Math.ceil(from / step);
  const steps = Math.floor(to / step) - firstK;
  if (steps < 0) return [];
  // Per grid index, the sample kept so far: a sparse map, as a window may be far wider than the answer.
  const kept = new Map<number, SeriesPoint>();
  for (const point of points) {
    const [time, value] = point;
    if (!(time >= from && time <= to && Number.isFinite(value))) continue;
    const index = Math.ceil(time / step) - firstK;
    if (index > steps) continue;
    const held = kept.get(index);
    if (held === undefined || time >= held[0]) kept.set(index, point);
  }
  const indexes = [...kept.keys()].sort((a, b) => a - b);
  return indexes.map((index) => [(firstK + index) * step, kept.get(index)![1]]);
}
