import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';
import type { Fingerprint } from '../core/leak-guard/fingerprint';
import { isIgnored } from '../core/leak-guard/ignored-secrets';
import { maximumFindingsPerFile, scannedOnEdit, tooLargeToScan } from '../core/leak-guard/scan-limits';
import { SecretIndex, type SecretMatch } from '../core/leak-guard/secret-index';
import type { Sha256 } from '../core/leak-guard/sha256';
import { lineStarts, positionAt } from '../core/leak-guard/text-positions';
import type { SessionRecord } from '../core/session/session-record';
import type { GitTracking } from './git-tracking';
import type { IgnoredFingerprints } from './ignored-fingerprints';
import type { LeakFinding, LeakFindings } from './leak-findings';
import { leakMessage, moreLeaksMessage } from './leak-messages';

const changeDebounceMs = 300;
export const leakDiagnosticSource = 'Lucaro';
export const leakDiagnosticCode = 'lucaro.tokenLeak';

export interface LeakGuardOptions {
  readonly ignored: IgnoredFingerprints;
  readonly git: GitTracking;
  readonly sha256: Sha256;
  readonly fingerprint: Fingerprint;
}

/**
 * Diagnostics for the signed-in sessions' secrets in the workspace's files: open documents
 * on open, on change (debounced; files over `maximumScanOnEditLength` only on save) and on
 * save, other files when the workspace scan reads them. At most `maximumFindingsPerFile`
 * problems a file, and one that counts the rest. Exists only while someone is signed in and
 * the guard is enabled.
 */
export class LeakGuard extends DisposableOwner implements LeakFindings {
  private records: readonly SessionRecord[] = [];
  private index: SecretIndex;
  private readonly findings = new Map<string, FileFindings>();
  /** Bumped by each scan of a file: an older scan that finishes later does not overwrite it. */
  private readonly scans = new Map<string, number>();
  private readonly debounced = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('lucaro-leak-guard'));

  private readonly ignored: IgnoredFingerprints;
  private readonly git: GitTracking;
  private readonly sha256: Sha256;
  private readonly fingerprint: Fingerprint;

  constructor({ ignored, git, sha256, fingerprint }: LeakGuardOptions) {
    super();
    this.ignored = ignored;
    this.git = git;
    this.sha256 = sha256;
    this.fingerprint = fingerprint;
    this.index = SecretIndex.build([], sha256, fingerprint);
    this._register(vscode.workspace.onDidOpenTextDocument((document) => void this.scanDocument(document)));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => void this.scanDocument(document)));
    this._register(vscode.workspace.onDidChangeTextDocument(({ document }) => this.scanSoon(document)));
    this._register(git.onDidChange(() => this.rescanOpen()));
    this._register({ dispose: () => this.debounced.forEach((timer) => clearTimeout(timer)) });
  }

  /** The signed-in sessions changed: a new index, open documents scanned again, others kept for sessions still here. */
  follow(records: readonly SessionRecord[]): void {
    this.records = records;
    this.index = SecretIndex.build(records, this.sha256, this.fingerprint);
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    const held = new Set(records.map((record) => record.id));
    for (const [key, { uri, found, tracked, more }] of this.findings) {
      if (open.has(key)) continue;
      const kept = found.filter((finding) => held.has(finding.match.sessionId));
      // The count beyond the cap names no session: it goes with the last session it may belong to.
      if (kept.length !== found.length) this.republish(uri, kept, tracked, kept.length ? more : 0);
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

  /** "Ignore in this file": the keyed fingerprint, never the token, goes to `workspaceState`. */
  async ignore(uri: vscode.Uri, fingerprint: string): Promise<void> {
    await this.ignored.add(uri.toString(), fingerprint);
    const file = this.findings.get(uri.toString());
    if (!file) return;
    // Past the cap, the rest may be this token or others: read the file again to know.
    if (file.more > 0) return void this.rescan(uri);
    this.republish(uri, file.found.filter((finding) => finding.match.fingerprint !== fingerprint), file.tracked, 0);
  }

  /** Fewer findings for a file without reading it again; a scan still on its way loses. */
  private republish(uri: vscode.Uri, kept: readonly LeakFinding[], tracked: boolean, more: number): void {
    const key = uri.toString();
    this.scans.set(key, (this.scans.get(key) ?? 0) + 1);
    this.publish(uri, kept, tracked, more);
  }

  private rescan(uri: vscode.Uri): void {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) void this.scanDocument(open);
    else {void vscode.workspace.fs.readFile(uri).then(
      (bytes) => this.scanText(uri, new TextDecoder().decode(bytes)),
      () => undefined,
    );}
  }

  private rescanOpen(): void {
    for (const document of vscode.workspace.textDocuments) void this.scanDocument(document);
  }

  private scanSoon(document: vscode.TextDocument): void {
    if (!scannedOnEdit(textLength(document))) return;
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
    const ignored = this.ignored.current;
    const { matches, beyondLimit } = this.index.scan(text, (sessionId) => this.record(sessionId), {
      limit: maximumFindingsPerFile,
      skip: (fingerprint) => isIgnored(ignored, key, fingerprint),
    });
    const starts = matches.length ? lineStarts(text, matches[matches.length - 1]!.end) : [];
    const found = matches.map((match) => ({ match, range: new vscode.Range(position(match.start, starts), position(match.end, starts)) }));
    const tracked = found.length > 0 && (await this.git.isTracked(uri));
    const count = found.length + beyondLimit;
    if (this.scans.get(key) !== generation || this.isDisposed) return count;
    this.publish(uri, found, tracked, beyondLimit);
    return count;
  }

  private publish(uri: vscode.Uri, found: readonly LeakFinding[], tracked: boolean, more: number): void {
    const key = uri.toString();
    if (found.length === 0) {
      this.findings.delete(key);
      this.diagnostics.delete(uri);
      return;
    }
    this.findings.set(key, { uri, found, tracked, more });
    const shown = found.map(({ match, range }) => diagnostic(match, range, tracked));
    if (more > 0) shown.push(summary(found[found.length - 1]!.range, more, tracked));
    this.diagnostics.set(uri, shown);
  }
}

interface FileFindings {
  readonly uri: vscode.Uri;
  readonly found: readonly LeakFinding[];
  readonly tracked: boolean;
  /** Occurrences past the cap, shown as one summary problem. */
  readonly more: number;
}

/** The document's length without copying its text. */
function textLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

function diagnostic(match: SecretMatch, range: vscode.Range, tracked: boolean): vscode.Diagnostic {
  const severity = tracked ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const result = new vscode.Diagnostic(range, leakMessage(match, tracked), severity);
  result.source = leakDiagnosticSource;
  result.code = leakDiagnosticCode;
  return result;
}

/** One problem for every occurrence past the cap, after the last one shown. */
function summary(after: vscode.Range, more: number, tracked: boolean): vscode.Diagnostic {
  const severity = tracked ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const result = new vscode.Diagnostic(new vscode.Range(after.end, after.end), moreLeaksMessage(more, maximumFindingsPerFile), severity);
  result.source = leakDiagnosticSource;
  result.code = leakDiagnosticCode;
  return result;
}
