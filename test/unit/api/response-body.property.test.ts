import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as v from 'valibot';
import { DashboardSchema, listSchema, MeSchema, MetricSchema, ProjectSchema } from '../../../src/core/api/schemas';
import { MalformedResponseError } from '../../../src/core/http/errors';
import { parseJsonBody } from '../../../src/core/http/response-body';
import { startLocalServer, type LocalServer } from '../http/local-server';
import { fixedTokens, makeClient } from './fixture';
import { describeEachDispatcher } from '../http/dispatchers';

const runs = { numRuns: 1000 };
const request = { method: 'GET', path: '/v2/x' };
/** Put into bodies wherever a value or key can go: no error may ever repeat it. */
const MARKER = 'MARKER-7f3a';

const text = fc.oneof(fc.string(), fc.constant(MARKER), fc.string().map((s) => `${MARKER}${s}`));
const time = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const project = fc.record({
  id: text,
  name: text,
  description: fc.oneof(text, fc.constant(null)),
  created_at: time,
  updated_at: time,
  web_url: text,
});
const widget = fc.record({ id: text, title: text, metric: text, kind: fc.oneof(fc.constantFrom('line', 'bar', 'stat'), text) });
const dashboard = fc.record({
  id: text,
  project_id: text,
  name: text,
  description: fc.oneof(text, fc.constant(null)),
  widgets: fc.array(widget, { maxLength: 3 }),
  updated_at: time,
  web_url: text,
});
const metric = fc.record({ name: text, unit: fc.option(text, { nil: null }), description: fc.option(text, { nil: undefined }) });
const me = fc.record({ id: text, name: text, email: text });
const list = <T>(item: fc.Arbitrary<T>) =>
  fc.record({ data: fc.array(item, { maxLength: 3 }), next_cursor: fc.oneof(text, fc.constant(null), fc.constant(undefined)) });

/** Replace one value somewhere in a valid body by anything at all. */
function mutated(value: unknown, replacement: unknown, path: number[]): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [index = 0, ...rest] = path;
  const [key, inner] = entries[index % entries.length]!;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  copy[key] = mutated(inner, replacement, rest);
  return copy;
}

const anyJson = fc.jsonValue().map((value) => (typeof value === 'string' ? `${MARKER}${value}` : value));
const bodiesFrom = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    valid.map((body) => JSON.stringify(body)),
    fc
      .tuple(valid, anyJson, fc.array(fc.nat(), { maxLength: 4 }))
      .map(([body, replacement, path]) => JSON.stringify(mutated(body, replacement, path))),
    fc.tuple(valid, fc.nat()).map(([body, cut]) => JSON.stringify(body).slice(0, cut)),
    anyJson.map((value) => JSON.stringify(value)),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.integer({ min: 1, max: 10_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.constantFrom('', 'null', '{}', '[]', '{"data":null}', '{"__proto__":{"id":"x"}}', '{"constructor":{"prototype":1}}', '\uFEFF{}'),
  );

const targets: [string, v.GenericSchema<unknown, unknown>, fc.Arbitrary<unknown>][] = [
  ['Me', MeSchema, me],
  ['Project', ProjectSchema, project],
  ['Dashboard', DashboardSchema, dashboard],
  ['Metric', MetricSchema, metric],
  ['list of Project', listSchema(ProjectSchema), list(project)],
  ['list of Dashboard', listSchema(DashboardSchema), list(dashboard)],
  ['list of Metric', listSchema(MetricSchema), list(metric)],
];

describe('API bodies (property)', () => {
  for (const [name, schema, valid] of targets) {
    test(`${name}: any body parses, or is a MalformedResponseError that repeats none of it`, () => {
      const outcomes = { parsed: 0, malformed: 0 };
      fc.assert(
        fc.property(bodiesFrom(valid), fc.integer({ min: 200, max: 299 }), (body, status) => {
          try {
            parseJsonBody({ status, text: body }, schema, request);
            outcomes.parsed += 1;
          } catch (error) {
            assert.ok(error instanceof MalformedResponseError, `threw ${String(error)}`);
            assert.equal(error.status, status);
            assert.ok(!error.message.includes(MARKER) && !error.detail.includes(MARKER), error.message);
            outcomes.malformed += 1;
          }
        }),
        runs,
      );
      assert.ok(outcomes.parsed > 100 && outcomes.malformed > 100, JSON.stringify(outcomes));
    });
  }
});

describeEachDispatcher('API bodies through the client (property)', (kind) => {
  const dispatcher = kind.create();
  let server: LocalServer;
  let body = '';

  before(async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });

  after(async () => {
    await Promise.all([server.close(), dispatcher.close()]);
  });

  test('a 200 with any body gives the typed result or a MalformedResponseError, for a single item and a page', async () => {
    const client = makeClient(server.url, dispatcher, fixedTokens('t'), { retry: { maxRetries: 0 } });
    await fc.assert(
      fc.asyncProperty(fc.oneof(bodiesFrom(me), bodiesFrom(list(project))), async (sent) => {
        body = sent;
        for (const call of [() => client.getMe(), () => client.listProjects()]) {
          const error = await call().then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error !== undefined) assert.ok(error instanceof MalformedResponseError, `threw ${String(error)}`);
        }
      }),
      runs,
    );
  });
});
