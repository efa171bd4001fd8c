import type { Locator, Page } from 'playwright-core';
import type { Palette } from './palette';
import type { QuickInput } from './quick-input';
import { exactly, uiTimeoutMs, waitUntil } from './wait';

/** Notification toasts (bottom right). */
export class Notifications {
  constructor(
    private readonly page: Page,
    private readonly palette: Palette,
    private readonly quickInput: QuickInput,
  ) {}

  get all(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** Toasts holding `text`. */
  toasts(text: string | RegExp): Locator {
    return this.all.filter({ hasText: text });
  }

  /** Waits for a toast holding `text` and returns it. */
  async waitFor(text: string | RegExp, timeoutMs = uiTimeoutMs): Promise<Locator> {
    const toast = this.toasts(text).first();
    await toast.waitFor({ timeout: timeoutMs });
    return toast;
  }

  /** Visible toasts, one string each. */
  texts(): Promise<string[]> {
    return this.all.allInnerTexts();
  }

  /** A button of a toast (hovered first: the buttons of a toast are live only when shown). */
  async clickButton(toast: Locator, label: string): Promise<void> {
    await toast.hover();
    await toast.locator('.monaco-button', { hasText: exactly(label) }).click();
  }

  button(toast: Locator, label: string): Locator {
    return toast.locator('.monaco-button', { hasText: exactly(label) });
  }

  /** Dismisses every notification and waits until none shows (so a screenshot shows the rest). */
  async clearAll(): Promise<void> {
    await this.palette.run('Notifications: Clear All Notifications');
    await this.quickInput.waitClosed();
    await waitUntil(async () => (await this.all.count()) === 0, 'the notifications to go');
  }

  /** Presses Cancel on the "Signing in to Lucaro…" progress notification. */
  async cancelSignInProgress(): Promise<void> {
    const toast = await this.waitFor('Signing in to Lucaro');
    await this.clickButton(toast, 'Cancel');
    await toast.waitFor({ state: 'hidden' });
  }
}

/** The editor's modal dialogs. */
export class Dialogs {
  constructor(private readonly page: Page) {}

  get any(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** The dialog holding `text`. */
  withText(text: string | RegExp): Locator {
    return this.any.filter({ hasText: text });
  }

  button(label: string): Locator {
    return this.page.locator('.monaco-dialog-box .monaco-button', { hasText: exactly(label) });
  }
}
