/**
 * The logging surface the core writes to. The editor shell backs it with a
 * `LogOutputChannel`; tests back it with an array. Every message and argument passes
 * through `SecretRedactor` before it reaches a sink, so callers may log URLs, bodies and errors.
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
