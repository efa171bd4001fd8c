import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLucaroServer, type Dashboard, type LucaroServer, type Project } from '../server';
import {
  allServerProjects,
  clearNotifications,
  expand,
  localServerOptions,
  lucaroStatusText,
  rowByLabel,
  rowInfos,
  serverDashboards,
  serverSettings,
  settle,
  signInWithBrowser,
  uiTimeoutMs,
  viewPane,
  waitUntil,
} from './sidebar-support';
import { openLucaroSidebar, runPaletteCommand, screenshot, startEditorWithExtension, type EditorSession } from './workbench';

/**
 * Issue 4's step-up in a real editor: signed in through the browser with read:dashboards
 * unticked, the trees show "Grant access to dashboards" instead of failing; clicking it
 * asks for a session with the extra scope (keeping the others), the user approves in the
 * browser, the dashboards appear, and the new session replaces the old one.
 */

let server: LucaroServer;
let editor: EditorSession;
let project: Project;
let dashboards: Dashboard[];

const grantLabel = 'Grant access to dashboards';
const projectsPane = () => viewPane(editor.page, 'Projects');
const dashboardsPane = () => viewPane(editor.page, 'Dashboards');

function dashboardRequests(): number {
  return Object.entries(server.counters.requestsByPath)
    .filter(([path]) => path.startsWith('GET /v2/projects/') && path.endsWith('/dashboards'))
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('step-up from the Lucaro sidebar', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startLucaroServer({ ...localServerOptions, projects: 3, dashboardsPerProject: 2 });
    project = (await allServerProjects(server))[0]!;
    dashboards = await serverDashboards(server, project.id);
    assert.ok(dashboards.length > 0);
    server.resetCounters();
    editor = await startEditorWithExtension({ settings: serverSettings(server) });
    await openLucaroSidebar(editor.page);
  });

  after(async () => {
    await editor?.close();
    await server?.close();
  });

  test('signed in without read:dashboards, the trees offer "Grant access to dashboards" and ask nothing of the API', async () => {
    const { page, context } = editor;
    const { requestedScopes } = await signInWithBrowser(page, context, server, () => runPaletteCommand(page, 'Lucaro: Sign In'), {
      untick: ['scope-read-dashboards'],
    });
    assert.ok(requestedScopes.includes('read:dashboards'), `Sign In asked for ${requestedScopes.join(' ')}`);
    const projectRow = rowByLabel(projectsPane(), project.name, 1);
    await projectRow.waitFor({ timeout: uiTimeoutMs });
    await waitUntil(async () => (await lucaroStatusText(page)) === 'Ada Lovelace', 'the account in the status bar');

    await settle(page);
    await projectRow.locator('.label-name').click();
    await expand(projectRow);
    await expand(rowByLabel(projectsPane(), 'Dashboards', 2));
    await rowByLabel(projectsPane(), grantLabel, 3).waitFor({ timeout: uiTimeoutMs });
    const grantRow = (await rowInfos(projectsPane())).find((row) => row.label === grantLabel)!;
    assert.equal(grantRow.setSize, 1, 'the grant row is the group\'s only child');
    assert.equal(await rowByLabel(projectsPane(), grantLabel, 3).locator('.codicon-unlock').count(), 1, 'with the unlock icon');

    // The Dashboards view, following the selected project, offers the same.
    await rowByLabel(dashboardsPane(), grantLabel, 1).waitFor({ timeout: uiTimeoutMs });
    assert.equal(dashboardRequests(), 0, 'no dashboards request without read:dashboards');
    // Metrics were granted: that group loads.
    await expand(rowByLabel(projectsPane(), 'Metrics', 2));
    await waitUntil(async () => (await rowInfos(projectsPane())).some((row) => row.level === 3 && row.label !== grantLabel), 'the metrics');

    await clearNotifications(page);
    await screenshot(page, 'sidebar-step-up');
  });

  test('clicking it asks for read:dashboards on top of the granted scopes; after approval the dashboards appear and the new session replaces the old', async () => {
    const { page, context } = editor;
    const { requestedScopes } = await signInWithBrowser(page, context, server, () =>
      rowByLabel(projectsPane(), grantLabel, 3).locator('.label-name').click(),
    );
    assert.deepEqual(
      [...requestedScopes].sort(),
      ['read:dashboards', 'read:metrics', 'read:projects', 'write:dashboards', 'write:projects'],
      'the step-up keeps the scopes the session had and adds read:dashboards',
    );

    // Both trees redraw with the dashboards.
    await rowByLabel(projectsPane(), dashboards[0]!.name, 3).waitFor({ timeout: uiTimeoutMs });
    assert.deepEqual(
      (await rowInfos(projectsPane())).filter((row) => row.level === 3 && dashboards.some((d) => d.name === row.label)).map((row) => row.label),
      dashboards.map((dashboard) => dashboard.name),
    );
    assert.equal(await rowByLabel(projectsPane(), grantLabel).count(), 0, 'the grant row is gone');
    await rowByLabel(dashboardsPane(), dashboards[0]!.name, 1).waitFor({ timeout: uiTimeoutMs });
    assert.deepEqual(
      (await rowInfos(dashboardsPane())).filter((row) => row.level === 1).map((row) => row.label),
      dashboards.map((dashboard) => dashboard.name),
    );
    assert.ok(dashboardRequests() >= 1);

    // One account, one session: "Switch Account" lists Ada once, with the wider scopes.
    await runPaletteCommand(page, 'Lucaro: Switch Account');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Sign in with another account' }).waitFor({ timeout: uiTimeoutMs });
    const entries = await rows.allInnerTexts();
    await page.locator('.quick-input-widget input').press('Escape');
    const ada = entries.filter((text) => text.includes('Ada Lovelace'));
    assert.equal(ada.length, 1, `one session for the account: ${JSON.stringify(entries)}`);
    assert.ok(ada[0]!.includes('read:dashboards'), `the session has read:dashboards: ${ada[0]}`);
  });
});
