import * as v from 'valibot';

// A point is [unix_seconds, value]. Anything else in a point (a third element, a string, a
// null from a gap) makes that point unusable, not the whole series: the chart shows the rest.
const PointSchema = v.tuple([v.number(), v.number()]);

export const SeriesSchema = v.object({
  metric: v.string(),
  unit: v.pipe(
    v.nullish(v.string()),
    v.transform((unit) => unit ?? ''),
  ),
  points: v.pipe(
    v.array(v.unknown()),
    v.transform((points) => points.flatMap((point) => {
      const parsed = v.safeParse(PointSchema, point);
      return parsed.success && Number.isFinite(parsed.output[0]) && Number.isFinite(parsed.output[1]) ? [parsed.output] : [];
    })),
  ),
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
