import * as vscode from 'vscode';
import type { LucaroServerUrls } from '../core/session/session-record';
import { validateServiceUrl } from '../core/settings/service-url';

export type RedirectMode = 'auto' | 'uriHandler' | 'loopback';

export interface LucaroSettings {
  readonly apiUrl: string;
  readonly authUrl: string;
  readonly clientId: string;
  readonly redirectMode: RedirectMode;
}

export const lucaroSettingsSection = 'lucaro';

/**
 * Reads the user's settings only. The manifest already makes these `application`-scoped
 * and restricted in untrusted workspaces; reading `globalValue` is the second lock, so no
 * workspace file can ever send tokens elsewhere. Throws `InvalidServiceUrlError`.
 */
export function readLucaroSettings(): LucaroSettings {
  const configuration = vscode.workspace.getConfiguration(lucaroSettingsSection);
  const userValue = <T>(key: string): T => {
    const inspected = configuration.inspect<T>(key);
    return (inspected?.globalValue ?? inspected?.defaultValue) as T;
  };
  const redirectMode = userValue<string>('oauth.redirect');
  return {
    apiUrl: validateServiceUrl('lucaro.apiUrl', userValue<string>('apiUrl')),
    authUrl: validateServiceUrl('lucaro.authUrl', userValue<string>('authUrl')),
    clientId: userValue<string>('oauth.clientId').trim() || 'lucaro-vscode',
    redirectMode: redirectMode === 'uriHandler' || redirectMode === 'loopback' ? redirectMode : 'auto',
  };
}

export function affectsLucaroSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(lucaroSettingsSection);
}

/**
 * The Lucaro the settings point at, or one no session belongs to when the settings are
 * invalid: then no token goes anywhere until they are fixed.
 */
export function currentServer(): LucaroServerUrls {
  try {
    const { apiUrl, authUrl } = readLucaroSettings();
    return { apiUrl, authUrl };
  } catch {
    return { apiUrl: '', authUrl: '' };
  }
}
