import { createHash, createHmac } from 'node:crypto';

/** SHA-256 with Node's native `createHash`: the Node bundle carries no pure implementation. */
export function nodeSha256(bytes: Uint8Array): Uint8Array {
  // A plain Uint8Array, as on the web: a Buffer's own toString/equals/slice behave differently.
  return Uint8Array.from(createHash('sha256').update(bytes).digest());
}

/** HMAC-SHA-256 with Node's native `createHmac`, a plain Uint8Array like `nodeSha256`. */
export function nodeHmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return Uint8Array.from(createHmac('sha256', key).update(message).digest());
}
