import fc from 'fast-check';
import * as metric from '../../../src/core/validation/metric-fields';
import type { TextProblem, TextRule } from '../../../src/core/validation/text-field';

/** A text field as the property tests see it: its name in a test title, its rule, its validator. */
export interface FieldUnderTest {
  readonly field: string;
  readonly rule: TextRule;
  readonly check: (text: string) => TextProblem | 'taken' | undefined;
}

/** The three fields of a new metric, each with its rule and validator. */
export const metricNameField = { field: 'metric name', rule: metric.metricNameRule, check: metric.checkMetricName };
export const metricUnitField = { field: 'metric unit', rule: metric.metricUnitRule, check: metric.checkMetricUnit };
export const metricDescriptionField = { field: 'metric description', rule: metric.metricDescriptionRule, check: metric.checkMetricDescription };

/** What `String.prototype.trim` removes: spaces, tabs, line breaks, NBSP, BOM, the Zs spaces. */
export const whitespace = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff'),
  maxLength: 4,
});

/** Every C0 and C1 control and DEL (U+0000-U+001F, U+007F-U+009F). */
export const controlCharacter = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((code) => String.fromCharCode(code));

/** Unicode's Bidi_Control set: ALM, LRM, RLM, the embeddings and overrides, the isolates. */
export const bidiControl = fc.constantFrom('\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069');

export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Spelled out here, apart from the validator, so a test does not restate what it checks. */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\uD800-\uDFFF]/u;

/** Text a user may well type: any script, emoji, markup, markdown, `command:` links. */
export const safeText = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength }),
      fc.string({ unit: fc.constantFrom('a', 'Z', '_', '.', '/', '%', 'µ', '°', 'é', 'ß', 'م', 'ש', '漢', '📈', '<', '>', '&', '[', ']', '(', ')', '`', '*', ' ', 'command:'), maxLength }),
    )
    .map((text) => text.slice(0, maxLength))
    .filter((text) => !unsafe.test(text));

/** Safe text with something visible at both ends, so trimming leaves its inside alone. */
export const safeCore = (maxLength: number) => safeText(Math.max(0, maxLength - 2)).map((text) => `x${text}y`);

/** One unsafe character somewhere inside safe text. */
export const withInside = (inserted: fc.Arbitrary<string>, maxLength: number) =>
  fc.tuple(safeText(maxLength), inserted, fc.nat()).map(([text, char, at]) => {
    const core = `x${text.slice(0, Math.max(0, maxLength - 3))}y`;
    const cut = 1 + (at % (core.length - 1));
    return core.slice(0, cut) + char + core.slice(cut);
  });

/** Safe text whose trimmed length is just over `maxLength`. */
export const overLong = (maxLength: number) =>
  fc
    .tuple(safeCore(maxLength), fc.integer({ min: 1, max: 40 }))
    .map(([text, extra]) => text + 'w'.repeat(Math.max(0, maxLength + extra - text.length)));

/** Anything a field could be given: safe text, or something just over the rule's edges. */
export const anyFieldText = (maxLength: number) =>
  fc.tuple(
    whitespace,
    fc.oneof(
      { arbitrary: safeText(maxLength), weight: 3 },
      { arbitrary: safeCore(maxLength), weight: 3 },
      withInside(controlCharacter, maxLength),
      withInside(bidiControl, maxLength),
      withInside(loneSurrogate, maxLength),
      overLong(maxLength),
      fc.integer({ min: maxLength - 2, max: maxLength + 2 }).map((length) => 'm'.repeat(length)),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constant(''),
    ),
    whitespace,
  ).map(([before, text, after]) => before + text + after);
