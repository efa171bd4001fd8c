import type { Logger } from './logger';
import type { SecretRedactor } from './redact';

type Level = keyof Logger;

/** Wraps a sink so that nothing reaches it without passing through the redactor. */
export function createRedactingLogger(sink: Logger, redactor: SecretRedactor): Logger {
  const forward =
    (level: Level) =>
    (message: string | Error, ...args: unknown[]) => {
      const text = [message, ...args].map((part) => redactor.redactValue(part)).join(' ');
      // Once more as a whole: `'token=', value` spells a slot only once joined.
      sink[level](redactor.redact(text));
    };
  return {
    trace: forward('trace'),
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
}
