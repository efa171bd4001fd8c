/**
 * `WWW-Authenticate` as RFC 9110 §11.6.1 defines it:
 *
 *     challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *     auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * A header value holds a comma-separated list of challenges; parameter names are
 * case-insensitive (kept lower-cased here), values are unquoted and unescaped.
 */

export interface AuthChallenge {
  /** As sent; compare case-insensitively (`isScheme`). */
  readonly scheme: string;
  /** Lower-cased names; a repeated name keeps its first value. */
  readonly params: Readonly<Record<string, string>>;
  readonly token68?: string;
}

export class MalformedChallengeError extends Error {
  override readonly name = 'MalformedChallengeError';
  constructor(
    readonly position: number,
    reason: string,
  ) {
    super(`The WWW-Authenticate value cannot be read at character ${position}: ${reason}.`);
  }
}

const tchar = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const token68Char = /[-._~+/0-9A-Za-z]/;

export function isScheme(challenge: { readonly scheme: string }, scheme: string): boolean {
  return challenge.scheme.toLowerCase() === scheme.toLowerCase();
}

/** Every challenge of the value, in order; throws `MalformedChallengeError` on anything else. */
export function parseWwwAuthenticate(value: string): AuthChallenge[] {
  return new ChallengeReader(value).challenges();
}

/** The header value that `parseWwwAuthenticate` reads back as `challenges`. */
export function formatWwwAuthenticate(challenges: readonly AuthChallenge[]): string {
  return challenges
    .map((challenge) => {
      if (challenge.token68 !== undefined) return `${challenge.scheme} ${challenge.token68}`;
      const params = Object.entries(challenge.params).map(([name, value]) => `${name}=${quoteString(value)}`);
      return params.length ? `${challenge.scheme} ${params.join(', ')}` : challenge.scheme;
    })
    .join(', ');
}

export function quoteString(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** One pass over the value; `at` is the next unread character. */
class ChallengeReader {
  private at = 0;

  constructor(private readonly text: string) {}

  challenges(): AuthChallenge[] {
    const found: AuthChallenge[] = [];
    this.skipListSeparators();
    while (!this.done()) {
      found.push(this.challenge());
      this.skipWhitespace();
      if (this.done()) break;
      if (this.peek() !== ',') this.fail('expected "," between challenges');
      this.skipListSeparators();
    }
    return found;
  }

  private challenge(): AuthChallenge {
    const scheme = this.token('an auth-scheme');
    const params: Record<string, string> = {};
    if (this.done() || this.peek() === ',') return { scheme, params };
    if (!this.isWhitespace(this.peek())) this.fail('expected a space after the auth-scheme');
    this.skipWhitespace();
    if (this.done() || this.peek() === ',') return { scheme, params };
    const token68 = this.tryToken68();
    if (token68 !== undefined) return { scheme, params, token68 };
    for (;;) {
      this.param(params);
      // A comma followed by `name =` continues this challenge; anything else starts the next one.
      const mark = this.at;
      this.skipWhitespace();
      if (this.peek() !== ',') {
        this.at = mark;
        return { scheme, params };
      }
      this.skipListSeparators();
      if (this.done() || !this.startsParam()) {
        this.at = mark;
        return { scheme, params };
      }
    }
  }

  private param(params: Record<string, string>): void {
    const name = this.token('a parameter name').toLowerCase();
    this.skipWhitespace();
    if (this.peek() !== '=') this.fail('expected "=" after a parameter name');
    this.at += 1;
    this.skipWhitespace();
    const value = this.peek() === '"' ? this.quoted() : this.token('a parameter value');
    // Own properties only: `constructor` or `__proto__` is a name like any other here.
    if (!Object.hasOwn(params, name)) Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  }

  /** After a comma: `token BWS "="`, without consuming it. */
  private startsParam(): boolean {
    let at = this.at;
    while (at < this.text.length && tchar.test(this.text[at]!)) at += 1;
    if (at === this.at) return false;
    while (at < this.text.length && this.isWhitespace(this.text[at]!)) at += 1;
    return this.text[at] === '=' && this.text[at + 1] !== '=';
  }

  /** `token68` is `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`, ending the challenge. */
  private tryToken68(): string | undefined {
    let at = this.at;
    while (at < this.text.length && token68Char.test(this.text[at]!)) at += 1;
    if (at === this.at) return undefined;
    let end = at;
    while (end < this.text.length && this.text[end] === '=') end += 1;
    let after = end;
    while (after < this.text.length && this.isWhitespace(this.text[after]!)) after += 1;
    // `name=value` continues after the `=`: a parameter, not a token68 with padding.
    if (after < this.text.length && this.text[after] !== ',') return undefined;
    const value = this.text.slice(this.at, end);
    this.at = end;
    return value;
  }

  private quoted(): string {
    const start = this.at;
    this.at += 1;
    let value = '';
    while (!this.done()) {
      const char = this.text[this.at]!;
      if (char === '"') {
        this.at += 1;
        return value;
      }
      if (char === '\\') {
        if (this.at + 1 >= this.text.length) break;
        value += this.text[this.at + 1];
        this.at += 2;
        continue;
      }
      if (char < ' ' && char !== '\t') this.fail('a control character inside a quoted string');
      value += char;
      this.at += 1;
    }
    throw new MalformedChallengeError(start, 'a quoted string is not closed');
  }

  private token(what: string): string {
    const start = this.at;
    while (!this.done() && tchar.test(this.peek())) this.at += 1;
    if (this.at === start) this.fail(`expected ${what}`);
    return this.text.slice(start, this.at);
  }

  private skipListSeparators(): void {
    while (!this.done() && (this.peek() === ',' || this.isWhitespace(this.peek()))) this.at += 1;
  }

  private skipWhitespace(): void {
    while (!this.done() && this.isWhitespace(this.peek())) this.at += 1;
  }

  private isWhitespace(char: string): boolean {
    return char === ' ' || char === '\t';
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }

  private done(): boolean {
    return this.at >= this.text.length;
  }

  private fail(reason: string): never {
    throw new MalformedChallengeError(this.at, reason);
  }
}
