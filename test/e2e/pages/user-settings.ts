import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkbenchWindow } from './workbench';
import { uiTimeoutMs, waitUntil } from './wait';

/**
 * The user's settings.json edited the way a user edits it, in the editor: "Preferences: Open
 * User Settings (JSON)", the whole text replaced (pasted, so no auto-closing brackets get in the
 * way), saved. A save in the editor reaches the extension host at once, where a write to the
 * file from outside took more than 30 s in code-server (testing-in-the-editor.md).
 */
export class UserSettingsJson {
  constructor(
    private readonly workbench: WorkbenchWindow,
    private readonly userDataDir: string,
  ) {}

  private get file(): string {
    return path.join(this.userDataDir, 'User', 'settings.json');
  }

  read(): Record<string, unknown> {
    return fs.existsSync(this.file) ? (JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, unknown>) : {};
  }

  /** Merges `changes` (`undefined` removes a key) and saves in the editor; waits until the file holds them. Needs `allowClipboard`. */
  async change(changes: Record<string, unknown>): Promise<void> {
    const { page, palette, editors } = this.workbench;
    const merged = Object.fromEntries(Object.entries({ ...this.read(), ...changes }).filter(([, value]) => value !== undefined));
    const text = JSON.stringify(merged, null, 2);
    await palette.run('Preferences: Open User Settings (JSON)');
    // VS Code 1.139 may open it in a modal editor rather than a tab: wait for the focused editor.
    await page.locator('.monaco-editor.focused').first().waitFor({ timeout: uiTimeoutMs });
    await this.workbench.writeClipboard(text);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await editors.save();
    // The editor writes the file in place: a read can see it half written.
    await waitUntil(() => fs.readFileSync(this.file, 'utf8') === text, 'settings.json to be saved with the change');
    // A modal editor holds the keyboard: Escape closes it (a tab stays, and is closed next).
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor.focused').first().waitFor({ state: 'detached', timeout: uiTimeoutMs }).catch(() => undefined);
    await palette.run('View: Close All Editors');
  }
}
