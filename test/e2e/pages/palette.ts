import type { Page } from 'playwright-core';
import type { QuickInput } from './quick-input';
import { uiTimeoutMs, waitUntil } from './wait';

/** The command palette (F1). */
export class Palette {
  constructor(
    private readonly page: Page,
    private readonly quickInput: QuickInput,
  ) {}

  private async open(): Promise<void> {
    await this.page.locator('.monaco-workbench').press('F1');
    await this.quickInput.input.waitFor({ timeout: uiTimeoutMs });
  }

  /** Runs a command by its full title, e.g. "Lucaro: Sign In". */
  async run(title: string): Promise<void> {
    await this.open();
    await this.quickInput.input.fill(`>${title}`);
    await this.quickInput.rowLabelled(title).first().click({ timeout: uiTimeoutMs });
  }

  /**
   * Which of `titles` the palette offers. Before each title the palette shows every command
   * (hundreds of rows); the answer is read once the list has shrunk to the matches for that
   * title, so "absent" is read from a list that did update. (When nothing matches, the
   * palette fills up with "similar commands" afterwards: only an exact label counts, and
   * those never carry one.)
   */
  async offers(titles: readonly string[]): Promise<Record<string, boolean>> {
    const offered: Record<string, boolean> = {};
    await this.open();
    try {
      for (const title of titles) {
        await this.quickInput.input.fill('>');
        await waitUntil(async () => (await this.quickInput.size()) > 100, 'the palette to list every command');
        await this.quickInput.input.fill(`>${title}`);
        await waitUntil(async () => (await this.quickInput.size()) <= 100, `the palette to filter for ${title}`);
        offered[title] = (await this.quickInput.rowLabelled(title).count()) > 0;
      }
    } finally {
      await this.quickInput.close();
    }
    return offered;
  }
}
