import type { Locator, Page } from 'playwright-core';
import { waitUntil } from './wait';

/** The Lucaro entry of the status bar: the account in use, or the rate-limit wait. */
export class StatusBar {
  constructor(private readonly page: Page) {}

  get lucaroItem(): Locator {
    return this.page.locator('.statusbar-item[id$="lucaro.status"]');
  }

  /** The entry's text (codicons render as empty spans); '' when it is not shown. */
  async lucaroText(): Promise<string> {
    if ((await this.lucaroItem.count()) === 0) return '';
    return (await this.lucaroItem.first().innerText()).trim();
  }

  /** Waits until the entry reads exactly `text` ('' = gone). */
  async waitForText(text: string, timeoutMs?: number): Promise<void> {
    await waitUntil(async () => (await this.lucaroText()) === text, text ? `the status bar to show ${text}` : 'the status bar entry to go', timeoutMs);
  }

  /** Any status bar entry showing `text` (messages such as "Copied the ID of …" too). */
  entry(text: string): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text });
  }

  get bar(): Locator {
    return this.page.locator('.part.statusbar');
  }

  /** Hovers the account's entry and answers its tooltip text. */
  async tooltip(label: string): Promise<string> {
    // Hover widgets stay in the DOM, hidden, after they close: only a visible one counts.
    const hover = this.page.locator('.workbench-hover:visible, .monaco-hover:visible', { hasText: /Permissions:\s+\S/ }).first();
    for (let attempt = 1; ; attempt++) {
      // From elsewhere onto the entry: a hover shows on entering, not while resting on it.
      await this.page.mouse.move(640, 300);
      await this.entry(label).hover();
      try {
        await hover.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    const text = await hover.innerText();
    await this.page.mouse.move(640, 300);
    await this.page.keyboard.press('Escape');
    return text;
  }

  /** The permissions the account's tooltip lists, sorted. */
  async permissions(label: string): Promise<string[]> {
    return tooltipPermissions(await this.tooltip(label));
  }
}

/** The permissions a status bar tooltip lists, sorted. */
export function tooltipPermissions(tooltip: string): string[] {
  // MarkdownString.appendText turns spaces into &nbsp;, hence the class rather than ' '.
  const line = /Permissions:[ \u00a0]*([^\n]*)/.exec(tooltip)?.[1] ?? '';
  return line
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope && scope !== '-')
    .sort();
}
