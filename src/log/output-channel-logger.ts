import type * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import type { SecretRedactor } from '../core/log/redact';
import { createRedactingLogger } from '../core/log/redacting-logger';

/** The "Lucaro" output channel as the core's logger, behind the central redactor. */
export function outputChannelLogger(channel: vscode.LogOutputChannel, redactor: SecretRedactor): Logger {
  return createRedactingLogger(
    {
      trace: (message) => channel.trace(message),
      debug: (message) => channel.debug(message),
      info: (message) => channel.info(message),
      warn: (message) => channel.warn(message),
      error: (message) => channel.error(message),
    },
    redactor,
  );
}
