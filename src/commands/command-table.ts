import * as vscode from 'vscode';
import type { AccountCommands } from './account-commands';
import { signIn } from './account-commands';
import type { CatalogCommands } from './catalog-commands';
import type { CommandId } from './command-ids';
import type { RegistrationPart } from '../core/register-each';
import type { DashboardCommands } from './dashboard-commands';
import type { ItemCommands } from './item-commands';
import type { LeakResolution } from '../leak-guard/leak-code-actions';
import type { LeakGuardHost } from '../leak-guard/leak-guard-host';

export interface CommandHandlers {
  readonly log: vscode.LogOutputChannel;
  readonly account: AccountCommands;
  readonly catalog: CatalogCommands;
  readonly items: ItemCommands;
  readonly dashboards: DashboardCommands;
  readonly leakGuard: LeakGuardHost;
}

export type CommandTable = Record<CommandId, (...args: never[]) => unknown>;

/** Every command's handler, in one place; `commandParts` makes one registration of each. */
export function createCommandTable({ log, account, catalog, items, dashboards, leakGuard }: CommandHandlers): CommandTable {
  return {
    'lucaro.signIn': () => signIn(),
    'lucaro.signOut': () => account.signOut(),
    'lucaro.switchAccount': () => account.switchAccount(),
    'lucaro.refresh': () => catalog.refresh(),
    'lucaro.searchProjects': () => catalog.searchProjects(),
    'lucaro.selectProject': (node?) => catalog.selectProject(node),
    'lucaro.newProject': () => catalog.newProject(),
    'lucaro.newDashboard': (node?) => catalog.newDashboard(node),
    'lucaro.newMetric': (node?) => catalog.newMetric(node),
    'lucaro.renameProject': (node?) => catalog.renameProject(node),
    'lucaro.openDashboard': (node?) => dashboards.openDashboard(node),
    'lucaro.openMetric': (node?) => dashboards.openMetric(node),
    'lucaro.openInBrowser': (node?: unknown) => items.openInBrowser(node),
    'lucaro.copyId': (node?: unknown) => items.copyId(node),
    'lucaro.showLog': () => log.show(),
    'lucaro.setClientSecret': () => account.setClientSecret(),
    'lucaro.grantAccess': (scope?: unknown) => catalog.grantAccess(scope),
    'lucaro.loadMore': (node?) => catalog.loadMore(node),
    'lucaro.retry': (node?) => catalog.retry(node),
    'lucaro.scanWorkspaceForTokens': () => leakGuard.scanWorkspace(),
    'lucaro.resolveTokenLeak': (resolution: LeakResolution) => leakGuard.resolve(resolution),
  };
}

/** One registration per command, so a command id the editor refuses leaves the others working. */
export function commandParts(table: CommandTable): RegistrationPart[] {
  return Object.entries(table).map(([id, handler]) => ({
    name: `the command ${id}`,
    register: () => vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown),
  }));
}
