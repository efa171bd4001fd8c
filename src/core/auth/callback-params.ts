import { InvalidCallbackError, OAuthError } from './oauth-errors';

export type AuthorizationCallback =
  | { readonly state: string; readonly code: string }
  | { readonly state: string; readonly error: OAuthError };

/** Reads a redirect's query in the form one route delivers it. */
export type CallbackQueryParser = (query: string) => AuthorizationCallback;

/** RFC 6749 §4.1.2 and §4.1.2.1, RFC 9207: the parameters an authorization response may carry. */
const responseParameters = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'] as const;
type ResponseParameter = (typeof responseParameters)[number];

const startsParameter = new RegExp(`&(?=(?:${responseParameters.join('|')})=)`);

/**
 * The loopback route: the query of the request target as the browser sent it, still
 * percent-encoded (`application/x-www-form-urlencoded`, RFC 6749 Appendix B). Decoded once.
 */
export function parseLoopbackCallback(rawQuery: string): AuthorizationCallback {
  return fromParameters(formDecodedParameters(rawQuery));
}

/**
 * The URI handler in a browser-based editor: the editor's callback page decodes the query
 * and serialises it again with `URLSearchParams` before `Uri.query` is built from it, so
 * `query` is form-encoded exactly once. Decoded once.
 */
export function parseWebUriCallback(query: string): AuthorizationCallback {
  return fromParameters(formDecodedParameters(query));
}

/**
 * The URI handler in a desktop editor: `Uri.parse` has already percent-decoded the query
 * once, so decoding again would turn a `+` into a space and `%2B` into `+`. Nothing is
 * decoded; the query is cut only where `&` starts a parameter an authorization response
 * can carry, so a `&` or `=` inside a code stays in it. (That decoding lost the difference
 * between `&` and `%26`: a value holding `&code=`, `&state=` and the like cannot be told
 * apart from two parameters, and a repeated parameter is refused.)
 */
export function parseDesktopUriCallback(query: string): AuthorizationCallback {
  const parameters = new Map<ResponseParameter, string>();
  for (const segment of stripQuestionMark(query).split(startsParameter)) {
    const separator = segment.indexOf('=');
    const name = responseParameterName(segment.slice(0, separator));
    // Only the first segment can lack a known name: whatever came before the response.
    if (separator === -1 || !name) continue;
    addOnce(parameters, name, segment.slice(separator + 1));
  }
  return fromParameters(parameters);
}

function formDecodedParameters(query: string): Map<ResponseParameter, string> {
  const parameters = new Map<ResponseParameter, string>();
  for (const [key, value] of new URLSearchParams(stripQuestionMark(query))) {
    const name = responseParameterName(key);
    if (name) addOnce(parameters, name, value);
  }
  return parameters;
}

/** RFC 6749 §3.1: a parameter must not be sent twice; a repeated one could smuggle a second code. */
function addOnce(parameters: Map<ResponseParameter, string>, name: ResponseParameter, value: string): void {
  if (parameters.has(name)) throw new InvalidCallbackError('repeatedParameter');
  parameters.set(name, value);
}

function fromParameters(parameters: ReadonlyMap<ResponseParameter, string>): AuthorizationCallback {
  const state = parameters.get('state');
  if (!state) throw new InvalidCallbackError('missingState');
  const code = parameters.get('code');
  const error = parameters.get('error');
  if (error) {
    if (code) throw new InvalidCallbackError('codeAndError');
    const description = parameters.get('error_description');
    return { state, error: new OAuthError(printable(error), description ? printable(description) : undefined) };
  }
  if (!code) throw new InvalidCallbackError('missingCode');
  return { state, code };
}

function responseParameterName(key: string): ResponseParameter | undefined {
  return responseParameters.find((name) => name === key);
}

function stripQuestionMark(query: string): string {
  return query.startsWith('?') ? query.slice(1) : query;
}

/**
 * RFC 6749 §4.1.2.1 allows only printable ASCII in `error` and `error_description`; anything
 * else (line breaks to forge log lines, say) is dropped before the text reaches a log or a message.
 */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '').slice(0, 500);
}
