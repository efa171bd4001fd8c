import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { SignedInServices } from '../account/signed-in-services';
import { scopesCover } from '../core/auth/scopes';
import { DisposableOwner } from '../core/disposable';
import { TimeFormat } from '../core/time-format';
import { toTreeItem } from './tree-items';
import type { LucaroNode } from './tree-nodes';

/**
 * What the projects and dashboards trees share: they show the signed-in account's catalog
 * and redraw when it changes. Nothing here prompts: an empty tree shows the view's welcome
 * content, a failure shows an error row with Retry.
 */
export abstract class CatalogTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<LucaroNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<LucaroNode | undefined>());
  private refreshQueued = false;
  /** The editor's display language, not the system's: it cannot change without a reload. */
  private readonly times = new TimeFormat(vscode.env.language);

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    protected readonly viewId: string,
    protected readonly account: AccountSession,
  ) {
    super();
    this._register(account.onDidChange(() => this.refresh()));
    this._register(account.onDidChangeCatalog(() => this.refresh()));
  }

  getTreeItem(node: LucaroNode): vscode.TreeItem {
    return toTreeItem(node, this.viewId, this.times);
  }

  async getChildren(node?: LucaroNode): Promise<LucaroNode[]> {
    const services = this.account.current;
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

  protected abstract childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]>;

  protected canRead(services: SignedInServices, scope: string): boolean {
    return scopesCover(services.record.scopes, [scope]);
  }
}
