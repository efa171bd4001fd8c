import * as assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import type { Dashboard, Project } from '../server';
import { DashboardTab } from './pages/dashboard-tab';
import { useLucaroEditor } from './pages/fixture';
import { allServerProjects, demoAccount, requestsTo, secondAccount, serverDashboards, serverMetrics, serverProject } from './pages/lucaro-data';
import { openUntitledInFront } from './pages/untitled-editor';
import { exactly, holdsFor, uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * Issue 4's remaining sidebar actions in a real editor, one code-server for the file, each
 * test signed in afresh as Ada: Rename Project (prefilled, validated before any request),
 * New Dashboard from a project's Dashboards group, New Metric from its Metrics group and from the
 * palette, Open Dashboard from the palette, Copy ID, Open in Browser, Search Projects
 * paging lazily through 250 projects, one deduplicated step-up notification for a 403
 * insufficient_scope, and Switch Account between two accounts, remembered over a reload.
 */

const projectCount = 250;
const listProjects = 'GET /v2/projects';
const scopeMessage = 'Your Lucaro sign-in lacks a permission this needs. Grant it and try again.';
const nameRequired = 'A name is required.';

describe('the Lucaro sidebar actions in a real editor', { timeout: 240_000 }, () => {
  const editor = useLucaroEditor({
    server: { projects: projectCount, dashboardsPerProject: 2 },
    setUp: ({ workbench }) => workbench.allowClipboard(),
  });
  /** Every project the server holds, in its order (the tree's first page is the first 100). */
  let allProjects: Project[];

  before(async () => {
    allProjects = await allServerProjects(editor().lucaro);
    assert.equal(allProjects.length, projectCount);
  });

  const views = () => editor().workbench.views;
  const dashboardsOf = (projectId: string): Promise<Dashboard[]> => serverDashboards(editor().lucaro, projectId);
  /** The project the tests rename, select and add a dashboard to, as the server has it now. */
  const currentProject = (): Promise<Project> => serverProject(editor().lucaro, allProjects[0]!.id);

  /** Signed in as Ada with every scope, the Projects tree showing `project`. */
  async function signInAsAda(project: Project): Promise<void> {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await views().projects.waitForRow(project.name, 1);
    await workbench.statusBar.waitForText(demoAccount);
  }

  /** Signed in as Ada, `project` made the active project with Select Project from the palette. */
  async function signInWithActiveProject(project: Project): Promise<void> {
    await signInAsAda(await currentProject());
    await editor().workbench.selectProjectFromPalette(project);
  }

  /** Clicks `project` in the Projects tree and waits for the Dashboards view to show it. */
  async function selectInTree(project: Project): Promise<void> {
    const { projects, dashboards } = views();
    await views().settle();
    await projects.click(projects.row(project.name, 1));
    await dashboards.waitForHeaderDescription(project.name, 'the Dashboards view to show the project');
  }

  /** Expands `project` > Dashboards in the Projects tree until its dashboards show. */
  async function expandDashboards(project: Project): Promise<Locator> {
    const { projects } = views();
    await projects.expand(projects.row(project.name, 1));
    const group = projects.row('Dashboards', 2);
    await projects.expand(group);
    await projects.waitForRow((await dashboardsOf(project.id))[0]!.name, 3);
    return group;
  }

  /** From the open "New Metric in … (1/3)" box: `name`, then `unit` (empty: none) and no description, Enter on each. */
  async function finishNewMetric(project: Project, name: string, unit: string): Promise<void> {
    const { quickInput } = editor().workbench;
    await quickInput.input.fill(name);
    await waitUntil(async () => (await quickInput.message.filter({ hasText: /cannot|already/ }).count()) === 0, 'the message to clear');
    await quickInput.input.press('Enter');
    await quickInput.titled(`New Metric in ${project.name} (2/3)`).waitFor({ timeout: uiTimeoutMs });
    if (unit) await quickInput.input.fill(unit);
    await quickInput.input.press('Enter');
    await quickInput.titled(`New Metric in ${project.name} (3/3)`).waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.press('Enter');
  }

  async function assertServerHasMetric(project: Project, name: string, unit: string): Promise<void> {
    const created = (await serverMetrics(editor().lucaro, project.id)).find((metric) => metric.name === name);
    assert.deepEqual(created, { name, unit, description: '' }, `the server has it in ${project.name}`);
  }

  function switchAccountRows(): Locator {
    return editor().workbench.quickInput.titled('Lucaro account for the sidebar').locator('.quick-input-list .monaco-list-row');
  }

  /** "Lucaro: Switch Account" and picks the account called `label`. */
  async function switchAccountTo(label: string): Promise<void> {
    const { palette, quickInput } = editor().workbench;
    await palette.run('Lucaro: Switch Account');
    await switchAccountRows().filter({ hasText: label }).click();
    await quickInput.waitClosed();
  }

  test('Rename Project: prefilled, an empty name is refused without a request, a new name is one PATCH and shows in both views', async () => {
    const { workbench, lucaro } = editor();
    const { quickInput } = workbench;
    const { projects, dashboards } = views();
    const project = await currentProject();
    await signInAsAda(project);
    const patch = `PATCH /v2/projects/${project.id}`;
    const row = projects.row(project.name, 1);
    // Select it first: the Dashboards view names the project it shows, and must follow the rename.
    await selectInTree(project);

    await projects.contextMenuAction(row, 'Rename Project');
    await quickInput.titled(`Rename ${project.name}`).waitFor({ timeout: uiTimeoutMs });
    assert.equal(await quickInput.input.inputValue(), project.name, 'the box holds the current name');

    const required = quickInput.message.filter({ hasText: nameRequired });
    await quickInput.input.fill('');
    await required.waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.press('Enter');
    // Nothing signals that nothing happened: watch for the time a request would take.
    await holdsFor(async () => (await quickInput.isOpen()) && requestsTo(lucaro, patch) === 0, 'the box staying open without a request', 500);
    assert.ok(await quickInput.isOpen(), 'Enter on an empty name keeps the box open');
    assert.equal(requestsTo(lucaro, patch), 0, 'no request for an empty name');

    const newName = `${project.name} Renamed`;
    await quickInput.input.fill(newName);
    await waitUntil(async () => (await required.count()) === 0, 'the message to clear');
    await quickInput.input.press('Enter');
    await projects.waitForRow(newName, 1);
    assert.equal(requestsTo(lucaro, patch), 1, 'exactly one PATCH');
    assert.equal(await projects.row(project.name, 1).count(), 0, 'the old name is gone');
    assert.equal((await projects.infos()).find((info) => info.label === newName)?.posInSet, 1, 'in the same place');
    await dashboards.waitForHeaderDescription(newName, 'the Dashboards view to show the new name');
    assert.equal((await currentProject()).name, newName, 'the server has the new name');
  });

  test("New Dashboard from the project's Dashboards group: one POST, it shows under the group and in the Dashboards view", async () => {
    const { workbench, lucaro } = editor();
    const { quickInput } = workbench;
    const { projects, dashboards } = views();
    const project = await currentProject();
    await signInAsAda(project);
    // The Dashboards view shows the project whose dashboard is created.
    await selectInTree(project);
    const post = `POST /v2/projects/${project.id}/dashboards`;
    const existing = await dashboardsOf(project.id);
    const group = await expandDashboards(project);

    await projects.inlineAction(group, 'New Dashboard');
    await quickInput.titled(`New Dashboard in ${project.name}`).waitFor({ timeout: uiTimeoutMs });
    // Enter on the untouched, empty box, then on a name typed and deleted: neither creates anything.
    assert.equal(await quickInput.input.inputValue(), '');
    const staysOpen = async () => (await quickInput.isOpen()) && requestsTo(lucaro, post) === 0;
    await quickInput.input.press('Enter');
    await holdsFor(staysOpen, 'the empty box staying open without a request', 500);
    assert.ok(await quickInput.isOpen(), 'Enter on the empty box keeps it open');
    await quickInput.input.fill('x');
    await quickInput.input.fill('');
    const required = quickInput.message.filter({ hasText: nameRequired });
    await required.waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.press('Enter');
    await holdsFor(staysOpen, 'the emptied box staying open without a request', 500);
    assert.ok(await quickInput.isOpen(), 'Enter on an emptied box keeps it open');
    assert.equal(requestsTo(lucaro, post), 0, 'no request without a name');
    const name = `E2E Dashboard ${Date.now().toString(36)}`;
    await quickInput.input.fill(name);
    await waitUntil(async () => (await required.count()) === 0, 'the message to clear');
    await quickInput.input.press('Enter');

    await projects.waitForRow(name, 3);
    await dashboards.waitForRow(name, 1);
    assert.equal(requestsTo(lucaro, post), 1, 'exactly one POST');
    assert.deepEqual(await projects.labelsAt(3), [name, ...existing.map((dashboard) => dashboard.name)], 'the new dashboard first, then the others');
    assert.ok((await dashboardsOf(project.id)).some((dashboard) => dashboard.name === name), 'the server has it');
    await waitUntil(
      async () => (await workbench.notifications.texts()).some((text) => text.includes(`Created the dashboard ${name} in ${project.name}.`)),
      'the confirmation',
    );
  });

  test("New Metric from the project's Metrics group: refused names send nothing; name and unit are one POST, shown first in the group", async () => {
    const { workbench, lucaro } = editor();
    const { quickInput } = workbench;
    const { projects } = views();
    const project = await currentProject();
    await signInAsAda(project);
    const post = `POST /v2/projects/${project.id}/metrics`;
    const existing = await serverMetrics(lucaro, project.id);
    await projects.expand(projects.row(project.name, 1));
    const group = projects.row('Metrics', 2);
    await projects.expand(group);
    await projects.waitForRow(existing[0]!.name, 3);

    await projects.inlineAction(group, 'New Metric');
    // Two waits so a failure says which went wrong: the box never opened, or it names another project.
    await quickInput.widget.waitFor({ timeout: uiTimeoutMs });
    await quickInput.titled(`New Metric in ${project.name} (1/3)`).waitFor({ timeout: uiTimeoutMs });
    const staysOpen = async () => (await quickInput.isOpen()) && requestsTo(lucaro, post) === 0;
    // A bidi override, then a name the project already has: each refused inline, Enter sends nothing.
    for (const [name, message] of [
      ['latency‮_p99', 'A name cannot contain bidirectional text controls.'],
      [` ${existing[0]!.name} `, `${project.name} already has a metric named ${existing[0]!.name}.`],
    ] as const) {
      await quickInput.input.fill(name);
      await quickInput.message.filter({ hasText: message }).waitFor({ timeout: uiTimeoutMs });
      await quickInput.input.press('Enter');
      await holdsFor(staysOpen, `the box staying open without a request for ${JSON.stringify(name)}`, 500);
    }
    assert.equal(requestsTo(lucaro, post), 0, 'no request for a refused name');

    const name = `e2e_metric_${Date.now().toString(36)}`;
    await finishNewMetric(project, name, 'ms');

    const row = await projects.waitForRow(name, 3);
    assert.equal(await row.locator('.label-description').innerText(), 'ms', 'the unit beside the name');
    assert.equal((await projects.infos()).find((info) => info.label === name)?.posInSet, 1, 'first in the Metrics group');
    assert.equal(requestsTo(lucaro, post), 1, 'exactly one POST');
    await assertServerHasMetric(project, name, 'ms');
  });

  test('New Metric from the palette: the project picker opens on the active project; a refused name sends nothing; the rest is one POST', async () => {
    const { workbench, lucaro } = editor();
    const { page, palette, quickInput } = workbench;
    // Not the first project: the picker's highlight on it is the active project's doing.
    const project = allProjects[1]!;
    await signInWithActiveProject(project);
    const post = `POST /v2/projects/${project.id}/metrics`;

    await palette.run('Lucaro: New Metric');
    await quickInput.titled('New Metric in Which Project?').waitFor({ timeout: uiTimeoutMs });
    const highlighted = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
    await waitUntil(async () => (await highlighted.innerText().catch(() => '')).includes(project.name), `the picker to highlight ${project.name}`);
    await quickInput.input.press('Enter');
    await quickInput.titled(`New Metric in ${project.name} (1/3)`).waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.fill('latency\u202e_p99');
    await quickInput.message.filter({ hasText: 'A name cannot contain bidirectional text controls.' }).waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.press('Enter');
    await holdsFor(async () => (await quickInput.isOpen()) && requestsTo(lucaro, post) === 0, 'the box staying open without a request', 500);

    const name = `e2e_palette_metric_${Date.now().toString(36)}`;
    await finishNewMetric(project, name, '');
    await workbench.notifications.waitFor(`Created the metric ${name} in ${project.name}.`);
    assert.equal(requestsTo(lucaro, post), 1, 'exactly one POST');
    await assertServerHasMetric(project, name, '');
  });

  test("Open Dashboard from the palette lists the active project's dashboards; the pick opens its tab; opening it again reveals that one tab", async () => {
    const { workbench, lucaro } = editor();
    const { page, palette, quickInput } = workbench;
    const project = allProjects[1]!;
    await signInWithActiveProject(project);
    const dashboards = await dashboardsOf(project.id);
    const picked = dashboards.at(-1)!;
    assert.ok(dashboards.length > 1 && picked.widgets.length > 0, 'a choice, and widgets to draw');
    const queries = () => requestsTo(lucaro, 'POST /v2/metrics/query');
    const openFromPalette = async () => {
      await palette.run('Lucaro: Open Dashboard');
      await quickInput.titled(`Open a Dashboard of ${project.name}`).waitFor({ timeout: uiTimeoutMs });
      await waitUntil(async () => (await quickInput.size()) === dashboards.length, `the ${dashboards.length} dashboards of ${project.name}`);
    };

    await openFromPalette();
    // A row's first label is the name (its detail line, the description, is another).
    const names = await quickInput.rows.evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent ?? ''));
    assert.deepEqual(names, dashboards.map((dashboard) => dashboard.name));
    // A webview opened while another browser tab is in front stays blank (the "Webview tabs" notes).
    await page.bringToFront();
    lucaro.resetCounters();
    await quickInput.rowLabelled(picked.name).click();
    const tab = await DashboardTab.find(page, picked.name);
    await tab.settled(picked.widgets.length);
    assert.equal(queries(), picked.widgets.length, 'one query per widget');

    // Another editor in front, then the same pick: that tab comes to the front, drawn from what it kept.
    await openUntitledInFront(workbench);
    await openFromPalette();
    await quickInput.rowLabelled(picked.name).click();
    await workbench.editors.activeTab(picked.name).waitFor({ timeout: uiTimeoutMs });
    await tab.settled(picked.widgets.length, 'the revealed tab to draw');
    assert.equal(await tab.editorTab(picked.name).count(), 1, 'one tab for the dashboard');
    assert.equal(queries(), picked.widgets.length, 'revealed with the answers it kept, no query');
    await palette.run('View: Close All Editors');
  });

  test("Copy ID puts the project's (and a dashboard's) ID on the clipboard and says so in the status bar", async () => {
    const { workbench } = editor();
    const { projects, dashboards } = views();
    const project = await currentProject();
    await signInAsAda(project);
    await selectInTree(project);
    await workbench.writeClipboard('not an ID');
    await projects.contextMenuAction(projects.row(project.name, 1), 'Copy ID');
    await waitUntil(async () => (await workbench.readClipboard()) === project.id, `the clipboard to hold ${project.id}`);
    await workbench.statusBar.bar.filter({ hasText: `Copied the ID of ${project.name}.` }).waitFor({ timeout: uiTimeoutMs });

    const dashboard = (await dashboardsOf(project.id))[0]!;
    await dashboards.contextMenuAction(await dashboards.waitForRow(dashboard.name, 1), 'Copy ID');
    await waitUntil(async () => (await workbench.readClipboard()) === dashboard.id, `the clipboard to hold ${dashboard.id}`);
  });

  test("Open in Browser (the row's inline action) asks to open the project's web_url and opens exactly it", async () => {
    const { workbench } = editor();
    const { page, context } = workbench;
    const project = await currentProject();
    await signInAsAda(project);
    const webUrl = project.web_url;
    assert.match(webUrl, /^https:\/\//);
    // Offline: answer the page from here, so the popup keeps the URL it was asked for.
    const site = `${new URL(webUrl).origin}/**`;
    await context.route(site, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Lucaro</title>' }));
    try {
      await views().projects.inlineAction(views().projects.row(project.name, 1), 'Open in Browser');
      const dialog = workbench.dialogs.withText('external website');
      await dialog.waitFor({ timeout: uiTimeoutMs });
      assert.ok((await dialog.innerText()).includes(webUrl), `the dialog names ${webUrl}: ${await dialog.innerText()}`);
      const popupPromise = context.waitForEvent('page', { timeout: uiTimeoutMs });
      await dialog.locator('.monaco-button', { hasText: exactly('Open') }).click();
      const popup = await popupPromise;
      await popup.waitForURL((url) => url.protocol === 'https:', { timeout: uiTimeoutMs });
      assert.equal(popup.url(), webUrl);
      await popup.close();
      await page.bringToFront();
    } finally {
      await context.unroute(site);
    }
  });

  test("Search Projects pages lazily through 250 projects; filtering and Enter make the pick the Dashboards view's project", async () => {
    const { workbench, lucaro } = editor();
    const { palette, quickInput } = workbench;
    await signInAsAda(await currentProject());
    // A pick from the third page, found by a part of its name that nothing else contains.
    const projectsNow = await allServerProjects(lucaro);
    const haystack = (p: Project) => [p.name, p.description ?? '', p.id].join('\n').toLowerCase();
    const target = projectsNow.slice(200).find((candidate) => {
      const part = candidate.name.slice(1).toLowerCase();
      return projectsNow.filter((other) => haystack(other).includes(part)).length === 1;
    });
    assert.ok(target, 'a project with a distinctive name on the third page');
    const part = target.name.slice(1);
    const targetDashboards = await dashboardsOf(target.id);

    lucaro.configure({ latencyMs: 500 });
    try {
      const before = requestsTo(lucaro, listProjects);
      await palette.run('Lucaro: Search Projects');
      const widget = quickInput.widget.filter({ has: workbench.page.locator('.quick-input-title', { hasText: 'Search Lucaro Projects' }) });
      await widget.waitFor({ timeout: uiTimeoutMs });
      const sizes: number[] = [];
      await waitUntil(async () => {
        const size = await quickInput.size();
        if (size > 0 && sizes.at(-1) !== size) sizes.push(size);
        return size === projectCount;
      }, `${projectCount} projects in the quick pick`);
      // Each page shows as it arrives: 100 first (200 may pass between two looks), then 250.
      assert.equal(sizes[0], 100, `the first page shows before the rest: ${sizes.join(', ')}`);
      assert.ok(sizes.every((size, i) => i === 0 || size > sizes[i - 1]!), `growing: ${sizes.join(', ')}`);
      assert.equal(requestsTo(lucaro, listProjects) - before, 3, 'three pages of 100');
    } finally {
      lucaro.configure({ latencyMs: 0 });
    }

    await quickInput.input.fill(part);
    await waitUntil(async () => (await quickInput.size()) === 1, `the filter "${part}" to leave one project`);
    await waitUntil(async () => (await quickInput.rows.first().innerText()).includes(target.name), `${target.name} to be the only row`);
    await quickInput.input.press('Enter');
    await quickInput.waitClosed();

    const { dashboards } = views();
    await dashboards.waitForHeaderDescription(target.name, 'the Dashboards view to show the picked project');
    await dashboards.waitForRow(targetDashboards[0]!.name, 1);
    assert.deepEqual(await dashboards.labelsAt(1), targetDashboards.map((dashboard) => dashboard.name));
  });

  test('a 403 insufficient_scope on two lists at once, then a third, offers the step-up in exactly one notification, no dialog', async () => {
    const { workbench, lucaro } = editor();
    const { palette, notifications, dialogs } = workbench;
    const { projects, dashboards } = views();
    const project = await currentProject();
    const other = allProjects[1]!;
    await signInAsAda(project);
    // Two lists: the Projects tree shows the project's dashboards, the Dashboards view another project's.
    await workbench.selectProjectFromPalette(other);
    await expandDashboards(project);
    const shownDashboard = (await dashboardsOf(project.id))[0]!.name;
    assert.notEqual(await dashboards.headerDescription(), project.name);
    await projects.waitForRow(shownDashboard, 3);
    lucaro.insufficientScopeNext(2, ['read:dashboards'], /\/dashboards$/);
    await palette.run('Lucaro: Refresh');

    await projects.waitForRow(scopeMessage, 3);
    await dashboards.waitForRow(scopeMessage, 1);
    const warning = notifications.toasts('Your Lucaro sign-in lacks read:dashboards');
    await warning.first().waitFor({ timeout: uiTimeoutMs });
    // Both failures have reached the extension (both rows show); a second toast would follow at once.
    const oneOffer = async () => (await notifications.texts()).filter((text) => text.includes('lacks')).length === 1;
    await holdsFor(oneOffer, 'one notification', 1000);
    const texts = (await notifications.texts()).filter((text) => text.includes('lacks'));
    assert.equal(texts.length, 1, `one notification: ${JSON.stringify(texts)}`);
    assert.equal(await notifications.button(warning, 'Grant Access').count(), 1, 'with Grant Access');
    assert.equal(await dialogs.any.count(), 0, 'no modal dialog');

    // The editor itself folds identical notifications into one toast, replacing the old by the
    // new: a mark on the toast tells whether the extension offered again while it was open.
    await warning.first().evaluate((element) => element.setAttribute('data-e2e-first-offer', ''));
    const retried = `GET /v2/projects/${other.id}/dashboards`;
    const before = requestsTo(lucaro, retried);
    lucaro.insufficientScopeNext(1, ['read:dashboards'], new RegExp(`^/v2/projects/${other.id}/dashboards$`));
    await dashboards.click(dashboards.row(scopeMessage, 1));
    await waitUntil(() => requestsTo(lucaro, retried) > before, 'the Retry request');
    await dashboards.waitForRow(scopeMessage, 1);
    await holdsFor(async () => (await warning.count()) === 1, 'still one notification after a third failure', 1000);
    assert.equal(await warning.count(), 1, 'still one notification after a third failure');
    assert.equal(await warning.first().getAttribute('data-e2e-first-offer'), '', 'the first offer, not a new one');
    assert.equal(await dialogs.any.count(), 0, 'no modal dialog');

    // The session still works: Refresh brings both lists back.
    await notifications.clearAll();
    await palette.run('Lucaro: Refresh');
    await projects.waitForRow(shownDashboard, 3);
    await waitUntil(async () => (await dashboards.row(scopeMessage, 1).count()) === 0, 'the Dashboards view to recover');
  });

  test('Switch Account: a second account signs in; picking Ada moves the sidebar to her; the choice survives a reload', async () => {
    const { workbench, lucaro } = editor();
    const { quickInput, statusBar, palette } = workbench;
    const project = await currentProject();
    await signInAsAda(project);
    await workbench.signIn.anotherAccountWithApiToken(lucaro.apiTokens.secondUser);
    await statusBar.waitForText(secondAccount);

    await palette.run('Lucaro: Switch Account');
    await switchAccountRows().filter({ hasText: 'Sign in with another account' }).waitFor({ timeout: uiTimeoutMs });
    const entries = await switchAccountRows().allInnerTexts();
    assert.equal(entries.filter((text) => text.includes(demoAccount)).length, 1, JSON.stringify(entries));
    assert.equal(entries.filter((text) => text.includes(secondAccount)).length, 1, JSON.stringify(entries));
    assert.equal(await switchAccountRows().filter({ hasText: secondAccount }).locator('.codicon-check').count(), 1, 'Grace is in use');
    await quickInput.close();

    // Picking Ada: the status bar says so and the trees load again with her session.
    const before = requestsTo(lucaro, listProjects);
    await switchAccountTo(demoAccount);
    await statusBar.waitForText(demoAccount);
    await waitUntil(() => requestsTo(lucaro, listProjects) > before, 'the Projects tree to reload');
    await views().projects.waitForRow(project.name, 1);

    // Ada is also the first account, what a window without a remembered choice would use:
    // Grace proves the choice is remembered.
    await switchAccountTo(secondAccount);
    await statusBar.waitForText(secondAccount);
    await workbench.reload();
    await views().show();
    await statusBar.waitForText(secondAccount);
    await views().projects.waitForRow(project.name, 1);
    assert.equal(await statusBar.lucaroText(), secondAccount, 'still Grace once the trees have loaded');
  });
});
