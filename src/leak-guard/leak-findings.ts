import * as vscode from 'vscode';
import type { SecretMatch } from '../core/leak-guard/secret-index';

/** A match and where the editor shows it. */
export interface LeakFinding {
  readonly match: SecretMatch;
  readonly range: vscode.Range;
}

/** The guard's findings per file, for the code actions; they hold no secret. */
export interface LeakFindings {
  findingsAt(uri: vscode.Uri, range: vscode.Range): readonly LeakFinding[];
}
