import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fallbackTimeLocale, InvalidTimeError, TimeFormat, timeLocale } from '../../../src/core/time-format';

/** What `vscode.env.language` may hold, and worse: odd, private, malformed and empty tags. */
const oddLocales = [
  'en', 'de', 'de-DE', 'en-US', 'en-GB', 'fr', 'ja', 'ko', 'zh-cn', 'zh-tw', 'pt-br', 'ar', 'he', 'th', 'hi', 'fa', 'sr-Latn',
  'qps-ploc', 'und', 'tlh', 'x', '', ' ', 'en_US', 'EN', ' en', 'i-klingon', 'x-private', 'root', 'C', 'POSIX', '*', '123',
  'toolongsubtag', 'en-u-ca-islamic', 'en-u-ca-chinese', 'ja-JP-u-ca-japanese', 'ar-u-nu-arab', 'de-u-hc-h12', 'th-u-ca-buddhist',
  '__proto__', 'constructor', 'en--US', 'en-', '-en', 'de-DE-u-', '\u0000',
];
const locale = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...oddLocales) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z]{1,9}(-[a-zA-Z0-9]{1,9}){0,3}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
/** Every time a Date holds: ±8.64e15 ms, fractions of a millisecond and -0 included. */
const maxEpochMs = 8.64e15;
const epochMs = fc.oneof(
  fc.integer({ min: -maxEpochMs, max: maxEpochMs }),
  fc.double({ min: -maxEpochMs, max: maxEpochMs, noNaN: true }),
  fc.constantFrom(-maxEpochMs, maxEpochMs, 0, -0, Date.UTC(2026, 0, 5, 14, 4, 5)),
);

describe('times in the editor\'s display language', () => {
  test('property: any valid time in any locale tag formats to a non-empty string, in a locale Intl supports or "en"', () => {
    fc.assert(
      fc.property(locale, epochMs, (tag, ms) => {
        const times = new TimeFormat(tag);
        assert.ok(times.locale === fallbackTimeLocale || Intl.DateTimeFormat.supportedLocalesOf([times.locale]).length === 1, times.locale);
        assert.ok(times.time(ms).trim().length > 0);
        assert.ok(times.dateTime(ms).trim().length > 0);
      }),
      { numRuns: 1000 },
    );
  });

  test('every listed tag, at the ends of the Date range', () => {
    for (const tag of oddLocales) {
      const times = new TimeFormat(tag);
      for (const ms of [-maxEpochMs, 0, maxEpochMs]) assert.ok(times.time(ms).length > 0 && times.dateTime(ms).length > 0, `${JSON.stringify(tag)} at ${ms}`);
    }
  });

  test('a tag Intl refuses, or accepts with no data for it (qps-ploc, und), is shown in "en", not the system\'s locale', () => {
    for (const tag of ['qps-ploc', 'und', 'tlh', 'x', '', 'en_US', 'i-klingon', '*']) assert.equal(timeLocale(tag), 'en', tag);
    assert.equal(timeLocale('zh-cn'), 'zh-CN');
    assert.equal(timeLocale('pt-br'), 'pt-BR');
    assert.equal(timeLocale('de'), 'de');
  });

  test('en and de, as toLocaleTimeString and toLocaleString give them in that locale', () => {
    const at = Date.UTC(2026, 0, 5, 14, 4, 5);
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      assert.equal(new TimeFormat('en').time(at).replace(/\s/g, ' '), '2:04:05 PM');
      assert.equal(new TimeFormat('en').dateTime(at).replace(/\s/g, ' '), '1/5/2026, 2:04:05 PM');
      assert.equal(new TimeFormat('de').time(at), '14:04:05');
      assert.equal(new TimeFormat('de').dateTime(at), '5.1.2026, 14:04:05');
      assert.equal(new TimeFormat('qps-ploc').time(at), new TimeFormat('en').time(at));
      for (const tag of ['en', 'de', 'fr', 'ja']) {
        assert.equal(new TimeFormat(tag).time(at), new Date(at).toLocaleTimeString(tag), tag);
        assert.equal(new TimeFormat(tag).dateTime(at), new Date(at).toLocaleString(tag), tag);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('the system locale does not leak in: on a German system, en stays English and qps-ploc is "en"', () => {
    const module = join(__dirname, '..', '..', '..', 'src', 'core', 'time-format.ts');
    const script = `const { TimeFormat } = require(${JSON.stringify(module)});
      const at = Date.UTC(2026, 0, 5, 14, 4, 5);
      console.log(JSON.stringify([new Date(at).toLocaleString(), new TimeFormat('en').dateTime(at), new TimeFormat('qps-ploc').dateTime(at), new TimeFormat('qps-ploc').locale]));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8', TZ: 'UTC' },
      encoding: 'utf8',
    });
    const [system, english, pseudo, pseudoLocale] = JSON.parse(output) as string[];
    assert.equal(system, '5.1.2026, 14:04:05', 'the child runs with a German system locale');
    assert.equal(english?.replace(/\s/g, ' '), '1/5/2026, 2:04:05 PM');
    assert.equal(pseudo, english);
    assert.equal(pseudoLocale, 'en');
  });

  test('a time no Date holds is an InvalidTimeError', () => {
    const times = new TimeFormat('en');
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, maxEpochMs + 1, -maxEpochMs - 1]) {
      assert.throws(() => times.time(ms), InvalidTimeError);
      assert.throws(() => times.dateTime(ms), InvalidTimeError);
    }
  });
});
