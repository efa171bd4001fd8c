import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SecretIndex } from '../src/core/leak-guard/secret-index';
import { nodeSha256 } from '../src/core/node/node-sha256';
import { lineStarts } from '../src/core/leak-guard/text-positions';
import type { SessionRecord } from '../src/core/session/session-record';

/**
 * Issue 13's budget: scanning a 5 MB file for the signed-in secrets stays under 50 ms.
 * Three sessions (an API token, an OAuth pair), a 5 MB text of source-like lines with
 * the tokens' first characters scattered through it (near-misses the index must confirm
 * and reject) and two real occurrences. Median and worst of 30 runs after 5 warm-ups.
 */
const budgetMs = 50;
const fileBytes = 5 * 1024 * 1024;
const token = () => randomBytes(30).toString('base64url');

const server = { apiUrl: 'https://api.lucaro.dev', authUrl: 'https://auth.lucaro.dev' };
const records: SessionRecord[] = [
  { id: 'api', kind: 'apiToken', server, account: { id: 'usr_1', label: 'Ada' }, accessToken: `lcr_${token()}`, scopes: [] },
  {
    id: 'oauth',
    kind: 'oauth',
    server,
    account: { id: 'usr_2', label: 'Grace' },
    accessToken: token(),
    refreshToken: token(),
    scopes: [],
  },
];

function fiveMegabytes(): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < fileBytes; i++) {
    const nearMiss = records[i % records.length]!.accessToken.slice(0, 7 + (i % 6));
    const line = i % 97 === 0 ? `const key${i} = "${nearMiss}x"; // ${'é😀'.repeat(i % 3)}` : `export const value${i} = compute(${i}, "${token()}");`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.splice(lines.length >> 1, 0, `LUCARO_API_TOKEN=${records[0]!.accessToken}`);
  const tail = `\nrefresh=${records[1]!.refreshToken!}`;
  return lines.join('\n').slice(0, fileBytes - tail.length) + tail;
}

const text = fiveMegabytes();
const index = SecretIndex.build(records, nodeSha256);
const lookup = (id: string) => records.find((record) => record.id === id);

/** Median and worst of 30 timed runs after 5 warm-ups. */
function measure(run: () => void): { median: number; worst: number } {
  const times: number[] = [];
  for (let i = 0; i < 35; i++) {
    const start = performance.now();
    run();
    if (i >= 5) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1]!, worst: times[times.length - 1]! };
}

const found = index.find(text, lookup).length;
if (found !== 2) throw new Error(`the benchmark's two planted tokens were not both found (${found})`);
const match = measure(() => void index.find(text, lookup));
// An unopened file with a hit also needs its line starts (an open one asks the editor).
const withPositions = measure(() => {
  if (index.find(text, lookup).length) lineStarts(text);
});
const show = ({ median, worst }: { median: number; worst: number }) => `median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`;
console.log(`leak guard, ${(text.length / 1024 / 1024).toFixed(1)} M UTF-16 units, 3 secrets, 2 planted: match ${show(match)}; match + line starts ${show(withPositions)} (budget ${budgetMs} ms, 30 runs)`);
if (withPositions.median > budgetMs) process.exitCode = 1;
