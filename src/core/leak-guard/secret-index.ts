import { base64, randomBytes } from '../encoding/base64';
import type { SessionRecord } from '../session/session-record';
import type { Fingerprint } from './fingerprint';
import type { Sha256 } from './sha256';

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
  /** Where in the secret the hashed window starts. */
  readonly offset: number;
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
  /** Keyed (`keyedFingerprint`), stable across windows and reloads, for "Ignore in this file". */
  readonly fingerprint: string;
}

export interface ScanOptions {
  /** At most this many matches are returned; the rest are only counted. */
  readonly limit?: number;
  /** Fingerprints whose matches are left out and not counted (the ones ignored in this file). */
  readonly skip?: (fingerprint: string) => boolean;
}

export interface ScanResult {
  /** By start; at most `limit` of them. */
  readonly matches: SecretMatch[];
  /** Occurrences beyond `limit`, counted without a match object each. */
  readonly beyondLimit: number;
}

/** The records the index was built from, as the session manager holds them now. */
export type RecordLookup = (sessionId: string) => SessionRecord | undefined;

interface IndexedSecret {
  readonly record: SessionRecord;
  readonly field: IndexEntry['field'];
  readonly kind: LeakedSecretKind;
  readonly value: string;
}

/**
 * The secrets of the signed-in sessions as salted hashes of short windows of them
 * (`minimumSecretLength` characters at each of the first `step` offsets): no copy of a
 * secret is kept here. The text is sampled every `step` characters, where `step` is how far
 * the window can slide inside the shortest secret, so every occurrence of every secret
 * covers exactly one sampled window at one of the hashed offsets. A sampled window whose
 * hash is indexed is confirmed against the record the lookup gives at match time.
 */
export class SecretIndex {
  private readonly buckets = new Map<number, IndexEntry[]>();
  /** Low 16 bits of every indexed hash: most windows are rejected without a map lookup. */
  private readonly filter = new Uint8Array(1 << 16);
  private readonly base: number;
  private readonly salt: Uint8Array;
  private step = 1;

  private constructor(
    private readonly sha256: Sha256,
    private readonly fingerprint: Fingerprint,
    salt: Uint8Array,
  ) {
    this.salt = salt;
    // An odd multiplier from the salt: windows collide differently in every window of the editor.
    this.base = (new DataView(salt.buffer, salt.byteOffset, salt.byteLength).getUint32(0, true) | 1) >>> 0;
  }

  static build(records: readonly SessionRecord[], sha256: Sha256, fingerprint: Fingerprint, salt: Uint8Array = randomBytes(32)): SecretIndex {
    const index = new SecretIndex(sha256, fingerprint, salt);
    const secrets = records.flatMap((record) => secretsOf(record)).filter((secret) => secret.value.length >= minimumSecretLength);
    if (secrets.length === 0) return index;
    index.step = Math.min(...secrets.map((secret) => secret.value.length)) - minimumSecretLength + 1;
    for (const secret of secrets) index.add(secret);
    return index;
  }

  get isEmpty(): boolean {
    return this.buckets.size === 0;
  }

  /** Every exact occurrence of an indexed secret in `text`, overlapping ones included, by start. */
  find(text: string, lookup: RecordLookup): SecretMatch[] {
    return this.scan(text, lookup).matches;
  }

  /**
   * Like `find`, but holds at most `limit` matches (the first found) and counts the rest: a
   * file holding a token 100,000 times costs one pass and `limit` objects. Each entry is
   * confirmed against its record (hash, fingerprint) once per scan, not once per occurrence.
   */
  scan(text: string, lookup: RecordLookup, { limit = Infinity, skip }: ScanOptions = {}): ScanResult {
    const found: ScanState = { matches: [], beyondLimit: 0, limit, skip, confirmed: new Map(), lookup };
    const window = minimumSecretLength;
    if (this.isEmpty) return found;
    const { base, filter, step } = this;
    const last = text.length - window;
    for (let sample = 0; sample <= last; sample += step) {
      let hash = 0;
      for (let i = 0; i < window; i++) hash = (Math.imul(hash, base) + text.charCodeAt(sample + i)) | 0;
      if (filter[hash & 0xffff] === 1) this.confirm(text, sample, hash, found);
    }
    found.matches.sort((a, b) => a.start - b.start || a.end - b.end);
    return { matches: found.matches, beyondLimit: found.beyondLimit };
  }

  private add({ record, field, kind, value }: IndexedSecret): void {
    const digest = this.digest(value);
    for (let offset = 0; offset < this.step; offset++) {
      const hash = this.windowHash(value, offset);
      const entry: IndexEntry = { sessionId: record.id, field, kind, length: value.length, offset, digest };
      const bucket = this.buckets.get(hash);
      if (bucket) bucket.push(entry);
      else this.buckets.set(hash, [entry]);
      this.filter[hash & 0xffff] = 1;
    }
  }

  private confirm(text: string, sample: number, hash: number, found: ScanState): void {
    for (const entry of this.buckets.get(hash) ?? []) {
      const start = sample - entry.offset;
      if (start < 0 || start + entry.length > text.length) continue;
      const secret = this.confirmed(entry, found);
      if (!secret || !text.startsWith(secret.value, start)) continue;
      if (found.skip?.(secret.match.fingerprint)) continue;
      if (found.matches.length < found.limit) found.matches.push({ start, end: start + entry.length, ...secret.match });
      else found.beyondLimit++;
    }
  }

  /** The entry's secret as its record holds it now, if the record still has that secret; once per scan. */
  private confirmed(entry: IndexEntry, found: ScanState): ConfirmedSecret | undefined {
    if (found.confirmed.has(entry)) return found.confirmed.get(entry);
    const record = found.lookup(entry.sessionId);
    const value = record?.[entry.field];
    const confirmed =
      record && value !== undefined && value.length === entry.length && this.digest(value) === entry.digest
        ? {
            value,
            match: {
              sessionId: record.id,
              kind: entry.kind,
              accountLabel: record.account.label,
              lastFour: value.slice(-4),
              fingerprint: this.fingerprint(value),
            },
          }
        : undefined;
    found.confirmed.set(entry, confirmed);
    return confirmed;
  }

  private windowHash(secret: string, offset: number): number {
    let hash = 0;
    for (let i = offset; i < offset + minimumSecretLength; i++) hash = (Math.imul(hash, this.base) + secret.charCodeAt(i)) | 0;
    return hash;
  }

  private digest(secret: string): string {
    return base64(this.sha256(concatBytes(this.salt, utf8.encode(secret))));
  }
}

interface ConfirmedSecret {
  readonly value: string;
  readonly match: Omit<SecretMatch, 'start' | 'end'>;
}

interface ScanState extends ScanResult {
  beyondLimit: number;
  readonly limit: number;
  readonly skip: ScanOptions['skip'];
  /** Per entry: its secret as confirmed against the record, or undefined when the record no longer has it. */
  readonly confirmed: Map<IndexEntry, ConfirmedSecret | undefined>;
  readonly lookup: RecordLookup;
}

function secretsOf(record: SessionRecord): IndexedSecret[] {
  if (record.kind === 'apiToken') return [{ record, field: 'accessToken', kind: 'apiToken', value: record.accessToken }];
  const secrets: IndexedSecret[] = [{ record, field: 'accessToken', kind: 'accessToken', value: record.accessToken }];
  if (record.refreshToken !== undefined) secrets.push({ record, field: 'refreshToken', kind: 'refreshToken', value: record.refreshToken });
  return secrets;
}

const utf8 = new TextEncoder();

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const both = new Uint8Array(first.length + second.length);
  both.set(first);
  both.set(second, first.length);
  return both;
}
