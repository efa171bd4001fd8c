import * as assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Dashboard, Metric, Project } from '../server';
import { useLucaroEditor } from './pages/fixture';
import { assertShowsServerValues, DashboardTab, type WidgetInfo } from './pages/dashboard-tab';
import { allServerProjects, demoAccount, requestsTo, serverApi, serverDashboards } from './pages/lucaro-data';
import { openUntitledInFront } from './pages/untitled-editor';
import { holdsFor, uiTimeoutMs, waitUntil } from './pages/wait';
import { maxWidgetsPerTab } from '../../src/core/dashboards/widget-cap';

/**
 * Issue 10 in a real editor, one code-server for the file: the project whose names hold
 * markup (six widgets: line, bar, stat), opened from the Projects tree; its values against
 * the server's series; range switch, themes, a failing widget's Retry, a reload, a metric's
 * tab; auto-refresh at its minimum, visible and hidden; and, signed in without read:metrics,
 * the grant offer in the tab.
 */

const queryPath = 'POST /v2/metrics/query';
const crowdedWidgets = 30;

describe('dashboard tabs in a real editor', { timeout: 240_000 }, () => {
  const editor = useLucaroEditor({
    server: { projects: 1, dashboardsPerProject: 1, hostileProject: true, crowdedDashboardWidgets: crowdedWidgets },
    settings: { 'lucaro.dashboards.autoRefreshSeconds': 0 },
    // The tab's debug lines say when its queries start against when its page is ready.
    async setUp({ workbench }) {
      await workbench.views.waitSignedOut();
      await workbench.log.setLucaroLevel('Debug');
    },
  });
  let project: Project;
  let dashboard: Dashboard;
  let metrics: Metric[];
  const dialogs: string[] = [];

  before(async () => {
    const { lucaro, workbench } = editor();
    project = (await allServerProjects(lucaro)).at(-1)!;
    dashboard = (await serverDashboards(lucaro, project.id))[0]!;
    metrics = (await serverApi<{ data: Metric[] }>(lucaro, `/v2/projects/${project.id}/metrics`)).data;
    assert.equal(dashboard.widgets.length, 6);
    // An `alert()` from a name would open a dialog in some frame of the page.
    workbench.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  /** Signed in with every scope: the markup project's dashboard, clicked in the Projects tree. */
  function openFromTree(): Promise<{ tab: DashboardTab; clickedAt: number }> {
    return DashboardTab.openFromTree(editor().workbench, project.name, dashboard);
  }

  function assertShowsDashboard(widgets: WidgetInfo[]): Promise<void> {
    return assertShowsServerValues(editor().lucaro, dashboard, widgets);
  }

  async function setTheme(name: string): Promise<void> {
    const { palette, quickInput } = editor().workbench;
    await palette.run('Preferences: Color Theme');
    await quickInput.input.fill(name);
    await quickInput.row(name).first().waitFor();
    await quickInput.input.press('Enter');
    await quickInput.waitClosed();
  }

  test('a dashboard from the tree: one figure per widget with the server\'s values, markup shown as text; range, themes, Retry and reload', async () => {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await workbench.statusBar.waitForText(demoAccount);
    lucaro.resetCounters();
    const opened = await openFromTree();
    let tab = opened.tab;
    let widgets = await tab.settled(6);
    const openToDrawnMs = Date.now() - opened.clickedAt;
    assert.equal(requestsTo(lucaro, queryPath), 6, 'one query per widget');
    // The queries run while the editor builds the webview, not after its page says it is ready.
    const log = workbench.log.readLucaro();
    const loadingAt = log.indexOf('Dashboard tab: loading every widget.');
    assert.ok(loadingAt >= 0 && loadingAt < log.indexOf('Dashboard tab: the page is ready'), 'the widgets load before the page is ready');
    assert.equal(await tab.heading(), dashboard.name);
    await assertShowsDashboard(widgets);
    assert.deepEqual([...new Set(widgets.map((w) => w.window!.step))].sort(), [300, 600], '24 h by default: 5 min steps, 10 min for the stats over two periods');
    const injected = ['img', 'svg', 'script', 'a', 'b', 'u', 'i'].map((tag) => `.dashboard ${tag}`).join(', ');
    assert.equal(await tab.frame.locator(injected).count(), 0, 'no markup from a name became an element');
    assert.deepEqual(dialogs, [], 'no script ran');

    // The default (light) theme draws; the screenshot for the README.
    const lightInk = await tab.drawn(4);
    await workbench.screenshot('dashboard-tab');

    // Keyboard: a chart takes focus and End reads out its last point.
    const chart = tab.frame.locator('figure.widget .chart').first();
    await chart.focus();
    await chart.press('End');
    const lastRow = widgets[0]!.rows.at(-1)!;
    await waitUntil(async () => ((await tab.frame.locator('figure.widget .readout').first().textContent()) ?? '').includes(String(Math.trunc(lastRow[1]))), 'the readout of the last point');

    // Another range asks again, once per widget.
    lucaro.resetCounters();
    await tab.selectRange('Last hour');
    widgets = await waitUntil(async () => {
      const now = await tab.widgets();
      return now.every((w) => w.state === 'ready' && w.window?.step === 60) ? now : undefined;
    }, 'the widgets to redraw for the last hour');
    assert.equal(requestsTo(lucaro, queryPath), 6);
    await assertShowsDashboard(widgets);

    // A dark theme: the charts are drawn again, in its colours.
    await setTheme('Dark Modern');
    await waitUntil(async () => {
      const ink = await tab.ink();
      return ink.length === 4 && ink.every((canvas, i) => canvas.inked > 1000 && canvas.colours.join() !== lightInk[i]!.colours.join());
    }, 'the charts redrawn in the dark theme');
    await setTheme('Light Modern');

    // A failing metric fails its widgets only, with Retry; Retry draws it once it is back.
    const failing = dashboard.widgets[0]!;
    lucaro.configure({ failingMetrics: [failing.metric] });
    await tab.refresh();
    widgets = await waitUntil(async () => {
      const now = await tab.widgets();
      return now.some((w) => w.state === 'failed') && now.every((w) => w.state !== 'loading') ? now : undefined;
    }, 'the failing widget to fail', 30_000);
    for (const widget of widgets) {
      const fails = dashboard.widgets.find((w) => w.id === widget.id)!.metric === failing.metric;
      assert.equal(widget.state, fails ? 'failed' : 'ready', widget.title);
      assert.equal(widget.retryVisible, fails);
    }
    lucaro.configure({ failingMetrics: [] });
    lucaro.resetCounters();
    await tab.retry(failing.id);
    await waitUntil(async () => (await tab.figure(failing.id).getAttribute('data-state')) === 'ready', 'Retry to draw the widget');
    assert.equal(requestsTo(lucaro, queryPath), 1, 'Retry asks for that widget only');

    // A reload brings the tab back (the serializer) with its data; the range was remembered.
    await workbench.reloadFromPalette();
    await workbench.page.bringToFront();
    tab = await DashboardTab.find(workbench.page, dashboard.name, 60_000);
    widgets = await tab.settled(6, 'the restored tab to draw');
    assert.ok(widgets.every((w) => w.state === 'ready' && w.window?.step === 60), 'restored with the last hour');
    assert.equal(await tab.frame.locator('select#range').inputValue(), '1h');
    await assertShowsDashboard(widgets);

    // A metric from the tree opens its own tab.
    const { projects } = workbench.views;
    await projects.expand(await projects.waitForRow(project.name, 1));
    await projects.expand(await projects.waitForRow('Metrics', 2));
    const metric = metrics[2]!;
    await projects.click(await projects.waitForRow(metric.name, 3));
    const metricTab = await DashboardTab.find(workbench.page, metric.name);
    const [only] = await metricTab.settled(1);
    assert.equal(only!.metric, metric.name);
    assert.equal(only!.state, 'ready');
    assert.ok(only!.rows.length > 0);
    assert.deepEqual(dialogs, [], 'still no script ran');
    process.stderr.write(`[dashboards.e2e] a dashboard row clicked to its 6 widgets drawn: ${openToDrawnMs} ms\n`);
  });

  test('without read:metrics the tab offers "Grant access to metrics" and asks nothing; granting it draws the widgets', async () => {
    const { workbench, lucaro } = editor();
    await workbench.palette.run('View: Close All Editors');
    await workbench.signIn.withApiToken(lucaro.addApiToken(['read:projects', 'read:dashboards']));
    await workbench.statusBar.waitForText(demoAccount);
    lucaro.resetCounters();
    const { tab } = await openFromTree();
    const grant = tab.notice.getByRole('button', { name: 'Grant access to metrics' });
    await grant.waitFor();
    assert.equal(requestsTo(lucaro, queryPath), 0, 'no query without read:metrics');
    await grant.click();
    await workbench.signIn.waitForQuickPick();
    await workbench.signIn.pickApiToken(lucaro.apiTokens.all);
    await workbench.quickInput.waitClosed();
    await workbench.page.bringToFront();
    const widgets = await tab.settled(6, 'the widgets after the grant');
    assert.ok(widgets.every((w) => w.state === 'ready'));
    assert.equal(requestsTo(lucaro, queryPath), 6);
  });

  test("names with the editor's icon and link syntax show as written: the project and dashboard pickers, the status bar, a notification", async () => {
    const { workbench, lucaro } = editor();
    const { palette, quickInput, notifications, statusBar, views } = workbench;
    const iconsIn = (text: string) => [...text.matchAll(/\$\(([a-z-]+)/g)].map((match) => `.codicon-${match[1]!}`).join(', ');
    assert.ok(iconsIn(project.name) && iconsIn(dashboard.name) && dashboard.name.includes('](command:'), 'the seeded names hold icons and a command link');
    await palette.run('View: Close All Editors');
    await workbench.allowClipboard();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await statusBar.waitForText(demoAccount);

    // Select Project: the name and description as text; the one icon drawn is the row's own.
    await palette.run('Lucaro: Select Project');
    const projectRow = quickInput.row(project.name).first();
    await projectRow.waitFor({ timeout: uiTimeoutMs });
    assert.equal(await projectRow.locator(iconsIn(`${project.name} ${project.description ?? ''}`)).count(), 0, 'no icon from the name or description');
    assert.equal(await projectRow.locator('.codicon-project').count(), 1);
    assert.ok(((await projectRow.textContent()) ?? '').includes(project.description ?? '-'), 'the description as written');
    await quickInput.input.fill(project.id);
    await projectRow.click();
    await views.dashboards.waitForHeaderDescription(project.name);

    // Open Dashboard: the dashboard's name and description as text, no icon, no link.
    await palette.run('Lucaro: Open Dashboard');
    const dashboardRow = quickInput.row(dashboard.name).first();
    await dashboardRow.waitFor({ timeout: uiTimeoutMs });
    // The label itself is an <a class="label-name">: a link would be an `a.monaco-link` with a target.
    assert.equal(await dashboardRow.locator(`${iconsIn(`${dashboard.name} ${dashboard.description ?? ''}`)}, a.monaco-link, a[href]`).count(), 0);
    assert.ok(((await dashboardRow.textContent()) ?? '').includes(dashboard.description ?? '-'));
    await quickInput.close();

    // Copy ID: the status bar message names the project as written.
    await palette.run('Lucaro: Copy ID');
    const copied = statusBar.entry(`Copied the ID of ${project.name}.`);
    await copied.waitFor({ timeout: uiTimeoutMs });
    assert.equal(await copied.locator(iconsIn(project.name)).count(), 0);
    assert.equal(await workbench.readClipboard(), project.id);

    // A notification quoting names: no link to click, the text as written.
    const typed = `[quit](command:workbench.action.quit) $(alert) ${Date.now().toString(36)}`;
    await palette.run('Lucaro: New Dashboard');
    await quickInput.titled(`New Dashboard in ${project.name}`).waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.fill(typed);
    await quickInput.input.press('Enter');
    const confirmation = `Created the dashboard ${typed} in ${project.name}.`;
    await waitUntil(async () => (await notifications.texts()).some((text) => text.replaceAll('\u2060', '').includes(confirmation)), 'the confirmation');
    const toast = notifications.all.filter({ hasText: 'Created the dashboard' }).first();
    await toast.waitFor({ timeout: uiTimeoutMs });
    assert.equal(await toast.locator('.notification-list-item-message a.monaco-link').count(), 0, 'no link in the message');
    assert.deepEqual(dialogs, [], 'no script ran');
  });

  test(`a dashboard of ${crowdedWidgets} widgets draws the first ${maxWidgetsPerTab} and says how many more it leaves out; a flooded answer draws on its grid`, async () => {
    const { workbench, lucaro } = editor();
    await workbench.palette.run('View: Close All Editors');
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await workbench.statusBar.waitForText(demoAccount);
    const first = (await allServerProjects(lucaro))[0]!;
    const crowded = (await serverDashboards(lucaro, first.id)).find((item) => item.name === 'Crowded board')!;
    assert.equal(crowded.widgets.length, crowdedWidgets);
    // One metric answers 20,000 points off the grid with junk: its widgets must still draw only the grid.
    const flooded = crowded.widgets[0]!.metric;
    lucaro.configure({ floodedMetrics: [flooded], floodPoints: 20_000 });
    lucaro.resetCounters();
    const { tab } = await DashboardTab.openFromTree(workbench, first.name, crowded);
    const widgets = await tab.settled(maxWidgetsPerTab);
    assert.deepEqual(widgets.map((widget) => widget.id), crowded.widgets.slice(0, maxWidgetsPerTab).map((widget) => widget.id), 'the first ones, in order');
    assert.equal(requestsTo(lucaro, queryPath), maxWidgetsPerTab, 'no query for the widgets left out');
    assert.equal(await tab.widgetsNotShown.textContent(), `${crowdedWidgets - maxWidgetsPerTab} more widgets not shown.`);
    const floodedWidgets = widgets.filter((widget) => widget.metric === flooded);
    assert.ok(floodedWidgets.length > 0);
    for (const widget of floodedWidgets) {
      assert.equal(widget.state, 'ready', `${widget.title} drew`);
      const { from, to, step } = widget.window!;
      assert.ok(widget.rows.length > 0 && widget.rows.length <= Math.floor((to - from) / step) + 1, `${widget.title}: ${widget.rows.length} rows`);
      for (const [iso, value] of widget.rows) {
        const seconds = Date.parse(iso) / 1000;
        assert.ok(seconds >= from && seconds <= to && seconds % step === 0 && Number.isFinite(value), `${widget.title}: ${iso} ${value}`);
      }
    }
  });

  test('auto-refresh at its minimum (10 s): one round of queries per tick while the tab shows, none while another editor hides it', async () => {
    const { workbench, lucaro } = editor();
    await workbench.palette.run('View: Close All Editors');
    const queries = () => requestsTo(lucaro, queryPath);
    // The last test of the file: a new extension host reads the setting for sure, and none comes after it.
    workbench.server.updateSettings({ 'lucaro.dashboards.autoRefreshSeconds': 10 });
    try {
      await workbench.reloadFromPalette();
      await workbench.page.bringToFront();
      await workbench.views.waitSignedOut();
      await workbench.signIn.withApiToken(lucaro.apiTokens.all);
      await workbench.statusBar.waitForText(demoAccount);
      lucaro.resetCounters();
      const { tab, clickedAt } = await openFromTree();
      await tab.settled(6);
      assert.equal(queries(), 6, 'the first load');
      await waitUntil(() => queries() >= 12, 'the first tick', 30_000);
      const tickedAt = Date.now();
      assert.ok(tickedAt - clickedAt >= 10_000, `the tick came ${tickedAt - clickedAt} ms after the click, sooner than the 10 s minimum`);

      // Hidden behind another editor until past the next tick's time: no query at all.
      await openUntitledInFront(workbench);
      await holdsFor(() => queries() === 12, 'one round per tick, then none while the tab is hidden', tickedAt + 10_500 - Date.now());

      // Shown again, its answers are older than the interval: one round at once.
      await tab.editorTab(dashboard.name).click();
      await waitUntil(() => queries() >= 18, 'one round when the tab shows again');
      await tab.settled(6, 'the tab shown again to draw');
      assert.equal(queries(), 18, 'one round, not more');
    } finally {
      workbench.server.updateSettings({ 'lucaro.dashboards.autoRefreshSeconds': 0 });
      await workbench.palette.run('View: Close All Editors');
    }
  });
});
