import * as vscode from 'vscode';
import { DisposableOwner } from '../core/disposable';

export interface ProjectRef {
  readonly id: string;
  readonly name: string;
}

const activeProjectKey = 'lucaro.activeProject';
export const hasActiveProjectContextKey = 'lucaro.hasActiveProject';

/** The project the Dashboards view shows, remembered per workspace. */
export class ActiveProject extends DisposableOwner {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<ProjectRef | undefined>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly workspaceState: vscode.Memento) {
    super();
  }

  get current(): ProjectRef | undefined {
    const stored = this.workspaceState.get<ProjectRef>(activeProjectKey);
    return stored && typeof stored.id === 'string' && typeof stored.name === 'string' ? stored : undefined;
  }

  /** Selecting the same project under a new name (a rename) updates the name. */
  async select(project: ProjectRef | undefined): Promise<void> {
    const current = this.current;
    if (project?.id === current?.id && project?.name === current?.name) return;
    await this.workspaceState.update(activeProjectKey, project ? { id: project.id, name: project.name } : undefined);
    await this.publishContext();
    this.changeEmitter.fire(project);
  }

  publishContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', hasActiveProjectContextKey, this.current !== undefined);
  }
}
