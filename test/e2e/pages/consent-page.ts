import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from '../../harness/paths';
import { uiTimeoutMs } from './wait';

/** What the extension asked the authorization server for (the consent page's URL). */
export interface AuthorizationRequest {
  readonly url: URL;
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: string[];
}

export interface ConsentAnswer {
  /** Scopes to untick, e.g. 'read:dashboards'. */
  readonly untick?: readonly string[];
  /** Saves a screenshot of the filled page under this name before answering. */
  readonly screenshotAs?: string;
  readonly action?: 'approve' | 'deny';
}

/** Lucaro's consent page, in the popup the extension opened. */
export class ConsentPage {
  constructor(readonly popup: Page) {}

  /** Waits until the popup (about:blank first) shows the authorization page. */
  async loaded(): Promise<this> {
    await this.popup.waitForURL((url) => url.pathname.endsWith('/oauth/authorize'), { waitUntil: 'domcontentloaded', timeout: uiTimeoutMs });
    return this;
  }

  get request(): AuthorizationRequest {
    const url = new URL(this.popup.url());
    assert.equal(url.pathname, '/oauth/authorize', `the popup shows ${this.popup.url()}`);
    return {
      url,
      redirectUri: url.searchParams.get('redirect_uri') ?? '',
      state: url.searchParams.get('state') ?? '',
      scopes: (url.searchParams.get('scope') ?? '').split(' ').filter(Boolean),
    };
  }

  /** Fills demo/demo, unticks scopes and approves (or denies); answers the page it lands on. */
  async answer(answer: ConsentAnswer = {}): Promise<Page> {
    await this.popup.locator('#username').fill('demo');
    await this.popup.locator('#password').fill('demo');
    for (const scope of answer.untick ?? []) await this.popup.locator(scopeCheckbox(scope)).uncheck();
    if (answer.screenshotAs) {
      fs.mkdirSync(screenshotsDir, { recursive: true });
      await this.popup.screenshot({ path: path.join(screenshotsDir, `${answer.screenshotAs}.png`) });
    }
    await Promise.all([
      this.popup.waitForURL((url) => url.pathname !== '/oauth/authorize', { timeout: uiTimeoutMs }),
      this.popup.locator(`#${answer.action ?? 'approve'}`).click(),
    ]);
    await this.popup.waitForLoadState();
    return this.popup;
  }

  close(): Promise<void> {
    return this.popup.close();
  }
}

export function scopeCheckbox(scope: string): string {
  return `#scope-${scope.replace(/:/g, '-')}`;
}
