import type { Response } from 'express';
import type { ApiDeps } from './api-context';
import type { ApiError } from './api-error';

/** Not JSON, though labelled as such: what a misbehaving proxy might hand back. */
const garbageBody = '<html><body><h1>Upstream reset</h1></body></html>{"data":[{"id":';

export function sendJson(deps: ApiDeps, res: Response, status: number, body: unknown): void {
  if (status === 200 && deps.faults.roll(deps.runtime.malformedRate)) {
    sendGarbage(res);
    return;
  }
  res.status(status).json(body);
}

export function sendGarbage(res: Response): void {
  res.status(200).type('application/json').send(garbageBody);
}

export function sendApiError(res: Response, error: ApiError): void {
  res.status(error.status).set(error.headers).json(error.body);
}

export function retryAfterValue(deps: ApiDeps, seconds: number, now = Date.now()): string {
  if (deps.runtime.retryAfterFormat === 'seconds') return String(seconds);
  // Rounded up to the next whole second, so the date is never earlier than promised.
  return new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString();
}
