import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';
import type { LucaroServerUrls } from '../core/session/session-record';
import {
  defaultClientId,
  parseLucaroSettings,
  type LucaroSettings,
  type RawLucaroSettings,
  type SettingsSnapshot,
} from '../core/settings/lucaro-settings';

export type { LucaroSettings, RedirectMode, SettingsSnapshot } from '../core/settings/lucaro-settings';

export const lucaroSettingsSection = 'lucaro';

export interface SettingsChange {
  readonly previous: SettingsSnapshot;
  readonly current: SettingsSnapshot;
}

/**
 * The user's Lucaro settings, read and validated once per change: everything else asks
 * `current` instead of reading the configuration on each request.
 */
export class LucaroSettingsSource extends DisposableOwner {
  private snapshot = readSnapshot();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<SettingsChange>());

  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(lucaroSettingsSection)) return;
        const previous = this.snapshot;
        this.snapshot = readSnapshot();
        this.changeEmitter.fire({ previous, current: this.snapshot });
      }),
    );
  }

  get current(): SettingsSnapshot {
    return this.snapshot;
  }

  /** The Lucaro the settings point at; a function to hand to the session manager as it is. */
  readonly server = (): LucaroServerUrls => this.snapshot.server;

  /** The client id the settings name, or the default one while they are invalid (sign-out must still revoke). */
  clientId(): string {
    return this.snapshot.valid ? this.snapshot.settings.clientId : defaultClientId;
  }

  /** The valid settings; throws the `InvalidServiceUrlError` that makes them unusable. */
  settings(): LucaroSettings {
    const snapshot = this.snapshot;
    if (!snapshot.valid) throw snapshot.error;
    return snapshot.settings;
  }
}

/**
 * Reads the user's settings only. The manifest already makes these `application`-scoped
 * and restricted in untrusted workspaces; reading `globalValue` is the second lock, so no
 * workspace file can ever send tokens elsewhere, or switch the leak guard off.
 */
function readSnapshot(): SettingsSnapshot {
  const configuration = vscode.workspace.getConfiguration(lucaroSettingsSection);
  const userValue = (key: string): unknown => {
    const inspected = configuration.inspect(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  const raw: RawLucaroSettings = {
    apiUrl: userValue('apiUrl'),
    authUrl: userValue('authUrl'),
    clientId: userValue('oauth.clientId'),
    redirect: userValue('oauth.redirect'),
    leakGuardEnabled: userValue('leakGuard.enabled'),
  };
  return parseLucaroSettings(raw);
}
