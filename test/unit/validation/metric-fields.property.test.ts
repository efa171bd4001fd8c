import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkResourceName, maxNameLength } from '../../../src/core/validation/resource-name';
import {
  anyFieldText,
  bidiControl,
  controlCharacter,
  loneSurrogate,
  metricDescriptionField,
  metricNameField,
  metricUnitField,
  overLong,
  safeCore,
  whitespace,
  withInside,
  type FieldUnderTest,
} from './metric-arbitraries';

const runs = { numRuns: 2000 };

const fields: readonly FieldUnderTest[] = [
  metricNameField,
  metricUnitField,
  metricDescriptionField,
  { field: 'project or dashboard name', rule: { required: true, maxLength: maxNameLength }, check: checkResourceName },
];

describe('the metric field validators (properties)', () => {
  for (const { field, rule, check } of fields) {
    describe(field, () => {
      test('trimming: whitespace around any input changes nothing', () => {
        fc.assert(
          fc.property(whitespace, anyFieldText(rule.maxLength), whitespace, (before, text, after) => {
            assert.equal(check(before + text + after), check(text));
            assert.equal(check(text), check(text.trim()));
          }),
          runs,
        );
      });

      test('safe text within the limit is accepted, padded or not', () => {
        fc.assert(
          fc.property(whitespace, safeCore(rule.maxLength), whitespace, (before, text, after) => {
            assert.equal(check(before + text + after), undefined);
          }),
          runs,
        );
      });

      test(`blank input: ${rule.required ? 'refused as empty' : 'accepted (the field is left out)'}`, () => {
        fc.assert(
          fc.property(whitespace, (blank) => {
            assert.equal(check(blank), rule.required ? 'empty' : undefined);
          }),
          runs,
        );
      });

      test('over-long input is refused as tooLong, whatever it holds', () => {
        fc.assert(
          fc.property(
            whitespace,
            overLong(rule.maxLength),
            fc.oneof(fc.constant(''), controlCharacter, bidiControl, loneSurrogate),
            (pad, text, extra) => {
              assert.equal(check(pad + text + extra + 'z' + pad), 'tooLong');
            },
          ),
          runs,
        );
      });

      test('a control character, a bidi control or an unpaired surrogate inside is refused with its reason', () => {
        fc.assert(
          fc.property(
            fc.oneof(
              withInside(controlCharacter, rule.maxLength).map((text) => [text, 'controlCharacters'] as const),
              withInside(bidiControl, rule.maxLength).map((text) => [text, 'bidiControls'] as const),
              withInside(loneSurrogate, rule.maxLength).map((text) => [text, 'unpairedSurrogates'] as const),
            ),
            whitespace,
            ([text, reason], pad) => {
              assert.equal(check(pad + text + pad), reason);
            },
          ),
          runs,
        );
      });

      test('accepted text is short enough and holds no unsafe character', () => {
        fc.assert(
          fc.property(anyFieldText(rule.maxLength), (text) => {
            if (check(text) !== undefined) return;
            const sent = text.trim();
            assert.ok(sent.length <= rule.maxLength);
            assert.ok(!rule.required || sent.length > 0);
            assert.doesNotMatch(sent, /[\p{Cc}\p{Bidi_Control}]/u);
            // encodeURIComponent throws on an unpaired surrogate: a check that is not the validator's.
            assert.doesNotThrow(() => encodeURIComponent(sent));
          }),
          runs,
        );
      });
    });
  }

  test('a metric name the project already has (as sent, trimmed) is refused as taken; any other safe name is not', () => {
    fc.assert(
      fc.property(safeCore(metricNameField.rule.maxLength), safeCore(metricNameField.rule.maxLength), whitespace, (name, other, pad) => {
        const taken = new Set([other.trim()]);
        assert.equal(metricNameField.check(pad + other + pad, taken), 'taken');
        assert.equal(metricNameField.check(name, taken), name.trim() === other.trim() ? 'taken' : undefined);
      }),
      runs,
    );
  });

  test('an unsafe name is refused for what it holds, before the taken check', () => {
    fc.assert(
      fc.property(withInside(bidiControl, metricNameField.rule.maxLength), (name) => {
        assert.equal(metricNameField.check(name, new Set([name.trim()])), 'bidiControls');
      }),
      runs,
    );
  });
});
