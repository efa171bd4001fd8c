import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as v from 'valibot';
import { metricQueryBody, SeriesSchema } from '../../../src/core/api/series';

const runs = { numRuns: 2000 };
const goodPoint = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const badPoint = fc.oneof(
  fc.anything().filter((value) => !Array.isArray(value)),
  fc.tuple(fc.string(), fc.double()),
  fc.tuple(fc.integer(), fc.constantFrom(null, '1', undefined, {})),
  fc.constant([1]),
  fc.constant([]),
);

describe('Series schema', () => {
  test('a series keeps exactly its well-formed points, in order; bad points drop, not the series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(goodPoint.map((p) => ({ good: true as const, p })), badPoint.map((p) => ({ good: false as const, p }))), { maxLength: 50 }),
        fc.option(fc.string(), { nil: null }),
        (entries, unit) => {
          const series = v.parse(SeriesSchema, { metric: 'm', unit, points: entries.map((entry) => entry.p), extra: 1 });
          assert.deepEqual(series.points, entries.filter((entry) => entry.good).map((entry) => entry.p));
          assert.equal(series.unit, unit ?? '');
        },
      ),
      runs,
    );
  });

  test('a body that is not a series is refused as a whole', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = v.safeParse(SeriesSchema, value);
        if (result.success) {
          assert.equal(typeof (value as { metric: unknown }).metric, 'string');
          assert.ok(Array.isArray((value as { points: unknown }).points));
        }
      }),
      runs,
    );
  });

  test('the query body sends RFC 3339 times without milliseconds and the step in seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), fc.integer({ min: 1, max: 86_400 }), (from, step) => {
        const body = metricQueryBody({ projectId: 'p', metric: 'm', fromSeconds: from, toSeconds: from + step, stepSeconds: step });
        assert.match(body.from as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.equal(Date.parse(body.from as string) / 1000, from);
        assert.equal(Date.parse(body.to as string) / 1000, from + step);
        assert.equal(body.step_seconds, step);
      }),
      runs,
    );
  });
});
