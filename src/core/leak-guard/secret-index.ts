import { createHash, randomBytes } from 'node:crypto';
import type { SessionRecord } from '../session/session-record';

/** Which of a session's secrets a match is. */
export type LeakedSecretKind = 'apiToken' | 'accessToken' | 'refreshToken';

/** Shorter secrets are not indexed: every window of the text is this long. */
export const minimumSecretLength = 8;

/** Where to find a secret again at match time; never the secret itself. */
interface IndexEntry {
  readonly sessionId: string;
  readonly field: 'accessToken' | 'refreshToken';
  readonly kind: LeakedSecretKind;
  readonly length: number;
  /** Salted hash of the whole secret: a rotated record no longer confirms an old entry. */
  readonly digest: string;
}

/** One exact occurrence of a signed-in session's secret. */
export interface SecretMatch {
  /** UTF-16 offsets, as `TextDocument.positionAt` takes them. */
  readonly start: number;
  readonly end: number;
  readonly sessionId: string;
  readonly kind: LeakedSecretKind;
  readonly accountLabel: string;
  /** The secret's last 4 characters: all a message may show. */
  readonly lastFour: string;
  /** Stable across windows and reloads (unsalted), for "Ignore in this file". */
  readonly fingerprint: string;
}

/** The records the index was built from, as the session manager holds them now. */
export type RecordLookup = (sessionId: string) => SessionRecord | undefined;

/**
 * The secrets of the signed-in sessions as a salted rolling-hash index of their first
 * `minimumSecretLength` characters: no copy of a secret is kept here. A window of the text
 * whose hash is indexed is confirmed against the record the lookup gives at match time.
 */
export class SecretIndex {
  private readonly buckets = new Map<number, IndexEntry[]>();
  /** Low 16 bits of every indexed hash: most windows are rejected without a map lookup. */
  private readonly filter = new Uint8Array(1 << 16);
  private readonly base: number;
  /** base ^ (window - 1), mod 2^32: what the leaving character weighed. */
  private readonly leavingWeight: number;
  private readonly salt: Buffer;

  private constructor(salt: Buffer) {
    this.salt = salt;
    // An odd multiplier from the salt: windows collide differently in every window of the editor.
    this.base = (salt.readUInt32LE(0) | 1) >>> 0;
    let weight = 1;
    for (let i = 1; i < minimumSecretLength; i++) weight = Math.imul(weight, this.base);
    this.leavingWeight = weight;
  }

  static build(records: readonly SessionRecord[], salt: Buffer = randomBytes(32)): SecretIndex {
    const index = new SecretIndex(salt);
    for (const record of records) {
      if (record.kind === 'apiToken') index.add(record, 'accessToken', 'apiToken');
      else {
        index.add(record, 'accessToken', 'accessToken');
        index.add(record, 'refreshToken', 'refreshToken');
      }
    }
    return index;
  }

  get isEmpty(): boolean {
    return this.buckets.size === 0;
  }

  /** Every exact occurrence of an indexed secret in `text`, overlapping ones included, by start. */
  find(text: string, lookup: RecordLookup): SecretMatch[] {
    const matches: SecretMatch[] = [];
    const window = minimumSecretLength;
    if (this.isEmpty || text.length < window) return matches;
    const { base, leavingWeight, filter } = this;
    let hash = 0;
    for (let i = 0; i < window; i++) hash = (Math.imul(hash, base) + text.charCodeAt(i)) | 0;
    const last = text.length - window;
    for (let start = 0; ; start++) {
      if (filter[hash & 0xffff] === 1) this.confirm(text, start, hash, lookup, matches);
      if (start === last) break;
      hash = (Math.imul(hash - Math.imul(text.charCodeAt(start), leavingWeight), base) + text.charCodeAt(start + window)) | 0;
    }
    return matches;
  }

  private add(record: SessionRecord, field: IndexEntry['field'], kind: LeakedSecretKind): void {
    const secret = record[field];
    if (secret === undefined || secret.length < minimumSecretLength) return;
    const hash = this.windowHash(secret);
    const entry: IndexEntry = { sessionId: record.id, field, kind, length: secret.length, digest: this.digest(secret) };
    const bucket = this.buckets.get(hash);
    if (bucket) bucket.push(entry);
    else this.buckets.set(hash, [entry]);
    this.filter[hash & 0xffff] = 1;
  }

  private confirm(text: string, start: number, hash: number, lookup: RecordLookup, matches: SecretMatch[]): void {
    for (const entry of this.buckets.get(hash) ?? []) {
      if (start + entry.length > text.length) continue;
      const record = lookup(entry.sessionId);
      const secret = record?.[entry.field];
      if (!record || secret === undefined || secret.length !== entry.length) continue;
      if (!text.startsWith(secret, start) || this.digest(secret) !== entry.digest) continue;
      matches.push({
        start,
        end: start + secret.length,
        sessionId: record.id,
        kind: entry.kind,
        accountLabel: record.account.label,
        lastFour: secret.slice(-4),
        fingerprint: secretFingerprint(secret),
      });
    }
  }

  private windowHash(secret: string): number {
    let hash = 0;
    for (let i = 0; i < minimumSecretLength; i++) hash = (Math.imul(hash, this.base) + secret.charCodeAt(i)) | 0;
    return hash;
  }

  private digest(secret: string): string {
    return createHash('sha256').update(this.salt).update(secret).digest('base64');
  }
}

/**
 * What "Ignore in this file" remembers: a SHA-256 of a high-entropy token names it without
 * revealing it, and stays the same across reloads (an in-memory salt would not).
 */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update('lucaro-leak-guard\0').update(secret).digest('base64url');
}
