import { secretNamePattern, wholeLineNamePattern } from './secret-names';

export const redactedMarker = '[redacted]';

const marker = String.raw`\[redacted\]`;
/** A key in quotes: `"token"`, `'token'`, or `\"token\"` inside an escaped JSON string. */
const keyQuote = String.raw`((?:\\"|"|')?)`;
const separator = String.raw`([ \t]*[:=][ \t]*)`;
/** A JSON string inside an escaped JSON string: `\"…\"`, where `\\` and `\\\"` are the escapes. */
const escapedJsonString = String.raw`\\"(?:[^\\"]|\\\\(?:\\"|\\\\|[^\\"]))*(?:\\"|$)`;
const doubleQuoted = String.raw`"(?:[^"\\]|\\.)*(?:"|$)`;
const singleQuoted = String.raw`'(?:[^'\\]|\\.)*(?:'|$)`;
const quotedValue = `${escapedJsonString}|${doubleQuoted}|${singleQuoted}`;
/** `"token": null` and `refresh_token: undefined` say a secret is absent: keep them. */
const notALiteral = String.raw`(?!(?:null|true|false|undefined)(?![A-Za-z0-9_]))`;
const unquotedValue = String.raw`${notALiteral}(?:${marker}|[^\s&"',;#\\<>(){}\[\]|])+`;

const slot = (name: string, unquoted: string): RegExp =>
  new RegExp(`${keyQuote}(${name})\\1${separator}(${quotedValue}|${unquoted})`, 'gi');

/** `Authorization: Basic …` and `Cookie: a=1; b=2` hide the rest of the line. */
const wholeLineSlot = slot(wholeLineNamePattern, String.raw`${notALiteral}[^\r\n]+`);
/** `token=x`, `;token=x`, `token: x`, `"token":"x"`, `\"token\":\"x\"`, `'token': 'x'`. */
const nameValueSlot = slot(secretNamePattern, unquotedValue);
/** `Bearer x`, `Bearer%20x`, `Basic+x`; not the parameters of a challenge (`Bearer error="…"`). */
const schemeCredential =
  /(?<![A-Za-z0-9_-])(bearer|basic)([ \t]+|%20|\+)(?!(?:realm|scope|error|error_description|error_uri|charset)[ \t]*=[ \t]*(?:\\?"|[A-Za-z0-9]))[A-Za-z0-9\-._~+/%]+=*/gi;
/** `scheme://user:password@host`: the password goes, the user and host stay. */
const userinfoPassword = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>\\]*):([^\s/?#"'<>\\]+)@/gi;
/** Lucaro API tokens and the local server's OAuth tokens have recognisable prefixes. */
const lucaroToken = /\bl(?:ct|ca|cr)_[A-Za-z0-9_-]{8,}/g;

function redactQuoted(value: string): string {
  if (value.startsWith('\\"')) return `\\"${redactedMarker}\\"`;
  const quote = value[0];
  if (quote === '"' || quote === "'") return `${quote}${redactedMarker}${quote}`;
  return redactedMarker;
}

const replaceSlotValue = (_match: string, quote: string, name: string, separatorText: string, value: string): string =>
  `${quote}${name}${quote}${separatorText}${redactQuoted(value)}`;

/** Hides every value that sits where text of a usual shape keeps a credential. */
export function redactSecretShapes(text: string): string {
  return text
    .replace(userinfoPassword, (_match, userAndScheme: string) => `${userAndScheme}:${redactedMarker}@`)
    .replace(wholeLineSlot, replaceSlotValue)
    .replace(nameValueSlot, replaceSlotValue)
    .replace(schemeCredential, (_match, scheme: string, space: string) => `${scheme}${space}${redactedMarker}`)
    .replace(lucaroToken, redactedMarker);
}
