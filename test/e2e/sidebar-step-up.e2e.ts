import * as assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Dashboard, Project } from '../server';
import { useLucaroEditor } from './pages/fixture';
import { allServerProjects, dashboardListRequests, demoAccount, serverDashboards } from './pages/lucaro-data';
import { uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * Issue 4's step-up in a real editor: signed in through the browser with read:dashboards
 * unticked, the trees show "Grant access to dashboards" instead of failing; clicking it
 * asks for a session with the extra scope (keeping the others), the user approves in the
 * browser, the dashboards appear, and the new session replaces the old one.
 */

const grantLabel = 'Grant access to dashboards';

describe('step-up from the Lucaro sidebar', { timeout: 240_000 }, () => {
  const editor = useLucaroEditor({ server: { projects: 3, dashboardsPerProject: 2 } });
  let project: Project;
  let dashboards: Dashboard[];

  before(async () => {
    const { lucaro } = editor();
    project = (await allServerProjects(lucaro))[0]!;
    dashboards = await serverDashboards(lucaro, project.id);
    assert.ok(dashboards.length > 0);
  });

  /** Browser sign-in with read:dashboards unticked; the project selected and expanded down to its Dashboards group. */
  async function signInWithoutDashboards(): Promise<{ requestedScopes: string[] }> {
    const { workbench } = editor();
    const { projects } = workbench.views;
    const { request } = await workbench.signIn.withBrowser({ untick: ['read:dashboards'] });
    const projectRow = await projects.waitForRow(project.name, 1);
    await workbench.statusBar.waitForText(demoAccount);

    await workbench.views.settle();
    await projects.click(projectRow);
    await projects.expand(projectRow);
    await projects.expand(projects.row('Dashboards', 2));
    await projects.waitForRow(grantLabel, 3);
    return { requestedScopes: request.scopes };
  }

  test('signed in without read:dashboards, the trees offer "Grant access to dashboards" and ask nothing of the API', async () => {
    const { workbench, lucaro } = editor();
    const { projects, dashboards: dashboardsView } = workbench.views;
    const { requestedScopes } = await signInWithoutDashboards();
    assert.ok(requestedScopes.includes('read:dashboards'), `Sign In asked for ${requestedScopes.join(' ')}`);
    const grantRow = (await projects.infos()).find((row) => row.label === grantLabel)!;
    assert.equal(grantRow.setSize, 1, "the grant row is the group's only child");
    assert.equal(await projects.row(grantLabel, 3).locator('.codicon-unlock').count(), 1, 'with the unlock icon');

    // The Dashboards view, following the selected project, offers the same.
    await dashboardsView.waitForRow(grantLabel, 1);
    assert.equal(dashboardListRequests(lucaro), 0, 'no dashboards request without read:dashboards');
    // Metrics were granted: that group loads.
    await projects.expand(projects.row('Metrics', 2));
    await waitUntil(async () => (await projects.infos()).some((row) => row.level === 3 && row.label !== grantLabel), 'the metrics');

    await workbench.notifications.clearAll();
    await workbench.screenshot('sidebar-step-up');
  });

  test('clicking it asks for read:dashboards on top of the granted scopes; after approval the dashboards appear and the new session replaces the old', async () => {
    const { workbench, lucaro } = editor();
    const { projects, dashboards: dashboardsView } = workbench.views;
    await signInWithoutDashboards();
    const { request } = await workbench.signIn.withBrowser({}, () => projects.click(projects.row(grantLabel, 3)));
    assert.deepEqual(
      [...request.scopes].sort(),
      ['read:dashboards', 'read:metrics', 'read:projects', 'write:dashboards', 'write:projects'],
      'the step-up keeps the scopes the session had and adds read:dashboards',
    );

    // Both trees redraw with the dashboards.
    await projects.waitForRow(dashboards[0]!.name, 3);
    assert.deepEqual(
      (await projects.infos()).filter((row) => row.level === 3 && dashboards.some((d) => d.name === row.label)).map((row) => row.label),
      dashboards.map((dashboard) => dashboard.name),
    );
    assert.equal(await projects.row(grantLabel).count(), 0, 'the grant row is gone');
    await dashboardsView.waitForRow(dashboards[0]!.name, 1);
    assert.deepEqual(await dashboardsView.labelsAt(1), dashboards.map((dashboard) => dashboard.name));
    assert.ok(dashboardListRequests(lucaro) >= 1);

    // One account, one session: "Switch Account" lists Ada once, with the wider scopes.
    await workbench.palette.run('Lucaro: Switch Account');
    const rows = workbench.quickInput.rows;
    await rows.filter({ hasText: 'Sign in with another account' }).waitFor({ timeout: uiTimeoutMs });
    const entries = await rows.allInnerTexts();
    await workbench.quickInput.close();
    const ada = entries.filter((text) => text.includes(demoAccount));
    assert.equal(ada.length, 1, `one session for the account: ${JSON.stringify(entries)}`);
    assert.ok(ada[0]!.includes('read:dashboards'), `the session has read:dashboards: ${ada[0]}`);
  });
});
