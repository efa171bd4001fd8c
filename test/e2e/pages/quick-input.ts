import type { Locator, Page } from 'playwright-core';
import { exactly, uiTimeoutMs, waitUntil } from './wait';

/** The editor's quick input (palette, quick picks, input boxes): one widget shared by all. */
export class QuickInput {
  constructor(private readonly page: Page) {}

  get widget(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The widget while it shows `text` (a title, a prompt). */
  titled(text: string | RegExp): Locator {
    return this.widget.filter({ hasText: text });
  }

  get input(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  get message(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  get rows(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** The row whose label is exactly `label`. */
  rowLabelled(label: string): Locator {
    return this.rows.filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  /** The number of (filtered) items, from the list's ARIA; 0 while it has none. */
  async size(): Promise<number> {
    const size = await this.rows.evaluateAll((rows) => rows[0]?.getAttribute('aria-setsize') ?? '0');
    return Number(size);
  }

  async pick(text: string | RegExp): Promise<void> {
    await this.row(text).first().click({ timeout: uiTimeoutMs });
  }

  async isOpen(): Promise<boolean> {
    return this.widget.isVisible();
  }

  async waitClosed(): Promise<void> {
    await this.widget.waitFor({ state: 'hidden', timeout: uiTimeoutMs });
  }

  /** Escape until the widget is gone (a no-op when it is closed). */
  async close(): Promise<void> {
    if (!(await this.isOpen())) return;
    await this.input.press('Escape');
    await this.waitClosed();
  }

  /** Waits for the password box (`type=password`), types `secret` and presses Enter. */
  async enterSecret(secret: string): Promise<void> {
    await waitUntil(async () => (await this.input.getAttribute('type')) === 'password', 'the password input box');
    await this.input.fill(secret);
    await this.input.press('Enter');
  }
}
