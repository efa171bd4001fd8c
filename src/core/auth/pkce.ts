import { base64url, randomBytes } from '../encoding/base64';

export interface PkcePair {
  /** RFC 7636 §4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]; base64url of 32 random bytes gives 43. */
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export async function createPkcePair(): Promise<PkcePair> {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: await s256Challenge(verifier), method: 'S256' };
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))), through WebCrypto on every platform. */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** 256 random bits: well above the 128 the state needs to be unguessable. */
export function createState(): string {
  return base64url(randomBytes(32));
}
