import * as vscode from 'vscode';
import type { LeakedSecretKind, SecretMatch } from '../core/leak-guard/secret-index';

export function secretKindName(kind: LeakedSecretKind): string {
  switch (kind) {
    case 'apiToken':
      return vscode.l10n.t('API token');
    case 'accessToken':
      return vscode.l10n.t('OAuth access token');
    case 'refreshToken':
      return vscode.l10n.t('OAuth refresh token');
  }
}

/** Names the kind and the account, and at most the last 4 characters: never the token. */
export function leakMessage(match: SecretMatch, tracked: boolean): string {
  const args = [secretKindName(match.kind), match.accountLabel, match.lastFour];
  return tracked
    ? vscode.l10n.t('Your Lucaro {0} of {1} (ending in {2}) is in a file git tracks. Anyone who can read the repository can use your account.', ...args)
    : vscode.l10n.t('Your Lucaro {0} of {1} (ending in {2}) is in this file. Keep it out of files others may read.', ...args);
}

/** The one problem that stands for every occurrence past the per-file cap. */
export function moreLeaksMessage(more: number, shown: number): string {
  return vscode.l10n.t(
    '{0} more Lucaro tokens in this file are not shown (at most {1} are). Remove the ones above and save to see the rest.',
    more,
    shown,
  );
}
