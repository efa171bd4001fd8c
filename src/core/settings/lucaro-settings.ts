import type { LucaroServerUrls } from '../session/session-record';
import { InvalidServiceUrlError, validateServiceUrl } from './service-url';

export type RedirectMode = 'auto' | 'uriHandler' | 'loopback';

export interface LucaroSettings {
  readonly apiUrl: string;
  readonly authUrl: string;
  readonly clientId: string;
  readonly redirectMode: RedirectMode;
}

/** The user's values as the editor hands them over: anything a settings.json can hold. */
export interface RawLucaroSettings {
  readonly apiUrl: unknown;
  readonly authUrl: unknown;
  readonly clientId: unknown;
  readonly redirect: unknown;
  /** `lucaro.leakGuard.enabled`; only `false` turns the guard off. */
  readonly leakGuardEnabled?: unknown;
}

/** The settings validated once, when they were read; invalid URLs leave no server to talk to. */
export type SettingsSnapshot = (
  | { readonly valid: true; readonly settings: LucaroSettings; readonly server: LucaroServerUrls }
  | { readonly valid: false; readonly error: InvalidServiceUrlError; readonly server: LucaroServerUrls }
) & {
  /** Whatever the URLs: the guard watches for the tokens already held. */
  readonly leakGuardEnabled: boolean;
};

/** The server no session belongs to: while the settings are invalid no token goes anywhere. */
export const noServer: LucaroServerUrls = Object.freeze({ apiUrl: '', authUrl: '' });

export const defaultClientId = 'lucaro-vscode';

/** Validates what the user set, never throwing: a bad URL becomes an invalid snapshot. */
export function parseLucaroSettings(raw: RawLucaroSettings): SettingsSnapshot {
  const leakGuardEnabled = raw.leakGuardEnabled !== false;
  try {
    const apiUrl = serviceUrl('lucaro.apiUrl', raw.apiUrl);
    const authUrl = serviceUrl('lucaro.authUrl', raw.authUrl);
    const clientId = (typeof raw.clientId === 'string' ? raw.clientId.trim() : '') || defaultClientId;
    const redirectMode: RedirectMode = raw.redirect === 'uriHandler' || raw.redirect === 'loopback' ? raw.redirect : 'auto';
    return { valid: true, settings: { apiUrl, authUrl, clientId, redirectMode }, server: { apiUrl, authUrl }, leakGuardEnabled };
  } catch (error) {
    if (error instanceof InvalidServiceUrlError) return { valid: false, error, server: noServer, leakGuardEnabled };
    throw error;
  }
}

function serviceUrl(setting: string, value: unknown): string {
  // settings.json can hold any JSON; only a string can be a URL (and none is turned into one).
  if (typeof value !== 'string') throw new InvalidServiceUrlError(setting, 'unparsable');
  return validateServiceUrl(setting, value);
}
