import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { ActiveProject, ProjectRef } from '../account/active-project';
import type { SignedInServices } from '../account/signed-in-services';
import type { LucaroApiClient } from '../core/api/api-client';
import type { Metric, Project } from '../core/api/schemas';
import type { PagedListState } from '../core/tree/paged-list';
import { checkResourceName, maxNameLength } from '../core/validation/resource-name';
import type { FailureChannel } from '../failures/failure-channel';
import type { ScopeStepUp } from '../failures/scope-step-up';
import type { LucaroNode } from '../sidebar/tree-nodes';
import { askNewMetric } from './metric-input';
import { pickProject } from './project-picker';
import { askText, describeTextProblem } from './text-input';
import { literalInMessage } from '../core/encoding/editor-text';

export interface CatalogCommandDependencies {
  readonly account: AccountSession;
  readonly activeProject: ActiveProject;
  readonly stepUp: ScopeStepUp;
  readonly failures: FailureChannel;
}

/** Sidebar commands: reading, paging, creating and renaming. */
export class CatalogCommands {
  constructor(private readonly deps: CatalogCommandDependencies) {}

  refresh(): void {
    this.deps.account.current?.catalog.refresh();
  }

  /** A failed page reaches the failure channel through the model; nothing to catch here. */
  async loadMore(node?: LucaroNode): Promise<void> {
    if (node?.kind === 'loadMore') await this.deps.account.current?.catalog.loadMore(node.list);
  }

  async retry(node?: LucaroNode): Promise<void> {
    if (node?.kind === 'error' || node?.kind === 'outOfDate') await this.deps.account.current?.catalog.retry(node.list);
  }

  async grantAccess(scope?: unknown): Promise<void> {
    const scopes = typeof scope === 'string' ? [scope] : Array.isArray(scope) ? scope.filter((s) => typeof s === 'string') : [];
    if (scopes.length) await this.deps.stepUp.grant(scopes);
  }

  async searchProjects(): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const project = await this.pick(services, vscode.l10n.t('Search Lucaro Projects'));
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
    const project = await this.pick(services, vscode.l10n.t('Select the Lucaro Project for the Dashboards View'));
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
    const project = await this.withProgress(services, 'Creating a project', vscode.l10n.t('Creating project {0}…', literalInMessage(name)), (api, signal) =>
      api.createProject({ name, ...(description.trim() ? { description: description.trim() } : {}) }, { signal }),
    );
    if (!project) return;
    services.catalog.projectCreated(project);
    void vscode.window.showInformationMessage(vscode.l10n.t('Created the Lucaro project {0}.', literalInMessage(project.name)));
  }

  async newDashboard(node?: LucaroNode): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const project: ProjectRef | undefined =
      projectOfNode(node) ?? this.deps.activeProject.current ?? (await this.pick(services, vscode.l10n.t('New Dashboard in Which Project?')));
    if (!project) return;
    const name = await askName(vscode.l10n.t('New Dashboard in {0}', project.name), vscode.l10n.t('Dashboard name'));
    if (name === undefined) return;
    const dashboard = await this.withProgress(services, 'Creating a dashboard', vscode.l10n.t('Creating dashboard {0}…', literalInMessage(name)), (api, signal) =>
      api.createDashboard(project.id, { name }, { signal }),
    );
    if (!dashboard) return;
    services.catalog.dashboardCreated(project.id, dashboard);
    void vscode.window.showInformationMessage(vscode.l10n.t('Created the dashboard {0} in {1}.', literalInMessage(dashboard.name), literalInMessage(project.name)));
  }

  async newMetric(node?: LucaroNode): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    // From the palette, the picker opens on the active project: a metric is not tied to the Dashboards view.
    const project: ProjectRef | undefined =
      projectOfNode(node) ?? (await this.pick(services, vscode.l10n.t('New Metric in Which Project?'), this.deps.activeProject.current));
    if (!project) return;
    const metrics = services.catalog.metrics(project.id);
    const fields = await askNewMetric(project, loadedNames(metrics.state));
    if (!fields) return;
    const metric = await this.withProgress(services, 'Creating a metric', vscode.l10n.t('Creating metric {0}…', literalInMessage(fields.name)), (api, signal) =>
      api.createMetric(project.id, fields, { signal }),
    );
    if (!metric) return;
    // Shown at once, first, without a round trip, as a new dashboard is; a later page does not repeat it.
    metrics.prepend(metric);
    void vscode.window.showInformationMessage(vscode.l10n.t('Created the metric {0} in {1}.', literalInMessage(metric.name), literalInMessage(project.name)));
  }

  async renameProject(node?: LucaroNode): Promise<void> {
    const services = this.signedIn();
    if (!services) return;
    const project: Project | undefined = node?.kind === 'project' ? node.project : await this.pick(services, vscode.l10n.t('Rename Which Project?'));
    if (!project) return;
    const name = await askName(vscode.l10n.t('Rename {0}', project.name), vscode.l10n.t('New name'), project.name);
    if (name === undefined || name === project.name) return;
    const renamed = await this.withProgress(services, 'Renaming a project', vscode.l10n.t('Renaming {0}…', literalInMessage(project.name)), (api, signal) =>
      api.updateProject(project.id, { name }, { signal }),
    );
    if (!renamed) return;
    services.catalog.projectRenamed(renamed);
    if (this.deps.activeProject.current?.id === renamed.id) await this.deps.activeProject.select(renamed);
  }

  private signedIn(): SignedInServices | undefined {
    const services = this.deps.account.current;
    if (!services) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Lucaro first.'));
    }
    return services;
  }

  private pick(services: SignedInServices, title: string, preferred?: ProjectRef): Promise<Project | undefined> {
    return pickProject(services, title, (error) => this.deps.failures.report(error, 'picker', 'Listing projects for a picker'), preferred);
  }

  /** Runs a write with a cancellable progress; a failure goes to the failure channel. */
  private async withProgress<T>(
    services: SignedInServices,
    what: string,
    title: string,
    task: (api: LucaroApiClient, signal: AbortSignal) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          const subscription = token.onCancellationRequested(() => abort.abort());
          return services.run(task, abort.signal).finally(() => subscription.dispose());
        },
      );
    } catch (error) {
      this.deps.failures.report(error, 'command', what);
      return undefined;
    }
  }
}

/** The project a tree row (a project or one of its groups) stands for. */
function projectOfNode(node: LucaroNode | undefined): ProjectRef | undefined {
  return node?.kind === 'project' || node?.kind === 'group' ? node.project : undefined;
}

/** The names a list has loaded: what a new metric's name is checked against before the request. */
function loadedNames(state: PagedListState<Metric>): ReadonlySet<string> {
  return new Set(state.status === 'loaded' ? state.items.map((metric) => metric.name) : []);
}

function askName(title: string, prompt: string, value?: string): Promise<string | undefined> {
  return askText({ title, prompt, value, validate: (input) => describeTextProblem('name', checkResourceName(input), maxNameLength) });
}
