import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MeSchema } from '../../../src/core/api/schemas';
import { MalformedResponseError } from '../../../src/core/http/errors';
import { JsonTooDeepError, MAX_JSON_DEPTH, parseJsonText } from '../../../src/core/http/json-text';
import { parseJsonBody } from '../../../src/core/http/response-body';
import { fixedTokens, makeClient } from '../api/fixture';
import { describeEachDispatcher } from './dispatchers';
import { startLocalServer } from './local-server';

const runs = { numRuns: 2000 };

/** Strings full of what a bracket counter could trip on: brackets, quotes, backslashes. */
const trickyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"', '"]', ',', ':') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const json = fc.jsonValue({ maxDepth: 12, stringUnit: trickyUnit });

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

function outcome(parse: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: error instanceof JsonTooDeepError ? 'too deep' : error instanceof SyntaxError ? 'syntax' : String(error) };
  }
}

describe('JSON text from the network (property)', () => {
  test('JSON nested up to the cap parses as JSON.parse does; deeper is refused, compact or indented', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 10 }), fc.boolean(), (value, cap, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        const parsed = outcome(() => parseJsonText(text, cap));
        if (depthOf(value) <= cap) assert.deepEqual(parsed, { value: JSON.parse(text) });
        else assert.deepEqual(parsed, { error: 'too deep' });
      }),
      runs,
    );
  });

  test('any text: the value JSON.parse gives, or a SyntaxError; never another answer', () => {
    const text = fc.oneof(fc.string({ unit: trickyUnit, maxLength: 60 }), json.map((value) => JSON.stringify(value).slice(1)));
    fc.assert(
      fc.property(text, (input) => {
        const expected = outcome(() => JSON.parse(input));
        const actual = outcome(() => parseJsonText(input));
        if ('value' in expected) assert.deepEqual(actual, depthOf(expected.value) <= MAX_JSON_DEPTH ? expected : { error: 'too deep' });
        else assert.ok('error' in actual, `${JSON.stringify(input)} parsed`);
      }),
      runs,
    );
  });

  test('the cap is MAX_JSON_DEPTH: 64 levels parse, 65 are refused', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    assert.deepEqual(outcome(() => parseJsonText(nested(MAX_JSON_DEPTH))), { value: JSON.parse(nested(MAX_JSON_DEPTH)) });
    assert.deepEqual(outcome(() => parseJsonText(nested(MAX_JSON_DEPTH + 1))), { error: 'too deep' });
    const request = { method: 'GET', path: '/v2/me' };
    assert.throws(() => parseJsonBody({ status: 200, text: nested(MAX_JSON_DEPTH + 1) }, MeSchema, request), (error) => {
      assert.ok(error instanceof MalformedResponseError);
      assert.match(error.message, /nested deeper than 64/);
      return true;
    });
  });
});

describeEachDispatcher('a deeply nested answer', (kind) => {
  test('10 MB of nested arrays is refused as malformed before it is parsed', async (t) => {
    const depth = 5_000_000;
    const body = '['.repeat(depth) + ']'.repeat(depth);
    const server = await startLocalServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    t.after(() => server.close());
    const dispatcher = kind.create();
    t.after(() => dispatcher.close());
    const client = makeClient(server.url, dispatcher, fixedTokens('t'), { retry: { maxRetries: 0 } });

    const started = performance.now();
    const error = await client.getMe().catch((e: unknown) => e);
    t.diagnostic(`10 MB nested answer refused in ${Math.round(performance.now() - started)} ms`);

    assert.ok(error instanceof MalformedResponseError, String(error));
    assert.match(error.message, /nested deeper than 64 levels/);
  });
});
