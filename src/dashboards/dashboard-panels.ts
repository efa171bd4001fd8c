import * as vscode from 'vscode';
import type { Dashboard } from '../core/api/schemas';
import { parsePanelTarget, type PanelTarget } from '../core/dashboards/protocol';
import { DisposableOwner } from '../core/disposable';
import { DashboardPanel, type DashboardPanelDependencies } from './dashboard-panel';
import { targetKey } from './range-memory';

/**
 * The open tabs, one per dashboard and per metric: opening one that is open reveals it.
 * This module and what it imports load with the first tab, not at activation (see dashboard-tabs.ts).
 */
export class DashboardPanels extends DisposableOwner {
  private readonly tabs = new Map<string, DashboardPanel>();

  constructor(private readonly deps: DashboardPanelDependencies) {
    super();
    this._register({ dispose: () => [...this.tabs.values()].forEach((tab) => tab.dispose()) });
  }

  show(target: PanelTarget, dashboard?: Dashboard): void {
    const open = this.tabs.get(targetKey(target));
    if (open) {
      open.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(this.deps.viewType, target.title, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [this.deps.webviewRoot],
    });
    this.adopt(panel, target, dashboard);
  }

  /** The state is what the page saved, so it is checked; a tab that cannot be restored closes. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const target = parsePanelTarget(state);
    if (!target || this.tabs.has(targetKey(target))) {
      panel.dispose();
      return;
    }
    this.adopt(panel, target);
  }

  private adopt(panel: vscode.WebviewPanel, target: PanelTarget, dashboard?: Dashboard): void {
    const key = targetKey(target);
    const tab = new DashboardPanel(panel, target, this.deps, dashboard);
    this.tabs.set(key, tab);
    tab.onDidDispose(() => {
      if (this.tabs.get(key) === tab) this.tabs.delete(key);
    });
  }
}
