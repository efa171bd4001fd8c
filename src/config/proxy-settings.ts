import * as vscode from 'vscode';
import type { HttpDispatcherOptions } from '../core/node/undici-dispatcher';

/** The editor's own proxy settings, as the HTTP dispatcher takes them. */
export function readProxySettings(): HttpDispatcherOptions {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxyUrl: http.get<string>('proxy') || undefined,
    proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}
