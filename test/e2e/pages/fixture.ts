import { after, before, beforeEach } from 'node:test';
import { startLucaroServer, type LucaroServer, type LucaroServerOptions } from '../../server';
import { resolveOptions, runtimeOptionsOf, type RuntimeOptions } from '../../server/options';
import { throwawayCertificate } from '../../harness/throwaway-certificate';
import { Workbench, type ExtensionHostUnderTest, type WorkbenchOptions } from './workbench';
import { waitUntil } from './wait';

/**
 * The extension host this run puts Lucaro in: `LUCARO_E2E_EXTENSION_HOST=webWorker` (the
 * web worker pass of `npm run test:e2e`) forces it into the browser's web worker host.
 */
export function extensionHostUnderTest(): ExtensionHostUnderTest {
  return process.env.LUCARO_E2E_EXTENSION_HOST === 'webWorker' ? 'webWorker' : 'node';
}

/**
 * Ends the name of a test that the web worker pass runs again (test/harness/run-e2e.ts picks
 * them by it, see `webWorkerPass` there); the others need what only the Node host has (its
 * log files, its environment, a loopback server).
 */
export const alsoInWebWorker = ' [also in the web worker]';

export interface LucaroEditorOptions {
  /** The local Lucaro's seed data and switches (its own `tls` in the Node host); it listens on [::1] (see below) unless `host` says. */
  server?: Omit<LucaroServerOptions, 'host'>;
  /** Where the local Lucaro listens instead of [::1]: an address the editor does not send direct, for a proxy test. */
  host?: string;
  /** User settings added to the ones that point the editor at the local Lucaro. */
  settings?: Record<string, unknown>;
  /** Reaches the extension host (of every installed extension). */
  env?: NodeJS.ProcessEnv;
  /** VSIX files installed beside the packaged Lucaro. */
  otherExtensions?: readonly string[];
  /** Once, after the editor started (a client secret, a log level): survives every reset. */
  setUp?: (editor: LucaroEditor) => Promise<void>;
  /** Fills the workspace folder before the editor opens it; the server is up, its tokens known. */
  prepareFolder?: (folder: string, lucaro: LucaroServer) => void;
  displayLanguage?: WorkbenchOptions['displayLanguage'];
}

/**
 * The fixture of one e2e file: the local Lucaro, and code-server with the packaged extension
 * and a browser on its workbench, started once for the file (each start costs about 10 s).
 * Before each test it puts the editor back to a known state, so every test can run alone:
 * signed out of every account, no prompt, dialog or notification open, the server's
 * runtime switches as the file set them and its counters at zero.
 */
export class LucaroEditor {
  private constructor(
    readonly lucaro: LucaroServer,
    readonly workbench: Workbench,
    private readonly runtimeDefaults: RuntimeOptions,
  ) {}

  get extensionHost(): ExtensionHostUnderTest {
    return this.workbench.extensionHost;
  }

  static async start(options: LucaroEditorOptions = {}): Promise<LucaroEditor> {
    // On [::1]: the web workbench rewrites an `openExternal` URL on `localhost`/`127.0.0.1`
    // to its own `/proxy/<port>/` and re-encodes the query on the way, breaking the
    // authorization URL's nested `redirect_uri`; `[::1]` is a loopback host the extension
    // accepts and the workbench leaves alone, so the popup shows exactly what the extension opened.
    // In the web worker, Lucaro calls with `fetch`, and the worker's CSP allows plain http only
    // on `localhost`/`127.0.0.1` (which the popup rewrite breaks) but `https:` anywhere: there
    // the local Lucaro serves HTTPS with a throwaway certificate that this browser accepts.
    const extensionHost = extensionHostUnderTest();
    const webWorker = extensionHost === 'webWorker';
    const serverOptions: LucaroServerOptions = { ...options.server, host: options.host ?? '::1', ...(webWorker ? { tls: throwawayCertificate() } : {}) };
    const lucaro = await startLucaroServer(serverOptions);
    try {
      const workbench = await Workbench.start({
        extensionHost,
        ignoreHttpsErrors: webWorker,
        settings: { 'lucaro.apiUrl': lucaro.apiUrl, 'lucaro.authUrl': lucaro.authUrl, ...options.settings },
        ...(options.env ? { env: options.env } : {}),
        ...(options.otherExtensions ? { otherExtensions: options.otherExtensions } : {}),
        ...(options.prepareFolder ? { prepareFolder: (folder: string) => options.prepareFolder?.(folder, lucaro) } : {}),
        ...(options.displayLanguage ? { displayLanguage: options.displayLanguage } : {}),
      });
      return new LucaroEditor(lucaro, workbench, runtimeOptionsOf(resolveOptions(serverOptions)));
    } catch (error) {
      await lucaro.close();
      throw error;
    }
  }

  /** The known state each test starts from (see the class comment). */
  async reset(): Promise<void> {
    const { workbench } = this;
    await workbench.page.bringToFront();
    await workbench.quickInput.close();
    await this.closeDialogs();
    this.lucaro.configure(this.runtimeDefaults);
    await this.signOutEverywhere();
    await workbench.views.show();
    if ((await workbench.notifications.all.count()) > 0) await workbench.notifications.clearAll();
    this.lucaro.resetCounters();
  }

  /**
   * Brings back the Accounts menu's "Sign in with Lucaro to use Lucaro (1)": the extension
   * asks for it once, on activation, so a window that has signed in since is reloaded.
   */
  async restoreAccountsMenuRequest(): Promise<void> {
    const { workbench } = this;
    if (await workbench.accountsMenu.offersSignIn()) return;
    await workbench.reload();
    await waitUntil(() => workbench.accountsMenu.offersSignIn(), '"Sign in with Lucaro" in the Accounts menu after a reload');
    await workbench.views.show();
  }

  /** "Lucaro: Sign Out" until no account is left (each one a confirmation toast). */
  private async signOutEverywhere(): Promise<void> {
    const { palette, quickInput, notifications } = this.workbench;
    for (let label = await this.signedInAccount(); label !== undefined; label = await this.signedInAccount()) {
      await palette.run('Lucaro: Sign Out');
      const which = quickInput.titled('Sign out of which Lucaro account?');
      const signedOut = notifications.toasts('Signed out of Lucaro');
      await which.or(signedOut).filter({ visible: true }).first().waitFor();
      // The account the status bar shows, so the wait below sees it go.
      if (await which.isVisible()) await quickInput.rows.filter({ hasText: label }).first().click();
      await signedOut.first().waitFor();
      await notifications.clearAll();
      const gone = label;
      await waitUntil(async () => (await this.signedInAccount()) !== gone, `${gone} to be signed out`);
    }
  }

  /** The account the status bar shows, or undefined once the sidebar welcomes a signed-out user. */
  private async signedInAccount(): Promise<string | undefined> {
    const { views, statusBar } = this.workbench;
    await views.show();
    const state = await waitUntil(async () => {
      if (await views.welcome.isVisible()) return { label: undefined };
      const label = await statusBar.lucaroText();
      return label ? { label } : undefined;
    }, 'the sidebar to show whether anyone is signed in');
    return state.label;
  }

  private async closeDialogs(): Promise<void> {
    const { dialogs, page } = this.workbench;
    while (await dialogs.any.isVisible()) {
      await page.keyboard.press('Escape');
      await dialogs.any.waitFor({ state: 'hidden' });
    }
  }

  async close(): Promise<void> {
    await this.workbench.close();
    await this.lucaro.close();
  }
}

/**
 * Registers the fixture's hooks in the enclosing `describe`: start before the first test,
 * reset before each, stop after the last. Answers the running fixture.
 */
export function useLucaroEditor(options: LucaroEditorOptions = {}): () => LucaroEditor {
  let editor: LucaroEditor | undefined;
  before(async () => {
    editor = await LucaroEditor.start(options);
    await options.setUp?.(editor);
  });
  beforeEach(async () => {
    await current().reset();
  });
  after(async () => {
    await editor?.close();
  });
  const current = () => {
    if (!editor) throw new Error('the Lucaro editor fixture has not started');
    return editor;
  };
  return current;
}
