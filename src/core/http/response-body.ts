import * as v from 'valibot';
import { MalformedResponseError, type RequestDescription } from './errors';
import { JsonTooDeepError, parseJsonText } from './json-text';

/**
 * A 2xx body read as JSON and checked against `schema`. Anything else the server sends,
 * whatever its shape, is a `MalformedResponseError`.
 */
export function parseJsonBody<T>(
  response: { status: number; text: string },
  schema: v.GenericSchema<unknown, T>,
  request: RequestDescription,
): T {
  let json: unknown;
  try {
    json = parseJsonText(response.text);
  } catch (error) {
    const detail = error instanceof JsonTooDeepError ? error.message : 'not JSON';
    throw new MalformedResponseError(response.status, detail, { request });
  }
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  // Only where and what was expected: valibot's own message quotes the received value.
  const issue = result.issues[0];
  const where = v.getDotPath(issue) ?? 'body';
  throw new MalformedResponseError(response.status, `${where}: expected ${issue.expected ?? 'another value'}`, {
    request,
  });
}
