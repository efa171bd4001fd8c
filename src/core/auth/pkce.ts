import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** RFC 7636 §4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]; base64url of 32 random bytes gives 43. */
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** 256 random bits: well above the 128 the state needs to be unguessable. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
