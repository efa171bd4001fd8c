import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { routeFailure, type FailureOrigin } from '../../../src/core/failures/route-failure';
import {
  BadRequestError,
  CancelledError,
  InsufficientScopeError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  UnexpectedStatusError,
} from '../../../src/core/http/errors';
import { SessionEndedError, UnknownSessionError } from '../../../src/core/session/session-errors';

const origins: readonly FailureOrigin[] = ['list', 'command', 'picker', 'panel'];
const others = [
  new NotFoundError(),
  new BadRequestError(422, { serverMessage: 'name taken' }),
  new ServerError(503),
  new NetworkError('https://api.lucaro.dev', { timeout: true }),
  new MalformedResponseError(200, 'data.0.name: expected string'),
  new UnexpectedStatusError(302),
  new InsufficientScopeError([]),
  new Error('anything else'),
  'not even an error',
  undefined,
];

describe('routeFailure', () => {
  for (const origin of origins) {
    test(`${origin}: a 403 naming scopes offers the step-up for exactly those scopes`, () => {
      assert.deepEqual(routeFailure(new InsufficientScopeError(['read:dashboards']), origin), { route: 'stepUp', scopes: ['read:dashboards'] });
    });
    test(`${origin}: a cancelled request shows nothing`, () => {
      assert.deepEqual(routeFailure(new CancelledError(), origin), { route: 'ignore' });
    });
    test(`${origin}: a rate limit goes to the status bar with the wait`, () => {
      assert.deepEqual(routeFailure(new RateLimitedError(3000), origin), { route: 'rateLimit', retryAfterMs: 3000 });
    });
  }

  test('a command, picker or panel whose session ended or was refused shows the session notice', () => {
    for (const origin of ['command', 'picker', 'panel'] as const) {
      for (const error of [new SessionEndedError('s', 'Ada'), new UnknownSessionError('s'), new UnauthorizedError()]) {
        assert.deepEqual(routeFailure(error, origin), { route: 'sessionEnded' }, `${origin} ${error.name}`);
      }
    }
  });

  test('a list shows its own row for everything else, the session ending included (the manager reports that once)', () => {
    for (const error of [...others, new UnauthorizedError(), new SessionEndedError('s', 'Ada')]) {
      assert.deepEqual(routeFailure(error, 'list'), { route: 'row' });
    }
  });

  test('a command never fails silently: anything else is a message', () => {
    for (const error of others) assert.deepEqual(routeFailure(error, 'command'), { route: 'message' });
  });

  test('property: every failure has a route; lists never get a message, others never only a row', () => {
    const anyFailure = fc.oneof(
      fc.constantFrom(...others, new UnauthorizedError(), new CancelledError(), new SessionEndedError('s', 'Ada')),
      fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }).map((scopes) => new InsufficientScopeError(scopes)),
      fc.option(fc.nat(), { nil: undefined }).map((wait) => new RateLimitedError(wait)),
      fc.anything(),
    );
    fc.assert(
      fc.property(anyFailure, fc.constantFrom(...origins), (error, origin) => {
        const { route } = routeFailure(error, origin);
        if (origin === 'list') assert.notEqual(route, 'message');
        else assert.notEqual(route, 'row');
      }),
      { numRuns: 2000 },
    );
  });
});
