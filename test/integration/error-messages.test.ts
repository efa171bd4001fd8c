import * as assert from 'node:assert/strict';
import { MalformedTokenResponseError, OAuthError, TokenEndpointUnreachableError } from '../../src/core/auth/oauth-errors';
import {
  BadRequestError,
  ForeignOriginError,
  InsufficientScopeError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  UnexpectedStatusError,
} from '../../src/core/http/errors';
import { SessionEndedError } from '../../src/core/session/session-errors';
import { InvalidServiceUrlError } from '../../src/core/settings/service-url';
import { describeForLog, describeForUser } from '../../src/ui/error-messages';

/** Each core error, and a word its sentence must hold: the next step or the fact that matters. */
const cases: ReadonlyArray<readonly [Error, RegExp]> = [
  [new UnauthorizedError(), /Sign in again/],
  [new InsufficientScopeError(['read:dashboards']), /Grant it/],
  [new RateLimitedError(3_000), /Try again in 3 s/],
  [new RateLimitedError(undefined), /try again/],
  [new NotFoundError(), /Refresh/],
  [new BadRequestError(422, { serverMessage: 'name is taken' }), /name is taken/],
  [new BadRequestError(400), /Check what you entered/],
  [new ServerError(503), /HTTP 503.*Try again/],
  [new NetworkError('https://api.lucaro.dev', { timeout: true }), /did not answer in time/],
  [new NetworkError('https://api.lucaro.dev', { timeout: false, errorCode: 'ECONNREFUSED' }), /lucaro\.apiUrl/],
  [new MalformedResponseError(200, 'data.0.name: expected string'), /log has details/],
  [new UnexpectedStatusError(302), /redirect.*lucaro\.apiUrl/],
  [new UnexpectedStatusError(418), /HTTP 418/],
  [new MalformedTokenResponseError('no access_token', 200), /Try again later/],
  [new TokenEndpointUnreachableError('ECONNREFUSED'), /lucaro\.authUrl/],
  [new OAuthError('invalid_client', undefined, 401), /lucaro\.oauth\.clientId/],
  [new SessionEndedError('s1', 'Ada Lovelace'), /Ada Lovelace.*Sign in again/],
  [new InvalidServiceUrlError('lucaro.apiUrl', 'insecure'), /lucaro\.apiUrl/],
  [new ForeignOriginError('https://api.lucaro.dev', 'https://evil.test'), /evil\.test.*lucaro\.apiUrl/],
];

describe('the user-facing wording of core errors (src/ui/error-messages.ts)', () => {
  for (const [error, expected] of cases) {
    it(`${error.name}: one sentence with a next step, not the developer message`, () => {
      const sentence = describeForUser(error);
      assert.match(sentence, expected);
      assert.notEqual(sentence, error.message);
      assert.match(sentence, /[.)]$/, 'a whole sentence');
    });
  }

  it('a log line names the type, status and request, never the server message', () => {
    const error = new BadRequestError(422, { serverMessage: 'name is taken', request: { method: 'POST', path: '/v2/projects' } });
    assert.equal(describeForLog(error), 'BadRequestError (HTTP 422) on POST /v2/projects');
  });
});
