import type {
  AuthorizationCode,
  AuthorizationCodeModel,
  Client,
  RefreshToken,
  RefreshTokenModel,
  Token,
  User,
} from '@node-oauth/oauth2-server';
import type { LucaroClient } from './clients';
import { isAllowedRedirectUri } from './redirect-uri';
import { isKnownScope } from './scopes';
import type { SecretMint } from './secret-mint';
import type { GrantUser, TokenStore } from './token-store';

/** The library's model, with the two calls this server also makes itself typed precisely. */
export interface LucaroOAuthModel
  extends Omit<AuthorizationCodeModel & RefreshTokenModel, 'getClient' | 'validateRedirectUri'> {
  getClient(clientId: string, clientSecret: string | null | undefined): Promise<LucaroClient | null>;
  validateRedirectUri(redirectUri: string, client: Client): Promise<boolean>;
}

/** The storage and policy callbacks @node-oauth/oauth2-server runs the grants against. */
export function createOAuthModel(store: TokenStore, clients: ReadonlyMap<string, LucaroClient>, mint: SecretMint): LucaroOAuthModel {
  return {
    async getClient(clientId: string, clientSecret: string | null | undefined) {
      const client = clients.get(clientId);
      if (!client) return null;
      // The authorize handler asks with a null secret (no client authentication happens
      // there); the token endpoint passes what the request carried, possibly nothing.
      if (client.secret !== undefined && clientSecret !== null && clientSecret !== client.secret) {
        return null;
      }
      return client;
    },

    async validateRedirectUri(redirectUri: string) {
      return isAllowedRedirectUri(redirectUri);
    },

    async validateScope(_user: User, _client: Client, scope?: string[]) {
      if (!scope || scope.length === 0 || !scope.every(isKnownScope)) return false;
      return [...new Set(scope)];
    },

    async generateAuthorizationCode() {
      return mint.authorizationCode();
    },

    async generateAccessToken() {
      return mint.accessToken();
    },

    async generateRefreshToken() {
      return mint.refreshToken();
    },

    async saveAuthorizationCode(code, client: Client, user: User) {
      const saved: AuthorizationCode = { ...code, client, user };
      store.codes.set(code.authorizationCode, saved);
      store.remember('authorizationCodes', code.authorizationCode);
      return saved;
    },

    async getAuthorizationCode(authorizationCode: string) {
      return store.codes.get(authorizationCode) ?? null;
    },

    async revokeAuthorizationCode(code: AuthorizationCode) {
      return store.codes.delete(code.authorizationCode);
    },

    async saveToken(token: Token, client: Client, user: User) {
      const lucaroClient = client as LucaroClient;
      const grantUser = user as GrantUser;
      const scopes = token.scope ?? [];
      store.saveAccessToken({
        token: token.accessToken,
        kind: 'oauth',
        userId: grantUser.id,
        scopes,
        client: lucaroClient,
        grantUser,
        expiresAt: token.accessTokenExpiresAt,
        revoked: false,
      });
      if (token.refreshToken) {
        store.saveRefreshToken({
          token: token.refreshToken,
          scopes,
          client: lucaroClient,
          grantUser,
          expiresAt: token.refreshTokenExpiresAt,
          revoked: false,
        });
      }
      return { ...token, client, user };
    },

    async getAccessToken(accessToken: string) {
      const lookup = store.lookupBearer(accessToken);
      if (lookup.status !== 'active') return null;
      const { record } = lookup;
      if (!record.client || !record.grantUser) return null;
      return {
        accessToken,
        accessTokenExpiresAt: record.expiresAt,
        scope: [...record.scopes],
        client: record.client,
        user: record.grantUser,
      } satisfies Token;
    },

    async getRefreshToken(refreshToken: string) {
      const record = store.liveRefreshToken(refreshToken);
      if (!record) return null;
      return {
        refreshToken,
        refreshTokenExpiresAt: record.expiresAt,
        scope: [...record.scopes],
        client: record.client,
        user: record.grantUser,
      } satisfies RefreshToken;
    },

    async revokeToken(token: RefreshToken | Token) {
      return token.refreshToken !== undefined && store.retireRefreshToken(token.refreshToken);
    },
  };
}
