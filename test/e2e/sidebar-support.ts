import * as assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Dashboard, LucaroServer, Project } from '../server';
import { runPaletteCommand } from './workbench';

/**
 * Helpers for the sidebar's browser tests: reading the Lucaro trees, signing in through
 * the real UI (palette, Allow dialog, quick pick, input box, consent popup) and asking the
 * command palette what it offers. Everything here goes through the DOM a user sees.
 */

export const uiTimeoutMs = 20_000;

export type ViewName = 'Projects' | 'Dashboards';

/** One view pane of the Lucaro container, by the title in its header. */
export function viewPane(page: Page, name: ViewName): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header h3.title', { hasText: exactly(name) }) });
}

/** Rendered rows of a view's tree. The tree is virtualised: only the visible rows exist. */
export function treeRows(pane: Locator): Locator {
  return pane.locator('.monaco-list-row[role="treeitem"]');
}

/** The row whose label is exactly `label` (optionally at a tree level, 1 = top). */
export function rowByLabel(pane: Locator, label: string, level?: number): Locator {
  const rows = level === undefined ? treeRows(pane) : pane.locator(`.monaco-list-row[role="treeitem"][aria-level="${level}"]`);
  return rows.filter({ has: pane.page().locator('.label-name', { hasText: exactly(label) }) });
}

export interface RowInfo {
  readonly label: string;
  readonly description: string;
  readonly level: number;
  readonly posInSet: number;
  readonly setSize: number;
  readonly expanded: string | null;
}

/** The rendered rows, top to bottom, with the tree's own ARIA numbers. */
export async function rowInfos(pane: Locator): Promise<RowInfo[]> {
  const infos = await treeRows(pane).evaluateAll((elements) =>
    elements.map((element) => ({
      label: element.querySelector('.label-name')?.textContent ?? '',
      description: element.querySelector('.label-description')?.textContent ?? '',
      level: Number(element.getAttribute('aria-level')),
      posInSet: Number(element.getAttribute('aria-posinset')),
      setSize: Number(element.getAttribute('aria-setsize')),
      expanded: element.getAttribute('aria-expanded'),
      top: Number(/top:\s*(-?[\d.]+)px/.exec(element.getAttribute('style') ?? '')?.[1] ?? 0),
    })),
  );
  return infos.sort((a, b) => a.top - b.top).map(({ top: _top, ...info }) => info);
}

export async function rowLabels(pane: Locator): Promise<string[]> {
  return (await rowInfos(pane)).map((info) => info.label);
}

/**
 * Waits until no view in the sidebar shows its progress bar, then a little longer. After
 * sign-in the trees redraw several times; a click that lands while the extension host is
 * rebuilding a tree's nodes can select a row the extension never hears about.
 */
export async function settle(page: Page, quietMs = 400): Promise<void> {
  const busy = page.locator('.part.sidebar .monaco-progress-container.active');
  let quietSince = Date.now();
  await waitUntil(async () => {
    if ((await busy.count()) > 0) quietSince = Date.now();
    return Date.now() - quietSince >= quietMs;
  }, 'the sidebar to stop loading');
}

/** Expands a collapsed row by clicking its twistie (a click on the label would also select it). */
export async function expand(row: Locator): Promise<void> {
  await row.waitFor({ timeout: uiTimeoutMs });
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.locator('.monaco-tl-twistie').click();
  }
  await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', 'the row to expand');
}

/** Scrolls a tree all the way down (the list scrolls on wheel events over its rows). */
export async function scrollToBottom(pane: Locator): Promise<void> {
  const list = pane.locator('.monaco-list').first();
  await list.hover();
  let previous = '';
  for (let i = 0; i < 60; i++) {
    await pane.page().mouse.wheel(0, 2000);
    await pane.page().waitForTimeout(50);
    const labels = (await rowLabels(pane)).join('\n');
    if (labels === previous) return;
    previous = labels;
  }
}

export async function scrollToTop(pane: Locator): Promise<void> {
  const list = pane.locator('.monaco-list').first();
  await list.hover();
  for (let i = 0; i < 60; i++) {
    await pane.page().mouse.wheel(0, -2000);
    await pane.page().waitForTimeout(50);
    const first = (await rowInfos(pane))[0];
    if (!first || first.posInSet === 1) return;
  }
}

/** The text of the Lucaro status bar entry (codicons render as empty spans). */
export async function lucaroStatusText(page: Page): Promise<string> {
  const item = page.locator('.statusbar-item[id$="lucaro.status"]');
  if ((await item.count()) === 0) return '';
  return (await item.first().innerText()).trim();
}

/** Visible notification toasts, one string each. */
export async function toastTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts();
}

/** Dismisses every notification (so a screenshot shows the sidebar, not old toasts). */
export async function clearNotifications(page: Page): Promise<void> {
  await runPaletteCommand(page, 'Notifications: Clear All Notifications');
  await waitUntil(async () => (await toastTexts(page)).length === 0, 'the notifications to go');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
}

/** Clicks "Allow" on the editor's "The extension 'Lucaro' wants to sign in" dialog when it shows. */
async function allowIfAsked(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'wants to sign in' });
  const signInPick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Sign in with browser' });
  await dialog.or(signInPick).first().waitFor({ timeout: uiTimeoutMs });
  if (await dialog.isVisible()) await dialog.locator('.monaco-button', { hasText: exactly('Allow') }).click();
}

/** After something asked for a session: Allow, then pick how to sign in. */
async function pickSignInMethod(page: Page, method: 'Sign in with browser' | 'Use an API token'): Promise<void> {
  await allowIfAsked(page);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: method }).click();
}

/** "Lucaro: Sign In" from the palette with an API token pasted into the password box. */
export async function signInWithApiToken(page: Page, token: string): Promise<void> {
  await runPaletteCommand(page, 'Lucaro: Sign In');
  await pickSignInMethod(page, 'Use an API token');
  const input = page.locator('.quick-input-widget input');
  await waitUntil(async () => (await input.getAttribute('type')) === 'password', 'the token input box');
  await input.fill(token);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}

export interface ConsentChoice {
  /** Checkbox ids to untick on the consent page, e.g. 'scope-read-dashboards'. */
  readonly untick?: readonly string[];
}

/**
 * Finishes a browser sign-in that `start` begins (a palette command, a click on a
 * "Grant access" row): Allow, "Sign in with browser", then the consent page in the
 * popup the extension opens: demo/demo, optional unticks, Approve. Resolves when the
 * popup has reached the editor's callback.
 */
export async function signInWithBrowser(
  page: Page,
  context: BrowserContext,
  server: LucaroServer,
  start: () => Promise<void>,
  choice: ConsentChoice = {},
): Promise<{ requestedScopes: string[] }> {
  await start();
  const popupPromise = context.waitForEvent('page', { timeout: uiTimeoutMs });
  await pickSignInMethod(page, 'Sign in with browser');
  const popup = await popupPromise;
  // The popup starts at about:blank, then loads the authorization URL.
  await popup.waitForURL((url) => url.pathname.endsWith('/oauth/authorize'), { waitUntil: 'domcontentloaded', timeout: uiTimeoutMs });
  assert.ok(
    popup.url().startsWith(`${server.authUrl}/oauth/authorize?`),
    `the popup shows ${popup.url()}, not the auth server (start the server with localServerOptions)`,
  );
  const requestedScopes = new URL(popup.url()).searchParams.get('scope')?.split(' ') ?? [];
  await popup.locator('#username').fill('demo');
  await popup.locator('#password').fill('demo');
  for (const id of choice.untick ?? []) await popup.locator(`#${id}`).uncheck();
  await popup.locator('#approve').click();
  await popup.waitForURL(/\/callback\?/, { timeout: uiTimeoutMs });
  await popup.close();
  return { requestedScopes };
}

/**
 * Which of `titles` the command palette offers. Before each title the palette shows every
 * command (hundreds of rows); the answer is read once the list has shrunk to the matches
 * for that title, so "absent" is read from a list that did update. (When nothing matches,
 * the palette fills up with "similar commands": only an exact label counts.)
 */
export async function paletteOffers(page: Page, titles: readonly string[]): Promise<Record<string, boolean>> {
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const listSize = async () => Number((await rows.first().getAttribute('aria-setsize').catch(() => null)) ?? 0);
  const offered: Record<string, boolean> = {};
  await page.locator('.monaco-workbench').press('F1');
  await input.waitFor();
  try {
    for (const title of titles) {
      await input.fill('>');
      await waitUntil(async () => (await listSize()) > 100, 'the palette to list every command');
      await input.fill(`>${title}`);
      await waitUntil(async () => (await listSize()) <= 100, `the palette to filter for ${title}`);
      // A second batch ("similar commands") may follow; it never holds an exact match.
      await page.waitForTimeout(200);
      offered[title] = (await rows.filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).count()) > 0;
    }
  } finally {
    await input.press('Escape');
  }
  return offered;
}

/** Polls `condition` until it holds; fails with `what` after the timeout. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = uiTimeoutMs): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** A counter from the server, 0 when never hit ('GET /v2/projects'). */
export function requestsTo(server: LucaroServer, methodAndPath: string): number {
  return server.counters.requestsByPath[methodAndPath] ?? 0;
}

/**
 * Options for the local Lucaro server in these tests. On `[::1]`: the web workbench rewrites
 * an `openExternal` URL on `localhost`/`127.0.0.1` to its own `/proxy/<port>/` and re-encodes
 * the query on the way, breaking the authorization URL's nested `redirect_uri`; `[::1]` is a
 * loopback host the extension accepts and the workbench leaves alone.
 */
export const localServerOptions = { host: '::1' } as const;

/** The settings that point the editor at a local server. */
export function serverSettings(server: LucaroServer): Record<string, string> {
  return { 'lucaro.apiUrl': server.apiUrl, 'lucaro.authUrl': server.authUrl };
}

/** Right-clicks a tree row and picks `action` from its context menu. */
export async function runContextMenuAction(row: Locator, action: string): Promise<void> {
  const page = row.page();
  const entry = page.locator('.monaco-menu .action-item .action-label', { hasText: exactly(action) });
  for (let attempt = 1; ; attempt++) {
    if (!(await entry.isVisible())) {
      await row.locator('.label-name').click({ button: 'right' });
      await entry.waitFor({ timeout: uiTimeoutMs });
    }
    // The menu fades in; a click during the fade can be lost, and the menu then stays open.
    await page.waitForTimeout(300);
    await entry.click();
    try {
      await entry.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Hovers a tree row and clicks one of its inline actions (shown on hover) by its title. */
export async function clickInlineAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label^="${title}"]`);
  await action.waitFor({ timeout: uiTimeoutMs });
  await action.click();
}

/**
 * While signed in: "Lucaro: Switch Account" > "Sign in with another account…", confirms the
 * editor's "sign in again" dialog, then signs in with an API token.
 */
export async function signInAnotherAccountWithApiToken(page: Page, token: string): Promise<void> {
  await runPaletteCommand(page, 'Lucaro: Switch Account');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Sign in with another account' }).click();
  const dialog = page.locator('.monaco-dialog-box');
  const methodPick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Use an API token' });
  await dialog.or(methodPick).first().waitFor({ timeout: uiTimeoutMs });
  if (await dialog.isVisible()) {
    await dialog.locator('.monaco-button').filter({ hasNotText: /^Cancel$/ }).first().click();
  }
  await methodPick.click();
  const input = page.locator('.quick-input-widget input');
  await waitUntil(async () => (await input.getAttribute('type')) === 'password', 'the token input box');
  await input.fill(token);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: uiTimeoutMs });
}

// ---- The server's side of the data ----------------------------------------------------

/** GET on the local Lucaro's API with a static token, as a test reads the truth. */
export async function serverApi<T>(server: LucaroServer, path: string, token = server.apiTokens.all): Promise<T> {
  const response = await fetch(`${server.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Every project the server holds, in its order. */
export async function allServerProjects(server: LucaroServer): Promise<Project[]> {
  const projects: Project[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Project[]; next_cursor: string | null } = await serverApi(
      server,
      `/v2/projects?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    projects.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return projects;
}

export async function serverDashboards(server: LucaroServer, projectId: string): Promise<Dashboard[]> {
  return (await serverApi<{ data: Dashboard[] }>(server, `/v2/projects/${projectId}/dashboards?limit=100`)).data;
}
