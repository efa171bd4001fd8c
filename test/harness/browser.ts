import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import type { CodeServer } from './code-server';

/** Debian's chromium; Playwright cannot download browsers on these machines. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context logged in to `editor` (its session cookie, as after the login page), so
 * the workbench opens directly; every page of the editor in it shares the login.
 */
export async function editorContext(browser: Browser, editor: CodeServer, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([{ ...editor.sessionCookie, url: editor.origin, sameSite: 'Lax' }]);
  return context;
}
