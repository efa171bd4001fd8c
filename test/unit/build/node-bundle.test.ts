import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';

// The leak guard's SHA-256 comes from the platform seam: Node's createHash in the Node
// bundles, @noble/hashes only in the web worker's. Both are built here as esbuild.js builds them.

const root = join(__dirname, '..', '..', '..');
const build = createRequire(__filename)(join(root, 'esbuild.js')) as {
  nodeBuildOptions: (outdir: string) => esbuild.BuildOptions;
  webBuildOptions: () => esbuild.BuildOptions;
};

/** A string literal of @noble/hashes' hash wrapper (utils.js), kept by minification. */
const nobleMarker = 'Hash#digest() has already been called';

async function bundle(options: esbuild.BuildOptions): Promise<{ outputs: Map<string, string>; inputs: string[] }> {
  const result = await esbuild.build({
    ...options,
    absWorkingDir: root,
    write: false,
    sourcemap: false,
    plugins: (options.plugins ?? []).filter((plugin) => plugin.name !== 'problem-matcher'),
  });
  const outputs = new Map((result.outputFiles ?? []).map((file) => [file.path.slice(root.length + 1).replace(/\\/g, '/'), file.text]));
  return { outputs, inputs: Object.keys(result.metafile?.inputs ?? {}) };
}

describe('SHA-256 in the bundles', () => {
  test('dist/extension.js and the bundles it loads carry no @noble/hashes; dist/web/extension.js does', async () => {
    const node = await bundle(build.nodeBuildOptions(join(root, 'dist')));
    assert.deepEqual([...node.outputs.keys()].filter((path) => path.endsWith('.js')).sort(), ['dist/dashboards.js', 'dist/extension.js', 'dist/undici-http.js']);
    for (const [path, text] of node.outputs) assert.ok(!text.includes(nobleMarker), `${path} holds @noble/hashes`);
    assert.deepEqual(node.inputs.filter((input) => input.includes('node_modules/@noble/')), []);
    assert.ok(node.inputs.includes('src/core/node/node-sha256.ts'));

    const web = await bundle(build.webBuildOptions());
    assert.ok(web.outputs.get('dist/web/extension.js')?.includes(nobleMarker), 'the web worker bundle keeps its pure SHA-256');
    assert.ok(!web.inputs.includes('src/core/node/node-sha256.ts'));
  });
});
