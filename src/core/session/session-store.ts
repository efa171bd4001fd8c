import { SecretStorageError, type SecretStore } from './secret-store';
import { parseSessionRecords, serializeSessionRecords, type ParsedSessionRecords, type SessionRecord } from './session-record';

export const sessionsSecretKey = 'lucaro.sessions';

/**
 * All accounts live in one secret, so a write is all-or-nothing and another window sees
 * one change event per write.
 */
export class SessionStore {
  constructor(private readonly secrets: SecretStore) {}

  async read(): Promise<ParsedSessionRecords> {
    let serialized: string | undefined;
    try {
      serialized = await this.secrets.get(sessionsSecretKey);
    } catch (error) {
      throw new SecretStorageError('read', { cause: error });
    }
    return parseSessionRecords(serialized);
  }

  async write(records: readonly SessionRecord[]): Promise<void> {
    try {
      if (records.length === 0) await this.secrets.delete(sessionsSecretKey);
      else await this.secrets.store(sessionsSecretKey, serializeSessionRecords(records));
    } catch (error) {
      throw new SecretStorageError('write', { cause: error });
    }
  }
}
