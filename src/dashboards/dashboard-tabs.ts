import * as vscode from 'vscode';
import type { Dashboard } from '../core/api/schemas';
import type { PanelTarget } from '../core/dashboards/protocol';
import { DisposableOwner } from '../core/disposable';
import { InsufficientScopeError } from '../core/http/errors';
import { describeForUser } from '../ui/error-messages';
import type { DashboardPanelDependencies } from './dashboard-panel';
import type { DashboardPanels } from './dashboard-panels';

/** `onWebviewPanel:lucaro.dashboard` in the manifest restores these tabs after a reload. */
export const dashboardViewType = 'lucaro.dashboard';

/**
 * What activation holds of the dashboard tabs: the serializer and a door. The tabs' code
 * (`dashboard-panels.ts` and its imports) is loaded the first time a tab opens or is restored;
 * in the Node bundle it is a second file, `dist/dashboards.js` (see esbuild.js).
 */
export class DashboardTabs extends DisposableOwner {
  private panels: Promise<DashboardPanels> | undefined;

  constructor(private readonly deps: Omit<DashboardPanelDependencies, 'viewType' | 'webviewRoot' | 'describeForUser' | 'lacksScope'> & { readonly extensionUri: vscode.Uri }) {
    super();
    this._register(
      vscode.window.registerWebviewPanelSerializer(dashboardViewType, {
        deserializeWebviewPanel: async (panel, state: unknown) => (await this.loaded()).restore(panel, state),
      }),
    );
  }

  async show(target: PanelTarget, dashboard?: Dashboard): Promise<void> {
    (await this.loaded()).show(target, dashboard);
  }

  private loaded(): Promise<DashboardPanels> {
    this.panels ??= import('./dashboard-panels.js').then(({ DashboardPanels }) =>
      this._register(
        new DashboardPanels({
          ...this.deps,
          viewType: dashboardViewType,
          // The one folder the page may load from: its script and style sheets.
          webviewRoot: vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview'),
          describeForUser,
          lacksScope: (error: unknown) => error instanceof InsufficientScopeError,
        }),
      ),
    );
    return this.panels;
  }
}
