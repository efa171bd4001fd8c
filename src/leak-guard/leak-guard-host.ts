import * as vscode from 'vscode';
import { DisposableOwner, SerialDisposable } from '../core/disposable';
import type { LucaroSettingsSource } from '../config/lucaro-settings';
import { apiTokenSettingsUrl } from '../core/leak-guard/api-token-settings-url';
import { keyedFingerprint, newFingerprintKey } from '../core/leak-guard/fingerprint';
import { unkeyedIgnoredSecretsKey } from '../core/leak-guard/ignored-secrets';
import type { HmacSha256, Sha256 } from '../core/leak-guard/sha256';
import type { SessionManager } from '../core/session/session-manager';
import type { SessionRecord } from '../core/session/session-record';
import { loadFingerprintKey } from './fingerprint-key';
import { GitTracking } from './git-tracking';
import { IgnoredFingerprints } from './ignored-fingerprints';
import { LeakCodeActions, type LeakResolution } from './leak-code-actions';
import { LeakGuard } from './leak-guard';
import { scanWorkspace } from './workspace-scan';
import { literalInMessage } from '../core/encoding/editor-text';

export interface LeakGuardHostOptions {
  readonly sessions: SessionManager;
  readonly workspaceState: vscode.Memento;
  /** Holds the key of the "Ignore in this file" fingerprints. */
  readonly secrets: vscode.SecretStorage;
  /** `leakGuardEnabled`: the user's value only, as the snapshot reads it. */
  readonly settings: LucaroSettingsSource;
  readonly signIn: () => Thenable<unknown>;
  /** The platform's synchronous SHA-256, for the secret index. */
  readonly sha256: Sha256;
  /** The platform's synchronous HMAC-SHA-256, for the fingerprints. */
  readonly hmacSha256: HmacSha256;
}

/**
 * Creates the guard once someone is signed in (and the setting allows it), and drops it, with
 * its diagnostics, when the last session goes or the setting turns it off. Until then it
 * costs a listener: no index, no git, no document is read.
 */
export class LeakGuardHost extends DisposableOwner {
  private guard: { readonly leaks: LeakGuard; readonly git: GitTracking } | undefined;
  private readonly lifetime = this._register(new SerialDisposable());
  private syncs: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeakGuardHostOptions) {
    super();
    this._register(options.sessions.onDidChangeSessions(() => void this.sync()));
    this._register(
      options.settings.onDidChange(({ previous, current }) => {
        if (previous.leakGuardEnabled !== current.leakGuardEnabled) void this.sync();
      }),
    );
  }

  /** Follows the signed-in sessions; one sync at a time. */
  sync(): Promise<void> {
    this.syncs = this.syncs.then(() => this.syncOnce()).catch(() => undefined);
    return this.syncs;
  }

  /** **Lucaro: Scan Workspace for Tokens**. */
  async scanWorkspace(): Promise<void> {
    await this.sync();
    if (!this.guard) {
      void vscode.window.showInformationMessage(
        this.enabled()
          ? vscode.l10n.t('Sign in to Lucaro first: the scan looks for the tokens of your signed-in accounts.')
          : vscode.l10n.t('The Lucaro token-leak guard is turned off (setting lucaro.leakGuard.enabled).'),
      );
      return;
    }
    const result = await scanWorkspace(this.guard.leaks, this.guard.git);
    const summary = result.findings
      ? vscode.l10n.t('Found {0} Lucaro token(s) in the workspace ({1} files read). See the Problems panel.', result.findings, result.filesRead)
      : vscode.l10n.t('No Lucaro token in the workspace ({0} files read).', result.filesRead);
    void vscode.window.showInformationMessage(result.cancelled ? vscode.l10n.t('Scan cancelled. {0}', summary) : summary);
  }

  /** The quick fixes that are not a plain edit. */
  async resolve(resolution: LeakResolution): Promise<void> {
    const guard = this.guard?.leaks;
    if (!guard) return;
    if (resolution.action === 'ignore') return guard.ignore(vscode.Uri.parse(resolution.uri), resolution.fingerprint);
    const record = guard.record(resolution.sessionId);
    if (!record) return;
    if (resolution.action === 'openTokenSettings') return void (await openTokenSettings(record));
    await this.options.sessions.remove(record.id);
    await this.offerNextStep(record, resolution.action);
  }

  private async offerNextStep(record: SessionRecord, action: 'revoke' | 'forget'): Promise<void> {
    const signInAgain = vscode.l10n.t('Sign In');
    const openSettings = vscode.l10n.t('Open API Token Settings');
    const picked =
      action === 'revoke'
        ? await vscode.window.showInformationMessage(
            vscode.l10n.t('Signed out of Lucaro ({0}) and revoked its tokens. Sign in again to go on.', literalInMessage(record.account.label)),
            signInAgain,
          )
        : await vscode.window.showInformationMessage(
            vscode.l10n.t(
              'Lucaro forgot the API token of {0} in this editor. It still works elsewhere until you rotate or delete it in your API token settings.',
              record.account.label,
            ),
            openSettings,
            signInAgain,
          );
    if (picked === signInAgain) await this.options.signIn();
    else if (picked === openSettings) await openTokenSettings(record);
  }

  private enabled(): boolean {
    return this.options.settings.current.leakGuardEnabled;
  }

  private async syncOnce(): Promise<void> {
    const records = this.enabled() ? await this.options.sessions.list() : [];
    if (this.isDisposed) return;
    if (records.length === 0) {
      this.guard = undefined;
      this.lifetime.value = undefined;
      return;
    }
    if (!this.guard) {
      const { secrets, workspaceState, sha256, hmacSha256 } = this.options;
      const key = await loadFingerprintKey(secrets);
      if (this.isDisposed) return;
      // Unkeyed fingerprints are offline verifiers of the tokens: never kept, never read.
      void workspaceState.update(unkeyedIgnoredSecretsKey, undefined);
      // Without the key in SecretStorage an ignore lasts this session only: nothing is written.
      const ignored = new IgnoredFingerprints(key ? workspaceState : undefined);
      const fingerprint = keyedFingerprint(key ?? newFingerprintKey(), hmacSha256);
      const git = new GitTracking();
      const leaks = new LeakGuard({ ignored, git, sha256, fingerprint });
      this.guard = { leaks, git };
      this.lifetime.value = vscode.Disposable.from(
        leaks,
        git,
        // Every scheme the guard scans: a remote window's or a web worker's files are not `file:`.
        vscode.languages.registerCodeActionsProvider('*', new LeakCodeActions(leaks), {
          providedCodeActionKinds: LeakCodeActions.providedCodeActionKinds,
        }),
      );
    }
    this.guard.leaks.follow(records);
  }
}

function openTokenSettings(record: SessionRecord): Thenable<boolean> {
  return vscode.env.openExternal(vscode.Uri.parse(apiTokenSettingsUrl(record.server.apiUrl)));
}
