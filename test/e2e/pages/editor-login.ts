import type { Page } from 'playwright-core';
import { uiTimeoutMs } from './wait';

/** code-server's login page (`--auth=password`): what a browser without the session sees instead of the workbench. */
export class EditorLogin {
  constructor(private readonly page: Page) {}

  get form() {
    return this.page.locator('form.login-form');
  }

  /** The sentence under the field after a refused password. */
  get error() {
    return this.form.locator('.error');
  }

  /** Waits for the page to show the login form. */
  async shown(): Promise<this> {
    await this.form.waitFor({ state: 'visible', timeout: uiTimeoutMs });
    return this;
  }

  /** Types `password` and submits, as a user does; the editor answers with the workbench or the form again. */
  async logIn(password: string): Promise<void> {
    await this.form.locator('input[name="password"]').fill(password);
    await this.form.locator('input[type="submit"]').click();
  }
}

/**
 * What the editor answers `url` from outside any browser (no session cookie): the status and,
 * for a redirect, where to. Redirects are not followed.
 */
export async function answerWithoutSession(url: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  return { status: response.status, location: response.headers.get('location') };
}
