import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer } from '../../harness/code-server';
import type { Palette } from './palette';
import type { QuickInput } from './quick-input';
import type { ExtensionHostUnderTest } from './workbench';
import { uiTimeoutMs, waitUntil } from './wait';

/**
 * The editor's log files, the "Lucaro" output channel's among them. With Lucaro in the web
 * worker host its channel is kept in the browser, not in these files: read it from the
 * Output panel there (`hostLine`).
 */
export class ExtensionLog {
  constructor(
    private readonly server: CodeServer,
    private readonly page: Page,
    private readonly palette: Palette,
    private readonly quickInput: QuickInput,
    private readonly extensionHost: ExtensionHostUnderTest,
  ) {}

  /**
   * The channel's first line, "Lucaro <version> is running in <host> (Node process: ...)", as
   * "Lucaro: Show Log" shows it in the Output panel (which activates Lucaro if it was not yet).
   */
  async hostLine(): Promise<string> {
    const shown = await this.shownFromTop();
    const line = /Lucaro \S+ is running in [^.]*\./.exec(shown);
    if (!line) throw new Error(`the Output panel shows no host line: ${shown}`);
    return line[0];
  }

  /**
   * The Lucaro log as this host keeps it: the files (Node host), or what the Output panel
   * shows from the first line on (web worker; the panel draws only the lines in view, which
   * holds activation's lines).
   */
  async lucaroText(): Promise<string> {
    return this.extensionHost === 'webWorker' ? this.shownFromTop() : this.readLucaro();
  }

  /** "Lucaro: Show Log", scrolled to the first line; the text in view, then the panel is hidden again. */
  private async shownFromTop(): Promise<string> {
    await this.palette.run('Lucaro: Show Log');
    const lines = this.page.locator('.part.panel .view-lines .view-line');
    await lines.first().waitFor({ timeout: 60_000 });
    // The panel follows the end of a long log: back to its first line, where the host line is.
    // Clicked in the middle of the visible editor: `.view-lines` is as tall as the whole log, so
    // its own centre can be out of view, under the scroll shadow drawn at the top once scrolled.
    await this.page.locator('.part.panel .monaco-editor').first().click();
    await this.page.keyboard.press('Control+Home');
    await lines.filter({ hasText: /is\srunning\sin/ }).first().waitFor({ timeout: 60_000 });
    // A long line wraps over several view lines, which the editor places by `top`, not in DOM order.
    const shown = await lines.evaluateAll((elements) =>
      elements
        .map((element) => ({ top: parseFloat((element as unknown as { style: { top: string } }).style.top), text: element.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text)
        .join(''),
    );
    await this.palette.run('View: Toggle Panel Visibility');
    await lines.first().waitFor({ state: 'hidden', timeout: uiTimeoutMs });
    // The editor draws spaces as no-break spaces.
    return shown.replace(/\u00a0/g, ' ');
  }

  /** Every file under the editor's logs folder (extension hosts, the Lucaro channel, the server). */
  files(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) files.push(full);
      }
    };
    walk(path.join(this.server.userDataDir, 'logs'));
    return files;
  }

  /** The "Lucaro" channel's files (one per extension host, so one more after each reload). */
  lucaroFiles(): string[] {
    return this.files().filter((file) => path.basename(file) === 'Lucaro.log');
  }

  readLucaro(): string {
    return this.lucaroFiles()
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
  }

  /** How often the Lucaro log says `fragment`. */
  count(fragment: string): number {
    return countOccurrences(this.readLucaro(), fragment);
  }

  /** Waits until the Lucaro log holds `fragment` at least `times` times. */
  async waitForLine(fragment: string, times = 1, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => this.count(fragment) >= times, `the Lucaro log to say "${fragment}" ${times} time(s)`, timeoutMs);
  }

  /** "Developer: Set Log Level..." > Lucaro > `level`, so the channel also writes debug lines. */
  async setLucaroLevel(level: 'Trace' | 'Debug'): Promise<void> {
    // The picker lists the channels that exist when it opens: wait for the activated extension's.
    if (this.extensionHost === 'webWorker') await this.hostLine();
    else await waitUntil(() => this.lucaroFiles().length > 0, 'the Lucaro output channel (the extension to activate)', 60_000);
    await this.palette.run('Developer: Set Log Level...');
    // The list is virtualised and its order varies: filter it so the row is rendered.
    await this.quickInput.input.fill('Lucaro');
    await this.quickInput.rows.filter({ hasText: /^Lucaro/ }).first().click({ timeout: 60_000 });
    // The levels replace the channels in the same widget: a handful of rows, all rendered; the
    // current level's row starts with a check mark.
    await this.quickInput.rows.filter({ hasText: new RegExp(`^\\s*${level}`) }).first().click({ timeout: uiTimeoutMs });
    await this.quickInput.waitClosed();
  }
}

export function countOccurrences(text: string, fragment: string): number {
  return text.split(fragment).length - 1;
}
