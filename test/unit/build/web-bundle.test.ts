import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';

// The `browser` entry runs in a web worker: no Node builtins, no undici. esbuild.js fails the
// web build when one is imported; this states that the check bites and the real entry passes it.

const root = join(__dirname, '..', '..', '..');
const build = createRequire(__filename)(join(root, 'esbuild.js')) as {
  noNodeInWebWorkerPlugin: esbuild.Plugin;
  webBuildOptions: () => esbuild.BuildOptions;
};

function bundleForWorker(contents: string): Promise<esbuild.BuildResult> {
  return esbuild.build({
    ...build.webBuildOptions(),
    entryPoints: undefined,
    stdin: { contents, resolveDir: root, sourcefile: 'probe.ts', loader: 'ts' },
    write: false,
    outdir: undefined,
    sourcemap: false,
    plugins: [build.noNodeInWebWorkerPlugin],
  });
}

describe('the web worker bundle (dist/web/extension.js)', () => {
  for (const specifier of ['node:crypto', 'crypto', 'node:timers/promises', 'fs/promises', 'http', 'undici', 'undici/lib/dispatcher/agent']) {
    test(`an import of "${specifier}" fails the build, naming it`, async () => {
      await assert.rejects(bundleForWorker(`import * as m from '${specifier}'; console.log(m);`), (error: Error) => {
        assert.match(error.message, new RegExp(`"${specifier.replace(/[/]/g, '\\/')}" is Node-only and cannot run in the web worker`));
        return true;
      });
    });
  }

  test('vscode stays external and browser-safe packages bundle', async () => {
    const result = await bundleForWorker(`import * as vscode from 'vscode'; import * as v from 'valibot'; console.log(vscode, v);`);
    assert.equal(result.errors.length, 0);
  });

  test('src/web/extension.ts builds for the browser platform with no require but vscode', async () => {
    const result = await esbuild.build({ ...build.webBuildOptions(), write: false, sourcemap: false, minify: false });
    const [output] = result.outputFiles ?? [];
    assert.ok(output, 'one output file');
    assert.match(output.path, /dist[/\\]web[/\\]extension\.js$/);
    const required = [...output.text.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(required)], ['vscode']);
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    assert.ok(!inputs.some((input) => input.includes('node_modules/undici/') || input.includes('src/core/node/')), 'no undici or Node-only core code');
  });
});
