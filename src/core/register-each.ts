import type { Disposable } from './events';

/** One thing activation hands to the editor (a provider, a handler, the views, one command) or starts. */
export interface RegistrationPart {
  /** Said in the log when this part fails, e.g. `the authentication provider`. */
  readonly name: string;
  register(): Disposable | readonly Disposable[] | void;
}

/**
 * Registers each part on its own. The editor can refuse one (an API this editor does not
 * offer, a command id taken by another extension); `onFailure` hears of that part by name,
 * and every other part is still registered. Answers the disposables of those that were.
 */
export function registerEach(parts: readonly RegistrationPart[], onFailure: (name: string, error: unknown) => void): Disposable[] {
  const registered: Disposable[] = [];
  for (const part of parts) {
    try {
      const result = part.register();
      if (result === undefined) continue;
      if (isDisposableList(result)) registered.push(...result);
      else registered.push(result);
    } catch (error) {
      onFailure(part.name, error);
    }
  }
  return registered;
}

function isDisposableList(value: Disposable | readonly Disposable[]): value is readonly Disposable[] {
  return Array.isArray(value);
}
