/** mulberry32: a tiny seeded PRNG, good enough for demo data and fault injection. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic 32-bit hash of numbers and strings, to seed per-item generators. */
export function hash32(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    h = Math.imul(h ^ 0xff, 0x01000193);
  }
  return h >>> 0;
}

const MUL_A = 0x7feb352d;
const MUL_B = 0x846ca68b;

/**
 * A keyed bijection on 32-bit integers: ids look random yet stay unique and can be
 * turned back into an index, so 20,000 projects need no lookup table.
 */
export class IdScrambler {
  private readonly key: number;
  private readonly invA = inverseOdd(MUL_A);
  private readonly invB = inverseOdd(MUL_B);

  constructor(seed: number, salt: string) {
    this.key = hash32(seed, salt);
  }

  scramble(index: number): number {
    let x = (index ^ this.key) >>> 0;
    x = xorShift16(x);
    x = Math.imul(x, MUL_A) >>> 0;
    x = xorShift16(x);
    x = Math.imul(x, MUL_B) >>> 0;
    return xorShift16(x);
  }

  unscramble(value: number): number {
    let x = xorShift16(value >>> 0);
    x = Math.imul(x, this.invB) >>> 0;
    x = xorShift16(x);
    x = Math.imul(x, this.invA) >>> 0;
    x = xorShift16(x);
    return (x ^ this.key) >>> 0;
  }
}

/** x ^= x >>> 16 undoes itself, because the shift is at least half the width. */
function xorShift16(x: number): number {
  return (x ^ (x >>> 16)) >>> 0;
}

/** Multiplicative inverse of an odd number modulo 2^32 (Newton's iteration). */
function inverseOdd(m: number): number {
  let inv = m;
  for (let i = 0; i < 5; i++) {
    inv = Math.imul(inv, 2 - Math.imul(m, inv));
  }
  return inv >>> 0;
}
