import type { Locator, Page } from 'playwright-core';
import { animationsDone, exactly, uiTimeoutMs, waitUntil, waitUntilSteady } from './wait';

export const signedOutWelcome = 'Sign in to Lucaro to browse your projects, dashboards and metrics.';

export interface RowInfo {
  readonly label: string;
  readonly description: string;
  readonly level: number;
  readonly posInSet: number;
  readonly setSize: number;
  readonly expanded: string | null;
}

/** The Lucaro view container: its activity bar entry and its two trees. */
export class LucaroViews {
  readonly projects: TreeView;
  readonly dashboards: TreeView;

  constructor(private readonly page: Page) {
    this.projects = new TreeView(page, 'Projects');
    this.dashboards = new TreeView(page, 'Dashboards');
  }

  get sidebar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  private get title(): Locator {
    return this.sidebar.locator('.composite.title', { hasText: 'Lucaro' });
  }

  /**
   * Shows the Lucaro view container. A click on an open container would close it, and a
   * reloaded window restores the container a moment after the activity bar shows: click
   * only while another container shows, or when none was restored within 5 s.
   */
  async show(): Promise<Locator> {
    const entry = this.page.locator('.part.activitybar a.action-label[aria-label="Lucaro"]');
    await entry.waitFor({ timeout: 60_000 });
    const started = Date.now();
    let clickedAt = 0;
    await waitUntil(
      async () => {
        if (await this.title.isVisible()) return true;
        const other = await this.sidebar.locator('.composite.title').first().isVisible();
        if ((other || Date.now() - started > 5000) && Date.now() - clickedAt > 3000) {
          await entry.click();
          clickedAt = Date.now();
        }
        return false;
      },
      'the Lucaro sidebar',
      30_000,
    );
    return this.sidebar;
  }

  /** The signed-out welcome text of the container. */
  get welcome(): Locator {
    return this.sidebar.getByText(signedOutWelcome).first();
  }

  async waitSignedOut(): Promise<void> {
    await this.show();
    await this.welcome.waitFor({ timeout: uiTimeoutMs });
  }

  /**
   * Waits until no view shows its progress bar for `quietMs`. After sign-in the trees redraw
   * several times; a click that lands while the extension host rebuilds a tree's nodes can
   * select a row the extension never hears about.
   */
  async settle(quietMs = 400): Promise<void> {
    const busy = this.sidebar.locator('.monaco-progress-container.active');
    await waitUntilSteady(async () => (await busy.count()) === 0, 'the sidebar to stop loading', quietMs);
  }

  /** Any tree row of the container whose label is exactly `label` (either view). */
  anyRow(label: string): Locator {
    return this.sidebar.locator('.monaco-list-row[role="treeitem"]', { has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }
}

/** One view of the Lucaro container (a virtualised tree: only the visible rows exist). */
export class TreeView {
  constructor(
    private readonly page: Page,
    readonly name: 'Projects' | 'Dashboards',
  ) {}

  get pane(): Locator {
    return this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header h3.title', { hasText: exactly(this.name) }) });
  }

  get rows(): Locator {
    return this.pane.locator('.monaco-list-row[role="treeitem"]');
  }

  /** The row whose label is exactly `label` (optionally at a tree level, 1 = top). */
  row(label: string, level?: number): Locator {
    const rows = level === undefined ? this.rows : this.pane.locator(`.monaco-list-row[role="treeitem"][aria-level="${level}"]`);
    return rows.filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  async waitForRow(label: string, level?: number, timeoutMs = uiTimeoutMs): Promise<Locator> {
    const row = this.row(label, level);
    await row.first().waitFor({ timeout: timeoutMs });
    return row;
  }

  /** The rendered rows, top to bottom, with the tree's own ARIA numbers. */
  async infos(): Promise<RowInfo[]> {
    const infos = await this.rows.evaluateAll((elements) =>
      elements.map((element) => ({
        label: element.querySelector('.label-name')?.textContent ?? '',
        description: element.querySelector('.label-description')?.textContent ?? '',
        level: Number(element.getAttribute('aria-level')),
        posInSet: Number(element.getAttribute('aria-posinset')),
        setSize: Number(element.getAttribute('aria-setsize')),
        expanded: element.getAttribute('aria-expanded'),
        top: Number(/top:\s*(-?[\d.]+)px/.exec(element.getAttribute('style') ?? '')?.[1] ?? 0),
      })),
    );
    return infos.sort((a, b) => a.top - b.top).map(({ top: _top, ...info }) => info);
  }

  async labels(): Promise<string[]> {
    return (await this.infos()).map((info) => info.label);
  }

  /** The labels of the rendered rows at `level`. */
  async labelsAt(level: number): Promise<string[]> {
    return (await this.infos()).filter((info) => info.level === level).map((info) => info.label);
  }

  /** The number of top-level items (from ARIA, so rows scrolled away count too). */
  async topLevelSetSize(): Promise<number> {
    return (await this.infos()).find((row) => row.level === 1)?.setSize ?? 0;
  }

  /** The view header's description (the Dashboards view names its project there). */
  async headerDescription(): Promise<string> {
    return ((await this.pane.locator('.pane-header .description').textContent()) ?? '').trim();
  }

  async waitForHeaderDescription(text: string, what = `the ${this.name} view to name ${text}`): Promise<void> {
    await waitUntil(async () => (await this.headerDescription()) === text, what);
  }

  /**
   * Starts counting DOM changes inside the rendered rows whose labels are `labels` (their
   * contents redrawn, not their focus or hover classes). Answers how to read the count.
   */
  async watchRedraws(labels: readonly string[]): Promise<{ count(): Promise<number>; rows: number }> {
    const key = `lucaroRedraws${Date.now()}`;
    const rows = await this.rows.evaluateAll(
      (elements, { labels, key }) => {
        const watched = elements.filter((element) => labels.includes(element.querySelector('.label-name')?.textContent ?? ''));
        const seen = { count: 0 };
        // The page's MutationObserver (these tests compile without the DOM types).
        type Observer = new (callback: (records: readonly unknown[]) => void) => { observe(target: unknown, options: Record<string, boolean>): void };
        const Observer = (globalThis as unknown as { MutationObserver: Observer }).MutationObserver;
        const observer = new Observer((records) => {
          seen.count += records.length;
        });
        for (const element of watched) observer.observe(element, { subtree: true, childList: true, characterData: true });
        (globalThis as unknown as Record<string, unknown>)[key] = seen;
        return watched.length;
      },
      { labels: [...labels], key },
    );
    return {
      rows,
      count: () => this.page.evaluate((key) => ((globalThis as unknown as Record<string, { count: number }>)[key])?.count ?? -1, key),
    };
  }

  /** Clicks a row's label (selects it, and toggles it open or shut). */
  async click(row: Locator): Promise<void> {
    await row.locator('.label-name').click();
  }

  /** Expands a collapsed row by its twistie (a click on the label would also select it). */
  async expand(row: Locator): Promise<void> {
    const first = row.first();
    await first.waitFor({ timeout: uiTimeoutMs });
    if ((await first.getAttribute('aria-expanded')) !== 'true') await first.locator('.monaco-tl-twistie').click();
    await waitUntil(async () => (await first.getAttribute('aria-expanded')) === 'true', 'the row to expand');
  }

  /** Scrolls all the way down: until the bottom row is the last item of the top level. */
  async scrollToBottom(): Promise<void> {
    await this.pane.locator('.monaco-list').first().hover();
    await waitUntil(async () => {
      const last = (await this.infos()).at(-1);
      if (last && last.level === 1 && last.posInSet === last.setSize) return true;
      await this.page.mouse.wheel(0, 2000);
      return false;
    }, `the bottom of the ${this.name} view`);
  }

  /** Scrolls all the way up: until the top row is the first item. */
  async scrollToTop(): Promise<void> {
    await this.pane.locator('.monaco-list').first().hover();
    await waitUntil(async () => {
      const first = (await this.infos())[0];
      if (!first || (first.level === 1 && first.posInSet === 1)) return true;
      await this.page.mouse.wheel(0, -2000);
      return false;
    }, `the top of the ${this.name} view`);
  }

  /** Right-clicks a row and picks `action` from its context menu. */
  async contextMenuAction(row: Locator, action: string): Promise<void> {
    const entry = this.page.locator('.monaco-menu .action-item .action-label', { hasText: exactly(action) });
    for (let attempt = 1; ; attempt++) {
      if (!(await entry.isVisible())) {
        await row.locator('.label-name').click({ button: 'right' });
        await entry.waitFor({ timeout: uiTimeoutMs });
      }
      // The menu fades in; a click during the fade can be lost, and the menu then stays open.
      await animationsDone(entry);
      await entry.click();
      try {
        await entry.waitFor({ state: 'hidden', timeout: 3000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Hovers a row and clicks one of its inline actions (shown on hover) by its title. */
  async inlineAction(row: Locator, title: string): Promise<void> {
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label^="${title}"]`);
    await action.waitFor({ timeout: uiTimeoutMs });
    await action.click();
  }

  /** The title bar actions' labels (hovering the header shows them). */
  async titleActions(): Promise<string[]> {
    const actions = this.pane.locator('.pane-header .actions-container .action-label');
    await waitUntil(async () => (await actions.count()) > 0, `the ${this.name} title actions`);
    return actions.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  }

  async clickTitleAction(title: string): Promise<void> {
    await this.pane.locator('.pane-header').hover();
    await this.pane.locator(`.pane-header .action-label[aria-label^="${title}"]`).click();
  }
}
