import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/code-server';
import { screenshotsDir, vsixPath } from '../harness/paths';

/** A code-server with the packaged extension installed and a browser page on its workbench. */
export interface EditorSession {
  server: CodeServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The folder the workbench opened. */
  folder: string;
  close(): Promise<void>;
}

export interface EditorSessionOptions {
  /** User settings, e.g. `lucaro.apiUrl` pointing at a local test server. */
  settings?: Record<string, unknown>;
  /** Reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to LUCARO_VSIX, else lucaro.vsix at the repository root (`npm run package`). */
  vsix?: string;
}

/** Keeps the workbench quiet so screenshots show the extension, not welcome pages. */
const quietWorkbench = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const workbenchTimeoutMs = 60_000;

export async function startEditorWithExtension(options: EditorSessionOptions = {}): Promise<EditorSession> {
  const vsix = options.vsix ?? process.env.LUCARO_VSIX ?? vsixPath;
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-e2e-workspace-'));
  const server = await startCodeServer({
    settings: { ...quietWorkbench, ...options.settings },
    ...(options.env ? { env: options.env } : {}),
    installExtensions: [vsix],
  });
  const close = async (browser?: Browser) => {
    await browser?.close();
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.workbenchUrl({ folder }));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: workbenchTimeoutMs });
    const session = browser;
    return { server, browser, context, page, folder, close: () => close(session) };
  } catch (error) {
    await close(browser);
    throw error;
  }
}

/** Clicks the Lucaro activity-bar entry and returns the sidebar. */
export async function openLucaroSidebar(page: Page): Promise<Locator> {
  const sidebar = page.locator('.part.sidebar');
  const entry = page.locator('.part.activitybar a.action-label[aria-label="Lucaro"]');
  await entry.waitFor({ timeout: workbenchTimeoutMs });
  // Clicking an already-open container would close it.
  const open = await sidebar.locator('.composite.title', { hasText: 'Lucaro' }).isVisible();
  if (!open) await entry.click();
  await sidebar.locator('.composite.title', { hasText: 'Lucaro' }).waitFor();
  return sidebar;
}

/**
 * Opens the Accounts menu and returns it; entries are `.action-item .action-label` inside.
 * The button's aria-label changes while a request is pending, hence the prefix match.
 */
export async function openAccountsMenu(page: Page): Promise<Locator> {
  await page.locator('.part.activitybar li.action-item[aria-label^="Accounts"]').click();
  const menu = page.locator('.monaco-menu').last();
  await menu.waitFor();
  return menu;
}

/** Runs a command from the palette by its full title, e.g. "Lucaro: Sign In". */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-workbench').press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
  });
  await row.first().click();
}

/** Saves test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
