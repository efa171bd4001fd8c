import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { urlBelow } from '../../../src/core/http/request-url';
import { InvalidServiceUrlError, validateServiceUrl } from '../../../src/core/settings/service-url';

const runs = { numRuns: 2000 };
const settings = fc.constantFrom('lucaro.apiUrl', 'lucaro.authUrl');

/**
 * The origin a person reads in the setting: scheme and host as written (case aside) and the
 * port unless it is the default. Written apart from the validator, on purpose by hand.
 */
function readOrigin(value: string): string {
  const [, scheme = '', authority = ''] = /^([A-Za-z]+):\/\/([^/]*)/.exec(value.trim()) ?? [];
  const [, host = '', port] = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(authority.toLowerCase()) ?? [];
  const lowerScheme = scheme.toLowerCase();
  const defaultPort = lowerScheme === 'https' ? 443 : 80;
  const shownPort = port === undefined || Number(port) === defaultPort ? '' : `:${Number(port)}`;
  return `${lowerScheme}://${host}${shownPort}`;
}

const hostile = [
  '/', '//', '///', '/\\', '\\', '\\\\', '@', ':', '?', '#', '%', '.', '..', '/..', '/.',
  '%2F', '%2f', '%5C', '%5c', '%2E', '%2e%2e', '%252F', '%40', '%00', '%0A',
  'evil.test', 'https://', 'http://', '//evil.test', '/\\evil.test', 'user:pw@', 'a@b',
  '127.0.0.1', '[::1]', 'localhost', '0x7f.1', '2130706433', ':443', ':80', ':7070',
  ' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u00a0', '\u2028', '\u3002', '\uff0f', '\uff3c', '\u2215', 'ｅvil',
  'xn--', 'é', '\ud83d\ude00',
];
const hostilePiece = fc.oneof(fc.constantFrom(...hostile), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }));
const hostileText = fc.array(hostilePiece, { maxLength: 8 }).map((pieces) => pieces.join(''));

const segment = fc
  .stringMatching(/^[A-Za-z0-9_~!$&'()*+,;=:.-]{1,12}$/)
  .filter((text) => text !== '.' && text !== '..');
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const publicHost = fc.domain().filter((host) => !host.split('.').some((label) => label.startsWith('xn--')));
const origins = fc.oneof(
  fc.tuple(fc.constantFrom('https', 'HTTPS', 'Https'), fc.oneof(publicHost, fc.constantFrom('127.0.0.1', '[::1]', 'localhost')), port),
  fc.tuple(fc.constantFrom('http', 'HTTP'), fc.constantFrom('127.0.0.1', '[::1]', 'localhost', 'LocalHost'), port),
).map(([scheme, host, portNumber]) => `${scheme}://${host}${portNumber === undefined ? '' : `:${portNumber}`}`);
const validValues = fc
  .tuple(origins, fc.array(segment, { maxLength: 4 }), fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([origin, segments, slash, padding]) => `${padding}${origin}${segments.map((s) => `/${s}`).join('')}${slash ? '/' : ''}${padding}`);

/** What the client puts below a base: paths with ids, and anything at all. */
const apiPaths = fc.oneof(
  fc.constantFrom('/v2/me', '/v2/projects', '/v2/metrics/query'),
  fc.string().map((id) => `/v2/projects/${encodeURIComponent(id)}/dashboards`),
  fc.string({ unit: 'grapheme' }),
  hostileText,
);
const queries = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)), { maxKeys: 3 });
const tokenPaths = fc.constantFrom('oauth/token', 'oauth/revoke');

function accepted(setting: string, value: unknown): string | InvalidServiceUrlError {
  try {
    return validateServiceUrl(setting, value);
  } catch (error) {
    if (error instanceof InvalidServiceUrlError) return error;
    throw error;
  }
}

/** The property every value must satisfy: rejected with a safe error, or every URL built on it stays on the origin read. */
function checkValue(setting: string, value: string, path: string, query: Record<string, string | number | undefined>, tokenPath: string): 'accepted' | 'rejected' {
  const result = accepted(setting, value);
  if (result instanceof InvalidServiceUrlError) {
    assert.equal(result.message, `${setting} is not a usable Lucaro URL (${result.reason}).`);
    assert.deepEqual(Object.keys(result).sort(), ['name', 'reason', 'setting']);
    return 'rejected';
  }
  assert.doesNotMatch(result, /[@\\?#%\s]|[^!-~]/);
  assert.doesNotMatch(result.slice(result.indexOf('://') + 3), /\/\//);
  const expected = readOrigin(value);
  const base = new URL(result);
  assert.equal(base.origin, expected);
  assert.equal(urlBelow(base, path, query).origin, expected);
  assert.equal(urlBelow(base, tokenPath).origin, expected);
  return 'accepted';
}

describe('service URLs (property)', () => {
  test('every valid value is accepted and every API, token and revocation URL stays on the origin the user reads', () => {
    fc.assert(
      fc.property(settings, validValues, apiPaths, queries, tokenPaths, (setting, value, path, query, tokenPath) => {
        assert.equal(checkValue(setting, value, path, query, tokenPath), 'accepted');
      }),
      runs,
    );
  });

  test('hostile values after a valid start are rejected, or stay on the origin the user reads', () => {
    const outcomes = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(settings, validValues, hostileText, apiPaths, queries, tokenPaths, (setting, start, tail, path, query, tokenPath) => {
        outcomes[checkValue(setting, start.trim() + tail, path, query, tokenPath)] += 1;
      }),
      runs,
    );
    // Both branches ran: the property says something about each.
    assert.ok(outcomes.accepted > 50 && outcomes.rejected > 50, JSON.stringify(outcomes));
  });

  test('hostile values from scratch are rejected, or stay on the origin the user reads', () => {
    const value = fc
      .tuple(fc.constantFrom('https', 'http', 'HTTPS', 'ftp', 'javascript', ''), fc.constantFrom('://', ':/', ':///', ':\\\\', '://https://', ':'), hostileText, hostileText)
      .map(([scheme, separator, host, rest]) => `${scheme}${separator}${host}${rest}`);
    fc.assert(
      fc.property(settings, value, apiPaths, queries, tokenPaths, (setting, text, path, query, tokenPath) => {
        checkValue(setting, text, path, query, tokenPath);
      }),
      runs,
    );
  });

  test('the known ways out of the origin are all rejected', () => {
    const escapes = fc
      .tuple(origins, fc.constantFrom('//evil.test', '/\\evil.test', '\\evil.test', '@evil.test', '//https://a@evil.test', '/%2F%2Fevil.test', '/%5Cevil.test', '/%2e%2e/%2e%2e', '/\u3002evil', '/ /evil.test', '/\t/evil.test', '?@evil.test', '#@evil.test'))
      .map(([origin, escape]) => origin + escape);
    fc.assert(
      fc.property(settings, escapes, (setting, value) => {
        assert.ok(accepted(setting, value) instanceof InvalidServiceUrlError, value);
      }),
      runs,
    );
  });

  test('credentials in the value never reach the error', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9._~+-]{6,40}$/);
    fc.assert(
      fc.property(settings, origins, secret, secret, fc.constantFrom('', '/v2', '//x'), (setting, origin, user, password, path) => {
        const value = origin.replace('://', `://${user}:${password}@`) + path;
        const error = accepted(setting, value);
        assert.ok(error instanceof InvalidServiceUrlError);
        // The stack's frames are file paths; what the value could reach is its first line.
        const shown = `${error.message}\n${error.stack?.split('\n')[0] ?? ''}\n${JSON.stringify(error)}\n${String(error)}`;
        assert.ok(!shown.includes(user) && !shown.includes(password));
      }),
      runs,
    );
  });
});
