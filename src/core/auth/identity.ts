export interface LucaroIdentity {
  readonly user: { readonly id: string; readonly name: string; readonly email: string };
  /** From `X-OAuth-Scopes`: what the token can really do. */
  readonly scopes: readonly string[];
}

/** `GET /v2/me` with a given token, before any session exists. */
export type IdentityFetcher = (accessToken: string, signal?: AbortSignal) => Promise<LucaroIdentity>;

export function accountLabel(identity: LucaroIdentity): string {
  return identity.user.name || identity.user.email || identity.user.id;
}
