import fc from 'fast-check';

/** Generators for the redaction properties: secrets, the places logs keep them, and plain text. */

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const marker = '[redacted]';

const fromChars = (chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });

/** RFC 6750 `b64token`: what access tokens and most refresh tokens look like. */
export const tokenShaped: fc.Arbitrary<string> = fc
  .tuple(fromChars(`${letters}${digits}-._~+/`, 8, 48), fc.integer({ min: 0, max: 2 }))
  .map(([body, padding]) => body + '='.repeat(padding));

const printableAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  minLength: 8,
  maxLength: 48,
});

/** Secrets full of what a regular expression, a URL or JSON treats specially. */
const metacharacters = fromChars('.*+?^${}()|[]\\/-=&%#"\':;, a1Z', 8, 32);

/**
 * Everything the extension may be told to hide: b64token, RFC 6749 VSCHAR (codes and
 * refresh tokens), metacharacters, any Unicode (also lone surrogates). A secret inside the
 * marker itself cannot be hidden by it; the redactor refuses those, so they are left out here.
 */
export const registeredSecret: fc.Arbitrary<string> = fc
  .oneof(
    tokenShaped,
    printableAscii,
    metacharacters,
    fc.string({ unit: 'grapheme', minLength: 8, maxLength: 24 }),
    fc.string({ unit: 'binary', minLength: 8, maxLength: 24 }),
  )
  .filter((secret) => secret.length >= 8 && !marker.includes(secret));

/** Some secrets, and longer ones that contain them (a refresh token holding the access token). */
export const secretSet: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(registeredSecret, { minLength: 1, maxLength: 3 }),
    fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })), { maxLength: 3 }),
  )
  .map(([base, wrappers]) => [
    ...base,
    ...wrappers.map(([index, before, after]) => `${before}${base[index % base.length]!}${after}`),
  ])
  .chain((secrets) => fc.shuffledSubarray(secrets, { minLength: secrets.length, maxLength: secrets.length }));

/**
 * Words a log line of this extension is made of, secret-sounding ones included. `Bearer` and
 * `Basic` followed by a word are a credential by definition, so they appear only as a value.
 */
const ordinaryWords = [
  'Signed', 'in', 'to', 'Lucaro', 'as', 'Ada', 'Lovelace', 'the', 'token', 'state', 'code', 'secret',
  'password', 'session', 'refresh', 'expired', 'Refreshed', 'Revoked', 'projects', 'dashboards',
  'failed', 'retry', '1', 'of', '3', 'in', '250', 'ms', 'HTTP', '401', '429', '502', 'GET', 'POST',
  '/v2/projects', '/v2/me', '/oauth/token', '->', '200', '(12 ms)', 'invalid_grant', 'access_denied',
  'grant_type=refresh_token', 'error_code=invalid_grant', 'token_type', 'expires_in', 'scope',
  'read:projects', 'read:dashboards', 'limit=50', 'cursor=c_8f3a', 'ECONNREFUSED', 'é', '日本語', '✓',
  'https://api.lucaro.dev/v2/projects?limit=50&cursor=c_1', 'http://127.0.0.1:8123/callback',
  'https://auth.lucaro.dev/oauth/authorize?client_id=vscode&scope=read%3Aprojects',
  '{"token_type":"Bearer","expires_in":3600,"scope":"read:projects"}', '"next_cursor":null',
  'WWW-Authenticate: Bearer error="invalid_token"',
];
const separators = [' ', ' ', ', ', '. ', '; ', '\n', ' - ', ' / '];

/** Text with no secret in it and no slot where one would go. */
export const ordinaryText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...ordinaryWords), fc.constantFrom(...separators)), { minLength: 1, maxLength: 20 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join('').trimEnd());

/** Values that are logged and hold nothing secret. */
export const ordinaryValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    ordinaryText,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('id', 'name', 'label', 'expires_in', 'scope', 'token_type', 'next_cursor', 'kind', 'status'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Secret-slot names as code, headers and servers spell them. */
const secretNameWords = [
  ['access', 'token'], ['refresh', 'token'], ['id', 'token'], ['token'], ['code'], ['code', 'verifier'],
  ['state'], ['client', 'secret'], ['password'], ['api', 'key'], ['x', 'api', 'key'], ['authorization'],
];

const spell = (words: readonly string[], style: number): string => {
  switch (style) {
    case 0:
      return words.join('_');
    case 1:
      return words.join('-');
    case 2:
      return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
    default:
      return words.join('_').toUpperCase();
  }
};

export const secretName: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...secretNameWords), fc.integer({ min: 0, max: 3 }), fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }))
  .map(([words, style, flips]) =>
    [...spell(words, style)].map((char, index) => (flips[index] ? char.toUpperCase() : char)).join(''),
  );

const form = (entries: Record<string, string>): string => new URLSearchParams(entries).toString();

/** Where a known secret turns up in what is logged: raw, encoded, nested, thrown. */
export type SecretContext = (secret: string) => unknown;

const secretContexts: Record<string, SecretContext> = {
  plainText: (s) => `token ${s} used`,
  callbackQuery: (s) => `GET /callback?code=${encodeURIComponent(s)}&state=ok`,
  otherQuery: (s) => `GET /v2/items?name=${encodeURIComponent(s)}&limit=5`,
  formBody: (s) => form({ grant_type: 'refresh_token', refresh_token: s, client_id: 'vscode' }),
  searchParams: (s) => {
    const url = new URL('https://api.lucaro.dev/v2/search');
    url.searchParams.set('q', s);
    return url.toString();
  },
  urlPassword: (s) => {
    const url = new URL('https://api.lucaro.dev/');
    url.username = 'me';
    url.password = s;
    return `lucaro.apiUrl is not a usable Lucaro URL: ${url.href}`;
  },
  urlUser: (s) => `https://${encodeURIComponent(s)}@api.lucaro.dev/`,
  json: (s) => JSON.stringify({ access_token: s, token_type: 'Bearer', expires_in: 3600 }),
  echoedInDescription: (s) => JSON.stringify({ error: 'invalid_grant', error_description: `refresh token ${s} is not valid` }),
  escapedJson: (s) => JSON.stringify(JSON.stringify({ detail: s })),
  bearerHeader: (s) => `Authorization: Bearer ${s}`,
  otherHeader: (s) => `X-Echo: ${s}\r\nAccept: application/json`,
  errorWithCauses: (s) => new Error(`invalid_grant: ${s}`, { cause: new Error(`inner ${s}`, { cause: { detail: s } }) }),
  nestedObject: (s) => ({ request: { body: s, headers: [['x-echo', s]] }, nested: { deeper: [s] } }),
  map: (s) => new Map<unknown, unknown>([['note', s], [s, 1]]),
  array: (s) => [s, { s }],
};

/** A function that fast-check prints by the shape it builds, for readable counterexamples. */
function labelled<F extends object>(label: string, build: F): F {
  return Object.assign(build, { [fc.toStringMethod]: () => label });
}

export const secretContext: fc.Arbitrary<SecretContext> = fc
  .tuple(fc.constantFrom(...Object.entries(secretContexts)), ordinaryText, ordinaryText)
  .map(([[shape, context], before, after]) =>
    labelled(`${shape} between ${JSON.stringify(before)} and ${JSON.stringify(after)}`, (secret: string) => {
      const value = context(secret);
      return typeof value === 'string' ? `${before} ${value} ${after}` : value;
    }),
  );

/** A slot that names a secret, around a credential nobody told the redactor about. */
export type SlotContext = (name: string, credential: string) => unknown;

const slotContexts: Record<string, SlotContext> = {
  query: (n, v) => `GET /cb?x=1&${n}=${encodeURIComponent(v)}&y=2`,
  formBody: (n, v) => `grant_type=refresh_token&${n}=${encodeURIComponent(v)}`,
  commaList: (n, v) => `a=1,${n}=${v},b=2`,
  cookie: (n, v) => `Cookie: a=1; ${n}=${v}; b=2`,
  semicolonList: (n, v) => `a=1;${n}=${v}`,
  colon: (n, v) => `${n}: ${v}`,
  spacedEquals: (n, v) => `${n} = ${v}`,
  quotedParameter: (n, v) => `${n}="${v}"`,
  json: (n, v) => JSON.stringify({ kind: 'oauth', [n]: v, expires_in: 3600 }),
  prettyJson: (n, v) => JSON.stringify({ kind: 'oauth', [n]: v }, null, 2),
  escapedJson: (n, v) => JSON.stringify(JSON.stringify({ [n]: v, scope: 'read:projects' })),
  inspected: (n, v) => `{ ${n}: '${v}', label: 'Ada' }`,
  bearer: (_n, v) => `Bearer ${v}`,
  encodedBearer: (_n, v) => `Bearer%20${encodeURIComponent(v)}`,
  basic: (_n, v) => `Basic ${v}`,
  authorizationHeader: (_n, v) => `Authorization: Bearer ${v}`,
  proxyAuthorizationHeader: (_n, v) => `proxy-authorization: Basic ${v}`,
  urlPassword: (_n, v) => `https://me:${encodeURIComponent(v)}@proxy.example:8080/`,
  object: (n, v) => ({ headers: { [n]: v }, list: [{ [n]: v }] }),
  map: (n, v) => new Map([[n, v]]),
  errorWithCause: (n, v) => new Error(`refresh failed: ${n}=${v}`, { cause: { [n]: v } }),
};

export const slotContext: fc.Arbitrary<SlotContext> = fc
  .tuple(fc.constantFrom(...Object.entries(slotContexts)), ordinaryText, ordinaryText)
  .map(([[shape, context], before, after]) =>
    labelled(`${shape} between ${JSON.stringify(before)} and ${JSON.stringify(after)}`, (name: string, credential: string) => {
      const value = context(name, credential);
      return typeof value === 'string' ? `${before}\n${value}\n${after}` : value;
    }),
  );

/** The spellings a leaked secret could take in a log line, computed independently of the redactor. */
export function leakedForms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(1, -1)];
  try {
    forms.push(encodeURIComponent(secret), form({ v: secret }).slice(2));
  } catch {
    // Lone surrogates have no percent-encoding.
  }
  return forms;
}
