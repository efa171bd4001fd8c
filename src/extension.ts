import type * as vscode from 'vscode';
import { activateLucaro } from './activate-lucaro';
import { readNetworkSettings } from './config/network-settings';
import { nodeHmacSha256, nodeSha256 } from './core/node/node-sha256';
import { createHttpDispatcher } from './core/node/undici-dispatcher';
import { openLoopbackRoute } from './node/loopback-route';

/** The Node extension host's entry (`main`): undici with the editor's network settings, a loopback redirect and Node's SHA-256. */
export function activate(context: vscode.ExtensionContext): void {
  activateLucaro(context, {
    hostKind: 'node',
    createDispatcher: () => createHttpDispatcher(readNetworkSettings()),
    openLoopbackRoute,
    sha256: nodeSha256,
    hmacSha256: nodeHmacSha256,
  });
}

export function deactivate(): void {}
