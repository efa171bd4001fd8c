import { SecretStorageError, type SecretStore } from './secret-store';
import { parseSessionRecords, serializeSessionRecords, type ParsedSessionRecords, type SessionRecord } from './session-record';

export const sessionsSecretKey = 'lucaro.sessions';

/** What was stored, as read: the records, and whatever could not be read (kept as it is). */
export type StoredSessions = ParsedSessionRecords;

/**
 * The stored document is written by a version this one cannot read (or is damaged), so it
 * is left exactly as it is: sessions of this window live in memory only.
 */
export class UnreadableSessionsDocumentError extends SecretStorageError {
  override readonly name = 'UnreadableSessionsDocumentError';
  constructor() {
    super('write');
  }
}

/**
 * All accounts live in one secret, so a write is all-or-nothing and another window sees
 * one change event per write.
 */
export class SessionStore {
  /** Public for the refresh leases, which live beside the sessions in the same storage. */
  constructor(readonly secrets: SecretStore) {}

  async read(): Promise<StoredSessions> {
    let serialized: string | undefined;
    try {
      serialized = await this.secrets.get(sessionsSecretKey);
    } catch (error) {
      throw new SecretStorageError('read', { cause: error });
    }
    return parseSessionRecords(serialized);
  }

  /**
   * Writes `records` over `basis` (what was read just before): entries of `basis` that could
   * not be read go back unchanged. A document that could not be read at all is never
   * rewritten, not even to add a session: refusing the write loses nothing, whereas
   * rewriting would destroy what a newer version stored (a downgrade, two versions side by
   * side). The caller keeps its sessions in memory and tells the user.
   */
  async write(records: readonly SessionRecord[], basis: StoredSessions): Promise<void> {
    if (basis.unreadableDocument) throw new UnreadableSessionsDocumentError();
    try {
      if (records.length === 0 && basis.unreadableEntries.length === 0) await this.secrets.delete(sessionsSecretKey);
      else await this.secrets.store(sessionsSecretKey, serializeSessionRecords(records, basis.unreadableEntries));
    } catch (error) {
      throw new SecretStorageError('write', { cause: error });
    }
  }
}
