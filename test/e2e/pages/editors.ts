import type { Locator, Page } from 'playwright-core';
import type { QuickInput } from './quick-input';
import { exactly, uiTimeoutMs, waitUntil } from './wait';

/** Opening files of the workspace and acting in the editor. */
export class Editors {
  constructor(
    private readonly page: Page,
    private readonly quickInput: QuickInput,
  ) {}

  /** Quick Open (Ctrl+P) `relativePath`; waits for its tab to be the active one. */
  async open(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    await this.page.locator('.monaco-workbench').press('Control+P');
    await this.quickInput.input.waitFor({ timeout: uiTimeoutMs });
    await this.quickInput.input.fill(relativePath);
    // Clicked, not Enter: until the list has filtered, Enter opens the first recently opened file.
    await this.quickInput.rows.filter({ has: this.page.locator('.label-name', { hasText: exactly(name) }) }).first().click({ timeout: uiTimeoutMs });
    await this.quickInput.waitClosed();
    await this.activeTab(name).waitFor({ timeout: uiTimeoutMs });
  }

  activeTab(name: string): Locator {
    return this.page.locator('.tabs-container .tab.active', { hasText: name });
  }

  /** The text cursor's position as the status bar shows it, e.g. "Ln 1, Col 14". */
  async cursor(): Promise<string> {
    return (await this.page.locator('.statusbar-item[id$="status.editor.selection"]').innerText()).trim();
  }

  /** Ctrl+. at the cursor, then the quick fix titled `title`. */
  async quickFix(title: string): Promise<void> {
    await this.openQuickFixMenu();
    const item = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await item.click({ timeout: uiTimeoutMs });
  }

  /** The quick fixes Ctrl+. offers at the cursor (closes the menu again). */
  async quickFixTitles(): Promise<string[]> {
    await this.openQuickFixMenu();
    const rows = this.page.locator('.action-widget .monaco-list-row');
    const titles = await rows.allInnerTexts();
    await this.page.keyboard.press('Escape');
    return titles.map((title) => title.trim());
  }

  /**
   * Ctrl+. in the focused editor until the quick-fix menu lists something: on a busy machine
   * the code actions for a just-selected range can arrive after the first press, which then
   * shows nothing.
   */
  private async openQuickFixMenu(): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row');
    await waitUntil(
      async () => {
        await this.page.locator('.monaco-editor.focused textarea, .monaco-editor.focused .native-edit-context').first().press('Control+.');
        const shown = await rows.first().waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        );
        if (!shown) await this.page.keyboard.press('Escape');
        return shown;
      },
      'the quick-fix menu at the cursor',
      uiTimeoutMs,
    );
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
  }
}
