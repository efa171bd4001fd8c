import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { editorContext, launchChromium } from '../../harness/browser';
import { startCodeServer, type CodeServer, type DisplayLanguage } from '../../harness/code-server';
import { repoRoot, screenshotsDir, vsixPath } from '../../harness/paths';
import { AccountsMenu } from './accounts-menu';
import { ExtensionLog } from './extension-log';
import { LucaroViews } from './lucaro-views';
import { Dialogs, Notifications } from './notifications';
import { Editors } from './editors';
import { Problems } from './problems';
import { Palette } from './palette';
import { QuickInput } from './quick-input';
import { SignIn } from './sign-in';
import { StatusBar } from './status-bar';
import { proposalProbe } from './test-extension';
import { uiTimeoutMs } from './wait';

export interface WorkbenchOptions {
  /** User settings, e.g. `lucaro.apiUrl` pointing at a local test server. */
  settings?: Record<string, unknown>;
  /** Reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to LUCARO_VSIX, else lucaro.vsix at the repository root (`npm run package`). */
  vsix?: string;
  /** Other extensions (VSIX files) installed beside it, e.g. a test extension that calls its provider. */
  otherExtensions?: readonly string[];
  /** Fills the workspace folder (files, `git init`) before the editor opens it. */
  prepareFolder?: (folder: string) => void;
  /**
   * Which extension host runs Lucaro; default 'node' (code-server's server side). 'webWorker'
   * forces its `browser` entry into the browser's web worker host (see extensionHostSettings).
   */
  extensionHost?: ExtensionHostUnderTest;
  /** Lets the browser accept any certificate: for a local Lucaro serving HTTPS with a throwaway one. */
  ignoreHttpsErrors?: boolean;
  /** The editor's display language (default English); its pack must be among `otherExtensions`. */
  displayLanguage?: DisplayLanguage;
}

export type ExtensionHostUnderTest = 'node' | 'webWorker';

/**
 * code-server runs an extension's `browser` entry in the web worker host when the user
 * settings say so for it; with workspace trust on, the window would open in Restricted Mode
 * and the worker would not run it at all (testing-in-the-editor.md).
 */
function extensionHostSettings(host: ExtensionHostUnderTest): Record<string, unknown> {
  if (host === 'node') return {};
  return { 'remote.extensionKind': { 'lucaro.lucaro': ['web'], [proposalProbe.id]: ['web'] }, 'security.workspace.trust.enabled': false };
}

/** Keeps the workbench quiet so screenshots show the extension, not welcome pages. */
const quietWorkbench = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const workbenchTimeoutMs = 60_000;
/** The README's screenshots, rewritten only when LUCARO_UPDATE_SCREENSHOTS=1 (see `screenshot`). */
const docsImagesDir = path.join(repoRoot, 'docs', 'images');

/** The page's globals these tests use (they are compiled without the DOM types). */
interface PageGlobals {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}

/** The page objects of one workbench window (a browser tab on the editor). */
export class WorkbenchWindow {
  readonly quickInput: QuickInput;
  readonly palette: Palette;
  readonly dialogs: Dialogs;
  readonly notifications: Notifications;
  readonly accountsMenu: AccountsMenu;
  readonly views: LucaroViews;
  readonly statusBar: StatusBar;
  readonly signIn: SignIn;
  readonly problems: Problems;
  readonly editors: Editors;

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    authUrl: string | undefined,
  ) {
    this.quickInput = new QuickInput(page);
    this.palette = new Palette(page, this.quickInput);
    this.dialogs = new Dialogs(page);
    this.notifications = new Notifications(page, this.palette, this.quickInput);
    this.accountsMenu = new AccountsMenu(page, this.dialogs);
    this.views = new LucaroViews(page);
    this.statusBar = new StatusBar(page);
    this.signIn = new SignIn(context, this.quickInput, this.palette, this.accountsMenu, this.dialogs, this.notifications, authUrl);
    this.problems = new Problems(page, this.palette);
    this.editors = new Editors(page, this.quickInput);
  }

  /** Waits for the workbench to have drawn its activity bar. */
  async loaded(): Promise<this> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: workbenchTimeoutMs });
    return this;
  }

  /** Reloads the window (a new extension host) and waits for the workbench. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.loaded();
  }

  /**
   * "Developer: Reload Window": the workbench shuts down as for a user (its storage flushed,
   * which a page reload does not wait for) and loads again.
   */
  async reloadFromPalette(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { timeout: workbenchTimeoutMs });
    await this.palette.run('Developer: Reload Window');
    await navigated;
    await this.loaded();
  }

  /** "Lucaro: Select Project" picks `project` (found by its id); waits for the Dashboards view to name it. */
  async selectProjectFromPalette(project: { readonly id: string; readonly name: string }): Promise<void> {
    await this.palette.run('Lucaro: Select Project');
    await this.quickInput.row(project.name).first().waitFor({ timeout: uiTimeoutMs });
    await this.quickInput.input.fill(project.id);
    await this.quickInput.row(project.name).first().click();
    await this.views.dashboards.waitForHeaderDescription(project.name, 'the Dashboards view to follow Select Project');
  }

  /** Lets the page read and write the clipboard (for Copy ID). */
  async allowClipboard(): Promise<void> {
    await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(this.page.url()).origin });
  }

  /** The clipboard as the page sees it (needs `allowClipboard`). */
  readClipboard(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
  }

  writeClipboard(text: string): Promise<void> {
    return this.page.evaluate((value) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(value), text);
  }

  /** Closes this window (its browser tab). */
  async close(): Promise<void> {
    await this.page.close();
  }

  /**
   * Saves test-results/screenshots/<name>.png (git-ignored) and returns its path. Only with
   * LUCARO_UPDATE_SCREENSHOTS=1 does it also replace the committed docs/images/<name>.png
   * (when there is one), so a plain test run leaves the checkout clean.
   */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    const committed = path.join(docsImagesDir, `${name}.png`);
    const update = process.env.LUCARO_UPDATE_SCREENSHOTS === '1' && fs.existsSync(committed);
    if (update) fs.copyFileSync(file, committed);
    process.stderr.write(`[screenshot] ${path.relative(repoRoot, file)}${update ? ` -> ${path.relative(repoRoot, committed)}` : ''}\n`);
    return file;
  }
}

/**
 * A code-server with the packaged extension installed, a browser, and one window on its
 * workbench (`Workbench` is that first window; `openWindow` adds more on the same profile).
 */
export class Workbench extends WorkbenchWindow {
  readonly log: ExtensionLog;

  private constructor(
    readonly server: CodeServer,
    private readonly browser: Browser,
    context: BrowserContext,
    page: Page,
    /** The folder the workbench opened. */
    readonly folder: string,
    private readonly authUrl: string | undefined,
    readonly extensionHost: ExtensionHostUnderTest,
  ) {
    super(page, context, authUrl);
    this.log = new ExtensionLog(server, page, this.palette, this.quickInput, extensionHost);
  }

  static async start(options: WorkbenchOptions = {}): Promise<Workbench> {
    const vsix = options.vsix ?? process.env.LUCARO_VSIX ?? vsixPath;
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-e2e-workspace-'));
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    try {
      options.prepareFolder?.(folder);
      server = await startCodeServer({
        settings: { ...quietWorkbench, ...extensionHostSettings(options.extensionHost ?? 'node'), ...options.settings },
        ...(options.env ? { env: options.env } : {}),
        installExtensions: [vsix, ...(options.otherExtensions ?? [])],
        ...(options.displayLanguage ? { displayLanguage: options.displayLanguage } : {}),
      });
      browser = await launchChromium();
      const context = await editorContext(browser, server, { viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: options.ignoreHttpsErrors ?? false });
      const page = await context.newPage();
      await page.goto(server.workbenchUrl({ folder }));
      const authUrl = options.settings?.['lucaro.authUrl'];
      const workbench = new Workbench(server, browser, context, page, folder, typeof authUrl === 'string' ? authUrl : undefined, options.extensionHost ?? 'node');
      return await workbench.loaded();
    } catch (error) {
      await browser?.close();
      await server?.stop();
      fs.rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** Another window on the same editor and profile (a second browser tab). */
  async openWindow(): Promise<WorkbenchWindow> {
    const page = await this.context.newPage();
    await page.goto(this.server.workbenchUrl({ folder: this.folder }));
    return new WorkbenchWindow(page, this.context, this.authUrl).loaded();
  }

  /** Closes the browser and stops the editor. */
  override async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}
