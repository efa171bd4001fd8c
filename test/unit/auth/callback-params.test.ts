import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  parseDesktopUriCallback,
  parseLoopbackCallback,
  parseWebUriCallback,
  type CallbackQueryParser,
} from '../../../src/core/auth/callback-params';
import { InvalidCallbackError, OAuthError } from '../../../src/core/auth/oauth-errors';
import { appendQuery } from '../../server/redirect-uri';
import {
  desktopRedirectUri,
  desktopUriQuery,
  loopbackRawQuery,
  loopbackRedirectUri,
  webRedirectUri,
  webUriQuery,
} from './editor-callback-delivery';

const runs = { numRuns: 2000 };

/** RFC 6749 Appendix A VSCHAR, with the characters that break a sloppy parser drawn far more often. */
const vschar = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.constantFrom('+', '%', '&', '=', ' ', '/', '#', '?', '%2B', '%26', '%25', '%20', '%3D', '"', '\\') },
);
const vscharString = fc.string({ unit: vschar, minLength: 1, maxLength: 80 });

/** The one thing decoding lost on desktop: a value holding `&name=` for a response parameter. */
const looksLikeTwoParameters = /&(?:code|state|error|error_description|error_uri|iss)=/;

type Encoding = 'percent' | 'form';

/** Appends the response as a server would: `encodeURIComponent` (this project's server) or form encoding. */
function redirect(base: string, params: Record<string, string>, encoding: Encoding): string {
  if (encoding === 'percent') return appendQuery(base, params);
  return `${base}${base.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`;
}

interface Route {
  readonly name: string;
  readonly base: string;
  readonly deliver: (location: string) => string;
  readonly parse: CallbackQueryParser;
  /** Which server encodings survive the route exactly. */
  readonly encodings: readonly Encoding[];
}

const routes: readonly Route[] = [
  { name: 'loopback', base: loopbackRedirectUri, deliver: loopbackRawQuery, parse: parseLoopbackCallback, encodings: ['percent', 'form'] },
  { name: 'web URI handler', base: webRedirectUri, deliver: webUriQuery, parse: parseWebUriCallback, encodings: ['percent', 'form'] },
  // Form encoding sends a space as `+`; once the editor has decoded the query, that `+` is a plus.
  { name: 'desktop URI handler', base: desktopRedirectUri, deliver: desktopUriQuery, parse: parseDesktopUriCallback, encodings: ['percent'] },
];

function orderedParams(first: [string, string], second: [string, string], extra: Record<string, string>, stateFirst: boolean) {
  return stateFirst ? { ...Object.fromEntries([second, first]), ...extra } : { ...Object.fromEntries([first, second]), ...extra };
}

describe('callback query parsing, per route (RFC 6749 §4.1.2)', () => {
  for (const route of routes) {
    test(`${route.name}: any code and state come back exactly as the server sent them`, () => {
      fc.assert(
        fc.property(
          vscharString,
          vscharString,
          fc.constantFrom(...route.encodings),
          fc.boolean(),
          (code, state, encoding, stateFirst) => {
            if (route.parse === parseDesktopUriCallback) {
              fc.pre(!looksLikeTwoParameters.test(code) && !looksLikeTwoParameters.test(state));
            }
            const params = orderedParams(['code', code], ['state', state], {}, stateFirst);
            const callback = route.parse(route.deliver(redirect(route.base, params, encoding)));
            assert.deepEqual(callback, { code, state });
          },
        ),
        runs,
      );
    });

    test(`${route.name}: an error answer keeps its code and description`, () => {
      const printable = fc.string({ unit: vschar, minLength: 1, maxLength: 60 });
      fc.assert(
        fc.property(printable, printable, vscharString, fc.constantFrom(...route.encodings), (error, description, state, encoding) => {
          if (route.parse === parseDesktopUriCallback) {
            fc.pre(![error, description, state].some((value) => looksLikeTwoParameters.test(value)));
          }
          const location = redirect(route.base, { error, error_description: description, state }, encoding);
          const callback = route.parse(route.deliver(location));
          assert.ok('error' in callback);
          assert.ok(callback.error instanceof OAuthError);
          assert.equal(callback.error.code, error);
          assert.equal(callback.error.description, description);
          assert.equal(callback.state, state);
        }),
        runs,
      );
    });

    test(`${route.name}: any text at all gives a callback with a state or an InvalidCallbackError, nothing else`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: vschar, maxLength: 120 })), (query) => {
          try {
            const callback = route.parse(query);
            assert.ok(callback.state.length > 0);
            assert.ok('code' in callback ? callback.code.length > 0 : callback.error instanceof OAuthError);
          } catch (error) {
            assert.ok(error instanceof InvalidCallbackError, String(error));
          }
        }),
        runs,
      );
    });
  }

  test('a base64 code with +, / and = survives the desktop route (decoding twice turned + into a space)', () => {
    const code = 'Kx+9/ab+c%2Bd%26e==';
    const query = desktopUriQuery(appendQuery(desktopRedirectUri, { code, state: 'st' }));
    assert.equal(query, 'code=Kx+9/ab+c%2Bd%26e==&state=st', 'the editor has decoded the query once');
    assert.deepEqual(parseDesktopUriCallback(query), { code, state: 'st' });
  });

  test('routing parameters of the web editor and unknown parameters are left out', () => {
    assert.deepEqual(parseWebUriCallback('?vscode-reqid=1&code=abc&state=xyz&session_state=q'), { code: 'abc', state: 'xyz' });
    assert.deepEqual(parseDesktopUriCallback('windowId=_blank&code=a&b=c&state=xyz'), { code: 'a&b=c', state: 'xyz' });
  });

  test('missing state or code, a repeated parameter, or a code beside an error are refused', () => {
    const reason = (parse: CallbackQueryParser, query: string) => {
      try {
        parse(query);
      } catch (error) {
        if (error instanceof InvalidCallbackError) return error.reason;
        throw error;
      }
      return 'accepted';
    };
    for (const parse of [parseLoopbackCallback, parseWebUriCallback, parseDesktopUriCallback]) {
      assert.equal(reason(parse, 'code=abc'), 'missingState');
      assert.equal(reason(parse, 'state=s'), 'missingCode');
      assert.equal(reason(parse, 'state=s&code='), 'missingCode');
      assert.equal(reason(parse, 'code=a&state=s&state=t'), 'repeatedParameter');
      assert.equal(reason(parse, 'code=a&code=b&state=s'), 'repeatedParameter');
      assert.equal(reason(parse, 'code=a&error=access_denied&state=s'), 'codeAndError');
      assert.equal(reason(parse, '%%%garbage'), 'missingState');
    }
  });

  test('control characters in an error description never reach the error message', () => {
    const callback = parseLoopbackCallback('error=access_denied%0A&error_description=no%0D%0AINFO%20forged%00&state=s');
    assert.ok('error' in callback);
    assert.equal(callback.error.code, 'access_denied');
    assert.equal(callback.error.description, 'noINFO forged');
  });
});
