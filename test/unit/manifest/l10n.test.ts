import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { bundlePath, l10nFiles, manifestStringsPath, pseudoLocalePath, pseudoLocalize } from '../../../scripts/l10n';

const root = join(__dirname, '..', '..', '..');
const refresh = 'run npm run l10n and commit the l10n/ and package.nls.*.json changes';

function readJson(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, string>;
}

function missingAndStale(expected: Record<string, unknown>, actual: Record<string, unknown>) {
  return {
    missing: Object.keys(expected).filter((key) => !(key in actual)),
    stale: Object.keys(actual).filter((key) => !(key in expected)),
  };
}

describe('the l10n bundles', () => {
  let expected = new Map<string, string>();
  before(async () => {
    expected = await l10nFiles();
  });

  test('the manifest points the editor at l10n/', () => {
    const manifest = readJson('package.json') as unknown as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
  });

  test(`every vscode.l10n.t string in src/ is in ${bundlePath}`, () => {
    const exported = JSON.parse(expected.get(bundlePath)!) as Record<string, string>;
    assert.ok(Object.keys(exported).length > 50, 'the export found almost no strings: is src/ still using vscode.l10n.t?');
    const { missing } = missingAndStale(exported, readJson(bundlePath));
    assert.deepEqual(missing, [], `strings missing from ${bundlePath}: ${refresh}`);
  });

  test(`${bundlePath} has no entry the sources no longer use`, () => {
    const exported = JSON.parse(expected.get(bundlePath)!) as Record<string, string>;
    const { stale } = missingAndStale(exported, readJson(bundlePath));
    assert.deepEqual(stale, [], `stale strings in ${bundlePath}: ${refresh}`);
  });

  for (const source of [bundlePath, manifestStringsPath]) {
    const pseudo = pseudoLocalePath(source);
    test(`${pseudo} translates exactly the strings of ${source}`, () => {
      const { missing, stale } = missingAndStale(readJson(source), readJson(pseudo));
      assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, `${pseudo} is out of date: ${refresh}`);
    });
  }

  test('each file is what npm run l10n writes, byte for byte', () => {
    for (const [path, text] of expected) {
      assert.equal(readFileSync(join(root, path), 'utf8'), text, `${path} differs from the export: ${refresh}`);
    }
  });

  test('every vscode.l10n.t call passes its message as a literal, so the export can see it', () => {
    const nonLiteral: string[] = [];
    for (const entry of readdirSync(join(root, 'src'), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      for (const match of readFileSync(file, 'utf8').matchAll(/\bl10n\.t\(\s*(\S.{0,39})/g)) {
        if (!/^['"{]/.test(match[1]!)) nonLiteral.push(`${file.slice(root.length + 1)}: l10n.t(${match[1]}`);
      }
    }
    assert.deepEqual(nonLiteral, []);
  });
});

describe('the pseudo-locale transform', () => {
  const prose = fc.stringMatching(/^[A-Za-z ,.;:!?'-]{0,30}$/);
  const kept = fc.constantFrom('{0}', '{12}', '$(sign-in)', '`https:`', '](command:lucaro.signIn)', 'https://lucaro.dev/docs', 'lucaro.apiUrl', 'lucaro.oauth.clientId');
  const message = fc.array(fc.tuple(prose, kept), { maxLength: 5 }).chain((pairs) =>
    prose.map((tail) => ({ pairs, text: pairs.map(([words, token]) => `${words} ${token} `).join('') + tail })),
  );

  test('keeps placeholders, codicons, code, link targets, URLs and setting names in order, and leaves no ASCII letter elsewhere', () => {
    fc.assert(
      fc.property(message, ({ pairs, text }) => {
        const localized = pseudoLocalize({ key: text }).key as string;
        let rest = localized;
        for (const [, token] of pairs) {
          const at = rest.indexOf(token);
          assert.ok(at >= 0, `${token} lost in ${localized}`);
          assert.doesNotMatch(rest.slice(0, at), /[A-Za-z]/);
          rest = rest.slice(at + token.length);
        }
        assert.doesNotMatch(rest, /[A-Za-z]/);
      }),
      { numRuns: 1000 },
    );
  });
});
