/** The part of the editor's `SecretStorage` the session layer needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** Reading or writing secret storage failed: not the same thing as "signed out". */
export class SecretStorageError extends Error {
  override readonly name: string = 'SecretStorageError';
  constructor(readonly operation: 'read' | 'write', options?: { cause?: unknown }) {
    super(`The editor's secret storage could not ${operation} Lucaro sessions.`, options);
  }
}
