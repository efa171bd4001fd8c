import * as vscode from 'vscode';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import type { SignedInServices } from '../account/signed-in-services';
import { scopesCover } from '../core/auth/scopes';
import { toTreeItem } from './tree-items';
import type { LucaroNode } from './tree-nodes';

/**
 * What the projects and dashboards trees share: they follow the signed-in services, and
 * refresh when the catalog model changes. Nothing here prompts: an empty tree shows the
 * view's welcome content, a failure shows an error row with Retry.
 */
export abstract class CatalogTreeProvider implements vscode.TreeDataProvider<LucaroNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<LucaroNode | undefined>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private catalogSubscription: vscode.Disposable | undefined;
  private refreshQueued = false;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    protected readonly viewId: string,
    protected readonly lifetime: SignedInLifetime,
  ) {
    this.subscriptions.push(lifetime.onDidChange((services) => this.follow(services)));
    this.follow(lifetime.current);
  }

  getTreeItem(node: LucaroNode): vscode.TreeItem {
    return toTreeItem(node, this.viewId);
  }

  async getChildren(node?: LucaroNode): Promise<LucaroNode[]> {
    const services = this.lifetime.current;
    if (!services) return [];
    return this.childrenOf(services, node);
  }

  /** Redraws the whole tree once per tick, however many lists changed. */
  refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.changeEmitter.fire(undefined);
    });
  }

  dispose(): void {
    this.catalogSubscription?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }

  protected abstract childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]>;

  protected canRead(services: SignedInServices, scope: string): boolean {
    return scopesCover(services.record.scopes, [scope]);
  }

  protected track(disposable: vscode.Disposable): void {
    this.subscriptions.push(disposable);
  }

  private follow(services: SignedInServices | undefined): void {
    this.catalogSubscription?.dispose();
    this.catalogSubscription = services?.catalog.onDidChange(() => this.refresh());
    this.refresh();
  }
}
