import type { Locator, Page } from 'playwright-core';
import type { Palette } from './palette';
import { uiTimeoutMs } from './wait';

/** The Problems panel: one row per file, one per problem under it. */
export class Problems {
  constructor(
    private readonly page: Page,
    private readonly palette: Palette,
  ) {}

  async show(): Promise<void> {
    await this.palette.run('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.locator('.markers-panel').waitFor({ timeout: uiTimeoutMs });
  }

  /** The problem rows (not the file rows) whose message holds `text`. */
  rows(text: string | RegExp): Locator {
    return this.page.locator('.markers-panel .monaco-list-row').filter({ has: this.page.locator('.marker-message') }).filter({ hasText: text });
  }

  /** The file rows of the panel, for a file's name. */
  fileRow(fileName: string): Locator {
    return this.page.locator('.markers-panel .monaco-list-row').filter({ hasNot: this.page.locator('.marker-message') }).filter({ hasText: fileName });
  }

  /** Opens the problem in its editor, the cursor at its start and the editor focused. */
  async open(row: Locator): Promise<void> {
    await row.click();
    await row.press('Enter');
    await this.page.locator('.monaco-editor.focused').first().waitFor({ timeout: uiTimeoutMs });
  }

  /** Every row's text and accessible name, for what must never be shown. */
  async everything(): Promise<string> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const texts = await rows.allInnerTexts();
    const labels = await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
    return [...texts, ...labels].join('\n');
  }

  /** 'Error', 'Warning' or 'Info' as the row's icon shows it. */
  async severity(row: Locator): Promise<string> {
    if ((await row.locator('.codicon-error').count()) > 0) return 'Error';
    if ((await row.locator('.codicon-warning').count()) > 0) return 'Warning';
    return 'Info';
  }
}
