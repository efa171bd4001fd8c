import { mulberry32 } from './prng';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** RFC 6750 §2.1 b64token, before the trailing `=`s. */
const b64tokenChars = `${letters}-._~+/`;
/** RFC 6749 Appendix A VSCHAR: %x20-7E. */
const vschars = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index)).join('');

/**
 * Pieces each code and refresh token carries at a random place, so no run depends on luck:
 * the characters that break a client which decodes twice, splits on them or trims.
 */
const awkwardInVschar = ['+', '/', '=', '%', '&', ' ', '%2B', '%26', '#', '?', '"', '\\'];
const awkwardInB64token = ['+', '/', '-', '.', '_', '~'];

/** Codes go out in a URL (percent-encoded up to three times their length); tokens may use the contract's 4,096. */
const maxCodeLength = 512;
const maxTokenLength = 4096;

/**
 * Issues authorization codes, access tokens and refresh tokens from the full alphabets
 * the contract allows (VSCHAR for codes and refresh tokens, b64token for access tokens),
 * from a seed, so a run that met an awkward value can be repeated with the same values.
 * The prefixes (`lco_`, `lcr_`, `lct_`) only help a person reading a log; clients must not rely on them.
 */
export class SecretMint {
  private readonly random: () => number;

  constructor(readonly seed: number) {
    this.random = mulberry32(seed);
  }

  authorizationCode(): string {
    return this.withAwkward(this.pick(vschars, this.length(24, 96, maxCodeLength)), awkwardInVschar);
  }

  refreshToken(): string {
    return `lcr_${this.withAwkward(this.pick(vschars, this.length(32, 120, maxTokenLength)), awkwardInVschar)}`;
  }

  /** An OAuth access token (`lco_`) or an API token (`lct_`): b64token, ending in one or two `=`. */
  accessToken(prefix: 'lco_' | 'lct_' = 'lco_'): string {
    const body = this.withAwkward(this.pick(b64tokenChars, this.length(32, 96, maxTokenLength)), awkwardInB64token);
    return `${prefix}${body}${'='.repeat(1 + this.integer(2))}`;
  }

  /** Mostly `min`..`max`; one in sixteen much longer, staying 64 below `ceiling` (room for prefix and awkward pieces). */
  private length(min: number, max: number, ceiling: number): number {
    if (this.integer(16) === 0) return max + this.integer(ceiling - max - 64);
    return min + this.integer(max - min + 1);
  }

  private pick(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[this.integer(alphabet.length)];
    return text;
  }

  /** Puts every awkward piece, whole, at a random place in `text`. */
  private withAwkward(text: string, pieces: readonly string[]): string {
    const placed = pieces.map((piece) => ({ piece, at: this.integer(text.length + 1) })).sort((a, b) => a.at - b.at);
    let result = '';
    let from = 0;
    for (const { piece, at } of placed) {
      result += text.slice(from, at) + piece;
      from = at;
    }
    return result + text.slice(from);
  }

  private integer(below: number): number {
    return Math.floor(this.random() * below);
  }
}
