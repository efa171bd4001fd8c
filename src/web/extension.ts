import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import type * as vscode from 'vscode';
import { activateLucaro } from '../activate-lucaro';
import { createFetchDispatcher } from '../core/http/fetch-dispatcher';

/**
 * The web worker extension host's entry (`browser`, for vscode.dev, github.dev, code-server
 * and Codespaces in a browser tab): the browser's `fetch`, no proxy agents (the browser
 * applies its own), no loopback redirect (nothing in a worker can listen on a port), and a
 * pure SHA-256 and HMAC (the worker's `crypto.subtle` is async only).
 */
export function activate(context: vscode.ExtensionContext): void {
  activateLucaro(context, {
    hostKind: 'webWorker',
    createDispatcher: () => createFetchDispatcher(),
    sha256,
    hmacSha256: (key, message) => hmac(sha256, key, message),
  });
}

export function deactivate(): void {}
