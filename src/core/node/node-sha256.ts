import { createHash } from 'node:crypto';

/** SHA-256 with Node's native `createHash`: the Node bundle carries no pure implementation. */
export function nodeSha256(bytes: Uint8Array): Uint8Array {
  // A plain Uint8Array, as on the web: a Buffer's own toString/equals/slice behave differently.
  return Uint8Array.from(createHash('sha256').update(bytes).digest());
}
