import type * as vscode from 'vscode';
import { activateLucaro } from './activate-lucaro';
import { readProxySettings } from './config/proxy-settings';
import { nodeHmacSha256, nodeSha256 } from './core/node/node-sha256';
import { createHttpDispatcher } from './core/node/undici-dispatcher';
import { openLoopbackRoute } from './node/loopback-route';

/** The Node extension host's entry (`main`): undici with the editor's proxy settings, a loopback redirect and Node's SHA-256. */
export function activate(context: vscode.ExtensionContext): void {
  activateLucaro(context, {
    hostKind: 'node',
    createDispatcher: () => createHttpDispatcher(readProxySettings()),
    openLoopbackRoute,
    sha256: nodeSha256,
    hmacSha256: nodeHmacSha256,
  });
}

export function deactivate(): void {}
