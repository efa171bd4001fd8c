import type { SessionRecord } from './session-record';

/**
 * A change to the stored records, applied to whatever is stored when it is written. Every
 * mutation is idempotent: a change that could not be written is applied again over later
 * reads until a write succeeds.
 */
export type Mutation = (records: readonly SessionRecord[]) => SessionRecord[];

/** Adds `record`, dropping sessions of the same account whose scopes it covers. */
export function addRecord(record: SessionRecord): Mutation {
  return (records) => [...records.filter((existing) => existing.id !== record.id && !isSupersededBy(existing, record)), record];
}

/**
 * Puts rotated tokens in place, unless what is there is newer (another window rotated
 * later). A session removed meanwhile stays removed.
 */
export function replaceUnlessNewer(record: SessionRecord): Mutation {
  return (records) => records.map((existing) => (existing.id === record.id && !isNewer(existing, record) ? record : existing));
}

export function removeRecord(sessionId: string): Mutation {
  return (records) => records.filter((existing) => existing.id !== sessionId);
}

/**
 * Compare-and-delete: removes the session only while it still holds `refreshToken`, the one
 * the server rejected. Tokens another window rotated in meanwhile are kept.
 */
export function removeIfRefreshTokenIs(sessionId: string, refreshToken: string): Mutation {
  return (records) => records.filter((existing) => existing.id !== sessionId || existing.refreshToken !== refreshToken);
}

export function isSupersededBy(existing: SessionRecord, incoming: SessionRecord): boolean {
  return (
    existing.account.id === incoming.account.id &&
    existing.kind === incoming.kind &&
    (incoming.scopes.includes('admin') || existing.scopes.every((scope) => incoming.scopes.includes(scope)))
  );
}

/** Issued later. Only a refresh changes `receivedAt`, and it only ever grows. */
export function isNewer(a: SessionRecord, b: SessionRecord): boolean {
  return (a.receivedAt ?? 0) > (b.receivedAt ?? 0);
}

/** The later of two versions of one session. On a tie the first (the stored one) wins. */
export function newerOf(stored: SessionRecord, held: SessionRecord): SessionRecord {
  return isNewer(held, stored) ? held : stored;
}

/**
 * The stored records, except where this window holds a newer version of one (a write that
 * has not landed yet, or a read that overtook it): an older stored record never wins.
 */
export function preferNewer(stored: readonly SessionRecord[], held: readonly SessionRecord[]): SessionRecord[] {
  const byId = new Map(held.map((record) => [record.id, record]));
  return stored.map((record) => {
    const mine = byId.get(record.id);
    return mine ? newerOf(record, mine) : record;
  });
}

export function sameTokens(a: SessionRecord, b: SessionRecord): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken && a.scopes.join(' ') === b.scopes.join(' ');
}
