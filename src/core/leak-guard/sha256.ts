/**
 * A synchronous SHA-256, as the leak guard matches synchronously. Each entry brings its own
 * (`LucaroPlatform.sha256`): Node's `createHash`, or a pure one in the web worker, whose
 * `crypto.subtle.digest` is async only.
 */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/** A synchronous HMAC-SHA-256 (RFC 2104), from the same seam: Node's `createHmac`, or the web worker's pure one. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;
