/**
 * The deepest nesting of arrays and objects a Lucaro answer may have. The contract's deepest
 * is 3 (a series' points); V8's `JSON.parse` takes seconds over megabytes of `[[[[…`, so
 * anything deeper is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;

/** A body nested deeper than `MAX_JSON_DEPTH`: never parsed, so never JSON for the caller. */
export class JsonTooDeepError extends SyntaxError {
  override readonly name = 'JsonTooDeepError';
  constructor(readonly maxDepth: number) {
    super(`JSON nested deeper than ${maxDepth} levels`);
  }
}

/**
 * `JSON.parse` for text from the network: the same value for any JSON nested at most
 * `maxDepth` levels, a `JsonTooDeepError` for deeper text (checked by one linear scan
 * first), the `SyntaxError` of `JSON.parse` for text that is not JSON.
 */
export function parseJsonText(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  if (nestsDeeperThan(text, maxDepth)) throw new JsonTooDeepError(maxDepth);
  return JSON.parse(text);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Counts the brackets outside strings. Exact for JSON; for other text its answer does not
 * matter, since `JSON.parse` refuses that text anyway.
 */
function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = endOfString(text, at);
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open` (the text's end if none). */
function endOfString(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) at++;
    else if (code === QUOTE) return at;
  }
  return text.length;
}
