import * as assert from 'node:assert/strict';
import type { BrowserContext, Locator } from 'playwright-core';
import type { AccountsMenu } from './accounts-menu';
import { ConsentPage, type ConsentAnswer } from './consent-page';
import type { Dialogs, Notifications } from './notifications';
import type { Palette } from './palette';
import type { QuickInput } from './quick-input';
import { uiTimeoutMs } from './wait';

export type SignInEntry = 'accountsMenu' | 'palette';
export type SignInMethod = 'Sign in with browser' | 'Use an API token';

/** The extension's sign-in: its quick pick, the token box, the consent popup. */
export class SignIn {
  constructor(
    private readonly context: BrowserContext,
    private readonly quickInput: QuickInput,
    private readonly palette: Palette,
    private readonly accountsMenu: AccountsMenu,
    private readonly dialogs: Dialogs,
    private readonly notifications: Notifications,
    /** The authorization server the editor is set up with, when a test set one. */
    private readonly authUrl: string | undefined,
  ) {}

  /** The "Sign in to Lucaro" quick pick. */
  get quickPick(): Locator {
    return this.quickInput.titled('Sign in to Lucaro');
  }

  /**
   * Starts a sign-in and waits for the quick pick: through the Accounts menu's "Sign in with
   * Lucaro to use Lucaro (1)" (the request the extension makes on activation) or the
   * palette's "Lucaro: Sign In".
   */
  async start(entry: SignInEntry = 'palette'): Promise<Locator> {
    if (entry === 'accountsMenu') await this.accountsMenu.startSignIn();
    else await this.palette.run('Lucaro: Sign In');
    return this.waitForQuickPick();
  }

  /**
   * Waits for the quick pick after something asked for a session. `getSession(...,
   * { createIfNone })` may first show the editor's "The extension 'Lucaro' wants to sign in"
   * dialog (or "sign in again", for another account): it is accepted.
   */
  async waitForQuickPick(): Promise<Locator> {
    const dialog = this.dialogs.any;
    await dialog.or(this.quickPick).filter({ visible: true }).first().waitFor({ timeout: uiTimeoutMs });
    if (await dialog.isVisible()) {
      await dialog.locator('.monaco-button').filter({ hasNotText: /^Cancel$/ }).first().click();
      await this.quickPick.waitFor({ timeout: uiTimeoutMs });
    }
    return this.quickPick;
  }

  /** In the open quick pick: "Use an API token", the token into the password box, Enter. */
  async pickApiToken(token: string): Promise<void> {
    await this.quickInput.pick('Use an API token');
    await this.quickInput.titled('Sign in to Lucaro with an API token').waitFor({ timeout: uiTimeoutMs });
    await this.quickInput.enterSecret(token);
  }

  /** In the open quick pick: "Sign in with browser"; answers the consent page the popup shows. */
  async pickBrowser(): Promise<ConsentPage> {
    const popup = this.context.waitForEvent('page', { timeout: uiTimeoutMs });
    await this.quickInput.pick('Sign in with browser');
    return new ConsentPage(await popup).loaded();
  }

  /** "Lucaro: Sign In" with an API token; resolves when the token box has closed. */
  async withApiToken(token: string): Promise<void> {
    await this.start('palette');
    await this.pickApiToken(token);
    await this.quickInput.waitClosed();
  }

  /**
   * A browser sign-in begun by `start` (default the palette's Sign In; a click on a "Grant
   * access" row, say): the method, then the consent page, approved. Resolves when the
   * popup has reached the callback and closed; answers what the extension asked for.
   */
  async withBrowser(answer: ConsentAnswer = {}, start: () => Promise<unknown> = () => this.palette.run('Lucaro: Sign In')) {
    await start();
    await this.waitForQuickPick();
    const consent = await this.pickBrowser();
    const request = consent.request;
    if (this.authUrl) {
      assert.ok(request.url.toString().startsWith(`${this.authUrl}/oauth/authorize?`), `the popup shows ${request.url}, not ${this.authUrl}`);
    }
    const landed = await consent.answer(answer);
    const callback = new URL(landed.url());
    await consent.close();
    return { request, callback };
  }

  /** While signed in: "Switch Account" > "Sign in with another account…", then an API token. */
  async anotherAccountWithApiToken(token: string): Promise<void> {
    await this.palette.run('Lucaro: Switch Account');
    await this.quickInput.pick('Sign in with another account');
    await this.waitForQuickPick();
    await this.pickApiToken(token);
    await this.quickInput.waitClosed();
  }

  /** "Lucaro: Sign Out" (one account: no question), then waits for the account to leave the Accounts menu. */
  async signOutFromPalette(label: string): Promise<void> {
    await this.palette.run('Lucaro: Sign Out');
    await this.notifications.waitFor(`Signed out of Lucaro (${label}).`);
    await this.accountsMenu.waitForAccount(label, false);
    await this.notifications.clearAll();
  }
}
