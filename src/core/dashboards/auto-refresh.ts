/** Shortest auto-refresh: a smaller setting is read as this, to spare the rate limit. */
export const minAutoRefreshSeconds = 10;

/** Longest: a day. A timer longer than about 24.8 days would fire at once (setTimeout's limit). */
export const maxAutoRefreshSeconds = 86_400;

/** `lucaro.dashboards.autoRefreshSeconds` as milliseconds, or undefined for off (0 or not a number). */
export function autoRefreshMs(setting: unknown): number | undefined {
  if (typeof setting !== 'number' || !Number.isFinite(setting) || setting <= 0) return undefined;
  return Math.min(maxAutoRefreshSeconds, Math.max(minAutoRefreshSeconds, Math.round(setting))) * 1000;
}
