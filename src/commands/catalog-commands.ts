import * as vscode from 'vscode';
import type { ActiveProject, ProjectRef } from '../account/active-project';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import type { SignedInServices } from '../account/signed-in-services';
import type { Project } from '../core/api/schemas';
import type { PagedList } from '../core/tree/paged-list';
import { checkResourceName, maxNameLength } from '../core/validation/resource-name';
import { describeForUser } from '../ui/error-messages';
import type { ScopeStepUp } from '../views/scope-step-up';
import type { LucaroNode } from '../views/tree-nodes';
import { pickProject } from './project-picker';

export interface CatalogCommandDependencies {
  readonly lifetime: SignedInLifetime;
  readonly activeProject: ActiveProject;
  readonly stepUp: ScopeStepUp;
}

/** Sidebar commands: reading, paging, creating and renaming. */
export class CatalogCommands {
  constructor(private readonly deps: CatalogCommandDependencies) {}

  refresh(): void {
    this.deps.lifetime.current?.catalog.refresh();
  }

  async loadMore(node?: LucaroNode): Promise<void> {
    if (node?.kind === 'loadMore') await node.list.loadMore();
  }

  async retry(node?: LucaroNode): Promise<void> {
    if (node?.kind !== 'error') return;
    const list: PagedList<unknown> = node.list;
    list.reset();
    await list.load();
  }

  async grantAccess(scope?: unknown): Promise<void> {
    const scopes = typeof scope === 'string' ? [scope] : Array.isArray(scope) ? scope.filter((s) => typeof s === 'string') : [];
    if (scopes.length) await this.deps.stepUp.grant(scopes);
  }

  async searchProjects(): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const project = await pickProject(services.api, vscode.l10n.t('Search Lucaro Projects'));
    if (!project) return;
    await this.deps.activeProject.select(project);
    await vscode.commands.executeCommand('lucaro.dashboards.focus');
  }

  async selectProject(node?: LucaroNode): Promise<void> {
    if (node?.kind === 'project') {
      await this.deps.activeProject.select(node.project);
      return;
    }
    const services = this.signedIn();
    if (!services) return;
    const project = await pickProject(services.api, vscode.l10n.t('Select the Lucaro Project for the Dashboards View'));
    if (project) await this.deps.activeProject.select(project);
  }

  async newProject(): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const name = await askName(vscode.l10n.t('New Lucaro Project'), vscode.l10n.t('Project name'));
    if (name === undefined) return;
    const description = await vscode.window.showInputBox({
      title: vscode.l10n.t('New Lucaro Project'),
      prompt: vscode.l10n.t('Description (optional)'),
      ignoreFocusOut: true,
    });
    if (description === undefined) return;
    const project = await this.withProgress(vscode.l10n.t('Creating project {0}…', name), (signal) =>
      services.api.createProject({ name, ...(description.trim() ? { description: description.trim() } : {}) }, { signal }),
    );
    if (!project) return;
    services.catalog.projects.prepend(project);
    void vscode.window.showInformationMessage(vscode.l10n.t('Created the Lucaro project {0}.', project.name));
  }

  async newDashboard(node?: LucaroNode): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const project: ProjectRef | undefined =
      node?.kind === 'project' || node?.kind === 'group'
        ? node.project
        : (this.deps.activeProject.current ?? (await pickProject(services.api, vscode.l10n.t('New Dashboard in Which Project?'))));
    if (!project) return;
    const name = await askName(vscode.l10n.t('New Dashboard in {0}', project.name), vscode.l10n.t('Dashboard name'));
    if (name === undefined) return;
    const dashboard = await this.withProgress(vscode.l10n.t('Creating dashboard {0}…', name), (signal) =>
      services.api.createDashboard(project.id, { name }, { signal }),
    );
    if (!dashboard) return;
    services.catalog.dashboards(project.id).prepend(dashboard);
    void vscode.window.showInformationMessage(vscode.l10n.t('Created the dashboard {0} in {1}.', dashboard.name, project.name));
  }

  async renameProject(node?: LucaroNode): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const project: Project | undefined =
      node?.kind === 'project' ? node.project : await pickProject(services.api, vscode.l10n.t('Rename Which Project?'));
    if (!project) return;
    const name = await askName(vscode.l10n.t('Rename {0}', project.name), vscode.l10n.t('New name'), project.name);
    if (name === undefined || name === project.name) return;
    const renamed = await this.withProgress(vscode.l10n.t('Renaming {0}…', project.name), (signal) =>
      services.api.updateProject(project.id, { name }, { signal }),
    );
    if (!renamed) return;
    services.catalog.projects.replace((existing) => existing.id === renamed.id, renamed);
    if (this.deps.activeProject.current?.id === renamed.id) await this.deps.activeProject.select(undefined).then(() => this.deps.activeProject.select(renamed));
  }

  private signedIn(): SignedInServices | undefined {
    const services = this.deps.lifetime.current;
    if (!services) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Lucaro first.'));
    }
    return services;
  }

  /** Runs a write with a cancellable progress; failures become one message (a 403 offers a step-up). */
  private async withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          const subscription = token.onCancellationRequested(() => abort.abort());
          return task(abort.signal).finally(() => subscription.dispose());
        },
      );
    } catch (error) {
      if (!this.deps.stepUp.offerFor(error)) void vscode.window.showErrorMessage(describeForUser(error));
      return undefined;
    }
  }
}

async function askName(title: string, prompt: string, value?: string): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (input) => {
      switch (checkResourceName(input)) {
        case 'empty':
          return vscode.l10n.t('A name is required.');
        case 'tooLong':
          return vscode.l10n.t('A name has at most {0} characters.', maxNameLength);
        case 'controlCharacters':
          return vscode.l10n.t('A name cannot contain control characters.');
        default:
          return undefined;
      }
    },
  });
  return name?.trim();
}
