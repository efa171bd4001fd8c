import type * as vscode from 'vscode';

const clientSecretKey = 'lucaro.oauth.clientSecret';

/** The optional OAuth client secret of a confidential deployment: secret storage only, never settings. */
export class ClientSecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    return (await this.secrets.get(clientSecretKey)) || undefined;
  }

  async set(secret: string | undefined): Promise<void> {
    if (secret) await this.secrets.store(clientSecretKey, secret);
    else await this.secrets.delete(clientSecretKey);
  }
}
