import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotsDir } from '../harness/paths';
import { startLucaroServer, type LucaroServer } from '../server/index';
import { openAccountsMenu, runPaletteCommand, type EditorSession } from './workbench';

/**
 * Helpers for the sign-in tests (sign-in*.e2e.ts): the Accounts menu, the sign-in quick
 * pick, the consent popup, notifications and the extension's log file.
 */

export const demoAccount = 'Ada Lovelace';
export const signInScopes = ['read:projects', 'write:projects', 'read:dashboards', 'write:dashboards', 'read:metrics'];

/**
 * The local Lucaro server on [::1]. The web workbench rewrites an `openExternal` URL whose
 * host is `localhost`, `127.0.0.1` or `0.0.0.0` to its own `/proxy/<port>/` and re-encodes
 * its query on the way, which breaks the nested `redirect_uri` of the authorization URL.
 * `[::1]` is a loopback host the extension accepts (plain http allowed) that the workbench
 * leaves alone, so the popup shows exactly the URL the extension opened, as it would for
 * https://auth.lucaro.dev.
 */
export function startLocalLucaro(): Promise<LucaroServer> {
  return startLucaroServer({ host: '::1' });
}

export function lucaroSettings(server: LucaroServer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { 'lucaro.apiUrl': server.apiUrl, 'lucaro.authUrl': server.authUrl, ...extra };
}

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- Accounts menu -------------------------------------------------------------------

const menuEntry = '.action-item .action-label';

/** The labels of the Accounts menu (blank separators dropped); closes the menu again. */
export async function accountsMenuEntries(page: Page): Promise<string[]> {
  const menu = await openAccountsMenu(page);
  await menu.locator(menuEntry).first().waitFor();
  const entries = (await menu.locator(menuEntry).allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  return entries;
}

/** Waits until the Accounts menu lists (or no longer lists) "<label> (Lucaro)". */
export async function waitForAccountInMenu(page: Page, label: string, present = true, timeoutMs = 20_000): Promise<string[]> {
  const entry = `${label} (Lucaro)`;
  let entries: string[] = [];
  await waitUntil(
    `the Accounts menu ${present ? 'to list' : 'not to list'} "${entry}"`,
    async () => {
      entries = await accountsMenuEntries(page);
      return entries.includes(entry) === present;
    },
    timeoutMs,
    500,
  );
  return entries;
}

/** Opens the Accounts menu and waits for its fade-in to end, for a clean screenshot. */
export async function openAccountsMenuSettled(page: Page): Promise<Locator> {
  const menu = await openAccountsMenu(page);
  await menu.locator(menuEntry).first().waitFor();
  await page.waitForTimeout(400);
  return menu;
}

/** Account submenu > Sign Out, then confirms the editor's dialog. */
export async function signOutFromAccountsMenu(page: Page, label: string): Promise<void> {
  const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Sign Out$/ });
  for (let attempt = 1; ; attempt++) {
    const menu = await openAccountsMenu(page);
    await menu.locator(menuEntry, { hasText: `${label} (Lucaro)` }).first().hover();
    const signOut = page.locator(`.monaco-menu ${menuEntry}`, { hasText: /^Sign Out$/ });
    await signOut.waitFor();
    await page.waitForTimeout(300); // the submenu fades in
    await signOut.click();
    try {
      await confirm.waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await confirm.click();
}

// ---- Starting a sign-in --------------------------------------------------------------

export type SignInEntry = 'accountsMenu' | 'palette';

/**
 * Starts a sign-in and waits for the extension's "Sign in to Lucaro" quick pick. Through the
 * Accounts menu entry "Sign in with Lucaro to use Lucaro (1)" (the request the extension
 * makes on activation) or the palette's "Lucaro: Sign In". An Allow dialog, should the
 * editor show one, is accepted.
 */
export async function startSignIn(page: Page, entry: SignInEntry): Promise<void> {
  if (entry === 'accountsMenu') {
    // The entry appears once the activated extension has asked; an open menu does not update.
    await waitUntil('"Sign in with Lucaro" in the Accounts menu', async () =>
      (await accountsMenuEntries(page)).some((text) => text.startsWith('Sign in with Lucaro')),
    );
    const menu = await openAccountsMenu(page);
    await menu.locator(menuEntry, { hasText: /^Sign in with Lucaro/ }).first().click();
  } else {
    await runPaletteCommand(page, 'Lucaro: Sign In');
  }
  await waitForSignInQuickPick(page);
}

/**
 * Waits for the extension's "Sign in to Lucaro" quick pick. `getSession(..., { createIfNone })`
 * first shows the editor's "The extension 'Lucaro' wants to sign in using Lucaro." dialog
 * (when the request does not come from the Accounts menu); it is allowed.
 */
export async function waitForSignInQuickPick(page: Page): Promise<Locator> {
  const quickPick = page.locator('.quick-input-widget', { hasText: 'Sign in to Lucaro' });
  const allow = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Allow$/ });
  await Promise.race([quickPick.waitFor(), allow.waitFor()]);
  if (await allow.isVisible()) {
    await allow.click();
    await quickPick.waitFor();
  }
  return quickPick;
}

/** Picks "Sign in with browser" and answers the popup the extension opens (loaded). */
export async function pickBrowserSignIn(editor: EditorSession): Promise<Page> {
  const popup = editor.context.waitForEvent('page', { timeout: 20_000 });
  await quickPickRow(editor.page, 'Sign in with browser').click();
  const page = await popup;
  await page.waitForLoadState();
  return page;
}

/** Picks "Use an API token", types `token` into the password box and presses Enter. */
export async function signInWithApiToken(page: Page, token: string): Promise<void> {
  await quickPickRow(page, 'Use an API token').click();
  const box = page.locator('.quick-input-widget', { hasText: 'Sign in to Lucaro with an API token' });
  await box.waitFor();
  const input = box.locator('input.input');
  assert.equal(await input.getAttribute('type'), 'password', 'the token box hides what is typed');
  await input.fill(token);
  await input.press('Enter');
}

function quickPickRow(page: Page, label: string): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label });
}

// ---- The consent page ----------------------------------------------------------------

export interface AuthorizationRequest {
  readonly url: URL;
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: string[];
}

/** What the extension asked the authorization server for (the popup's URL). */
export function readAuthorizationRequest(popup: Page): AuthorizationRequest {
  const url = new URL(popup.url());
  assert.equal(url.pathname, '/oauth/authorize', `the popup shows ${popup.url()}`);
  return {
    url,
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
    state: url.searchParams.get('state') ?? '',
    scopes: (url.searchParams.get('scope') ?? '').split(' ').filter(Boolean),
  };
}

export function scopeCheckbox(scope: string): string {
  return `#scope-${scope.replace(/:/g, '-')}`;
}

export interface ConsentOptions {
  readonly untick?: readonly string[];
  /** Saves a screenshot of the filled page under this name before approving. */
  readonly screenshotAs?: string;
  readonly action?: 'approve' | 'deny';
}

/** Fills demo/demo, unticks scopes, and approves (or denies); answers the page it lands on. */
export async function answerConsent(popup: Page, options: ConsentOptions = {}): Promise<Page> {
  await popup.locator('#username').fill('demo');
  await popup.locator('#password').fill('demo');
  for (const scope of options.untick ?? []) await popup.locator(scopeCheckbox(scope)).uncheck();
  if (options.screenshotAs) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await popup.screenshot({ path: path.join(screenshotsDir, `${options.screenshotAs}.png`) });
  }
  await Promise.all([popup.waitForURL((url) => url.pathname !== '/oauth/authorize'), popup.locator(`#${options.action ?? 'approve'}`).click()]);
  await popup.waitForLoadState();
  return popup;
}

// ---- Notifications -------------------------------------------------------------------

export function toasts(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

export async function waitForToast(page: Page, text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
  const toast = toasts(page, text).first();
  await toast.waitFor({ timeout: timeoutMs });
  return toast;
}

/** Closes every visible notification toast. */
export async function clearNotifications(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill('>Notifications: Clear All Notifications');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Clear All Notifications' }).first().click();
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** Presses Cancel on the "Signing in to Lucaro…" progress notification. */
export async function cancelBrowserSignIn(page: Page): Promise<void> {
  const toast = await waitForToast(page, 'Signing in to Lucaro');
  await toast.hover();
  await toast.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
  await toast.waitFor({ state: 'hidden' });
}

// ---- Status bar, sidebar -------------------------------------------------------------

/**
 * Shows the Lucaro view container. Unlike clicking the activity bar entry blindly, this
 * leaves a container the reloaded window restored open (a click would close it).
 */
export async function showLucaroSidebar(page: Page): Promise<Locator> {
  const label = page.locator('a.action-label[aria-label="Lucaro"]');
  const entry = page.locator('.part.activitybar').locator(label);
  await entry.waitFor({ timeout: 60_000 });
  const sidebar = page.locator('.part.sidebar');
  const lucaroTitle = sidebar.locator('.composite.title', { hasText: 'Lucaro' });
  const started = Date.now();
  let clickedAt = 0;
  while (Date.now() - started < 30_000) {
    if (await lucaroTitle.isVisible()) return sidebar;
    // Another container is showing, or nothing was restored within 5 s: ask for Lucaro's.
    const other = await sidebar.locator('.composite.title').first().isVisible();
    if ((other || Date.now() - started > 5000) && Date.now() - clickedAt > 3000) {
      await entry.click();
      clickedAt = Date.now();
    }
    await sleep(250);
  }
  throw new Error('the Lucaro sidebar did not show');
}

export function statusBarAccount(page: Page, label = demoAccount): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: label });
}

/** Hovers the account's status bar entry and answers its tooltip text. */
export async function statusBarTooltip(page: Page, label = demoAccount): Promise<string> {
  // Hover widgets stay in the DOM, hidden, after they close: only a visible one counts.
  const hover = page.locator('.workbench-hover:visible, .monaco-hover:visible', { hasText: /Permissions:\s+\S/ }).first();
  for (let attempt = 1; ; attempt++) {
    // From elsewhere onto the entry: a hover shows on entering, not while resting on it.
    await page.mouse.move(640, 300);
    await statusBarAccount(page, label).hover();
    try {
      await hover.waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  const text = await hover.innerText();
  await page.mouse.move(640, 300);
  await page.keyboard.press('Escape');
  return text;
}

/** The permissions the status bar tooltip lists, sorted. */
export function tooltipPermissions(tooltip: string): string[] {
  // MarkdownString.appendText turns spaces into &nbsp;, hence \s rather than ' '.
  const line = /Permissions:[ \u00a0]*([^\n]*)/.exec(tooltip)?.[1] ?? '';
  return line
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope && scope !== '-')
    .sort();
}

export function treeRow(scope: Locator, label: string): Locator {
  return scope.locator('.monaco-list-row[role="treeitem"]', {
    has: scope.page().locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
}

/** Expands a collapsed tree row (by its twistie) and waits until it says so. */
export async function expandTreeRow(row: Locator): Promise<void> {
  await row.first().waitFor();
  if ((await row.first().getAttribute('aria-expanded')) !== 'true') await row.first().locator('.monaco-tl-twistie').click();
  await waitUntil('the row to expand', async () => (await row.first().getAttribute('aria-expanded')) === 'true', 10_000);
}

/** The signed-out welcome of the Lucaro sidebar. */
export async function expectSignedOutSidebar(page: Page): Promise<void> {
  const sidebar = await showLucaroSidebar(page);
  await sidebar.getByText('Sign in to Lucaro to browse your projects, dashboards and metrics.').first().waitFor();
}

// ---- Logs ----------------------------------------------------------------------------

/** "Developer: Set Log Level..." > Lucaro > `level`, so the channel also writes debug lines. */
export async function setLucaroLogLevel(page: Page, level: 'Trace' | 'Debug'): Promise<void> {
  await runPaletteCommand(page, 'Developer: Set Log Level...');
  const input = page.locator('.quick-input-widget input.input');
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  // The list is virtualised and its order varies: filter it so the row is rendered.
  await input.fill('Lucaro');
  await rows.filter({ hasText: /^Lucaro/ }).first().click({ timeout: 60_000 });
  await input.fill(level);
  await rows.filter({ hasText: new RegExp(`^${level}`) }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Every file under the editor's logs folder (extension host logs, the Lucaro channel, the server's logs). */
export function logFiles(editor: EditorSession): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(path.join(editor.server.userDataDir, 'logs'));
  return files;
}

/** The "Lucaro" output channel's files (one per extension host, so one more after each reload). */
export function lucaroLogFiles(editor: EditorSession): string[] {
  return logFiles(editor).filter((file) => path.basename(file) === 'Lucaro.log');
}

export function readLucaroLog(editor: EditorSession): string {
  return lucaroLogFiles(editor)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

export function countOccurrences(text: string, fragment: string): number {
  return text.split(fragment).length - 1;
}

/** "Lucaro: Sign Out" from the palette (no confirmation), then waits for the account to go. */
export async function signOutFromPalette(page: Page, label = demoAccount): Promise<void> {
  await runPaletteCommand(page, 'Lucaro: Sign Out');
  await waitForToast(page, `Signed out of Lucaro (${label}).`);
  await waitForAccountInMenu(page, label, false);
  await clearNotifications(page);
}

/** Waits until the Lucaro log holds `fragment` at least `times` times. */
export async function waitForLogLine(editor: EditorSession, fragment: string, times = 1, timeoutMs = 10_000): Promise<void> {
  await waitUntil(`the Lucaro log to say "${fragment}" ${times} time(s)`, () => countOccurrences(readLucaroLog(editor), fragment) >= times, timeoutMs);
}
