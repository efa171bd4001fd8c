// @ts-check
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension, for both extension hosts */
'use strict';
/**
 * A test-only extension that passes `supportedAuthorizationServers` (the `authIssuers`
 * proposal, which it does not declare) to `registerAuthenticationProvider`, as Lucaro's
 * activation once did. Stock VS Code throws; code-server as shipped lets it through. The
 * status bar says which: "Proposal probe: refused <the proposal the error names>" (tooltip:
 * the whole error) or "Proposal probe: allowed".
 */
const vscode = require('vscode');

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  const item = vscode.window.createStatusBarItem('proposalProbe', vscode.StatusBarAlignment.Left, -1000);
  context.subscriptions.push(item);
  const onDidChangeSessions = new vscode.EventEmitter();
  /** @type {vscode.AuthenticationProvider} */
  const provider = {
    onDidChangeSessions: onDidChangeSessions.event,
    getSessions: async () => [],
    createSession: async () => {
      throw new Error('the probe signs nobody in');
    },
    removeSession: async () => undefined,
  };
  try {
    const options = /** @type {vscode.AuthenticationProviderOptions} */ ({ supportedAuthorizationServers: [vscode.Uri.parse('https://auth.probe.invalid')] });
    context.subscriptions.push(vscode.authentication.registerAuthenticationProvider('proposal-probe', 'Proposal Probe', provider, options));
    item.text = 'Proposal probe: allowed';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const proposal = /CANNOT use API proposal: ([\w-]+)/.exec(message)?.[1] ?? 'with another error';
    item.text = `Proposal probe: refused ${proposal}`;
    item.tooltip = message;
  }
  item.show();
}

module.exports = { activate, deactivate: () => undefined };
