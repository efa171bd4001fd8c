import type * as vscode from 'vscode';
import type { ScopeConstraint } from '../core/auth/scope-challenge';

/**
 * The provider side of the editor's challenge API (`vscode.proposed.authenticationChallenges`,
 * not in the `@types/vscode` this extension builds against). Declared here so `engines.vscode`
 * stays where it is: a host that does not know these members never calls them, and ignores
 * the extra registration options.
 */
export interface AuthenticationConstraint extends ScopeConstraint {
  readonly challenges: readonly { readonly scheme: string; readonly params: Readonly<Record<string, string>> }[];
  readonly fallbackScopes?: readonly string[];
}

export interface ChallengeAuthenticationProvider {
  getSessionsFromChallenges(
    constraint: AuthenticationConstraint,
    options: vscode.AuthenticationProviderSessionOptions,
  ): Thenable<readonly vscode.AuthenticationSession[]>;
  createSessionFromChallenges(
    constraint: AuthenticationConstraint,
    options: vscode.AuthenticationProviderSessionOptions,
  ): Thenable<vscode.AuthenticationSession>;
}

export interface LucaroProviderOptions extends vscode.AuthenticationProviderOptions {
  readonly supportsChallenges: boolean;
}
