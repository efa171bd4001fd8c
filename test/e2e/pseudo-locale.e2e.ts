import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { lucaroScopes } from '../../src/core/auth/scopes';
import { DashboardTab } from './pages/dashboard-tab';
import { LucaroEditor } from './pages/fixture';
import { allServerProjects, demoAccount, accountsMenuLabel, serverDashboards, serverMetrics } from './pages/lucaro-data';
import { englishLeft, PseudoLocale } from './pages/pseudo-locale';
import { exactly, uiTimeoutMs, waitUntil } from './pages/wait';

/**
 * Issue 14: the editor in the pseudo-locale (qps-ploc) shows every Lucaro string of the
 * views, welcome views, status bar, a dashboard tab and a notification pseudo-localised: an English word
 * left there (other than names the server sent) is a string that bypasses the l10n bundle.
 * Not the fixture's per-test reset: that finds the editor by its English strings.
 */
/** Title actions every tree view gets from the editor (whose strings the test pack leaves English). */
const editorOwnActions = ['Collapse All', 'More Actions...'];

describe('in the pseudo-locale', () => {
  let pseudo: PseudoLocale | undefined;
  let editor: LucaroEditor | undefined;

  before(async () => {
    pseudo = PseudoLocale.package();
    editor = await LucaroEditor.start({ otherExtensions: [pseudo.vsix], displayLanguage: pseudo.displayLanguage });
  });
  after(async () => {
    await editor?.close();
    pseudo?.dispose();
  });

  test('every Lucaro string in the views, welcome views, status bar, a dashboard tab and a notification is pseudo-localised', { timeout: 180_000 }, async () => {
    const { workbench, lucaro } = editor!;
    const { t, manifest } = pseudo!;
    const { page, palette, quickInput, notifications } = workbench;
    const sidebar = page.locator('.part.sidebar');
    const pane = (name: string) => sidebar.locator('.pane', { has: page.locator('.pane-header h3.title', { hasText: exactly(name) }) });
    const row = (inPane: Locator, label: string) =>
      inPane.locator('.monaco-list-row[role="treeitem"]', { has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
    const projectsPane = pane(manifest('view.projects.name'));

    const seen: { where: string; text: string }[] = [];
    const look = async (where: string, locator: Locator) => {
      await locator.first().waitFor({ timeout: uiTimeoutMs });
      for (const text of await locator.allInnerTexts()) seen.push({ where, text });
    };
    const lookAtSidebar = async (where: string) => {
      await look(where, sidebar);
      await sidebar.locator('.pane-header').first().hover();
      const actions = await sidebar.locator('.pane-header .action-label[aria-label]').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
      for (const text of actions.filter((label) => !editorOwnActions.includes(label))) seen.push({ where: `${where}: title action`, text });
    };

    // The activity bar entry carries the manifest's qps-ploc title: the editor took the locale.
    const entry = page.locator(`.part.activitybar a.action-label[aria-label="${manifest('viewContainer.lucaro.title')}"]`);
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await sidebar.getByText(manifest('viewsWelcome.projects.signedOut').split('\n')[0]!).waitFor({ timeout: uiTimeoutMs });
    await lookAtSidebar('signed-out welcome views');

    await palette.run(`Lucaro: ${manifest('command.signIn.title')}`);
    // The editor's own "The extension 'Lucaro' wants to sign in" (its strings stay English here).
    const signInPick = quickInput.titled(t('Sign in to Lucaro'));
    await workbench.dialogs.any.or(signInPick).filter({ visible: true }).first().waitFor({ timeout: uiTimeoutMs });
    if (await workbench.dialogs.any.isVisible()) await workbench.dialogs.any.locator('.monaco-button').filter({ hasNotText: /^Cancel$/ }).first().click();
    await signInPick.waitFor({ timeout: uiTimeoutMs });
    await quickInput.pick(t('Use an API token'));
    await quickInput.titled(t('Sign in to Lucaro with an API token')).waitFor({ timeout: uiTimeoutMs });
    await quickInput.enterSecret(lucaro.apiTokens.all);
    await quickInput.waitClosed();

    const projects = await allServerProjects(lucaro);
    const first = projects[0]!;
    await row(projectsPane, first.name).waitFor({ timeout: uiTimeoutMs });
    await row(projectsPane, first.name).locator('.monaco-tl-twistie').click();
    // A runtime string (vscode.l10n.t) in its qps-ploc form: the extension host took the locale too.
    const dashboardsGroup = row(projectsPane, t('Dashboards'));
    await dashboardsGroup.waitFor({ timeout: uiTimeoutMs });
    await dashboardsGroup.locator('.monaco-tl-twistie').click();
    const dashboards = await serverDashboards(lucaro, first.id);
    if (dashboards[0]) await row(projectsPane, dashboards[0].name).waitFor({ timeout: uiTimeoutMs });
    await sidebar.getByText(manifest('viewsWelcome.dashboards.noProject').split('\n')[0]!).waitFor({ timeout: uiTimeoutMs });
    await lookAtSidebar('signed in');

    const status = page.locator('.statusbar-item[id$="lucaro.status"]');
    await waitUntil(async () => (await status.innerText().catch(() => '')).includes(demoAccount), 'the status bar to name the account');
    await look('status bar', status);
    const hover = page.locator('.workbench-hover:visible, .monaco-hover:visible').first();
    for (let attempt = 1; !(await hover.isVisible()); attempt++) {
      // From elsewhere onto the entry: a hover shows on entering, after a delay.
      await page.mouse.move(640, 300);
      await status.hover();
      await hover.waitFor({ timeout: 5000 }).catch((error: unknown) => {
        if (attempt === 3) throw error;
      });
    }
    await look('status bar tooltip', hover);
    await page.mouse.move(640, 300);
    await page.keyboard.press('Escape');
    await workbench.screenshot('pseudo-locale-signed-in');

    // A dashboard tab: the toolbar, range labels, buttons, table headers and notes are ours;
    // the names, titles, units and values in it are Lucaro's.
    const dashboard = dashboards.find((candidate) => candidate.widgets.length > 0);
    assert.ok(dashboard, 'a dashboard with widgets');
    await page.bringToFront();
    // A row redrawn under the click has lost its command: click once the trees stop loading.
    await workbench.views.settle();
    await row(projectsPane, dashboard.name).click();
    const tab = await DashboardTab.find(page, dashboard.name);
    await tab.settled(dashboard.widgets.length);
    const ours = '.toolbar label, .toolbar option, .toolbar button, figure.widget summary, figure.widget th, figure.widget button.retry, figure.widget .status, figure.widget .stat-change';
    // Text content, not what is drawn: the closed data table's headers and the hidden Retry count too.
    const tabTexts = await tab.frame.locator(ours).evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    for (const text of tabTexts) seen.push({ where: 'dashboard tab', text });
    assert.deepEqual(await tab.frame.locator('.toolbar option').allTextContents(), ['Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days'].map((range) => t(range)));
    assert.equal(await tab.frame.locator('.toolbar button.refresh').textContent(), t('Refresh'));
    assert.deepEqual(
      [...new Set(await tab.frame.locator('figure.widget th').allTextContents())],
      [t('Time'), t('Value')],
      'the table headers',
    );
    await palette.run('View: Close All Editors');

    await palette.run(`Lucaro: ${manifest('command.signOut.title')}`);
    const toast = await notifications.waitFor(t('Signed out of Lucaro ({0}).', demoAccount));
    await look('notification', toast.locator('.notification-list-item-message'));

    const data = [
      demoAccount,
      accountsMenuLabel(demoAccount),
      ...projects.flatMap((project) => [project.name, project.description ?? '']),
      ...dashboards.map((dashboard) => dashboard.name),
      ...dashboard.widgets.flatMap((widget) => [widget.title, widget.metric]),
      ...(await serverMetrics(lucaro, first.id)).map((metric) => metric.unit),
      // Protocol names, not prose.
      ...lucaroScopes,
    ].filter((value) => value !== '');
    // Times come formatted by the extension host's own locale (toLocaleTimeString): not strings of a bundle.
    const withoutTimes = (text: string) => text.replace(/\b\d{1,2}:\d{2}(:\d{2})?\s?[AP]M\b/g, ' ');
    const english = seen.map(({ where, text }) => ({ where, text, english: englishLeft(withoutTimes(text), data) })).filter((found) => found.english.length > 0);
    assert.deepEqual(english, [], 'English left on screen: a string that does not go through vscode.l10n.t or package.nls.json');
    assert.ok(seen.length >= 8, `looked at only ${seen.length} texts`);
  });
});
