import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';

/** The parts of the built-in git extension's API (`vscode.git`, API version 1) used here. */
interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly workingTreeChanges: readonly GitChange[];
    readonly untrackedChanges?: readonly GitChange[];
    readonly onDidChange: vscode.Event<void>;
  };
  checkIgnore(paths: string[]): Promise<Set<string>>;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** `Status.UNTRACKED` and `Status.IGNORED` of the git extension's API. */
const untracked = 7;
const ignored = 8;

/**
 * Whether git tracks a file, as the built-in git extension knows it: inside one of its
 * repositories, not untracked and not ignored. Without the extension (disabled, or git
 * missing) nothing counts as tracked.
 */
export class GitTracking extends DisposableOwner {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  private api: Promise<GitApi | undefined> | undefined;

  /** A repository opened or its status changed: what is tracked may have changed. */
  readonly onDidChange = this.changeEmitter.event;

  async isTracked(uri: vscode.Uri): Promise<boolean> {
    const api = await this.gitApi();
    const repository = api?.getRepository(uri);
    if (!repository) return false;
    const path = uri.fsPath;
    const changes = [...repository.state.workingTreeChanges, ...(repository.state.untrackedChanges ?? [])];
    if (changes.some((change) => change.uri.fsPath === path && (change.status === untracked || change.status === ignored))) return false;
    try {
      return !(await repository.checkIgnore([path])).has(path);
    } catch {
      return false;
    }
  }

  /** Paths of `uris` that a repository's .gitignore excludes. */
  async ignoredOf(uris: readonly vscode.Uri[]): Promise<Set<string>> {
    const api = await this.gitApi();
    const result = new Set<string>();
    if (!api) return result;
    const byRepository = new Map<GitRepository, string[]>();
    for (const uri of uris) {
      const repository = api.getRepository(uri);
      if (repository) byRepository.set(repository, [...(byRepository.get(repository) ?? []), uri.fsPath]);
    }
    for (const [repository, paths] of byRepository) {
      try {
        for (const path of await repository.checkIgnore(paths)) result.add(path);
      } catch {
        // git could not answer: scan the files rather than skip them.
      }
    }
    return result;
  }

  private gitApi(): Promise<GitApi | undefined> {
    this.api ??= this.loadApi();
    return this.api;
  }

  private async loadApi(): Promise<GitApi | undefined> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    try {
      const exports = extension.isActive ? extension.exports : await extension.activate();
      if (!exports.enabled) return undefined;
      const api = exports.getAPI(1);
      const follow = (repository: GitRepository) => this._register(repository.state.onDidChange(() => this.changeEmitter.fire()));
      api.repositories.forEach(follow);
      this._register(
        api.onDidOpenRepository((repository) => {
          follow(repository);
          this.changeEmitter.fire();
        }),
      );
      return api;
    } catch {
      return undefined;
    }
  }
}
