import type { AuthorizationCode } from '@node-oauth/oauth2-server';
import type { LucaroClient } from './clients';

/**
 * The user object handed to the library. One per consent, so the tokens of one sign-in
 * (the first pair and every rotation after it) share a grant id and can be revoked together.
 */
export interface GrantUser {
  readonly id: string;
  readonly grantId: string;
}

export interface AccessTokenRecord {
  readonly token: string;
  readonly kind: 'oauth' | 'api';
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly client?: LucaroClient;
  readonly grantUser?: GrantUser;
  /** Absent for API tokens, which do not expire. */
  readonly expiresAt?: Date;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  readonly token: string;
  readonly scopes: readonly string[];
  readonly client: LucaroClient;
  readonly grantUser: GrantUser;
  readonly expiresAt?: Date;
  revoked: boolean;
}

export type BearerLookup =
  | { readonly status: 'active'; readonly record: AccessTokenRecord }
  | { readonly status: 'expired' }
  | { readonly status: 'invalid' };

/**
 * Every secret value an OAuth round put on the wire, in the order seen: what a test looks
 * for in the editor's logs (none of it may appear there).
 */
export interface SecretsSeen {
  readonly accessTokens: readonly string[];
  readonly refreshTokens: readonly string[];
  readonly authorizationCodes: readonly string[];
  readonly states: readonly string[];
  readonly codeVerifiers: readonly string[];
  readonly clientSecrets: readonly string[];
}

type SecretKind = keyof SecretsSeen;

/** Every code and token the server has issued, alive or dead (dead ones tell "expired" from "unknown"). */
export class TokenStore {
  readonly codes = new Map<string, AuthorizationCode>();
  private readonly seen: { [kind in SecretKind]: string[] } = {
    accessTokens: [],
    refreshTokens: [],
    authorizationCodes: [],
    states: [],
    codeVerifiers: [],
    clientSecrets: [],
  };
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private grantCounter = 0;

  newGrantUser(userId: string): GrantUser {
    this.grantCounter += 1;
    return { id: userId, grantId: `grt_${this.grantCounter}` };
  }

  saveAccessToken(record: AccessTokenRecord): void {
    this.accessTokens.set(record.token, record);
    if (record.kind === 'oauth') this.remember('accessTokens', record.token);
  }

  saveRefreshToken(record: RefreshTokenRecord): void {
    this.refreshTokens.set(record.token, record);
    this.remember('refreshTokens', record.token);
  }

  /** Notes a secret value that crossed the wire (duplicates and empty values are skipped). */
  remember(kind: SecretKind, value: unknown): void {
    if (typeof value !== 'string' || value === '' || this.seen[kind].includes(value)) return;
    this.seen[kind].push(value);
  }

  secretsSeen(): SecretsSeen {
    return {
      accessTokens: [...this.seen.accessTokens],
      refreshTokens: [...this.seen.refreshTokens],
      authorizationCodes: [...this.seen.authorizationCodes],
      states: [...this.seen.states],
      codeVerifiers: [...this.seen.codeVerifiers],
      clientSecrets: [...this.seen.clientSecrets],
    };
  }

  /** Revokes every OAuth access and refresh token of `userId` (API tokens stay); answers how many were alive. */
  revokeAllOAuthTokens(userId: string, now = Date.now()): number {
    let revoked = 0;
    for (const record of this.accessTokens.values()) {
      if (record.kind !== 'oauth' || record.userId !== userId || record.revoked) continue;
      if (this.lookupBearer(record.token, now).status === 'active') revoked += 1;
      record.revoked = true;
    }
    for (const record of this.refreshTokens.values()) {
      if (record.grantUser.id !== userId || record.revoked) continue;
      if (this.liveRefreshToken(record.token, now)) revoked += 1;
      record.revoked = true;
    }
    return revoked;
  }

  addApiToken(scopes: readonly string[], userId: string, token: string): string {
    this.saveAccessToken({ token, kind: 'api', userId, scopes: [...scopes], revoked: false });
    return token;
  }

  lookupBearer(token: string, now = Date.now()): BearerLookup {
    const record = this.accessTokens.get(token);
    if (!record || record.revoked) return { status: 'invalid' };
    if (record.expiresAt && record.expiresAt.getTime() <= now) return { status: 'expired' };
    return { status: 'active', record };
  }

  /** A refresh token that is neither rotated, revoked nor expired. */
  liveRefreshToken(token: string, now = Date.now()): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(token);
    if (!record || record.revoked) return undefined;
    if (record.expiresAt && record.expiresAt.getTime() <= now) return undefined;
    return record;
  }

  /** A refresh token this server issued that is dead now (rotated out, revoked or expired). */
  isSpentRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token) && this.liveRefreshToken(token) === undefined;
  }

  /** Marks a refresh token dead; true if it was alive (the library's rotation needs that answer). */
  retireRefreshToken(token: string): boolean {
    const record = this.liveRefreshToken(token);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /**
   * RFC 7009: revoking a refresh token also revokes the access tokens of its grant.
   * Unknown tokens are ignored, as the endpoint answers 200 either way.
   */
  revoke(token: string): void {
    const access = this.accessTokens.get(token);
    if (access) access.revoked = true;
    const refresh = this.refreshTokens.get(token);
    if (refresh) {
      refresh.revoked = true;
      const { grantId } = refresh.grantUser;
      for (const record of this.accessTokens.values()) {
        if (record.grantUser?.grantId === grantId) record.revoked = true;
      }
    }
  }

  isActive(token: string): boolean {
    return this.lookupBearer(token).status === 'active' || this.liveRefreshToken(token) !== undefined;
  }
}
