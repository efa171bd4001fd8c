import type { Client } from '@node-oauth/oauth2-server';

export const publicClientId = 'lucaro-vscode';

/** A registered OAuth application; `secret` is set only for confidential clients. */
export interface LucaroClient extends Client {
  readonly id: string;
  readonly grants: string[];
  readonly redirectUris: string[];
  readonly secret?: string;
}

export function createClients(confidential?: { clientId: string; clientSecret: string }): Map<string, LucaroClient> {
  const grants = ['authorization_code', 'refresh_token'];
  // The library insists on a non-empty list; the real check is validateRedirectUri in the model.
  const redirectUris = ['vscode://lucaro.lucaro/auth/callback'];
  const clients = new Map<string, LucaroClient>();
  clients.set(publicClientId, { id: publicClientId, grants, redirectUris });
  if (confidential) {
    clients.set(confidential.clientId, {
      id: confidential.clientId,
      grants,
      redirectUris,
      secret: confidential.clientSecret,
    });
  }
  return clients;
}
