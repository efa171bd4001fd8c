import * as vscode from 'vscode';
import { looksBinary, tooLargeToScan } from '../core/leak-guard/scan-limits';
import type { GitTracking } from './git-tracking';
import type { LeakGuard } from './leak-guard';

export interface WorkspaceScanResult {
  readonly filesRead: number;
  readonly findings: number;
  readonly cancelled: boolean;
}

/**
 * The guard over every file of the workspace: `files.exclude` and `search.exclude` left out
 * by the glob, `.gitignore`d files by the git extension, symbolic links (which may lead out
 * of the workspace), binaries and files over 5 MB skipped. Reads only; sends nothing.
 */
export async function scanWorkspace(guard: LeakGuard, git: GitTracking): Promise<WorkspaceScanResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning the workspace for Lucaro tokens'), cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*', excludeGlob(), undefined, token);
      const ignored = await git.ignoredOf(files);
      const candidates = files.filter((uri) => !ignored.has(uri.fsPath));
      let filesRead = 0;
      let findings = 0;
      for (const uri of candidates) {
        if (token.isCancellationRequested) return { filesRead, findings, cancelled: true };
        const text = await readScannable(uri);
        if (text !== undefined) {
          filesRead++;
          findings += await guard.scanText(uri, text);
        }
        progress.report({ increment: 100 / candidates.length, message: vscode.workspace.asRelativePath(uri) });
      }
      return { filesRead, findings, cancelled: false };
    },
  );
}

/** `files.exclude` and `search.exclude` in one glob: passing any exclude replaces the default one. */
function excludeGlob(): string | undefined {
  const patterns = ['files.exclude', 'search.exclude'].flatMap((section) =>
    Object.entries(vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {})
      // `{ "when": ... }` entries depend on sibling files: left to the editor's own search.
      .filter(([, value]) => value === true)
      .map(([pattern]) => pattern),
  );
  return patterns.length ? `{${patterns.join(',')}}` : undefined;
}

async function readScannable(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.SymbolicLink || !(stat.type & vscode.FileType.File) || tooLargeToScan(stat.size)) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (looksBinary(bytes)) return undefined;
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    // Gone or unreadable since the search listed it.
    return undefined;
  }
}
