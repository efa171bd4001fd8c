import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { defaultSignInScopes } from '../../src/core/auth/scopes';

/**
 * A throw-away extension installed next to Lucaro for the activation benchmark only. Once the
 * workbench has started it asks each provider for a session silently, one after the other in
 * the order the harness chose (each `getSession` activates the provider's extension through
 * `onAuthenticationRequest:<id>`), writes what it saw to the file the harness named, and opens
 * the Running Extensions editor, where the harness reads the times the editor recorded.
 */
export interface DriverReport {
  order: string[];
  getSession: Array<{ provider: string; ms: number; found: boolean; error?: string }>;
  /** Extension-host performance marks about activation (`code/extHost/...`), when available. */
  marks: Array<{ name: string; startTime: number }>;
  /** Whether each extension was already active before its getSession. */
  activeBefore: Record<string, boolean>;
}

const scopesFor: Record<string, readonly string[]> = {
  github: ['read:user'],
  lucaro: defaultSignInScopes,
};

const extensionFor: Record<string, string> = {
  github: 'vscode.github-authentication',
  lucaro: 'lucaro.lucaro',
};

export async function activate(): Promise<void> {
  const out = process.env.LUCARO_BENCH_ACTIVATION_OUT;
  if (!out) return;
  const order = (process.env.LUCARO_BENCH_ACTIVATION_ORDER ?? 'github,lucaro').split(',');
  const report: DriverReport = { order, getSession: [], marks: [], activeBefore: {} };
  for (const provider of order) {
    report.activeBefore[provider] = vscode.extensions.getExtension(extensionFor[provider] ?? '')?.isActive ?? false;
    const started = performance.now();
    try {
      const session = await vscode.authentication.getSession(provider, [...(scopesFor[provider] ?? [])], { silent: true });
      report.getSession.push({ provider, ms: performance.now() - started, found: session !== undefined });
    } catch (error) {
      report.getSession.push({ provider, ms: performance.now() - started, found: false, error: String(error) });
    }
  }
  report.marks = activationMarks();
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  fs.writeFileSync(out, JSON.stringify(report));
}

export function deactivate(): void {}

/** vs/base/common/performance keeps the extension host's marks on globalThis in Node. */
function activationMarks(): Array<{ name: string; startTime: number }> {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } })
    .MonacoPerformanceMarks;
  try {
    return (marks?.getMarks() ?? []).filter((mark) => /^code\/extHost\/(will|did)(LoadExtensionCode|ActivateExtension)\//.test(mark.name));
  } catch {
    return [];
  }
}
