import * as v from 'valibot';

/** The contract's bound on a token or code: beyond it the answer is not a token. */
export const maxTokenLength = 4096;

/** RFC 6750 §2.1 `b64token`: the access token goes into `Authorization: Bearer …` as it is. */
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;
/** RFC 6749 Appendix A.17 `VSCHAR`: a refresh token only ever travels in a form body. */
const vschars = /^[\x20-\x7e]+$/;

/** A lifetime in seconds; some servers send it as a string ("3599"). Rounded and clamped later. */
const expiresInSchema = v.union([
  v.pipe(v.number(), v.minValue(0)),
  v.pipe(v.string(), v.regex(/^\d{1,15}(\.\d+)?$/), v.transform(Number)),
]);

/** `null` is how some servers say "absent"; the output has only `undefined` for it. */
function optional<T extends v.GenericSchema<unknown, unknown>>(schema: T) {
  return v.optional(v.pipe(v.nullable(schema), v.transform((value) => value ?? undefined)));
}

/** RFC 6749 §5.1, lenient on extra fields, strict on what is sent back to a server. */
export const tokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.maxLength(maxTokenLength), v.regex(b64token, 'access_token is not a b64token')),
  token_type: v.pipe(
    v.string(),
    v.check((type) => type.toLowerCase() === 'bearer', 'token_type is not Bearer'),
  ),
  expires_in: optional(expiresInSchema),
  refresh_token: optional(v.pipe(v.string(), v.maxLength(maxTokenLength), v.regex(vschars, 'refresh_token is not VSCHAR'))),
  scope: optional(v.string()),
});

export type TokenResponse = v.InferOutput<typeof tokenResponseSchema>;

/** RFC 6749 §5.2. */
export const tokenErrorSchema = v.object({
  error: v.pipe(v.string(), v.minLength(1)),
  error_description: v.optional(v.string()),
});
