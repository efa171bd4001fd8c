import * as vscode from 'vscode';

export interface ProjectRef {
  readonly id: string;
  readonly name: string;
}

const activeProjectKey = 'lucaro.activeProject';
export const hasActiveProjectContextKey = 'lucaro.hasActiveProject';

/** The project the Dashboards view shows, remembered per workspace. */
export class ActiveProject implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ProjectRef | undefined>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly workspaceState: vscode.Memento) {}

  get current(): ProjectRef | undefined {
    const stored = this.workspaceState.get<ProjectRef>(activeProjectKey);
    return stored && typeof stored.id === 'string' && typeof stored.name === 'string' ? stored : undefined;
  }

  async select(project: ProjectRef | undefined): Promise<void> {
    if (project?.id === this.current?.id) return;
    await this.workspaceState.update(activeProjectKey, project ? { id: project.id, name: project.name } : undefined);
    await this.publishContext();
    this.changeEmitter.fire(project);
  }

  publishContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', hasActiveProjectContextKey, this.current !== undefined);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
