import { randomBytes } from 'node:crypto';
import { SecretIndex } from '../src/core/leak-guard/secret-index';
import { nodeSha256 } from '../src/core/node/node-sha256';
import { lineStarts } from '../src/core/leak-guard/text-positions';
import type { SessionRecord } from '../src/core/session/session-record';
import { timed, timeRuns, type RunTimes } from './support/time-runs';

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

async function main(): Promise<void> {
  const found = index.find(text, lookup).length;
  if (found !== 2) throw new Error(`the benchmark's two planted tokens were not both found (${found})`);
  const { match } = await timeRuns(30, { match: () => timed(() => void index.find(text, lookup)) }, { warmUps: 5 });
  // An unopened file with a hit also needs its line starts (an open one asks the editor).
  const { withPositions } = await timeRuns(30, { withPositions: () => timed(() => index.find(text, lookup).length && lineStarts(text)) }, { warmUps: 5 });
  const show = ({ median, p95, max }: RunTimes) => `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, worst ${max.toFixed(1)} ms`;
  console.log(`leak guard, ${(text.length / 1024 / 1024).toFixed(1)} M UTF-16 units, 3 secrets, 2 planted: match ${show(match)}; match + line starts ${show(withPositions)} (budget ${budgetMs} ms, 30 runs)`);
  if (withPositions.median > budgetMs) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
