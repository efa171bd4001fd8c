import * as vscode from 'vscode';
import type { NetworkOptions } from '../core/node/proxy-route';

const PROXY_SUPPORT = new Set(['off', 'on', 'override', 'fallback']);

/** The editor's own network settings (`http.*`), as the Node dispatcher takes them; read once per dispatcher. */
export function readNetworkSettings(): NetworkOptions {
  const http = vscode.workspace.getConfiguration('http');
  const proxySupport = http.get<string>('proxySupport', 'override');
  const noProxy = http.get<unknown>('noProxy', []);
  return {
    proxySupport: PROXY_SUPPORT.has(proxySupport) ? (proxySupport as NetworkOptions['proxySupport']) : 'override',
    proxyUrl: http.get<string>('proxy') || undefined,
    proxyAuthorization: http.get<string | null>('proxyAuthorization') ?? undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((entry): entry is string => typeof entry === 'string') : [],
    proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
    systemCertificates: http.get<boolean>('systemCertificates', true),
  };
}

/** A change to any `http.*` setting builds the pool again, with no reload: the next request uses the new settings. */
export function rebuildOnNetworkSettingsChange(dispatcher: { rebuild(): void }): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('http')) dispatcher.rebuild();
  });
}
