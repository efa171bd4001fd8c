import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { keyedFingerprint } from '../../../src/core/leak-guard/fingerprint';
import { minimumSecretLength, SecretIndex, type SecretMatch } from '../../../src/core/leak-guard/secret-index';
import { nodeHmacSha256, nodeSha256 } from '../../../src/core/node/node-sha256';
import type { SessionRecord } from '../../../src/core/session/session-record';

const runs = { numRuns: 1000 };
const fingerprint = keyedFingerprint(new Uint8Array(32).fill(7), nodeHmacSha256);

/** A small alphabet makes overlaps, shared prefixes and near-misses common. */
const secretChar = fc.constantFrom('a', 'b', 'c', '-', '_', '.', '~', '+', '/', '=');
const secret = fc.array(secretChar, { minLength: minimumSecretLength, maxLength: 14 }).map((chars) => chars.join(''));
/** Text around secrets: unicode (astral and combining), newlines, quotes, the secret alphabet. */
const surrounding = fc.string({
  unit: fc.oneof(secretChar, fc.constantFrom('é', '😀', '\u0301', '\n', '"', '=', ' ', '\u0000', 'ß', '中'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })),
  maxLength: 12,
});

const record = fc.record({
  kind: fc.constantFrom<'oauth' | 'apiToken'>('oauth', 'apiToken'),
  accessToken: secret,
  refreshToken: secret,
  label: fc.constantFrom('Ada', 'Grace', 'Émile 😀'),
});

const records = fc.array(record, { minLength: 1, maxLength: 4 }).map((drafts) =>
  drafts.map(
    (draft, i): SessionRecord => ({
      id: `session-${i}`,
      kind: draft.kind,
      server: { apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev' },
      account: { id: `usr_${i}`, label: draft.label },
      accessToken: draft.accessToken,
      ...(draft.kind === 'oauth' ? { refreshToken: draft.refreshToken } : {}),
      scopes: [],
    }),
  ),
);

function secretsOf(held: readonly SessionRecord[]) {
  return held.flatMap((entry) =>
    entry.kind === 'apiToken'
      ? [{ id: entry.id, kind: 'apiToken', value: entry.accessToken }]
      : [
          { id: entry.id, kind: 'accessToken', value: entry.accessToken },
          ...(entry.refreshToken ? [{ id: entry.id, kind: 'refreshToken', value: entry.refreshToken }] : []),
        ],
  );
}

/** A near-miss: one character changed, one dropped at either end, or cut short. */
function nearMiss(value: string, how: number, at: number): string {
  const i = at % value.length;
  switch (how % 4) {
    case 0:
      return value.slice(0, i) + (value[i] === 'a' ? 'b' : 'a') + value.slice(i + 1);
    case 1:
      return value.slice(1);
    case 2:
      return value.slice(0, -1);
    default:
      return value.slice(0, Math.max(minimumSecretLength - 1, i));
  }
}

const piece = fc.oneof(
  surrounding.map((text) => ({ type: 'text' as const, text, pick: 0, how: 0, at: 0 })),
  fc.record({ type: fc.constant('secret' as const), text: fc.constant(''), pick: fc.nat(), how: fc.constant(0), at: fc.constant(0) }),
  fc.record({ type: fc.constant('nearMiss' as const), text: fc.constant(''), pick: fc.nat(), how: fc.nat(), at: fc.nat() }),
);

const scenario = records.chain((held) =>
  fc.array(piece, { maxLength: 12 }).map((pieces) => {
    const secrets = secretsOf(held);
    const text = pieces
      .map((p) => {
        if (p.type === 'text') return p.text;
        const chosen = secrets[p.pick % secrets.length]!.value;
        return p.type === 'secret' ? chosen : nearMiss(chosen, p.how, p.at);
      })
      .join('');
    return { held, text };
  }),
);

/** The oracle: every start of every secret, by brute force. */
function expected(held: readonly SessionRecord[], text: string): string[] {
  const found: string[] = [];
  for (const { id, kind, value } of secretsOf(held)) {
    for (let start = text.indexOf(value); start !== -1; start = text.indexOf(value, start + 1)) {
      found.push(`${start}:${start + value.length}:${id}:${kind}`);
    }
  }
  return found.sort();
}

const described = (matches: readonly SecretMatch[]) => matches.map((m) => `${m.start}:${m.end}:${m.sessionId}:${m.kind}`).sort();
const lookupIn = (held: readonly SessionRecord[]) => (id: string) => held.find((entry) => entry.id === id);

describe('SecretIndex (property)', () => {
  test('finds exactly the occurrences of the signed-in secrets: none missed, nothing else reported', () => {
    fc.assert(
      fc.property(scenario, ({ held, text }) => {
        const matches = SecretIndex.build(held, nodeSha256, fingerprint).find(text, lookupIn(held));
        assert.deepEqual(described(matches), expected(held, text));
        for (const match of matches) {
          const value = text.slice(match.start, match.end);
          assert.equal(match.lastFour, value.slice(-4));
          assert.equal(match.accountLabel, held.find((entry) => entry.id === match.sessionId)!.account.label);
        }
      }),
      runs,
    );
  });

  test('a secret at the very start and the very end of the text, with unicode around the rest', () => {
    fc.assert(
      fc.property(records, surrounding, fc.nat(), fc.nat(), (held, middle, first, second) => {
        const secrets = secretsOf(held);
        const head = secrets[first % secrets.length]!.value;
        const tail = secrets[second % secrets.length]!.value;
        const text = head + middle + tail;
        const found = described(SecretIndex.build(held, nodeSha256, fingerprint).find(text, lookupIn(held)));
        assert.deepEqual(found, expected(held, text));
        assert.ok(found.some((entry) => entry.startsWith(`0:${head.length}:`)));
        assert.ok(found.some((entry) => entry.startsWith(`${text.length - tail.length}:${text.length}:`)));
      }),
      runs,
    );
  });

  test('the index keeps no copy of a secret, and a rotated secret no longer matches its old value', () => {
    fc.assert(
      fc.property(records, fc.nat(), (held, pick) => {
        const index = SecretIndex.build(held, nodeSha256, fingerprint);
        const shown = inspect(index, { depth: Infinity, maxArrayLength: 64, maxStringLength: Infinity, showHidden: true });
        for (const { value } of secretsOf(held)) assert.ok(!shown.includes(value), 'a secret is held by the index');
        const rotatedAt = pick % held.length;
        const old = held[rotatedAt]!.accessToken;
        const rotated = held.map((entry, i) => (i === rotatedAt ? { ...entry, accessToken: `${entry.accessToken}~rotated` } : entry));
        const stale = index.find(old, lookupIn(rotated)).filter((match) => match.sessionId === held[rotatedAt]!.id && match.kind !== 'refreshToken');
        assert.deepEqual(stale, []);
      }),
      runs,
    );
  });
});

describe('SecretIndex.scan: a cap on the matches (issue 19)', () => {
  test('property: at most `limit` matches, each one find gives; with the skipped left out the rest is counted exactly', () => {
    fc.assert(
      fc.property(scenario, fc.nat({ max: 6 }), fc.nat(), fc.boolean(), ({ held, text }, limit, pick, skipOne) => {
        const index = SecretIndex.build(held, nodeSha256, fingerprint);
        const lookup = lookupIn(held);
        const skipped = skipOne ? fingerprint(secretsOf(held)[pick % secretsOf(held).length]!.value) : undefined;
        const all = index.find(text, lookup).filter((match) => match.fingerprint !== skipped);
        const { matches, beyondLimit } = index.scan(text, lookup, { limit, skip: (fingerprint) => fingerprint === skipped });
        assert.equal(matches.length, Math.min(limit, all.length));
        assert.equal(matches.length + beyondLimit, all.length);
        const everyMatch = new Set(described(all));
        for (const entry of described(matches)) assert.ok(everyMatch.has(entry), `${entry} is not an occurrence`);
        assert.deepEqual(
          matches.map((match) => match.start),
          [...matches.map((match) => match.start)].sort((a, b) => a - b),
        );
      }),
      runs,
    );
  });

  test('a 4.5 MB text holding one token 100,000 times gives 100 matches and counts the other 99,900', () => {
    const token = `lcr_${'Tq3Xn8vLw2pR7sK9mYd5'.repeat(2)}`;
    const held: SessionRecord[] = [
      { id: 'api', kind: 'apiToken', server: { apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev' }, account: { id: 'usr_1', label: 'Ada' }, accessToken: token, scopes: [] },
    ];
    const text = `${token}\n`.repeat(100_000);
    const { matches, beyondLimit } = SecretIndex.build(held, nodeSha256, fingerprint).scan(text, lookupIn(held), { limit: 100 });
    assert.equal(matches.length, 100);
    assert.equal(beyondLimit, 99_900);
    assert.deepEqual(
      matches.slice(0, 2).map((match) => [match.start, match.end]),
      [
        [0, token.length],
        [token.length + 1, 2 * token.length + 1],
      ],
    );
  });
});
