/**
 * A synchronous SHA-256, as the leak guard matches synchronously. Each entry brings its own
 * (`LucaroPlatform.sha256`): Node's `createHash`, or a pure one in the web worker, whose
 * `crypto.subtle.digest` is async only.
 */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;
