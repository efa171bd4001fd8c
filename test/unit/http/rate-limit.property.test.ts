import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHttpDate } from '../../../src/core/http/http-date';
import { MAX_SERVER_WAIT_MS, parseRateLimit, parseRetryAfter } from '../../../src/core/http/rate-limit';
import { errorFromResponse } from '../../../src/core/http/response-errors';
import { resolveRetryOptions, retryDelay } from '../../../src/core/http/retry-policy';

const runs = { numRuns: 3000 };
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const imfFixdate = (d: Date) => d.toUTCString();
const rfc850 = (d: Date) =>
  `${LONG_DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${time(d)} GMT`;
const asctime = (d: Date) =>
  `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${pad(d.getUTCFullYear(), 4)}`;
const time = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** Whole seconds from year 0 to 9999: what the three forms can write. */
const dates = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
const nows = fc.integer({ min: Date.parse('1970-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') });

/** Header values as a server, a proxy or an attacker might send them. */
const headerText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 400n }).map(String),
  fc.integer().map(String),
  fc.double().map(String),
  fc.tuple(dates, fc.constantFrom(imfFixdate, rfc850, asctime)).map(([d, format]) => format(d)),
  fc.tuple(dates, fc.integer({ min: 0, max: 28 }), fc.string({ maxLength: 2 })).map(([d, at, insert]) => {
    const text = imfFixdate(d);
    return text.slice(0, at) + insert + text.slice(at + 1);
  }),
  fc.constantFrom('', ' ', 'Infinity', 'NaN', '-0', '1e400', '0x10', '  7  ', '9'.repeat(400)),
);
const optionalHeader = fc.option(headerText, { nil: undefined });

function assertBoundedWait(wait: number | undefined, cap: number): void {
  if (wait === undefined) return;
  assert.ok(Number.isFinite(wait), `wait ${wait}`);
  assert.ok(wait >= 0 && wait <= cap, `wait ${wait} outside [0, ${cap}]`);
}

describe('rate-limit headers (property)', () => {
  test('Retry-After of any text is no wait, or a finite one within [0, one hour]', () => {
    fc.assert(
      fc.property(headerText, nows, (value, now) => {
        assertBoundedWait(parseRetryAfter(value, now), MAX_SERVER_WAIT_MS);
      }),
      runs,
    );
  });

  test('X-RateLimit-* of any text is nothing, or safe integers and a valid reset date', () => {
    fc.assert(
      fc.property(headerText, headerText, headerText, (limit, remaining, reset) => {
        const info = parseRateLimit({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': reset });
        if (info === undefined) return;
        assert.ok(Number.isSafeInteger(info.limit) && info.limit >= 0);
        assert.ok(Number.isSafeInteger(info.remaining) && info.remaining >= 0);
        assert.ok(!Number.isNaN(info.resetAt.getTime()));
      }),
      runs,
    );
  });

  test('after a 429 with any headers, the wait asked for and every retry wait are finite and within the caps', () => {
    const policy = resolveRetryOptions({ random: Math.random });
    fc.assert(
      fc.property(
        optionalHeader,
        optionalHeader,
        optionalHeader,
        nows,
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: policy.maxTotalWaitMs }),
        (retryAfter, remaining, reset, now, retry, waited) => {
          const headers = { 'retry-after': retryAfter, 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': reset };
          const error = errorFromResponse({ status: 429, headers, text: '' }, { method: 'GET', path: '/v2/me' }, now);
          assert.ok('retryAfterMs' in error);
          assertBoundedWait(error.retryAfterMs, MAX_SERVER_WAIT_MS);
          assert.doesNotMatch(error.message, /NaN|Infinity/);
          const wait = retryDelay(error, retry, waited, policy);
          assertBoundedWait(wait, policy.maxTotalWaitMs - waited);
        },
      ),
      runs,
    );
  });

  test('every date written in one of the three RFC 9110 forms reads back as itself', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -49, max: 50 }), (date, yearsAhead) => {
        assert.equal(parseHttpDate(imfFixdate(date), 0), date.getTime(), imfFixdate(date));
        assert.equal(parseHttpDate(asctime(date), 0), date.getTime(), asctime(date));
        // Two-digit years are read within 50 years of now (RFC 9110 §5.6.7).
        const now = new Date(0);
        now.setUTCFullYear(date.getUTCFullYear() - yearsAhead, 6, 1);
        assert.equal(parseHttpDate(rfc850(date), now.getTime()), date.getTime(), rfc850(date));
      }),
      runs,
    );
  });

  test('a Retry-After date reads as the time until it, capped', () => {
    fc.assert(
      fc.property(dates, nows, (date, now) => {
        const expected = Math.min(MAX_SERVER_WAIT_MS, Math.max(0, date.getTime() - now));
        assert.equal(parseRetryAfter(imfFixdate(date), now), expected);
      }),
      runs,
    );
  });

  test('IMF-fixdate fields are accepted exactly when they name a real time', () => {
    const fields = fc.record({
      day: fc.constantFrom(...DAYS),
      date: fc.integer({ min: 0, max: 99 }),
      month: fc.integer({ min: 0, max: 11 }),
      year: fc.integer({ min: 0, max: 9999 }),
      hour: fc.integer({ min: 0, max: 99 }),
      minute: fc.integer({ min: 0, max: 99 }),
      second: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(fields, (f) => {
        const text = `${f.day}, ${pad(f.date)} ${MONTHS[f.month]} ${pad(f.year, 4)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} GMT`;
        const parsed = parseHttpDate(text, 0);
        const lastDay = new Date(Date.UTC(2001, f.month + 1, 0)).getUTCDate() + (f.month === 1 && isLeapYear(f.year) ? 1 : 0);
        const real = f.date >= 1 && f.date <= lastDay && f.hour <= 23 && f.minute <= 59;
        assert.equal(parsed !== undefined, real, text);
        if (parsed === undefined) return;
        const d = new Date(parsed);
        assert.deepEqual(
          [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()],
          [f.year, f.month, f.date, f.hour, f.minute, f.second],
        );
      }),
      runs,
    );
  });
});

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
