import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { startLucaroServer, type Dashboard, type LucaroServer, type Project } from '../server';
import { showLucaroSidebar } from './sign-in-support';
import {
  clearNotifications,
  clickInlineAction,
  expand,
  exactly,
  localServerOptions,
  lucaroStatusText,
  requestsTo,
  rowByLabel,
  rowInfos,
  runContextMenuAction,
  serverSettings,
  settle,
  signInAnotherAccountWithApiToken,
  signInWithApiToken,
  toastTexts,
  uiTimeoutMs,
  viewPane,
  waitUntil,
  allServerProjects,
  serverApi,
  serverDashboards,
} from './sidebar-support';
import { openLucaroSidebar, runPaletteCommand, startEditorWithExtension, type EditorSession } from './workbench';

/**
 * Issue 4's remaining sidebar actions in a real editor, one code-server for the file, the
 * tests in order on shared state: Rename Project (prefilled, validated before any request),
 * New Dashboard from a project's Dashboards group, Copy ID, Open in Browser, Search Projects
 * paging lazily through 250 projects, one deduplicated step-up notification for a 403
 * insufficient_scope, and Switch Account between two accounts, remembered over a reload.
 */

const projectCount = 250;
const listProjects = 'GET /v2/projects';
const scopeMessage = 'Your Lucaro sign-in lacks a permission this needs. Grant it and try again.';

let server: LucaroServer;
let editor: EditorSession;
/** Every project the server holds, in its order (the tree's first page is the first 100). */
let allProjects: Project[];
/** The project the tests rename, select and add a dashboard to. */
let project: Project;
/** The project Search Projects picked for the Dashboards view. */
let searched: Project;

const api = <T>(path: string): Promise<T> => serverApi<T>(server, path);
const serverProjects = (): Promise<Project[]> => allServerProjects(server);
const dashboardsOf = (projectId: string): Promise<Dashboard[]> => serverDashboards(server, projectId);

const projectsPane = () => viewPane(editor.page, 'Projects');
const dashboardsPane = () => viewPane(editor.page, 'Dashboards');
const quickInput = () => editor.page.locator('.quick-input-widget');
const quickInputBox = () => editor.page.locator('.quick-input-widget input');
const quickInputMessage = () => editor.page.locator('.quick-input-widget .quick-input-message');

async function dashboardsViewProject(): Promise<string> {
  return ((await dashboardsPane().locator('.pane-header .description').textContent()) ?? '').trim();
}

/** The page's `navigator.clipboard` (the tests are compiled without the DOM types). */
interface PageClipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

/** The clipboard as the page sees it (the context has clipboard permissions). */
function readClipboard(): Promise<string> {
  return editor.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: PageClipboard } }).navigator.clipboard.readText());
}

function writeClipboard(text: string): Promise<void> {
  return editor.page.evaluate(
    (value) => (globalThis as unknown as { navigator: { clipboard: PageClipboard } }).navigator.clipboard.writeText(value),
    text,
  );
}

/** The quick pick's number of (filtered) items, from the list's ARIA; 0 while it has none. */
async function quickPickSize(widget: Locator): Promise<number> {
  const size = await widget.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows[0]?.getAttribute('aria-setsize') ?? '0');
  return Number(size);
}

function switchAccountRows(): Locator {
  return editor.page.locator('.quick-input-widget', { hasText: 'Lucaro account for the sidebar' }).locator('.quick-input-list .monaco-list-row');
}

/** "Lucaro: Switch Account" and picks the account called `label`. */
async function switchAccountTo(label: string): Promise<void> {
  await runPaletteCommand(editor.page, 'Lucaro: Switch Account');
  await switchAccountRows().filter({ hasText: label }).click();
  await quickInput().waitFor({ state: 'hidden' });
}

function statusIs(label: string): Promise<void> {
  return waitUntil(async () => (await lucaroStatusText(editor.page)) === label, `the status bar to show ${label}`);
}

describe('the Lucaro sidebar actions in a real editor', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startLucaroServer({ ...localServerOptions, projects: projectCount, dashboardsPerProject: 2 });
    allProjects = await serverProjects();
    assert.equal(allProjects.length, projectCount);
    project = allProjects[0]!;
    server.resetCounters();
    editor = await startEditorWithExtension({ settings: serverSettings(server) });
    const origin = new URL(editor.page.url()).origin;
    await editor.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await openLucaroSidebar(editor.page);
    await signInWithApiToken(editor.page, server.apiTokens.all);
    await rowByLabel(projectsPane(), project.name, 1).waitFor({ timeout: uiTimeoutMs });
    await statusIs('Ada Lovelace');
  });

  after(async () => {
    await editor?.close();
    await server?.close();
  });

  test('Rename Project: prefilled, an empty name is refused without a request, a new name is one PATCH and shows in both views', async () => {
    const { page } = editor;
    const patch = `PATCH /v2/projects/${project.id}`;
    const row = rowByLabel(projectsPane(), project.name, 1);
    // Select it first: the Dashboards view names the project it shows, and must follow the rename.
    await settle(page);
    await row.locator('.label-name').click();
    await waitUntil(async () => (await dashboardsViewProject()) === project.name, 'the Dashboards view to show the project');

    await runContextMenuAction(row, 'Rename Project');
    await quickInput().filter({ hasText: `Rename ${project.name}` }).waitFor({ timeout: uiTimeoutMs });
    assert.equal(await quickInputBox().inputValue(), project.name, 'the box holds the current name');

    await quickInputBox().fill('');
    await quickInputMessage().filter({ hasText: 'A name is required.' }).waitFor({ timeout: uiTimeoutMs });
    await quickInputBox().press('Enter');
    // Nothing to wait for when nothing is to happen: give Enter the time a request would take.
    await page.waitForTimeout(500);
    assert.ok(await quickInput().isVisible(), 'Enter on an empty name keeps the box open');
    assert.equal(requestsTo(server, patch), 0, 'no request for an empty name');

    const newName = `${project.name} Renamed`;
    await quickInputBox().fill(newName);
    await waitUntil(async () => (await quickInputMessage().filter({ hasText: 'A name is required.' }).count()) === 0, 'the message to clear');
    await quickInputBox().press('Enter');
    await rowByLabel(projectsPane(), newName, 1).waitFor({ timeout: uiTimeoutMs });
    assert.equal(requestsTo(server, patch), 1, 'exactly one PATCH');
    assert.equal(await rowByLabel(projectsPane(), project.name, 1).count(), 0, 'the old name is gone');
    assert.equal((await rowInfos(projectsPane())).find((info) => info.label === newName)?.posInSet, 1, 'in the same place');
    await waitUntil(async () => (await dashboardsViewProject()) === newName, 'the Dashboards view to show the new name');
    assert.equal((await api<Project>(`/v2/projects/${project.id}`)).name, newName, 'the server has the new name');
    project = { ...project, name: newName };
  });

  test('New Dashboard from the project\'s Dashboards group: one POST, it shows under the group and in the Dashboards view', async () => {
    const { page } = editor;
    const post = `POST /v2/projects/${project.id}/dashboards`;
    const existing = await dashboardsOf(project.id);
    const projectRow = rowByLabel(projectsPane(), project.name, 1);
    await expand(projectRow);
    const group = rowByLabel(projectsPane(), 'Dashboards', 2);
    await expand(group);
    await rowByLabel(projectsPane(), existing[0]!.name, 3).waitFor({ timeout: uiTimeoutMs });

    await clickInlineAction(group, 'New Dashboard');
    await quickInput().filter({ hasText: `New Dashboard in ${project.name}` }).waitFor({ timeout: uiTimeoutMs });
    // Enter on the untouched, empty box, then on a name typed and deleted: neither creates anything.
    assert.equal(await quickInputBox().inputValue(), '');
    await quickInputBox().press('Enter');
    await page.waitForTimeout(500);
    assert.ok(await quickInput().isVisible(), 'Enter on the empty box keeps it open');
    await quickInputBox().fill('x');
    await quickInputBox().fill('');
    await quickInputMessage().filter({ hasText: 'A name is required.' }).waitFor({ timeout: uiTimeoutMs });
    await quickInputBox().press('Enter');
    await page.waitForTimeout(500);
    assert.ok(await quickInput().isVisible(), 'Enter on an emptied box keeps it open');
    assert.equal(requestsTo(server, post), 0, 'no request without a name');
    const name = 'E2E Dashboard';
    await quickInputBox().fill(name);
    await waitUntil(async () => (await quickInputMessage().filter({ hasText: 'A name is required.' }).count()) === 0, 'the message to clear');
    await quickInputBox().press('Enter');

    await rowByLabel(projectsPane(), name, 3).waitFor({ timeout: uiTimeoutMs });
    await rowByLabel(dashboardsPane(), name, 1).waitFor({ timeout: uiTimeoutMs });
    assert.equal(requestsTo(server, post), 1, 'exactly one POST');
    const level3 = (await rowInfos(projectsPane())).filter((info) => info.level === 3).map((info) => info.label);
    assert.deepEqual(level3, [name, ...existing.map((dashboard) => dashboard.name)], 'the new dashboard first, then the others');
    assert.ok((await dashboardsOf(project.id)).some((dashboard) => dashboard.name === name), 'the server has it');
    await waitUntil(async () => (await toastTexts(page)).some((text) => text.includes(`Created the dashboard ${name} in ${project.name}.`)), 'the confirmation');
  });

  test('Copy ID puts the project\'s (and a dashboard\'s) ID on the clipboard and says so in the status bar', async () => {
    const { page } = editor;
    await writeClipboard('not an ID');
    await runContextMenuAction(rowByLabel(projectsPane(), project.name, 1), 'Copy ID');
    await waitUntil(async () => (await readClipboard()) === project.id, `the clipboard to hold ${project.id}`);
    await page.locator('.part.statusbar', { hasText: `Copied the ID of ${project.name}.` }).waitFor({ timeout: uiTimeoutMs });

    const dashboard = (await dashboardsOf(project.id)).find((candidate) => candidate.name === 'E2E Dashboard')!;
    await runContextMenuAction(rowByLabel(dashboardsPane(), dashboard.name, 1), 'Copy ID');
    await waitUntil(async () => (await readClipboard()) === dashboard.id, `the clipboard to hold ${dashboard.id}`);
  });

  test('Open in Browser (the row\'s inline action) asks to open the project\'s web_url and opens exactly it', async () => {
    const { page, context } = editor;
    const webUrl = project.web_url;
    assert.match(webUrl, /^https:\/\//);
    // Offline: answer the page from here, so the popup keeps the URL it was asked for.
    const site = `${new URL(webUrl).origin}/**`;
    await context.route(site, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Lucaro</title>' }));
    try {
      await clickInlineAction(rowByLabel(projectsPane(), project.name, 1), 'Open in Browser');
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'external website' });
      await dialog.waitFor({ timeout: uiTimeoutMs });
      assert.ok((await dialog.innerText()).includes(webUrl), `the dialog names ${webUrl}: ${await dialog.innerText()}`);
      const popupPromise = context.waitForEvent('page', { timeout: uiTimeoutMs });
      await dialog.locator('.monaco-button', { hasText: exactly('Open') }).click();
      const popup = await popupPromise;
      await popup.waitForURL((url) => url.protocol === 'https:', { timeout: uiTimeoutMs });
      assert.equal(popup.url(), webUrl);
      await popup.close();
    } finally {
      await context.unroute(site);
    }
  });

  test('Search Projects pages lazily through 250 projects; filtering and Enter make the pick the Dashboards view\'s project', async () => {
    const { page } = editor;
    // A pick from the third page, found by a part of its name that nothing else contains.
    const haystack = (p: Project) => [p.name, p.description ?? '', p.id].join('\n').toLowerCase();
    const target = allProjects.slice(200).find((candidate) => {
      const part = candidate.name.slice(1).toLowerCase();
      return allProjects.filter((other) => haystack(other).includes(part)).length === 1;
    });
    assert.ok(target, 'a project with a distinctive name on the third page');
    searched = target;
    const part = target.name.slice(1);
    const targetDashboards = await dashboardsOf(target.id);

    server.configure({ latencyMs: 500 });
    try {
      const before = requestsTo(server, listProjects);
      await runPaletteCommand(page, 'Lucaro: Search Projects');
      const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: 'Search Lucaro Projects' }) });
      await widget.waitFor({ timeout: uiTimeoutMs });
      const sizes: number[] = [];
      await waitUntil(async () => {
        const size = await quickPickSize(widget);
        if (size > 0 && sizes.at(-1) !== size) sizes.push(size);
        return size === projectCount;
      }, `${projectCount} projects in the quick pick`);
      // Each page shows as it arrives: 100 first (200 may pass between two looks), then 250.
      assert.equal(sizes[0], 100, `the first page shows before the rest: ${sizes.join(', ')}`);
      assert.ok(sizes.every((size, i) => i === 0 || size > sizes[i - 1]!), `growing: ${sizes.join(', ')}`);
      assert.equal(requestsTo(server, listProjects) - before, 3, 'three pages of 100');
    } finally {
      server.configure({ latencyMs: 0 });
    }

    await quickInputBox().fill(part);
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await waitUntil(async () => (await quickPickSize(quickInput())) === 1, `the filter "${part}" to leave one project`);
    await waitUntil(async () => (await rows.first().innerText()).includes(target.name), `${target.name} to be the only row`);
    await quickInputBox().press('Enter');
    await quickInput().waitFor({ state: 'hidden' });

    await waitUntil(async () => (await dashboardsViewProject()) === target.name, 'the Dashboards view to show the picked project');
    await rowByLabel(dashboardsPane(), targetDashboards[0]!.name, 1).waitFor({ timeout: uiTimeoutMs });
    assert.deepEqual(
      (await rowInfos(dashboardsPane())).filter((info) => info.level === 1).map((info) => info.label),
      targetDashboards.map((dashboard) => dashboard.name),
    );
  });

  test('a 403 insufficient_scope on two lists at once, then a third, offers the step-up in exactly one notification, no dialog', async () => {
    const { page } = editor;
    await clearNotifications(page);
    // The Projects tree shows the renamed project's dashboards, the Dashboards view another project's: two lists.
    assert.notEqual(await dashboardsViewProject(), project.name);
    await rowByLabel(projectsPane(), 'E2E Dashboard', 3).waitFor({ timeout: uiTimeoutMs });
    server.insufficientScopeNext(2, ['read:dashboards'], /\/dashboards$/);
    await runPaletteCommand(page, 'Lucaro: Refresh');

    await rowByLabel(projectsPane(), scopeMessage, 3).waitFor({ timeout: uiTimeoutMs });
    await rowByLabel(dashboardsPane(), scopeMessage, 1).waitFor({ timeout: uiTimeoutMs });
    const warning = page.locator('.notifications-toasts .notification-toast', { hasText: 'Your Lucaro sign-in lacks read:dashboards' });
    await warning.first().waitFor({ timeout: uiTimeoutMs });
    // Both failures have reached the extension (both rows show); a second toast would follow at once.
    await page.waitForTimeout(1000);
    const texts = (await toastTexts(page)).filter((text) => text.includes('lacks'));
    assert.equal(texts.length, 1, `one notification: ${JSON.stringify(texts)}`);
    assert.equal(await warning.locator('.monaco-button', { hasText: exactly('Grant Access') }).count(), 1, 'with Grant Access');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog');

    // The editor itself folds identical notifications into one toast, replacing the old by the
    // new: a mark on the toast tells whether the extension offered again while it was open.
    await warning.first().evaluate((element) => element.setAttribute('data-e2e-first-offer', ''));
    const retried = `GET /v2/projects/${searched.id}/dashboards`;
    const before = requestsTo(server, retried);
    server.insufficientScopeNext(1, ['read:dashboards'], new RegExp(`^/v2/projects/${searched.id}/dashboards$`));
    await rowByLabel(dashboardsPane(), scopeMessage, 1).locator('.label-name').click();
    await waitUntil(() => requestsTo(server, retried) > before, 'the Retry request');
    await rowByLabel(dashboardsPane(), scopeMessage, 1).waitFor({ timeout: uiTimeoutMs });
    await page.waitForTimeout(1000);
    assert.equal(await warning.count(), 1, 'still one notification after a third failure');
    assert.equal(await warning.first().getAttribute('data-e2e-first-offer'), '', 'the first offer, not a new one');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no modal dialog');

    // The session still works: Refresh brings both lists back.
    await clearNotifications(page);
    await runPaletteCommand(page, 'Lucaro: Refresh');
    await rowByLabel(projectsPane(), 'E2E Dashboard', 3).waitFor({ timeout: uiTimeoutMs });
    await waitUntil(async () => (await rowByLabel(dashboardsPane(), scopeMessage, 1).count()) === 0, 'the Dashboards view to recover');
  });

  test('Switch Account: a second account signs in; picking Ada moves the sidebar to her; the choice survives a reload', async () => {
    const { page } = editor;
    await signInAnotherAccountWithApiToken(page, server.apiTokens.secondUser);
    await statusIs('Grace Hopper');

    await runPaletteCommand(page, 'Lucaro: Switch Account');
    await switchAccountRows().filter({ hasText: 'Sign in with another account' }).waitFor({ timeout: uiTimeoutMs });
    const entries = await switchAccountRows().allInnerTexts();
    assert.equal(entries.filter((text) => text.includes('Ada Lovelace')).length, 1, JSON.stringify(entries));
    assert.equal(entries.filter((text) => text.includes('Grace Hopper')).length, 1, JSON.stringify(entries));
    assert.equal(await switchAccountRows().filter({ hasText: 'Grace Hopper' }).locator('.codicon-check').count(), 1, 'Grace is in use');
    await quickInputBox().press('Escape');
    await quickInput().waitFor({ state: 'hidden' });

    // Picking Ada: the status bar says so and the trees load again with her session.
    const before = requestsTo(server, listProjects);
    await switchAccountTo('Ada Lovelace');
    await statusIs('Ada Lovelace');
    await waitUntil(() => requestsTo(server, listProjects) > before, 'the Projects tree to reload');
    await rowByLabel(projectsPane(), project.name, 1).waitFor({ timeout: uiTimeoutMs });

    // Ada is also the first account, what a window without a remembered choice would use:
    // Grace proves the choice is remembered.
    await switchAccountTo('Grace Hopper');
    await statusIs('Grace Hopper');
    await page.reload();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    await showLucaroSidebar(page);
    await statusIs('Grace Hopper');
    await rowByLabel(projectsPane(), project.name, 1).waitFor({ timeout: uiTimeoutMs });
    assert.equal(await lucaroStatusText(page), 'Grace Hopper', 'still Grace once the trees have loaded');
  });
});
