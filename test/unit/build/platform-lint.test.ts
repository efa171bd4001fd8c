import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..', '..');

// The real eslint.config.mjs on source text placed at a path under src/: the type-aware
// rules are off (the text is in no TypeScript project), the platform rules are what is tested.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
});

const platformRules = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports', 'no-restricted-globals']);

/** What the platform rules (and a parse error) say about `code` at `path`. */
async function platformProblems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === null || platformRules.has(message.ruleId))
    .map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

const nodeReaches = {
  'a node: module': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
  'a builtin by its bare name': "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n",
  'a builtin subpath': "import { setTimeout } from 'timers/promises';\nexport const t = setTimeout;\n",
  'a type from a builtin': "import type { IncomingHttpHeaders } from 'node:http';\nexport type H = IncomingHttpHeaders;\n",
  'undici': "import { Agent } from 'undici';\nexport const a = Agent;\n",
  'an undici internal': "const agent = require('undici/lib/dispatcher/agent');\nexport { agent };\n",
  'Buffer': "export const b = Buffer.from('x');\n",
  'process': "export const env = process.env;\n",
  'a value from a node/ folder': "import { createHttpDispatcher } from '../node/undici-dispatcher';\nexport const c = createHttpDispatcher;\n",
};

describe('the platform seam lint rule', () => {
  for (const [reach, code] of Object.entries(nodeReaches)) {
    test(`fails when shared code under src/ reaches for ${reach}`, async () => {
      for (const path of ['src/core/http/lint-fixture.ts', 'src/sidebar/lint-fixture.ts']) {
        const problems = await platformProblems(path, code);
        assert.ok(
          problems.some((problem) => !problem.startsWith('parse') && problem.includes('web worker')),
          `${path}: ${problems.join('; ') || 'no problem reported'}`,
        );
      }
    });
  }

  test('passes the same code in a node/ folder and in the Node entry', async () => {
    for (const path of ['src/core/node/lint-fixture.ts', 'src/node/lint-fixture.ts', 'src/extension.ts']) {
      for (const code of Object.values(nodeReaches)) {
        assert.deepEqual(await platformProblems(path, code), [], `${path}: ${code}`);
      }
    }
  });

  test('passes portable code and type-only imports of a node/ folder', async () => {
    const portable =
      "import type { HttpDispatcherOptions } from '../core/node/undici-dispatcher';\n" +
      'export type O = HttpDispatcherOptions;\n' +
      'export const id = globalThis.crypto.randomUUID();\n' +
      "export const bytes = new TextEncoder().encode('x');\n";
    assert.deepEqual(await platformProblems('src/config/lint-fixture.ts', portable), []);
  });

  test('still keeps vscode out of the core', async () => {
    const problems = await platformProblems('src/core/http/lint-fixture.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
    assert.ok(problems.some((problem) => problem.startsWith('no-restricted-imports: ') && problem.includes('editor-free')), problems.join('; '));
    const inNodeFolder = await platformProblems('src/core/node/lint-fixture.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
    assert.ok(inNodeFolder.some((problem) => problem.includes('editor-free')), inNodeFolder.join('; '));
  });
});
