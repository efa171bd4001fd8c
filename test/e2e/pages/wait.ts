import type { Locator } from 'playwright-core';

/** How long a UI step may take before a wait fails. */
export const uiTimeoutMs = 20_000;

const pollMs = 100;

/**
 * Polls `condition` until it answers something truthy and returns that; fails naming `what`
 * after `timeoutMs`. The one wait of the e2e tests: they wait for what they expect to see,
 * never for a fixed time.
 */
export async function waitUntil<T>(condition: () => T | Promise<T>, what: string, timeoutMs = uiTimeoutMs): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(value)})`);
    await pause(pollMs);
  }
}

/**
 * Checks `condition` throughout `durationMs` and fails at the first moment it does not hold.
 * For what must not happen (a request, a second notification, a retry loop): nothing can
 * signal that nothing happened, so the check watches for it over a window long enough for
 * it to have happened.
 */
export async function holdsFor(condition: () => boolean | Promise<boolean>, what: string, durationMs: number): Promise<void> {
  const end = Date.now() + durationMs;
  for (;;) {
    if (!(await condition())) throw new Error(`${what} stopped holding after ${durationMs - (end - Date.now())} ms`);
    if (Date.now() >= end) return;
    await pause(Math.min(pollMs, Math.max(0, end - Date.now())));
  }
}

/** Waits until `condition` has held without a break for `quietMs` (a UI that has stopped changing). */
export async function waitUntilSteady(condition: () => Promise<boolean>, what: string, quietMs: number, timeoutMs = uiTimeoutMs): Promise<void> {
  let since: number | undefined;
  await waitUntil(async () => {
    if (!(await condition())) since = undefined;
    else since ??= Date.now();
    return since !== undefined && Date.now() - since >= quietMs;
  }, what, timeoutMs);
}

/**
 * Waits until the CSS animations on the element, its ancestors and its children (a menu's
 * fade-in) have finished: a click during the fade can be lost.
 */
export async function animationsDone(element: Locator): Promise<void> {
  await element.waitFor({ timeout: uiTimeoutMs });
  await waitUntil(
    () =>
      element.evaluate((node) => {
        interface Animated {
          playState: string;
          effect: { target: { contains(other: unknown): boolean } | null } | null;
        }
        const document = (node as unknown as { ownerDocument: { getAnimations(): Animated[] } }).ownerDocument;
        const related = document.getAnimations().filter((animation) => {
          const target = animation.effect?.target;
          return target && (target.contains(node) || (node as unknown as { contains(other: unknown): boolean }).contains(target));
        });
        return related.every((animation) => animation.playState === 'finished');
      }),
    'the fade-in to end',
  );
}

/** A pattern matching exactly `text`. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${escapeRegExp(text)}$`);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The poll interval of the waits above; not exported: a test never sleeps. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
