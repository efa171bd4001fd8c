import * as assert from 'node:assert/strict';
import type { Frame, Locator, Page } from 'playwright-core';
import type { Dashboard, LucaroServer } from '../../server';
import { serverSeries } from './lucaro-data';
import { uiTimeoutMs, waitUntil } from './wait';
import type { Workbench } from './workbench';

export interface WidgetInfo {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly title: string;
  readonly metric: string;
  readonly window: { readonly from: number; readonly to: number; readonly step: number } | undefined;
  /** The data table: ISO time and raw value per row. */
  readonly rows: readonly (readonly [string, number])[];
  readonly statValue: number | undefined;
  readonly retryVisible: boolean;
}

export interface CanvasInk {
  /** Pixels not fully transparent. */
  readonly inked: number;
  /** The most common opaque colours, as rgb(r,g,b). */
  readonly colours: readonly string[];
}

/** The DOM bits read inside the webview (these tests compile without the DOM types). */
interface ElementLike {
  readonly textContent: string | null;
  readonly hidden?: boolean;
  getAttribute(name: string): string | null;
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): ArrayLike<ElementLike> & Iterable<ElementLike>;
}

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/**
 * A dashboard or metric tab: its page lives two iframes deep in the workbench, reached
 * through `page.frames()` (see the "Webview tabs" notes). Found by the heading it shows.
 */
export class DashboardTab {
  private current: Frame | undefined;

  private constructor(
    private readonly page: Page,
    private readonly title: string,
  ) {}

  /** Waits for the tab whose heading is exactly `title` to have its page. */
  static async find(page: Page, title: string, timeoutMs = uiTimeoutMs): Promise<DashboardTab> {
    const tab = new DashboardTab(page, title);
    tab.current = await waitUntil(async () => (await tab.frames()).at(-1), `a dashboard tab titled ${JSON.stringify(title)}`, timeoutMs);
    return tab;
  }

  /**
   * Clicks `dashboard` in the Projects tree (signed in: its project's Dashboards group
   * expanded first) and waits for its tab; `clickedAt` is when the row was clicked.
   */
  static async openFromTree(workbench: Workbench, projectName: string, dashboard: Dashboard): Promise<{ tab: DashboardTab; clickedAt: number }> {
    const { projects } = workbench.views;
    await projects.expand(await projects.waitForRow(projectName, 1));
    await projects.expand(await projects.waitForRow('Dashboards', 2));
    // A webview opened while another browser tab is in front stays blank (the "Webview tabs" notes).
    await workbench.page.bringToFront();
    const row = await projects.waitForRow(dashboard.name, 3);
    // A tree row replaced by a redraw has lost its command (VS Code answers "Actual command
    // not found" to a click on it): this clicks once the sidebar has stopped loading.
    await workbench.views.settle();
    const clickedAt = Date.now();
    await projects.click(row);
    const tab = await DashboardTab.find(workbench.page, dashboard.name).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; ${await DashboardTab.whatShows(workbench, dashboard.name)}`);
    });
    return { tab, clickedAt };
  }

  /** What the workbench shows instead of a tab: for a failure message. */
  private static async whatShows(workbench: Workbench, title: string): Promise<string> {
    const { page } = workbench;
    const tabs = await page.locator('.tabs-container .tab').allTextContents().catch(() => []);
    const quickInput = await workbench.quickInput.widget.filter({ visible: true }).locator('.quick-input-title').allTextContents().catch(() => []);
    const toasts = await workbench.notifications.texts().catch(() => []);
    const webviewFrames = page.frames().filter((frame) => !frame.isDetached() && frame.url().includes('webview')).length;
    const selected = await workbench.views.anyRow(title).first().getAttribute('aria-selected').catch(() => null);
    return `editor tabs: ${JSON.stringify(tabs)}; quick input: ${JSON.stringify(quickInput)}; notifications: ${JSON.stringify(toasts)}; webview frames: ${webviewFrames}; row selected: ${selected}`;
  }

  /**
   * The page's frames showing this tab, newest last. A webview may load its page again (in a
   * new inner frame) while the old one is still attached, so every read looks again.
   */
  private async frames(): Promise<Frame[]> {
    const found: Frame[] = [];
    for (const frame of this.page.frames()) {
      if (frame.isDetached()) continue;
      const heading = frame.locator('.dashboard > header h1');
      if ((await heading.count().catch(() => 0)) === 1 && (await heading.textContent().catch(() => null)) === this.title) found.push(frame);
    }
    return found;
  }

  /** The frame read last: the newest showing the tab when found, or the one `settled` accepted. */
  get frame(): Frame {
    if (!this.current) throw new Error(`no frame for the dashboard tab ${this.title}`);
    return this.current;
  }

  get figures(): Locator {
    return this.frame.locator('figure.widget');
  }

  figure(widgetId: string): Locator {
    return this.frame.locator(`figure.widget[data-widget-id="${widgetId.replace(/["\\]/g, '\\$&')}"]`);
  }

  /** The editor tab (in the workbench, not the webview) with this title. */
  editorTab(title: string): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: title });
  }

  /** Waits until every figure has settled (drawn or failed) and answers them. */
  async settled(count: number, what = `${count} widgets to settle`): Promise<WidgetInfo[]> {
    let states: string[] = [];
    return waitUntil(async () => {
      for (const frame of (await this.frames()).reverse()) {
        this.current = frame;
        const widgets = await this.widgets();
        states = widgets.map((widget) => widget.state);
        if (widgets.length === count && widgets.every((widget) => widget.state !== 'loading')) return widgets;
      }
      return undefined;
    }, what).catch(async (error: unknown) => {
      const notice = await this.notice.textContent().catch(() => null);
      throw new Error(`${String(error)}; widgets: ${states.join(', ') || 'none'}; notice: ${notice ?? 'none'}`);
    });
  }

  /** Every figure, read in one pass inside the page (a table holds up to 300 rows). */
  async widgets(): Promise<WidgetInfo[]> {
    return this.frame.locator('figure.widget').evaluateAll((nodes) =>
      nodes.map((node) => {
        const figure = node as unknown as ElementLike;
        // No inner functions here: tsx would wrap them in a helper the page does not have.
        const from = figure.getAttribute('data-from');
        const stat = figure.querySelector('.stat-value')?.getAttribute('data-value');
        const retry = figure.querySelector('button.retry');
        return {
          id: figure.getAttribute('data-widget-id') ?? '',
          kind: figure.getAttribute('data-kind') ?? '',
          state: figure.getAttribute('data-state') ?? '',
          title: figure.querySelector('.widget-title')?.textContent ?? '',
          metric: figure.querySelector('.widget-metric')?.textContent ?? '',
          window: from === null ? undefined : { from: Number(from), to: Number(figure.getAttribute('data-to')), step: Number(figure.getAttribute('data-step')) },
          rows: Array.from(figure.querySelectorAll('tbody tr'), (row) => [
            row.querySelector('time')?.getAttribute('datetime') ?? '',
            Number(row.querySelectorAll('td')[1]?.getAttribute('data-value')),
          ] as const),
          statValue: stat === undefined || stat === null ? undefined : Number(stat),
          retryVisible: retry !== null && retry.hidden !== true,
        };
      }),
    );
  }

  async heading(): Promise<string> {
    return (await this.frame.locator('.dashboard > header h1').textContent()) ?? '';
  }

  async selectRange(label: string): Promise<void> {
    await this.frame.locator('select#range').selectOption({ label });
  }

  async refresh(): Promise<void> {
    await this.frame.locator('button.refresh').click();
  }

  async retry(widgetId: string): Promise<void> {
    await this.figure(widgetId).locator('button.retry').click();
  }

  get notice(): Locator {
    return this.frame.locator('.notice');
  }

  /** The note under a tab that leaves widgets out ("6 more widgets not shown."). */
  get widgetsNotShown(): Locator {
    return this.frame.locator('.dashboard > .widgets-not-shown');
  }

  /** Waits until `count` chart canvases have each drawn more than a trace, and answers their ink. */
  async drawn(count: number): Promise<CanvasInk[]> {
    return waitUntil(async () => {
      const ink = await this.ink();
      return ink.length === count && ink.every((canvas) => canvas.inked > 1000) ? ink : undefined;
    }, `${count} charts drawn`);
  }

  /** What every chart canvas has drawn: how much, and in which colours. */
  async ink(): Promise<CanvasInk[]> {
    const canvases = await this.frame.locator('.chart canvas').all();
    return Promise.all(
      canvases.map((canvas) =>
        canvas.evaluate((element) => {
          const node = element as unknown as CanvasLike;
          const pixels = node.getContext('2d')?.getImageData(0, 0, node.width, node.height).data ?? [];
          const counts = new Map<string, number>();
          let inked = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3] === 0) continue;
            inked += 1;
            if (pixels[i + 3] !== 255) continue;
            const colour = `rgb(${pixels[i]},${pixels[i + 1]},${pixels[i + 2]})`;
            counts.set(colour, (counts.get(colour) ?? 0) + 1);
          }
          const colours = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([colour]) => colour);
          return { inked, colours };
        }),
      ),
    );
  }
}

/**
 * The settled `widgets` of `dashboard`'s tab show, in its order, each widget's title, metric
 * and kind literally, drawn, with a table equal to the server's series for the widget's window.
 */
export async function assertShowsServerValues(server: LucaroServer, dashboard: Dashboard, widgets: readonly WidgetInfo[]): Promise<void> {
  assert.equal(widgets.length, dashboard.widgets.length, 'one figure per widget');
  for (const [i, widget] of widgets.entries()) {
    const expected = dashboard.widgets[i]!;
    assert.equal(widget.id, expected.id, 'in the dashboard order');
    assert.equal(widget.title, expected.title, 'the title, literally');
    assert.equal(widget.metric, expected.metric, 'the metric name, literally');
    assert.equal(widget.kind, expected.kind);
    assert.equal(widget.state, 'ready', `${widget.title} drew`);
    const series = await serverSeries(server, dashboard.project_id, expected.metric, widget.window!);
    assert.ok(series.points.length > 0);
    assert.deepEqual(
      widget.rows,
      series.points.map(([time, value]) => [new Date(time * 1000).toISOString(), value]),
      `${widget.title}: the table holds the server's series`,
    );
    if (widget.kind === 'stat') assert.equal(widget.statValue, series.points.at(-1)![1], 'a stat shows the last point');
  }
}
