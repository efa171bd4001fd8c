import * as v from 'valibot';

/** RFC 6749 §5.1, lenient on extra fields. */
export const tokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  token_type: v.pipe(
    v.string(),
    v.check((type) => type.toLowerCase() === 'bearer', 'token_type is not Bearer'),
  ),
  expires_in: v.optional(v.pipe(v.number(), v.minValue(0))),
  refresh_token: v.optional(v.pipe(v.string(), v.minLength(1))),
  scope: v.optional(v.string()),
});

export type TokenResponse = v.InferOutput<typeof tokenResponseSchema>;

/** RFC 6749 §5.2. */
export const tokenErrorSchema = v.object({
  error: v.pipe(v.string(), v.minLength(1)),
  error_description: v.optional(v.string()),
});
