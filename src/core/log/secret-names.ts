/**
 * Names under which a value is a secret, as words: `['access', 'token']` stands for
 * `access_token`, `access-token`, `accessToken` and `ACCESS_TOKEN` alike.
 */
const exactNames: readonly (readonly string[])[] = [
  ['code'],
  ['code', 'challenge'],
  ['device', 'code'],
  ['user', 'code'],
  ['state'],
];

/**
 * These also count with any prefix (`csrf_token`, `x-api-key`, `dbPassword`): a name that
 * ends in one of them holds a secret. `code` and `state` do not take prefixes, so
 * `error_code` and `grant_state` stay readable.
 */
const suffixNames: readonly (readonly string[])[] = [
  ['token'],
  ['secret'],
  ['password'],
  ['passwd'],
  ['verifier'],
  ['api', 'key'],
  ['assertion'],
  ['authorization'],
  ['cookie'],
];

/** Headers whose whole value is a credential, up to the end of the line. */
const wholeLineNames: readonly (readonly string[])[] = [['authorization'], ['cookie']];

function joined(words: readonly string[]): string {
  return words.join('');
}

/** Whether an object key names a secret: case and `_`, `-`, `.` do not matter. */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    exactNames.some((words) => joined(words) === normalized) ||
    suffixNames.some((words) => normalized.endsWith(joined(words)))
  );
}

function wordsPattern(words: readonly string[]): string {
  return words.join('[_.-]?');
}

function alternatives(names: readonly (readonly string[])[]): string {
  return [...names]
    .sort((a, b) => joined(b).length - joined(a).length)
    .map(wordsPattern)
    .join('|');
}

/** A secret name in running text (use with the `i` flag), not part of a longer word. */
export const secretNamePattern = `(?<![A-Za-z0-9_.-])(?:[A-Za-z0-9_.-]*?(?:${alternatives(suffixNames)})|${alternatives(exactNames)})(?![A-Za-z0-9_-])`;

/** Header names whose value runs to the end of the line (`Authorization: Basic …`). */
export const wholeLineNamePattern = `(?<![A-Za-z0-9_.-])[A-Za-z0-9_-]*?(?:${alternatives(wholeLineNames)})(?![A-Za-z0-9_-])`;
