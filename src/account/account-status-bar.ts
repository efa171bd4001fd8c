import * as vscode from 'vscode';
import type { AccountSession } from './account-session';
import { DisposableOwner, SerialDisposable } from '../core/disposable';
import type { RateLimitInfo } from '../core/http/rate-limit';
import { TimeFormat } from '../core/time-format';
import { literalIcons, literalMarkdown } from '../core/encoding/editor-text';

/** How long a rate-limit notice stays when Lucaro did not say how long to wait. */
const unknownWaitMs = 10_000;

/** The account in use; while rate limited, the wait; the remaining request budget in the tooltip. */
export class LucaroStatusBar extends DisposableOwner {
  private readonly item = this._register(vscode.window.createStatusBarItem('lucaro.status', vscode.StatusBarAlignment.Left, 10));
  private readonly countdown = this._register(new SerialDisposable());
  private readonly times = new TimeFormat(vscode.env.language);
  private rateLimit: RateLimitInfo | undefined;
  private waitUntil: Date | undefined;
  /** The client waits and retries by itself, or the request failed and the user may try again. */
  private retrying = true;

  constructor(private readonly account: AccountSession) {
    super();
    this.item.name = vscode.l10n.t('Lucaro');
    this.item.command = 'lucaro.switchAccount';
    this._register(
      account.onDidChange(() => {
        this.stopCountdown();
        this.rateLimit = undefined;
        this.render();
      }),
    );
    this._register(
      account.onDidSeeRateLimit((info) => {
        this.rateLimit = info;
        this.render();
      }),
    );
    this._register(account.onDidWaitForRateLimit(({ until }) => this.startCountdown(until)));
    this.render();
  }

  /** A request failed on a rate limit after the client's own waits: count down to when it may go again. */
  showRateLimited(retryAfterMs: number | undefined): void {
    this.startCountdown(new Date(Date.now() + (retryAfterMs ?? unknownWaitMs)), false);
  }

  private startCountdown(until: Date, retrying = true): void {
    this.stopCountdown();
    this.waitUntil = until;
    this.retrying = retrying;
    const timer = setInterval(() => {
      if (Date.now() >= until.getTime()) this.stopCountdown();
      this.render();
    }, 1000);
    this.countdown.value = { dispose: () => clearInterval(timer) };
    this.render();
  }

  private stopCountdown(): void {
    this.countdown.value = undefined;
    this.waitUntil = undefined;
  }

  private render(): void {
    const record = this.account.record;
    if (!record) {
      this.item.hide();
      return;
    }
    const seconds = this.waitUntil ? Math.max(0, Math.ceil((this.waitUntil.getTime() - Date.now()) / 1000)) : 0;
    if (seconds > 0) {
      this.item.text = `$(watch) ${
        this.retrying
          ? vscode.l10n.t('Lucaro: rate limited, retrying in {0} s', seconds)
          : vscode.l10n.t('Lucaro: rate limited, try again in {0} s', seconds)
      }`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `$(account) ${literalIcons(record.account.label)}`;
      this.item.backgroundColor = undefined;
    }
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Lucaro: {0}', literalMarkdown(record.account.label))}**\n\n`);
    tooltip.appendText(vscode.l10n.t('Permissions: {0}', record.scopes.join(', ') || '-'));
    if (this.rateLimit) {
      tooltip.appendText('\n\n');
      tooltip.appendText(
        vscode.l10n.t(
          'Rate limit: {0} of {1} requests left, resets at {2}',
          this.rateLimit.remaining,
          this.rateLimit.limit,
          this.times.time(this.rateLimit.resetAt.getTime()),
        ),
      );
    }
    this.item.tooltip = tooltip;
    this.item.show();
  }
}
