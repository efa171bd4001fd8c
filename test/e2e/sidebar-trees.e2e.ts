import * as assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Dashboard, Project } from '../server';
import { useLucaroEditor } from './pages/fixture';
import { allServerProjects, dashboardListRequests, demoAccount, requestsTo, serverDashboards } from './pages/lucaro-data';
import { DashboardTab } from './pages/dashboard-tab';
import { holdsFor, uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * Issue 4 in a real editor, one code-server for the whole file (each start costs ~10 s):
 * palette gating signed out and with a read-only grant, signing in with all scopes and
 * walking project -> Dashboards -> dashboards -> widgets, "Load more" over 120 projects,
 * creating a project, a 429 waited out in the status bar, a failed reload that keeps the
 * last projects under an out-of-date row whose Retry works. Each test starts signed out and signs in as it needs.
 */

const seededProjects = 120;
const listProjects = 'GET /v2/projects';
const createProject = 'POST /v2/projects';
const outageText = 'The Lucaro API had a problem (HTTP 503). Try again in a moment.';

describe('the Lucaro sidebar in a real editor', { timeout: 300_000 }, () => {
  const editor = useLucaroEditor({ server: { projects: seededProjects, dashboardsPerProject: 2 } });
  /** The seeded projects, in the server's order; the first page is the first 100. */
  let seeded: Project[];

  before(async () => {
    seeded = await allServerProjects(editor().lucaro);
    assert.equal(seeded.length, seededProjects);
  });

  const views = () => editor().workbench.views;
  const serverProjects = (): Promise<Project[]> => allServerProjects(editor().lucaro);
  const dashboardsOf = (projectId: string): Promise<Dashboard[]> => serverDashboards(editor().lucaro, projectId);

  /** Waits for the Projects tree's first seeded project (tests may have created projects above it). */
  async function waitForProjects(): Promise<void> {
    await views().projects.waitForRow(seeded[0]!.name, 1);
  }

  /** Signed in with the all-scopes API token, the first page of projects shown. */
  async function signInWithEverything(): Promise<void> {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await waitForProjects();
    await workbench.statusBar.waitForText(demoAccount);
  }

  /** Scrolls to "Load more…" and clicks it until every project the server holds is listed. */
  async function loadEverything(): Promise<number> {
    const total = (await serverProjects()).length;
    const { projects } = views();
    await projects.scrollToBottom();
    await projects.row('Load more…', 1).click();
    await waitUntil(async () => (await projects.topLevelSetSize()) === total, `${total} top-level rows`);
    await projects.scrollToTop();
    return total;
  }

  /** "New Project" with `name` and an empty description, from the palette; waits for it at the top. */
  async function createFromPalette(name: string): Promise<void> {
    const { palette, quickInput } = editor().workbench;
    await palette.run('Lucaro: New Project');
    await quickInput.input.fill(name);
    await quickInput.input.press('Enter');
    await quickInput.titled('Description (optional)').waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.press('Enter');
    await waitUntil(async () => (await views().projects.infos())[0]?.label === name, 'the new project at the top');
  }

  test('signed out, the palette offers Sign In but nothing that needs a session', async () => {
    const { workbench, lucaro } = editor();
    const offered = await workbench.palette.offers(['Lucaro: Sign In', 'Lucaro: New Project', 'Lucaro: Search Projects', 'Lucaro: Refresh', 'Lucaro: Sign Out']);
    assert.deepEqual(offered, {
      'Lucaro: Sign In': true,
      'Lucaro: New Project': false,
      'Lucaro: Search Projects': false,
      'Lucaro: Refresh': false,
      'Lucaro: Sign Out': false,
    });
    assert.equal(lucaro.counters.apiRequests, 0, 'signed out, nothing calls the API');
  });

  test('granted read:projects only: projects show, Search Projects is offered, New Project is not; signing out clears the trees', async () => {
    const { workbench, lucaro } = editor();
    const { projects } = workbench.views;
    // "Sign In" asks for the sidebar's scopes; in the browser the user may grant less: only read:projects here.
    await workbench.signIn.withBrowser({ untick: ['write:projects', 'read:dashboards', 'write:dashboards', 'read:metrics'] });
    await waitForProjects();

    const offered = await workbench.palette.offers([
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
    const titles = await projects.titleActions();
    assert.ok(titles.some((title) => title.startsWith('Search Projects')), `title actions: ${titles.join(', ')}`);
    assert.ok(!titles.some((title) => title.startsWith('New Project')), `title actions: ${titles.join(', ')}`);

    // Without read:dashboards a project's Dashboards group offers the step-up instead of failing.
    const dashboardRequests = dashboardListRequests(lucaro);
    await projects.expand(projects.row(seeded[0]!.name, 1));
    await projects.expand(projects.row('Dashboards', 2));
    await projects.waitForRow('Grant access to dashboards', 3);
    assert.equal(dashboardListRequests(lucaro), dashboardRequests, 'no dashboards request without read:dashboards');

    await workbench.palette.run('Lucaro: Sign Out');
    await workbench.views.welcome.waitFor({ timeout: uiTimeoutMs });
    assert.equal(await projects.rows.count(), 0, 'signing out clears the Projects tree');
    await workbench.statusBar.waitForText('');
  });

  test('signed in with all scopes: one request paints 100 projects; a project expands to its dashboards; selecting it fills the Dashboards view with dashboards and widgets', async () => {
    const { workbench, lucaro } = editor();
    const { projects, dashboards: dashboardsView } = workbench.views;
    const before = requestsTo(lucaro, listProjects);
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await waitForProjects();
    assert.equal(requestsTo(lucaro, listProjects) - before, 1, 'the first page takes one request');
    assert.equal(await projects.topLevelSetSize(), 101, '100 projects and "Load more…"');
    await workbench.statusBar.waitForText(demoAccount);
    assert.equal(await workbench.statusBar.lucaroItem.locator('.codicon-account').count(), 1, 'the status bar entry has the account icon');

    // Clicking a project selects it (and expands it): the Dashboards view follows.
    const project = seeded[0]!;
    const dashboards = await dashboardsOf(project.id);
    assert.ok(dashboards.length > 0 && dashboards.some((dashboard) => dashboard.widgets.length > 0), 'seeded dashboards with widgets');
    const projectRow = projects.row(project.name, 1);
    await workbench.views.settle();
    await projects.click(projectRow);
    await waitUntil(async () => (await projectRow.getAttribute('aria-selected')) === 'true', 'the project to be selected');
    // A click also toggles a row open or shut (the tree may remember it open from an earlier test).
    await projects.expand(projectRow);
    await waitUntil(async () => (await projects.labelsAt(2)).join(', ') === 'Dashboards, Metrics', 'the Dashboards and Metrics groups');

    await projects.expand(projects.row('Dashboards', 2));
    await projects.waitForRow(dashboards[0]!.name, 3);
    const level3 = (await projects.infos()).filter((row) => row.level === 3);
    assert.deepEqual(
      level3.map((row) => [row.label, row.description]),
      dashboards.map((dashboard) => [dashboard.name, `${dashboard.widgets.length} widgets`]),
    );

    await dashboardsView.waitForHeaderDescription(project.name);
    await dashboardsView.waitForRow(dashboards[0]!.name, 1);
    assert.deepEqual(await dashboardsView.labels(), dashboards.map((dashboard) => dashboard.name));
    const withWidgets = dashboards.find((dashboard) => dashboard.widgets.length > 0)!;
    await dashboardsView.expand(dashboardsView.row(withWidgets.name, 1));
    await dashboardsView.waitForRow(withWidgets.widgets[0]!.title, 2);
    assert.deepEqual(
      (await dashboardsView.infos()).filter((row) => row.level === 2).map((row) => [row.label, row.description]),
      withWidgets.widgets.map((widget) => [widget.title, `${widget.metric} · ${widget.kind}`]),
    );
    await workbench.notifications.clearAll();
    await workbench.screenshot('sidebar-signed-in');

    // "Lucaro: Select Project" picks another project for the Dashboards view.
    const other = seeded[1]!;
    await workbench.selectProjectFromPalette(other);
    await dashboardsView.waitForRow((await dashboardsOf(other.id))[0]!.name, 1);
  });

  test('"Load more…" fetches the next page: 120 projects', async () => {
    const { lucaro } = editor();
    const { projects } = views();
    await signInWithEverything();
    const total = (await serverProjects()).length;
    await projects.scrollToBottom();
    const last = (await projects.infos()).at(-1)!;
    assert.deepEqual([last.label, last.level, last.posInSet], ['Load more…', 1, 101]);
    assert.equal(last.label, 'Load more…');
    const before = requestsTo(lucaro, listProjects);
    await projects.row('Load more…', 1).click();
    await waitUntil(async () => (await projects.topLevelSetSize()) === total, `${total} top-level rows`);
    assert.equal(requestsTo(lucaro, listProjects) - before, 1, 'one request for the second page');
    await projects.scrollToBottom();
    const labels = await projects.labels();
    assert.equal(labels.at(-1), seeded[seededProjects - 1]!.name, 'the last project is the last row');
    assert.ok(!labels.includes('Load more…'), 'no "Load more…" once everything is loaded');
    await projects.scrollToTop();
  });

  test('"New Project" validates the name before any request, then the project appears at the top', async () => {
    const { workbench, lucaro } = editor();
    const { projects } = workbench.views;
    const { quickInput } = workbench;
    await signInWithEverything();
    const total = await loadEverything();
    const required = quickInput.message.filter({ hasText: 'A name is required.' });
    const posts = requestsTo(lucaro, createProject);

    // From the view's title bar, as a user would.
    await projects.clickTitleAction('New Project');
    await quickInput.input.waitFor();
    await quickInput.input.fill('x');
    await quickInput.input.fill('');
    await required.waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.press('Enter');
    await holdsFor(async () => (await required.count()) === 1 && requestsTo(lucaro, createProject) === posts, 'Enter on an empty name keeps the box open', 500);
    await quickInput.input.fill('   ');
    await required.waitFor({ timeout: uiTimeoutMs });
    assert.equal(requestsTo(lucaro, createProject), posts, 'no request for an invalid name');

    const name = `E2E Project ${Date.now().toString(36)}`;
    await quickInput.input.fill(name);
    await waitUntil(async () => (await required.count()) === 0, 'the message to clear');
    await quickInput.input.press('Enter');
    await quickInput.titled('Description (optional)').waitFor({ timeout: uiTimeoutMs });
    await quickInput.input.fill('Made by the browser test');
    await quickInput.input.press('Enter');

    await waitUntil(async () => (await projects.infos())[0]?.label === name, 'the new project at the top');
    const top = (await projects.infos())[0]!;
    assert.deepEqual([top.posInSet, top.description], [1, 'Made by the browser test']);
    assert.equal(requestsTo(lucaro, createProject) - posts, 1, 'one POST');
    await waitUntil(async () => (await workbench.notifications.texts()).some((text) => text.includes(`Created the Lucaro project ${name}.`)), 'the confirmation');
    assert.equal(await projects.topLevelSetSize(), total + 1);
  });

  test('a project created while more pages remain is listed once after "Load more…"', async () => {
    const { projects } = views();
    await signInWithEverything();
    const total = (await serverProjects()).length;
    await waitUntil(async () => (await projects.topLevelSetSize()) === 101, 'the first page');
    const name = `E2E Second ${Date.now().toString(36)}`;
    await createFromPalette(name);

    await projects.scrollToBottom();
    await projects.row('Load more…', 1).click();
    // Every project the server held, and the new one, each once.
    await waitUntil(async () => (await projects.topLevelSetSize()) === total + 1, `${total + 1} top-level rows`, 10_000);
    await projects.scrollToBottom();
    const labels = await projects.labels();
    assert.ok(!labels.includes('Load more…'));
    assert.equal(labels.filter((label) => label === name).length, 0, 'the new project is not listed again at the end');
    await projects.scrollToTop();
    assert.equal((await projects.infos())[0]?.label, name);
  });

  test('a 429 shows the wait in the status bar, then the tree loads', async () => {
    const { workbench, lucaro } = editor();
    const { projects } = workbench.views;
    await signInWithEverything();
    const before = lucaro.counters.apiRequests;
    lucaro.rateLimitNext(1, 3);
    await workbench.palette.run('Lucaro: Refresh');
    const shown = await waitUntil(async () => {
      const text = await workbench.statusBar.lucaroText();
      return text.includes('rate limited') ? text : undefined;
    }, 'the rate-limit wait in the status bar', 10_000);
    const seconds = Number(/^Lucaro: rate limited, retrying in (\d+) s$/.exec(shown)?.[1]);
    assert.ok(seconds >= 1 && seconds <= 3, `status bar: ${shown}`);
    await workbench.statusBar.waitForText(demoAccount, 10_000);
    // Refresh starts again from the first page.
    await waitUntil(async () => (await projects.topLevelSetSize()) === 101, 'the first page of projects');
    await waitForProjects();
    assert.ok(lucaro.counters.apiRequests - before >= 2, 'the refused request was retried');
    const errors = (await projects.labels()).filter((label) => label.includes('rate limiting'));
    assert.deepEqual(errors, [], 'no error row');
  });

  test('a failing server shows an error row that stays (no retry loop); clicking it retries and the projects load', async () => {
    const { workbench, lucaro } = editor();
    const { projects, dashboards: dashboardsView } = workbench.views;
    await signInWithEverything();
    const shown = seeded[1]!;
    await workbench.selectProjectFromPalette(shown);
    await dashboardsView.waitForRow((await dashboardsOf(shown.id))[0]!.name, 1);
    const beforeList = requestsTo(lucaro, listProjects);
    // An outage: every API request gets a 503 until it is over.
    lucaro.configure({ failureRate: 1 });
    try {
      await workbench.palette.run('Lucaro: Refresh');
      const errorRow = await projects.waitForRow(outageText, 1);
      assert.equal(requestsTo(lucaro, listProjects) - beforeList, 4, 'a failing GET is tried 4 times (1 + 3 retries)');
      // A reload that fails keeps the last projects, under one row that says it is out of date.
      const [top] = await projects.infos();
      assert.deepEqual([top?.label, top?.description], [outageText, 'Out of date: click to retry'], 'the out-of-date row on top');
      assert.ok((await projects.rows.count()) > 1, 'the last projects stay');
      assert.equal(await errorRow.locator('.codicon-error').count(), 1, 'with an error icon');
      // Longer than a whole round of backoff: nothing tries again behind the user's back.
      await holdsFor(
        async () => requestsTo(lucaro, listProjects) - beforeList === 4 && (await errorRow.count()) === 1,
        'the error row stays and starts no new attempts by itself',
        4_500,
      );
      assert.deepEqual((await workbench.notifications.texts()).filter((text) => text.includes('Lucaro API')), [], 'no notification about it');
      await dashboardsView.waitForRow(outageText, 1);
    } finally {
      lucaro.configure({ failureRate: 0 });
    }

    await projects.row(outageText, 1).click();
    // The last projects showed all along: wait for the out-of-date row to go.
    await waitUntil(async () => (await projects.topLevelSetSize()) === 101, 'the first page again, without the out-of-date row');
    await waitForProjects();
    assert.equal(requestsTo(lucaro, listProjects) - beforeList, 5, 'Retry made one more request');

    // The Dashboards view failed alike and recovers the same way.
    await dashboardsView.row(outageText, 1).click();
    await waitUntil(async () => (await dashboardsView.row(outageText, 1).count()) === 0, 'the Dashboards view up to date');
    await dashboardsView.waitForRow((await dashboardsOf(shown.id))[0]!.name, 1);
  });

  test("a list loading below one project redraws only that project's rows: another project's dashboard rows stay as drawn and open their tab", async () => {
    const { workbench } = editor();
    await signInWithEverything();
    const { projects } = views();
    const [first, second] = [seeded[0]!, seeded[1]!];
    const firstDashboards = await dashboardsOf(first.id);
    await projects.expand(projects.row(first.name, 1));
    await projects.expand(projects.row('Dashboards', 2).first());
    for (const dashboard of firstDashboards) await projects.waitForRow(dashboard.name, 3);
    await views().settle();
    const redraws = await projects.watchRedraws(firstDashboards.map((dashboard) => dashboard.name));
    assert.equal(redraws.rows, firstDashboards.length, "the first project's dashboard rows are drawn");

    // The second project's dashboards load now: one list changes, below another row.
    await projects.expand(projects.row(second.name, 1));
    await projects.expand(projects.row('Dashboards', 2).nth(1));
    await waitUntil(async () => (await projects.labelsAt(3)).length === firstDashboards.length + (await dashboardsOf(second.id)).length, "the second project's dashboards");
    // VS Code gathers a tree's redraws for 200 ms before asking for the rows again.
    await holdsFor(async () => (await redraws.count()) === 0, "the first project's dashboard rows left as drawn", 1500);

    await projects.click(projects.row(firstDashboards[0]!.name, 3).first());
    await DashboardTab.find(workbench.page, firstDashboards[0]!.name);
    await workbench.palette.run('View: Close All Editors');
  });
});
