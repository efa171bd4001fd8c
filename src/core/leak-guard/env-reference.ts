import type { LeakedSecretKind } from './secret-index';

const variableNames: Record<LeakedSecretKind, string> = {
  apiToken: 'LUCARO_API_TOKEN',
  accessToken: 'LUCARO_ACCESS_TOKEN',
  refreshToken: 'LUCARO_REFRESH_TOKEN',
};

export function environmentVariableName(kind: LeakedSecretKind): string {
  return variableNames[kind];
}

/**
 * The text that reads the secret from the environment instead, for the file types that
 * have an obvious syntax for it: `.env` files (dotenv expansion) and shell scripts use
 * `${NAME}`, VS Code's JSON files (`settings.json`, `launch.json`, `tasks.json`) `${env:NAME}`.
 * Undefined for every other file.
 */
export function environmentReference(fileName: string, languageId: string, kind: LeakedSecretKind): string | undefined {
  const name = environmentVariableName(kind);
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env') || languageId === 'dotenv') return `\${${name}}`;
  if (languageId === 'shellscript' || /\.(sh|bash|zsh)$/.test(base)) return `\${${name}}`;
  if (languageId === 'json' || languageId === 'jsonc') return `\${env:${name}}`;
  return undefined;
}
