import * as v from 'valibot';

// A point is [unix_seconds, value]. Anything else in a point (a string, a null from a gap,
// a missing value) makes that point unusable, not the whole series: the chart shows the rest.
// Checked by hand, not by a schema per point: a series has hundreds of them.
function usablePoints(points: unknown[]): Array<[number, number]> {
  const usable: Array<[number, number]> = [];
  for (const point of points) {
    if (!Array.isArray(point)) continue;
    const [time, value] = point as unknown[];
    if (typeof time === 'number' && typeof value === 'number' && Number.isFinite(time) && Number.isFinite(value)) usable.push([time, value]);
  }
  return usable;
}

export const SeriesSchema = v.object({
  metric: v.string(),
  unit: v.pipe(
    v.nullish(v.string()),
    v.transform((unit) => unit ?? ''),
  ),
  points: v.pipe(v.array(v.unknown()), v.transform(usablePoints)),
});

export type Series = v.InferOutput<typeof SeriesSchema>;
export type SeriesPoint = Series['points'][number];

/** `POST /v2/metrics/query`: times are sent as RFC 3339, the step in whole seconds. */
export interface MetricQuery {
  readonly projectId: string;
  readonly metric: string;
  readonly fromSeconds: number;
  readonly toSeconds: number;
  readonly stepSeconds: number;
}

export function metricQueryBody(query: MetricQuery): Record<string, unknown> {
  return {
    project_id: query.projectId,
    metric: query.metric,
    from: new Date(query.fromSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    to: new Date(query.toSeconds * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    step_seconds: query.stepSeconds,
  };
}
