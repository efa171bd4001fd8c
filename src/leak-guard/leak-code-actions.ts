import * as vscode from 'vscode';
import { environmentReference } from '../core/leak-guard/env-reference';
import type { LeakFinding, LeakFindings } from './leak-findings';

/** The hidden command every leak quick fix but the edit runs; its arguments name no secret. */
export const resolveTokenLeakCommand = 'lucaro.resolveTokenLeak';

export type LeakResolution =
  | { readonly action: 'revoke' | 'forget' | 'openTokenSettings'; readonly sessionId: string }
  | { readonly action: 'ignore'; readonly uri: string; readonly fingerprint: string };

/** The quick fixes on a leaked token: end it, rotate it, reference it, or ignore it here. */
export class LeakCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly findings: LeakFindings) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    return this.findings.findingsAt(document.uri, range).flatMap((finding) => actionsFor(document, finding));
  }
}

function actionsFor(document: vscode.TextDocument, finding: LeakFinding): vscode.CodeAction[] {
  const { match } = finding;
  const actions: vscode.CodeAction[] = [];
  if (match.kind === 'apiToken') {
    actions.push(
      resolution(vscode.l10n.t("Open Lucaro's API token settings"), { action: 'openTokenSettings', sessionId: match.sessionId }),
      resolution(vscode.l10n.t('Forget this API token here'), { action: 'forget', sessionId: match.sessionId }),
    );
  } else {
    actions.push(resolution(vscode.l10n.t('Sign out and revoke this token'), { action: 'revoke', sessionId: match.sessionId }, true));
  }
  const reference = environmentReference(document.fileName, document.languageId, match.kind);
  if (reference !== undefined) {
    const replace = new vscode.CodeAction(vscode.l10n.t('Replace with an environment variable reference'), vscode.CodeActionKind.QuickFix);
    replace.edit = new vscode.WorkspaceEdit();
    replace.edit.replace(document.uri, finding.range, reference);
    actions.push(replace);
  }
  actions.push(
    resolution(vscode.l10n.t('Ignore in this file'), { action: 'ignore', uri: document.uri.toString(), fingerprint: match.fingerprint }),
  );
  return actions;
}

function resolution(title: string, argument: LeakResolution, isPreferred = false): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { title, command: resolveTokenLeakCommand, arguments: [argument] };
  action.isPreferred = isPreferred;
  return action;
}
