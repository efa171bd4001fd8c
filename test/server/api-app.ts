import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { ApiDeps } from './api-context';
import { ApiError } from './api-error';
import { apiGate } from './api-gate';
import { sendApiError } from './api-responses';
import { registerApiRoutes } from './api-routes';
import { cors } from './cors';

/** The API origin: /v2 behind the gate, errors in the contract's body. */
export function createApiApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag/304 dance: clients and tests should always see the full answer.
  app.set('etag', false);

  app.use(cors(['GET', 'POST', 'PATCH'], () => (deps.counters.corsPreflights += 1)));
  app.use('/v2', apiGate(deps));
  // Raw text, parsed by the routes: a non-JSON body must become a contract 400, after auth.
  app.use('/v2', express.text({ type: () => true, limit: '1mb' }));
  registerApiRoutes(app, deps);

  app.use((req: Request) => {
    throw new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}.`);
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ApiError) {
      sendApiError(res, error);
      return;
    }
    const status = httpStatusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : 'invalid_request';
      sendApiError(res, new ApiError(status, code, error instanceof Error ? error.message : 'Bad request.'));
      return;
    }
    console.error('[lucaro-server] unexpected error', error);
    sendApiError(res, new ApiError(500, 'internal_error', 'Internal server error.'));
  });

  return app;
}

/** body-parser and friends attach the HTTP status they mean. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' ? value : undefined;
}
