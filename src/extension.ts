import type * as vscode from 'vscode';
import { activateLucaro } from './activate-lucaro';
import { readProxySettings } from './config/proxy-settings';
import { createHttpDispatcher } from './core/node/undici-dispatcher';
import { openLoopbackRoute } from './node/loopback-route';

/** The Node extension host's entry (`main`): undici with the editor's proxy settings, and a loopback redirect. */
export function activate(context: vscode.ExtensionContext): void {
  activateLucaro(context, {
    hostKind: 'node',
    createDispatcher: () => createHttpDispatcher(readProxySettings()),
    openLoopbackRoute,
  });
}

export function deactivate(): void {}
