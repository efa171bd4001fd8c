import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePanelTarget, parseWebviewMessage, WebviewMessageError } from '../../../src/core/dashboards/protocol';
import { timeRanges } from '../../../src/core/dashboards/time-range';

const runs = { numRuns: 5000 };
const id = fc.string({ minLength: 1, maxLength: 512, unit: 'grapheme' });
const validMessage = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.constant({ type: 'refresh' }),
  fc.constant({ type: 'grant' }),
  fc.record({ type: fc.constant('range'), range: fc.constantFrom(...timeRanges) }),
  fc.record({ type: fc.constant('retry'), widgetId: id }),
);
const knownKeys = new Set(['type', 'range', 'widgetId']);

describe('messages from the webview (hostile input)', () => {
  test('every well-formed message is accepted as it was sent', () => {
    fc.assert(fc.property(validMessage, (message) => assert.deepEqual(parseWebviewMessage(message), { ...message })), runs);
  });

  test('anything at all is either one of the five messages, checked field by field, or a WebviewMessageError; never a crash', () => {
    const anything = fc.oneof(
      fc.anything(),
      // Near misses: a valid message with a field changed, added or of another type.
      fc.tuple(validMessage, fc.string({ maxLength: 10 }), fc.anything()).map(([message, key, value]) => ({ ...message, [key]: value })),
      fc.record({ type: fc.constantFrom('ready', 'range', 'retry', 'refresh', 'grant', 'constructor', '__proto__'), range: fc.anything(), widgetId: fc.anything() }, { requiredKeys: ['type'] }),
    );
    fc.assert(
      fc.property(anything, (value) => {
        let parsed;
        try {
          parsed = parseWebviewMessage(value);
        } catch (error) {
          assert.ok(error instanceof WebviewMessageError, String(error));
          assert.ok(error.issues.length > 0);
          return;
        }
        assert.ok(Object.keys(parsed).every((key) => knownKeys.has(key)), `no stray field: ${JSON.stringify(parsed)}`);
        if (parsed.type === 'range') assert.ok((timeRanges as readonly string[]).includes(parsed.range));
        if (parsed.type === 'retry') assert.ok(typeof parsed.widgetId === 'string' && parsed.widgetId.length >= 1 && parsed.widgetId.length <= 512);
      }),
      runs,
    );
  });

  test("the error never repeats what the page sent (it may be anything, and goes to the log)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }).map((s) => `SECRET${s}`), (payload) => {
        for (const value of [{ type: payload }, { type: 'range', range: payload }, { type: 'ready', [payload]: 1 }, payload]) {
          assert.throws(() => parseWebviewMessage(value), (error: unknown) => error instanceof WebviewMessageError && !error.message.includes(payload));
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('a restored tab state is a dashboard or metric target, or nothing', () => {
    const target = fc.oneof(
      fc.record({ kind: fc.constant('dashboard'), projectId: id, dashboardId: id, title: fc.string({ maxLength: 512 }) }),
      fc.record({ kind: fc.constant('metric'), projectId: id, metric: id, title: fc.string({ maxLength: 512 }) }),
    );
    fc.assert(fc.property(target, (state) => assert.deepEqual(parsePanelTarget(state), { ...state })), runs);
    fc.assert(
      fc.property(fc.anything(), (state) => {
        const parsed = parsePanelTarget(state);
        if (parsed) assert.ok(parsed.kind === 'dashboard' || parsed.kind === 'metric');
      }),
      runs,
    );
    assert.equal(parsePanelTarget({ kind: 'dashboard', projectId: '', dashboardId: 'd', title: 't' }), undefined);
  });
});
