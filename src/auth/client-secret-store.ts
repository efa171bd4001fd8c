import type * as vscode from 'vscode';
import type { SecretRedactor } from '../core/log/redact';

const clientSecretKey = 'lucaro.oauth.clientSecret';

/**
 * The optional OAuth client secret of a confidential deployment: secret storage only, never
 * settings. The redactor learns it whenever it is read or set, before it can reach a log.
 */
export class ClientSecretStore {
  constructor(
    private readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>,
    private readonly redactor: Pick<SecretRedactor, 'remember'>,
  ) {}

  async get(): Promise<string | undefined> {
    const secret = (await this.secrets.get(clientSecretKey)) || undefined;
    this.redactor.remember(secret);
    return secret;
  }

  async set(secret: string | undefined): Promise<void> {
    this.redactor.remember(secret);
    if (secret) await this.secrets.store(clientSecretKey, secret);
    else await this.secrets.delete(clientSecretKey);
  }
}
