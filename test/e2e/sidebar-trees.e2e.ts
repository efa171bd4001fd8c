import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLucaroServer, type Dashboard, type LucaroServer, type Project } from '../server';
import {
  clearNotifications,
  expand,
  localServerOptions,
  lucaroStatusText,
  paletteOffers,
  requestsTo,
  rowByLabel,
  rowInfos,
  rowLabels,
  scrollToBottom,
  scrollToTop,
  serverSettings,
  settle,
  signInWithApiToken,
  signInWithBrowser,
  toastTexts,
  treeRows,
  uiTimeoutMs,
  viewPane,
  waitUntil,
  allServerProjects,
  serverDashboards,
} from './sidebar-support';
import { openLucaroSidebar, runPaletteCommand, screenshot, startEditorWithExtension, type EditorSession } from './workbench';

/**
 * Issue 4 in a real editor, one code-server for the whole file (each start costs ~10 s):
 * palette gating signed out and with a read-only token, signing in with all scopes and
 * walking project -> Dashboards -> dashboards -> widgets, "Load more" over 120 projects,
 * creating a project, a 429 waited out in the status bar, a 500 shown as an error row
 * whose Retry works. The tests run in order and share the editor's state.
 */

const projectCount = 120;
const listProjects = 'GET /v2/projects';
const createProject = 'POST /v2/projects';

let server: LucaroServer;
let editor: EditorSession;
/** Every project the server holds, in its order; the first page is the first 100. */
let allProjects: Project[];

const serverProjects = (): Promise<Project[]> => allServerProjects(server);
const dashboardsOf = (projectId: string): Promise<Dashboard[]> => serverDashboards(server, projectId);

const projectsPane = () => viewPane(editor.page, 'Projects');
const dashboardsPane = () => viewPane(editor.page, 'Dashboards');

/** Waits for the Projects tree's first row and returns its rows' ARIA view. */
async function waitForProjects(): Promise<void> {
  await rowByLabel(projectsPane(), allProjects[0]!.name, 1).waitFor({ timeout: uiTimeoutMs });
}

/** The number of top-level rows the Projects tree holds (projects plus "Load more…"), from ARIA. */
async function topLevelSetSize(): Promise<number> {
  const first = (await rowInfos(projectsPane())).find((row) => row.level === 1);
  return first?.setSize ?? 0;
}

describe('the Lucaro sidebar in a real editor', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startLucaroServer({ ...localServerOptions, projects: projectCount, dashboardsPerProject: 2 });
    allProjects = await serverProjects();
    assert.equal(allProjects.length, projectCount);
    server.resetCounters();
    editor = await startEditorWithExtension({ settings: serverSettings(server) });
    await openLucaroSidebar(editor.page);
  });

  after(async () => {
    await editor?.close();
    await server?.close();
  });

  test('signed out, the palette offers Sign In but nothing that needs a session', async () => {
    const offered = await paletteOffers(editor.page, [
      'Lucaro: Sign In',
      'Lucaro: New Project',
      'Lucaro: Search Projects',
      'Lucaro: Refresh',
      'Lucaro: Sign Out',
    ]);
    assert.deepEqual(offered, {
      'Lucaro: Sign In': true,
      'Lucaro: New Project': false,
      'Lucaro: Search Projects': false,
      'Lucaro: Refresh': false,
      'Lucaro: Sign Out': false,
    });
    assert.equal(server.counters.apiRequests, 0, 'signed out, nothing calls the API');
  });

  test('granted read:projects only: projects show, Search Projects is offered, New Project is not; signing out clears the trees', async () => {
    const { page, context } = editor;
    // "Sign In" asks for the sidebar's scopes, and a pasted API token lacking any of them is
    // refused (issue 3); in the browser the user may grant less: only read:projects here.
    await signInWithBrowser(page, context, server, () => runPaletteCommand(page, 'Lucaro: Sign In'), {
      untick: ['scope-write-projects', 'scope-read-dashboards', 'scope-write-dashboards', 'scope-read-metrics'],
    });
    await waitForProjects();

    const offered = await paletteOffers(page, [
      'Lucaro: Search Projects',
      'Lucaro: Select Project',
      'Lucaro: New Project',
      'Lucaro: New Dashboard',
      'Lucaro: Sign In',
      'Lucaro: Sign Out',
    ]);
    assert.deepEqual(offered, {
      'Lucaro: Search Projects': true,
      'Lucaro: Select Project': true,
      'Lucaro: New Project': false,
      'Lucaro: New Dashboard': false,
      'Lucaro: Sign In': false,
      'Lucaro: Sign Out': true,
    });
    // The Projects view's title bar follows the same scopes.
    const titleActions = projectsPane().locator('.pane-header .actions-container .action-label');
    await waitUntil(async () => (await titleActions.count()) > 0, 'the Projects title actions');
    const titles = await titleActions.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
    assert.ok(titles.some((title) => title.startsWith('Search Projects')), `title actions: ${titles.join(', ')}`);
    assert.ok(!titles.some((title) => title.startsWith('New Project')), `title actions: ${titles.join(', ')}`);

    // Without read:dashboards a project's Dashboards group offers the step-up instead of failing.
    const dashboardRequests = Object.keys(server.counters.requestsByPath).filter((key) => key.endsWith('/dashboards')).length;
    await expand(rowByLabel(projectsPane(), allProjects[0]!.name, 1));
    await expand(rowByLabel(projectsPane(), 'Dashboards', 2));
    await rowByLabel(projectsPane(), 'Grant access to dashboards', 3).waitFor({ timeout: uiTimeoutMs });
    assert.equal(
      Object.keys(server.counters.requestsByPath).filter((key) => key.endsWith('/dashboards')).length,
      dashboardRequests,
      'no dashboards request without read:dashboards',
    );

    await runPaletteCommand(page, 'Lucaro: Sign Out');
    await projectsPane().getByText('Sign in to Lucaro to browse your projects, dashboards and metrics.').waitFor({ timeout: uiTimeoutMs });
    assert.equal(await treeRows(projectsPane()).count(), 0, 'signing out clears the Projects tree');
    await waitUntil(async () => (await lucaroStatusText(page)) === '', 'the status bar entry to go');
  });

  test('signed in with all scopes: one request paints 100 projects; a project expands to its dashboards; selecting it fills the Dashboards view with dashboards and widgets', async () => {
    const { page } = editor;
    const before = requestsTo(server, listProjects);
    await signInWithApiToken(page, server.apiTokens.all);
    await waitForProjects();
    assert.equal(requestsTo(server, listProjects) - before, 1, 'the first page takes one request');
    assert.equal(await topLevelSetSize(), 101, '100 projects and "Load more…"');
    await waitUntil(async () => (await lucaroStatusText(page)) === 'Ada Lovelace', 'the account in the status bar');
    const statusItem = page.locator('.statusbar-item[id$="lucaro.status"] .codicon-account');
    assert.equal(await statusItem.count(), 1, 'the status bar entry has the account icon');

    // Clicking a project selects it (and expands it): the Dashboards view follows.
    const project = allProjects[0]!;
    const dashboards = await dashboardsOf(project.id);
    assert.ok(dashboards.length > 0 && dashboards.some((dashboard) => dashboard.widgets.length > 0), 'seeded dashboards with widgets');
    const projectRow = rowByLabel(projectsPane(), project.name, 1);
    await settle(page);
    await projectRow.locator('.label-name').click();
    await waitUntil(async () => (await projectRow.getAttribute('aria-selected')) === 'true', 'the project to be selected');
    // A click also toggles a row open or shut (the tree may remember it open from the last session).
    await expand(projectRow);
    const groups = async () => (await rowInfos(projectsPane())).filter((row) => row.level === 2).map((row) => row.label).join(', ');
    await waitUntil(async () => (await groups()) === 'Dashboards, Metrics', 'the Dashboards and Metrics groups');

    await expand(rowByLabel(projectsPane(), 'Dashboards', 2));
    await rowByLabel(projectsPane(), dashboards[0]!.name, 3).waitFor({ timeout: uiTimeoutMs });
    const level3 = (await rowInfos(projectsPane())).filter((row) => row.level === 3);
    assert.deepEqual(
      level3.map((row) => [row.label, row.description]),
      dashboards.map((dashboard) => [dashboard.name, `${dashboard.widgets.length} widgets`]),
    );

    const header = dashboardsPane().locator('.pane-header');
    await waitUntil(async () => (await header.locator('.description').textContent())?.trim() === project.name, 'the Dashboards view to name the project');
    await rowByLabel(dashboardsPane(), dashboards[0]!.name, 1).waitFor({ timeout: uiTimeoutMs });
    assert.deepEqual(
      (await rowInfos(dashboardsPane())).map((row) => row.label),
      dashboards.map((dashboard) => dashboard.name),
    );
    const withWidgets = dashboards.find((dashboard) => dashboard.widgets.length > 0)!;
    await expand(rowByLabel(dashboardsPane(), withWidgets.name, 1));
    await rowByLabel(dashboardsPane(), withWidgets.widgets[0]!.title, 2).waitFor({ timeout: uiTimeoutMs });
    assert.deepEqual(
      (await rowInfos(dashboardsPane())).filter((row) => row.level === 2).map((row) => [row.label, row.description]),
      withWidgets.widgets.map((widget) => [widget.title, `${widget.metric} · ${widget.kind}`]),
    );
    await clearNotifications(page);
    await screenshot(page, 'sidebar-signed-in');

    // "Lucaro: Select Project" picks another project for the Dashboards view.
    const other = allProjects[1]!;
    const otherDashboards = await dashboardsOf(other.id);
    await runPaletteCommand(page, 'Lucaro: Select Project');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: other.name }).first().waitFor({ timeout: uiTimeoutMs });
    await input.fill(other.id);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: other.name }).first().click();
    await waitUntil(async () => (await header.locator('.description').textContent())?.trim() === other.name, 'the Dashboards view to follow Select Project');
    await rowByLabel(dashboardsPane(), otherDashboards[0]!.name, 1).waitFor({ timeout: uiTimeoutMs });
  });

  test('"Load more…" fetches the next page: 120 projects', async () => {
    const pane = projectsPane();
    await scrollToBottom(pane);
    const last = (await rowInfos(pane)).at(-1)!;
    assert.deepEqual([last.label, last.level, last.posInSet], ['Load more…', 1, 101]);
    assert.equal(last.label, 'Load more…');
    const before = requestsTo(server, listProjects);
    await rowByLabel(pane, 'Load more…', 1).click();
    await waitUntil(async () => (await topLevelSetSize()) === projectCount, `${projectCount} top-level rows`);
    assert.equal(requestsTo(server, listProjects) - before, 1, 'one request for the second page');
    await scrollToBottom(pane);
    const labels = await rowLabels(pane);
    assert.equal(labels.at(-1), allProjects[projectCount - 1]!.name, 'the last project is the last row');
    assert.ok(!labels.includes('Load more…'), 'no "Load more…" once everything is loaded');
    await scrollToTop(pane);
  });

  test('"New Project" validates the name before any request, then the project appears at the top', async () => {
    const { page } = editor;
    const input = page.locator('.quick-input-widget input');
    const message = page.locator('.quick-input-widget .quick-input-message');
    const posts = requestsTo(server, createProject);

    // From the view's title bar, as a user would.
    await projectsPane().locator('.pane-header').hover();
    await projectsPane().locator('.pane-header .action-label[aria-label^="New Project"]').click();
    await input.waitFor();
    await input.fill('x');
    await input.fill('');
    await message.filter({ hasText: 'A name is required.' }).waitFor({ timeout: uiTimeoutMs });
    await input.press('Enter');
    await page.waitForTimeout(500);
    assert.equal(await message.filter({ hasText: 'A name is required.' }).count(), 1, 'Enter on an empty name keeps the box open');
    await input.fill('   ');
    await message.filter({ hasText: 'A name is required.' }).waitFor({ timeout: uiTimeoutMs });
    assert.equal(requestsTo(server, createProject), posts, 'no request for an invalid name');

    const name = `E2E Project ${Date.now().toString(36)}`;
    await input.fill(name);
    await waitUntil(async () => (await message.filter({ hasText: 'A name is required.' }).count()) === 0, 'the message to clear');
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Description (optional)' }).waitFor({ timeout: uiTimeoutMs });
    await input.fill('Made by the browser test');
    await input.press('Enter');

    await waitUntil(async () => (await rowInfos(projectsPane()))[0]?.label === name, 'the new project at the top');
    const top = (await rowInfos(projectsPane()))[0]!;
    assert.deepEqual([top.posInSet, top.description], [1, 'Made by the browser test']);
    assert.equal(requestsTo(server, createProject) - posts, 1, 'one POST');
    await waitUntil(async () => (await toastTexts(page)).some((text) => text.includes(`Created the Lucaro project ${name}.`)), 'the confirmation');
    assert.equal(await topLevelSetSize(), projectCount + 1);
  });

  test('a project created while more pages remain is listed once after "Load more…"', async () => {
    const { page } = editor;
    await runPaletteCommand(page, 'Lucaro: Refresh');
    await waitUntil(async () => (await topLevelSetSize()) === 101, 'the first page again');
    const name = `E2E Second ${Date.now().toString(36)}`;
    await runPaletteCommand(page, 'Lucaro: New Project');
    const input = page.locator('.quick-input-widget input');
    await input.fill(name);
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Description (optional)' }).waitFor({ timeout: uiTimeoutMs });
    await input.press('Enter');
    await waitUntil(async () => (await rowInfos(projectsPane()))[0]?.label === name, 'the new project at the top');

    await scrollToBottom(projectsPane());
    await rowByLabel(projectsPane(), 'Load more…', 1).click();
    // 120 seeded + 2 created, each once.
    await waitUntil(async () => (await topLevelSetSize()) === projectCount + 2, `${projectCount + 2} top-level rows`, 10_000);
    await scrollToBottom(projectsPane());
    const labels = await rowLabels(projectsPane());
    assert.ok(!labels.includes('Load more…'));
    assert.equal(labels.filter((label) => label === name).length, 0, 'the new project is not listed again at the end');
    await scrollToTop(projectsPane());
    assert.equal((await rowInfos(projectsPane()))[0]?.label, name);
  });

  test('a 429 shows the wait in the status bar, then the tree loads', async () => {
    const { page } = editor;
    const before = server.counters.apiRequests;
    server.rateLimitNext(1, 3);
    await runPaletteCommand(page, 'Lucaro: Refresh');
    let shown = '';
    await waitUntil(async () => {
      shown = await lucaroStatusText(page);
      return shown.includes('rate limited');
    }, 'the rate-limit wait in the status bar', 10_000);
    const seconds = Number(/^Lucaro: rate limited, retrying in (\d+) s$/.exec(shown)?.[1]);
    assert.ok(seconds >= 1 && seconds <= 3, `status bar: ${shown}`);
    await waitUntil(async () => (await lucaroStatusText(page)) === 'Ada Lovelace', 'the status bar to show the account again', 10_000);
    // Refresh starts again from the first page.
    await waitUntil(async () => (await topLevelSetSize()) === 101, 'the first page of projects');
    await waitForProjects();
    assert.ok(server.counters.apiRequests - before >= 2, 'the refused request was retried');
    const errors = (await rowLabels(projectsPane())).filter((label) => label.includes('rate limiting'));
    assert.deepEqual(errors, [], 'no error row');
  });

  test('a failing server shows an error row that stays (no retry loop); clicking it retries and the projects load', async () => {
    const { page } = editor;
    const beforeList = requestsTo(server, listProjects);
    // An outage: every API request gets a 503 until it is over.
    server.configure({ failureRate: 1 });
    try {
      await runPaletteCommand(page, 'Lucaro: Refresh');
      const errorText = 'The Lucaro API had a problem (HTTP 503). Try again in a moment.';
      const errorRow = rowByLabel(projectsPane(), errorText, 1);
      await errorRow.waitFor({ timeout: uiTimeoutMs });
      assert.equal(requestsTo(server, listProjects) - beforeList, 4, 'a failing GET is tried 4 times (1 + 3 retries)');
      // A reload that fails keeps the last projects, under one row that says it is out of date.
      const [top] = await rowInfos(projectsPane());
      assert.deepEqual([top?.label, top?.description], [errorText, 'Out of date: click to retry'], 'the out-of-date row on top');
      assert.ok((await treeRows(projectsPane()).count()) > 1, 'the last projects stay');
      assert.equal(await errorRow.locator('.codicon-error').count(), 1, 'with an error icon');
      // Longer than a whole round of backoff: nothing tries again behind the user's back.
      await page.waitForTimeout(4_500);
      assert.equal(requestsTo(server, listProjects) - beforeList, 4, 'the error row does not start new attempts by itself');
      assert.equal(await errorRow.count(), 1, 'the error row stays');
      assert.deepEqual((await toastTexts(page)).filter((text) => text.includes('Lucaro API')), [], 'no notification about it');
      await rowByLabel(dashboardsPane(), errorText, 1).waitFor({ timeout: uiTimeoutMs });
    } finally {
      server.configure({ failureRate: 0 });
    }

    await rowByLabel(projectsPane(), 'The Lucaro API had a problem (HTTP 503). Try again in a moment.', 1).click();
    // The last projects showed all along: wait for the out-of-date row to go.
    await waitUntil(async () => (await topLevelSetSize()) === 101, 'the first page again, without the out-of-date row');
    await waitForProjects();
    assert.equal(requestsTo(server, listProjects) - beforeList, 5, 'Retry made one more request');

    // The Dashboards view failed alike and recovers the same way.
    await rowByLabel(dashboardsPane(), 'The Lucaro API had a problem (HTTP 503). Try again in a moment.', 1).click();
    await waitUntil(
      async () => (await rowByLabel(dashboardsPane(), 'The Lucaro API had a problem (HTTP 503). Try again in a moment.', 1).count()) === 0,
      'the Dashboards view up to date',
    );
    await rowByLabel(dashboardsPane(), (await dashboardsOf(allProjects[1]!.id))[0]!.name, 1).waitFor({ timeout: uiTimeoutMs });
  });
});
