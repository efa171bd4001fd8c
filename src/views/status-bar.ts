import * as vscode from 'vscode';
import type { SignedInLifetime } from '../account/signed-in-lifetime';
import type { SignedInServices } from '../account/signed-in-services';
import type { RateLimitInfo } from '../core/http/rate-limit';

/** The account in use; while rate limited, the wait; the remaining request budget in the tooltip. */
export class LucaroStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lucaro.status', vscode.StatusBarAlignment.Left, 10);
  private serviceSubscriptions: vscode.Disposable[] = [];
  private readonly lifetimeSubscription: vscode.Disposable;
  private rateLimit: RateLimitInfo | undefined;
  private waitUntil: Date | undefined;
  private countdown: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly lifetime: SignedInLifetime) {
    this.item.name = vscode.l10n.t('Lucaro');
    this.item.command = 'lucaro.switchAccount';
    this.lifetimeSubscription = lifetime.onDidChange((services) => this.follow(services));
    this.follow(lifetime.current);
  }

  dispose(): void {
    this.stopCountdown();
    for (const subscription of this.serviceSubscriptions) subscription.dispose();
    this.lifetimeSubscription.dispose();
    this.item.dispose();
  }

  private follow(services: SignedInServices | undefined): void {
    for (const subscription of this.serviceSubscriptions) subscription.dispose();
    this.stopCountdown();
    this.rateLimit = undefined;
    this.serviceSubscriptions = services
      ? [
          services.onDidSeeRateLimit((info) => {
            this.rateLimit = info;
            this.render();
          }),
          services.onDidWaitForRateLimit(({ until }) => this.startCountdown(until)),
        ]
      : [];
    this.render();
  }

  private startCountdown(until: Date): void {
    this.stopCountdown();
    this.waitUntil = until;
    this.countdown = setInterval(() => {
      if (Date.now() >= until.getTime()) this.stopCountdown();
      this.render();
    }, 1000);
    this.render();
  }

  private stopCountdown(): void {
    if (this.countdown) clearInterval(this.countdown);
    this.countdown = undefined;
    this.waitUntil = undefined;
  }

  private render(): void {
    const services = this.lifetime.current;
    if (!services) {
      this.item.hide();
      return;
    }
    const seconds = this.waitUntil ? Math.max(0, Math.ceil((this.waitUntil.getTime() - Date.now()) / 1000)) : 0;
    if (seconds > 0) {
      this.item.text = `$(watch) ${vscode.l10n.t('Lucaro: rate limited, retrying in {0} s', seconds)}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `$(account) ${services.record.account.label}`;
      this.item.backgroundColor = undefined;
    }
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Lucaro: {0}', services.record.account.label)}**\n\n`);
    tooltip.appendText(vscode.l10n.t('Permissions: {0}', services.record.scopes.join(', ') || '-'));
    if (this.rateLimit) {
      tooltip.appendText('\n\n');
      tooltip.appendText(
        vscode.l10n.t(
          'Rate limit: {0} of {1} requests left, resets at {2}',
          this.rateLimit.remaining,
          this.rateLimit.limit,
          this.rateLimit.resetAt.toLocaleTimeString(),
        ),
      );
    }
    this.item.tooltip = tooltip;
    this.item.show();
  }
}
