import { randomBytes } from 'node:crypto';
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

/** Every code and token the server has issued, alive or dead (dead ones tell "expired" from "unknown"). */
export class TokenStore {
  readonly codes = new Map<string, AuthorizationCode>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private grantCounter = 0;

  newGrantUser(userId: string): GrantUser {
    this.grantCounter += 1;
    return { id: userId, grantId: `grt_${this.grantCounter}` };
  }

  saveAccessToken(record: AccessTokenRecord): void {
    this.accessTokens.set(record.token, record);
  }

  saveRefreshToken(record: RefreshTokenRecord): void {
    this.refreshTokens.set(record.token, record);
  }

  addApiToken(scopes: readonly string[], userId: string, token = newToken('lct_')): string {
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

export function newToken(prefix: string): string {
  return prefix + randomBytes(24).toString('base64url');
}
