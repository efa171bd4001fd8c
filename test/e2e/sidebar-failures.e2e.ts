import * as assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Project } from '../server';
import { useLucaroEditor } from './pages/fixture';
import { allServerProjects, demoAccount, requestsTo } from './pages/lucaro-data';
import { holdsFor, uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * Issue 9's one failure channel in a real editor: a failure reaches the user wherever it
 * happens. A 403 insufficient_scope on "Load more…" offers the same step-up as any other
 * list; Open in Browser and Copy ID run from the palette (no tree item, so the active
 * project) say what went wrong and what to do instead of doing nothing.
 */

const seededProjects = 120;
const listProjects = 'GET /v2/projects';
const outage = /The Lucaro API had a problem \(HTTP 503\)\. Try again in a moment\./;

describe('failures reach the user from every route', { timeout: 240_000 }, () => {
  const editor = useLucaroEditor({
    server: { projects: seededProjects, dashboardsPerProject: 2 },
    setUp: ({ workbench }) => workbench.allowClipboard(),
  });
  let seeded: Project[];

  before(async () => {
    seeded = await allServerProjects(editor().lucaro);
    assert.equal(seeded.length, seededProjects);
  });

  async function signIn(): Promise<void> {
    const { workbench, lucaro } = editor();
    await workbench.signIn.withApiToken(lucaro.apiTokens.all);
    await workbench.views.projects.waitForRow(seeded[0]!.name, 1);
    await workbench.statusBar.waitForText(demoAccount);
  }

  /** Signed in, `project` the Dashboards view's project, then every API request answered 503 while `run` runs. */
  async function duringAnOutage(project: Project, run: () => Promise<void>): Promise<void> {
    const { workbench, lucaro } = editor();
    await signIn();
    await workbench.selectProjectFromPalette(project);
    lucaro.configure({ failureRate: 1 });
    try {
      await run();
    } finally {
      lucaro.configure({ failureRate: 0 });
    }
  }

  test('a 403 insufficient_scope on "Load more…" offers the step-up; the projects already listed stay', async () => {
    const { workbench, lucaro } = editor();
    const { projects } = workbench.views;
    const { notifications } = workbench;
    await signIn();
    assert.equal(await projects.topLevelSetSize(), 101, '100 projects and "Load more…"');
    await projects.scrollToBottom();
    const before = requestsTo(lucaro, listProjects);
    lucaro.insufficientScopeNext(1, ['read:projects'], /^\/v2\/projects$/);
    await projects.row('Load more…', 1).click();
    await waitUntil(() => requestsTo(lucaro, listProjects) > before, 'the request for the second page');

    const offer = await notifications.waitFor('Your Lucaro sign-in lacks read:projects');
    assert.equal(await notifications.button(offer, 'Grant Access').count(), 1, 'with Grant Access');
    assert.ok((await projects.topLevelSetSize()) >= 100, 'the first page stays listed');
    await holdsFor(async () => (await notifications.toasts('lacks').count()) === 1, 'one offer', 1000);

    // Grant Access starts a sign-in for the missing scope; backing out of it changes nothing.
    await notifications.clickButton(offer, 'Grant Access');
    const quickPick = await workbench.signIn.waitForQuickPick();
    await workbench.quickInput.close();
    await quickPick.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
    await workbench.statusBar.waitForText(demoAccount);
  });

  test('Open in Browser from the palette, its project failing to load, says what went wrong and what to do; nothing opens', async () => {
    const { workbench } = editor();
    const { notifications, dialogs } = workbench;
    const project = seeded[1]!;
    await duringAnOutage(project, async () => {
      await workbench.palette.run('Lucaro: Open in Browser');
      const toast = await notifications.waitFor(outage);
      assert.match(await toast.innerText(), /Try again/, 'a next step');
    });
    assert.equal(await dialogs.withText('external website').count(), 0, 'no "open the external website" question');
  });

  test('Copy ID from the palette, its project failing to load, says what went wrong and what to do; the clipboard keeps what it had', async () => {
    const { workbench } = editor();
    const { notifications } = workbench;
    const project = seeded[2]!;
    await workbench.writeClipboard('not an ID');
    await duringAnOutage(project, async () => {
      await workbench.palette.run('Lucaro: Copy ID');
      const toast = await notifications.waitFor(outage);
      assert.match(await toast.innerText(), /Try again/, 'a next step');
    });
    assert.equal(await workbench.readClipboard(), 'not an ID', 'nothing was copied');
    assert.equal(await workbench.statusBar.entry(`Copied the ID of ${project.name}.`).count(), 0);
  });
});
