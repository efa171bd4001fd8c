import type { SeriesPoint } from '../api/series';
import { holdToQuestion } from './answer-grid';
import type { QueryWindow } from './time-range';

/** Columns as uPlot takes them: times (unix seconds, ascending, unique) and values. */
export interface ChartData {
  readonly times: number[];
  readonly values: number[];
}

export interface StatSummary {
  /** The last point of the window. */
  readonly latest: { readonly time: number; readonly value: number } | undefined;
  /** The last point at or before one period earlier. */
  readonly previous: { readonly time: number; readonly value: number } | undefined;
  /** latest - previous, and relative to previous (undefined when previous is 0). */
  readonly change: number | undefined;
  readonly changeRatio: number | undefined;
}

/** The answer held to the window's step grid (`holdToQuestion`), as columns. */
export function toChartData(points: readonly SeriesPoint[], window: QueryWindow): ChartData {
  const held = holdToQuestion(points, window);
  return { times: held.map(([time]) => time), values: held.map(([, value]) => value) };
}

/** The latest value against the one a period (`periodSeconds`) before it. */
export function summarizeStat(data: ChartData, periodSeconds: number): StatSummary {
  const last = data.times.length - 1;
  if (last < 0) return { latest: undefined, previous: undefined, change: undefined, changeRatio: undefined };
  const latest = { time: data.times[last]!, value: data.values[last]! };
  let index = -1;
  for (let i = last - 1; i >= 0; i--) {
    if (data.times[i]! <= latest.time - periodSeconds) {
      index = i;
      break;
    }
  }
  if (index < 0) return { latest, previous: undefined, change: undefined, changeRatio: undefined };
  const previous = { time: data.times[index]!, value: data.values[index]! };
  const change = latest.value - previous.value;
  return { latest, previous, change, changeRatio: previous.value === 0 ? undefined : change / Math.abs(previous.value) };
}
