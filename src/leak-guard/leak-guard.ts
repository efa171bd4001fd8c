import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';
import { ignoredSecretsKey, isIgnored, parseIgnoredSecrets, withIgnored, type IgnoredSecrets } from '../core/leak-guard/ignored-secrets';
import { tooLargeToScan } from '../core/leak-guard/scan-limits';
import { SecretIndex, type SecretMatch } from '../core/leak-guard/secret-index';
import type { Sha256 } from '../core/leak-guard/sha256';
import { lineStarts, positionAt } from '../core/leak-guard/text-positions';
import type { SessionRecord } from '../core/session/session-record';
import type { GitTracking } from './git-tracking';
import type { LeakFinding, LeakFindings } from './leak-findings';
import { leakMessage } from './leak-messages';

const changeDebounceMs = 300;
export const leakDiagnosticSource = 'Lucaro';
export const leakDiagnosticCode = 'lucaro.tokenLeak';

/**
 * Diagnostics for the signed-in sessions' secrets in the workspace's files: open documents
 * on open, on change (debounced) and on save, other files when the workspace scan reads
 * them. Exists only while someone is signed in and the guard is enabled.
 */
export class LeakGuard extends DisposableOwner implements LeakFindings {
  private records: readonly SessionRecord[] = [];
  private index: SecretIndex;
  private readonly findings = new Map<string, FileFindings>();
  /** Bumped by each scan of a file: an older scan that finishes later does not overwrite it. */
  private readonly scans = new Map<string, number>();
  private readonly debounced = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('lucaro-leak-guard'));

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly git: GitTracking,
    private readonly sha256: Sha256,
  ) {
    super();
    this.index = SecretIndex.build([], sha256);
    this._register(vscode.workspace.onDidOpenTextDocument((document) => void this.scanDocument(document)));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => void this.scanDocument(document)));
    this._register(vscode.workspace.onDidChangeTextDocument(({ document }) => this.scanSoon(document)));
    this._register(git.onDidChange(() => this.rescanOpen()));
    this._register({ dispose: () => this.debounced.forEach((timer) => clearTimeout(timer)) });
  }

  /** The signed-in sessions changed: a new index, open documents scanned again, others kept for sessions still here. */
  follow(records: readonly SessionRecord[]): void {
    this.records = records;
    this.index = SecretIndex.build(records, this.sha256);
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const held = new Set(records.map((record) => record.id));
    for (const [key, { uri, found, tracked }] of this.findings) {
      if (open.has(key)) continue;
      const kept = found.filter((finding) => held.has(finding.match.sessionId));
      if (kept.length !== found.length) this.republish(uri, kept, tracked);
    }
    this.rescanOpen();
  }

  /** A file's text as the workspace scan read it (files open in an editor are scanned from the editor). */
  async scanText(uri: vscode.Uri, text: string): Promise<number> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return this.scanDocument(open);
    return this.scan(uri, text, (offset, starts) => {
      const { line, character } = positionAt(starts, offset);
      return new vscode.Position(line, character);
    });
  }

  findingsAt(uri: vscode.Uri, range: vscode.Range): readonly LeakFinding[] {
    return (this.findings.get(uri.toString())?.found ?? []).filter((finding) => finding.range.intersection(range) !== undefined);
  }

  record(sessionId: string): SessionRecord | undefined {
    return this.records.find((record) => record.id === sessionId);
  }

  /** "Ignore in this file": the fingerprint, never the token, goes to `workspaceState`. */
  async ignore(uri: vscode.Uri, fingerprint: string): Promise<void> {
    await this.workspaceState.update(ignoredSecretsKey, withIgnored(this.ignored(), uri.toString(), fingerprint));
    const file = this.findings.get(uri.toString());
    if (file) this.republish(uri, file.found.filter((finding) => finding.match.fingerprint !== fingerprint), file.tracked);
  }

  /** Fewer findings for a file without reading it again; a scan still on its way loses. */
  private republish(uri: vscode.Uri, kept: readonly LeakFinding[], tracked: boolean): void {
    const key = uri.toString();
    this.scans.set(key, (this.scans.get(key) ?? 0) + 1);
    this.publish(uri, kept, tracked);
  }

  private rescanOpen(): void {
    for (const document of vscode.workspace.textDocuments) void this.scanDocument(document);
  }

  private scanSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.debounced.get(key));
    this.debounced.set(
      key,
      setTimeout(() => {
        this.debounced.delete(key);
        void this.scanDocument(document);
      }, changeDebounceMs),
    );
  }

  private scanDocument(document: vscode.TextDocument): Promise<number> {
    if (document.isClosed) return Promise.resolve(0);
    return this.scan(document.uri, document.getText(), (offset) => document.positionAt(offset));
  }

  private async scan(uri: vscode.Uri, text: string, position: (offset: number, starts: readonly number[]) => vscode.Position): Promise<number> {
    // Only the workspace's own files: never a file the user opened from elsewhere.
    if (!vscode.workspace.getWorkspaceFolder(uri) || tooLargeToScan(text.length)) return 0;
    const key = uri.toString();
    const generation = (this.scans.get(key) ?? 0) + 1;
    this.scans.set(key, generation);
    const ignored = this.ignored();
    const matches = this.index
      .find(text, (sessionId) => this.record(sessionId))
      .filter((match) => !isIgnored(ignored, key, match.fingerprint));
    const starts = matches.length ? lineStarts(text) : [];
    const found = matches.map((match) => ({ match, range: new vscode.Range(position(match.start, starts), position(match.end, starts)) }));
    const tracked = found.length > 0 && (await this.git.isTracked(uri));
    if (this.scans.get(key) !== generation || this.isDisposed) return found.length;
    this.publish(uri, found, tracked);
    return found.length;
  }

  private publish(uri: vscode.Uri, found: readonly LeakFinding[], tracked: boolean): void {
    const key = uri.toString();
    if (found.length === 0) {
      this.findings.delete(key);
      this.diagnostics.delete(uri);
      return;
    }
    this.findings.set(key, { uri, found, tracked });
    this.diagnostics.set(uri, found.map(({ match, range }) => diagnostic(match, range, tracked)));
  }

  private ignored(): IgnoredSecrets {
    return parseIgnoredSecrets(this.workspaceState.get(ignoredSecretsKey));
  }
}

interface FileFindings {
  readonly uri: vscode.Uri;
  readonly found: readonly LeakFinding[];
  readonly tracked: boolean;
}

function diagnostic(match: SecretMatch, range: vscode.Range, tracked: boolean): vscode.Diagnostic {
  const severity = tracked ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const result = new vscode.Diagnostic(range, leakMessage(match, tracked), severity);
  result.source = leakDiagnosticSource;
  result.code = leakDiagnosticCode;
  return result;
}
