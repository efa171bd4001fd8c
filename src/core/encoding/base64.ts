/** RFC 4648 §4, padded: what Node's `Buffer#toString('base64')` gives. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: spreading a long array into fromCharCode would overflow the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** RFC 4648 §5, unpadded (RFC 7636 appendix A): what Node's `Buffer#toString('base64url')` gives. */
export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** `count` bytes from the platform's cryptographic random source. */
export function randomBytes(count: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}
