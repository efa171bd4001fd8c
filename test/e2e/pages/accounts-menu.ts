import type { Locator, Page } from 'playwright-core';
import { accountsMenuLabel } from './lucaro-data';
import type { Dialogs } from './notifications';
import { animationsDone, exactly, uiTimeoutMs, waitUntil } from './wait';

const entrySelector = '.action-item .action-label';

/**
 * The Accounts menu of the activity bar. The button's aria-label changes while a sign-in
 * request is pending, hence the prefix match.
 */
export class AccountsMenu {
  constructor(
    private readonly page: Page,
    private readonly dialogs: Dialogs,
  ) {}

  private get button(): Locator {
    return this.page.locator('.part.activitybar li.action-item[aria-label^="Accounts"]');
  }

  /** The number on the Accounts button (pending sign-in and access requests), 0 when it shows none. */
  async badgeCount(): Promise<number> {
    const badge = this.button.locator('.badge-content').filter({ visible: true });
    if ((await badge.count()) === 0) return 0;
    return Number.parseInt((await badge.first().innerText()).trim(), 10) || 0;
  }

  /** Opens the menu and returns it once its entries show. */
  async open(): Promise<Locator> {
    await this.button.click();
    const menu = this.page.locator('.monaco-menu').last();
    await menu.locator(entrySelector).first().waitFor({ timeout: uiTimeoutMs });
    return menu;
  }

  /** Opens the menu and waits for its fade-in to end, for a clean screenshot. */
  async openSettled(): Promise<Locator> {
    const menu = await this.open();
    await animationsDone(menu);
    return menu;
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-menu').waitFor({ state: 'hidden' });
  }

  /** The labels of the menu (blank separators dropped); closes the menu again. */
  async entries(): Promise<string[]> {
    const menu = await this.open();
    const entries = (await menu.locator(entrySelector).allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    await this.close();
    return entries;
  }

  /** The entry of an account, named by its display name or its email. */
  static entry(account: string): string {
    return `${accountsMenuLabel(account)} (Lucaro)`;
  }

  async lists(label: string): Promise<boolean> {
    return (await this.entries()).includes(AccountsMenu.entry(label));
  }

  /** Waits until the menu lists (or no longer lists) "<label> (Lucaro)"; answers the entries. */
  async waitForAccount(label: string, present = true, timeoutMs = uiTimeoutMs): Promise<string[]> {
    const entry = AccountsMenu.entry(label);
    let entries: string[] = [];
    await waitUntil(
      async () => {
        entries = await this.entries();
        return entries.includes(entry) === present;
      },
      `the Accounts menu ${present ? 'to list' : 'not to list'} "${entry}"`,
      timeoutMs,
    );
    return entries;
  }

  /** Whether the menu offers "Sign in with Lucaro to use Lucaro (1)" (the request the extension makes on activation). */
  async offersSignIn(): Promise<boolean> {
    return (await this.entries()).some((text) => text.startsWith('Sign in with Lucaro'));
  }

  /** Clicks "Sign in with Lucaro to use Lucaro (1)" once it shows (an open menu does not update). */
  async startSignIn(): Promise<void> {
    await waitUntil(() => this.offersSignIn(), '"Sign in with Lucaro" in the Accounts menu');
    const menu = await this.open();
    await menu.locator(entrySelector, { hasText: /^Sign in with Lucaro/ }).first().click();
  }

  /** Account submenu > Sign Out, then confirms the editor's dialog. */
  async signOut(label: string): Promise<void> {
    const confirm = this.dialogs.button('Sign Out');
    for (let attempt = 1; ; attempt++) {
      const menu = await this.open();
      await menu.locator(entrySelector, { hasText: AccountsMenu.entry(label) }).first().hover();
      const signOut = this.page.locator(`.monaco-menu ${entrySelector}`, { hasText: exactly('Sign Out') });
      await animationsDone(signOut);
      await signOut.click();
      try {
        await confirm.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
    await confirm.click();
  }
}
