import type { RedirectMode } from '../settings/lucaro-settings';

/** What the editor reports about the window, in the words of `vscode.env` and `Extension.extensionKind`. */
export interface RedirectEnvironment {
  /** `vscode.env.uiKind`: the workbench is a desktop app, or a page in some browser. */
  readonly uiKind: 'desktop' | 'web';
  /** `extension.extensionKind`: beside the workbench (`ui`) or on the remote machine (`workspace`). */
  readonly extensionKind: 'ui' | 'workspace';
  /** `vscode.env.remoteName`: `ssh-remote`, `wsl`, `dev-container`, `codespaces`, a server's authority…; absent in a local window. */
  readonly remoteName: string | undefined;
  /** The extension host can open a listening socket (a Node host; not the browser's web worker). */
  readonly hostCanListen: boolean;
}

/** Why a loopback redirect cannot reach this extension host from the browser the user signs in with. */
export type LoopbackUnavailable =
  /** The web worker: nothing can listen on a port. */
  | 'noServerHere'
  /** The host runs on another machine than the browser may: a remote window or a browser-based editor. */
  | 'otherMachine';

export interface RedirectChoice {
  /** Where the browser comes back first. */
  readonly route: 'uriHandler' | 'loopback';
  /** `auto` only: where to go when the editor cannot give its callback an outside address. */
  readonly fallbackToLoopback: boolean;
  /** Set when the user asked for `loopback` and it cannot apply: said once, then the URI handler is used. */
  readonly loopbackRefused?: LoopbackUnavailable;
}

/**
 * A loopback server is reachable only from a browser on the machine that runs it: the
 * desktop app's own machine, with the extension beside it (a local window, or a `ui`
 * extension in a remote one). In a remote window's `workspace` host (SSH, WSL, containers,
 * Codespaces) or behind a browser-based workbench (served from anywhere), the browser that
 * opens the consent page may be elsewhere, so only the editor's URI handler is sure to arrive.
 */
export function loopbackUnavailable(environment: RedirectEnvironment): LoopbackUnavailable | undefined {
  if (!environment.hostCanListen) return 'noServerHere';
  if (environment.uiKind === 'web') return 'otherMachine';
  if (environment.remoteName !== undefined && environment.extensionKind === 'workspace') return 'otherMachine';
  return undefined;
}

/** Where a browser sign-in sends the browser back, for the user's `lucaro.oauth.redirect` in this window. */
export function chooseRedirect(mode: RedirectMode, environment: RedirectEnvironment): RedirectChoice {
  const unavailable = loopbackUnavailable(environment);
  switch (mode) {
    case 'uriHandler':
      return { route: 'uriHandler', fallbackToLoopback: false };
    case 'loopback':
      return unavailable === undefined
        ? { route: 'loopback', fallbackToLoopback: false }
        : { route: 'uriHandler', fallbackToLoopback: false, loopbackRefused: unavailable };
    case 'auto':
      return { route: 'uriHandler', fallbackToLoopback: unavailable === undefined };
  }
}
