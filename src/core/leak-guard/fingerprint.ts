import { base64, base64url, randomBytes } from '../encoding/base64';
import type { HmacSha256 } from './sha256';

/** Names a secret for "Ignore in this file" without revealing it. */
export type Fingerprint = (secret: string) => string;

/** The fingerprint key's length: HMAC-SHA-256's block-size-independent full strength. */
export const fingerprintKeyBytes = 32;

/**
 * What "Ignore in this file" remembers: HMAC-SHA-256 of the secret under a key kept in
 * SecretStorage. An unkeyed hash in `workspaceState` would let anyone with a copy of it
 * confirm a guessed or leaked token offline; without the key the fingerprint confirms nothing.
 */
export function keyedFingerprint(key: Uint8Array, hmacSha256: HmacSha256): Fingerprint {
  return (secret) => base64url(hmacSha256(key, utf8.encode(`lucaro-leak-guard\0${secret}`)));
}

export function newFingerprintKey(): Uint8Array {
  return randomBytes(fingerprintKeyBytes);
}

/** The key as SecretStorage holds it (a string). */
export function encodeFingerprintKey(key: Uint8Array): string {
  return base64(key);
}

/** The stored key, or undefined for anything that is not 32 bytes of base64. */
export function decodeFingerprintKey(stored: unknown): Uint8Array | undefined {
  if (typeof stored !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(stored)) return undefined;
  const binary = atob(stored);
  const key = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return key.length === fingerprintKeyBytes ? key : undefined;
}

const utf8 = new TextEncoder();
