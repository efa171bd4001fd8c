import type { SecretStore } from '../../src/core/session/secret-store';

/**
 * Secret storage in memory, for core tests only (the in-editor tests use the editor's own).
 * Several managers over one instance behave like several windows over one profile.
 */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  failReads = false;
  failWrites = false;
  writes = 0;

  async get(key: string): Promise<string | undefined> {
    if (this.failReads) throw new Error('keychain locked');
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failWrites) throw new Error('keychain locked');
    this.writes++;
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    if (this.failWrites) throw new Error('keychain locked');
    this.writes++;
    this.values.delete(key);
  }
}
