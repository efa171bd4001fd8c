import type * as vscode from 'vscode';
import type { LoopbackRouteOpener } from './auth/redirect-routes';
import type { HttpDispatcher } from './core/http/dispatcher';
import type { HmacSha256, Sha256 } from './core/leak-guard/sha256';

/** Where the extension host runs: the Node host (desktop, remote, code-server's server side) or a browser's web worker. */
export type ExtensionHostKind = 'node' | 'webWorker';

/** What differs between the Node and the web worker entry; everything else is wired once, in `activateLucaro`. */
export interface LucaroPlatform {
  readonly hostKind: ExtensionHostKind;
  /** The connection pool every request goes through, made on the first request. */
  createDispatcher(): HttpDispatcher;
  /** Absent where nothing can listen on a port (the web worker): `loopback` then falls back to the URI handler. */
  readonly openLoopbackRoute?: LoopbackRouteOpener;
  /** Synchronous, for the leak guard: Node's native hash, a pure one in the web worker. */
  readonly sha256: Sha256;
  /** Synchronous too: the keyed fingerprints of "Ignore in this file". */
  readonly hmacSha256: HmacSha256;
}

const hostNames: Record<ExtensionHostKind, string> = {
  node: 'the Node extension host',
  webWorker: 'the web worker extension host',
};

/** The first log line: which host runs this copy, and whether a Node `process` exists there (tests read it). */
export function describeHost(context: vscode.ExtensionContext, platform: LucaroPlatform): string {
  const nodeProcess = typeof (globalThis as { process?: unknown }).process === 'undefined' ? 'absent' : 'present';
  const version = (context.extension.packageJSON as { version?: unknown }).version;
  return `Lucaro ${String(version)} is running in ${hostNames[platform.hostKind]} (Node process: ${nodeProcess}).`;
}
