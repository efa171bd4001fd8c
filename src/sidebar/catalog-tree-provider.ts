import * as vscode from 'vscode';
import type { AccountSession } from '../account/account-session';
import type { SignedInServices } from '../account/signed-in-services';
import { scopesCover } from '../core/auth/scopes';
import { DisposableOwner } from '../core/disposable';
import { TimeFormat } from '../core/time-format';
import type { ListKey } from '../core/tree/catalog-model';
import { ListReads } from '../core/tree/list-reads';
import { toTreeItem } from './tree-items';
import type { LucaroNode } from './tree-nodes';

/** Where a tree shows a list: as its top level, below one of its rows, or not at all. */
export type ListPlace = 'root' | LucaroNode | undefined;

/**
 * What the projects and dashboards trees share: they show the signed-in account's catalog
 * and redraw when it changes: the whole tree when the account does, only the rows below a
 * list when that list does (every other row keeps working while one list loads). Nothing
 * here prompts: an empty tree shows the view's welcome content, a failure shows an error
 * row with Retry.
 */
export abstract class CatalogTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<LucaroNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<LucaroNode[] | undefined>());
  private readonly reads = new ListReads();
  private queued: Set<LucaroNode> | 'all' | undefined;
  /** The editor's display language, not the system's: it cannot change without a reload. */
  private readonly times = new TimeFormat(vscode.env.language);

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    protected readonly viewId: string,
    protected readonly account: AccountSession,
  ) {
    super();
    this._register(account.onDidChange(() => this.refresh()));
    this._register(account.onDidChangeCatalog((key) => this.listChanged(key)));
  }

  getTreeItem(node: LucaroNode): vscode.TreeItem {
    return toTreeItem(node, this.viewId, this.times);
  }

  async getChildren(node?: LucaroNode): Promise<LucaroNode[]> {
    const services = this.account.current;
    if (!services) return [];
    return this.childrenOf(services, node);
  }

  /** Redraws the whole tree, once per tick however often it is asked. */
  refresh(): void {
    this.queue('all');
  }

  protected abstract childrenOf(services: SignedInServices, node: LucaroNode | undefined): Promise<LucaroNode[]>;

  /** Where this tree shows `list` now (the row object it last handed out for it). */
  protected abstract placeOf(list: ListKey): ListPlace;

  /** Loads `list` for the children being read: its changes meanwhile are in what the read returns. */
  protected loadFor(key: ListKey, list: { load(): Promise<void> }): Promise<void> {
    return this.reads.during(key, () => list.load());
  }

  protected canRead(services: SignedInServices, scope: string): boolean {
    return scopesCover(services.record.scopes, [scope]);
  }

  private listChanged(key: ListKey): void {
    if (this.reads.has(key)) return;
    const place = this.placeOf(key);
    if (place !== undefined) this.queue(place === 'root' ? 'all' : place);
  }

  private queue(what: 'all' | LucaroNode): void {
    const first = this.queued === undefined;
    if (what === 'all' || this.queued === 'all') this.queued = 'all';
    else this.queued = new Set(this.queued).add(what);
    if (!first) return;
    queueMicrotask(() => {
      const queued = this.queued;
      this.queued = undefined;
      this.changeEmitter.fire(queued === 'all' || queued === undefined ? undefined : [...queued]);
    });
  }
}
