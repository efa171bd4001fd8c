import type { Disposable, Event } from '../core/events';
import type { SecretRedactor } from '../core/log/redact';

/** Anything that announces the secrets it holds: the session manager does, for every server. */
export interface SecretSource {
  readonly onDidLearnSecrets: Event<readonly string[]>;
}

/** Tells the redactor every token the source loads, refreshes or adds, before any of it is logged. */
export function rememberSessionSecrets(redactor: Pick<SecretRedactor, 'remember'>, source: SecretSource): Disposable {
  return source.onDidLearnSecrets((secrets) => redactor.remember(...secrets));
}
