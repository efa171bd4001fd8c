import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';

// The build reaches into undici's lib/ folder (src/core/node/undici-modules.ts) and replaces
// some of its files (esbuild.js). Neither is public API: a new undici release may move them,
// and the build would then bundle the real module or fail only at run time. This test
// states each assumption against the installed undici.

const root = join(__dirname, '..', '..', '..');
const modulesFile = join(root, 'src', 'core', 'node', 'undici-modules.ts');
const undiciLib = join(root, 'node_modules', 'undici', 'lib') + sep;
const build = createRequire(__filename)(join(root, 'esbuild.js')) as {
  undiciStubs: Record<string, string>;
  undiciStubPlugin: esbuild.Plugin;
};
const requireFromModules = createRequire(modulesFile);

/**
 * For each stubbed file (relative to undici/lib): the only files of the bundle that may
 * require it, each with the source that must still be there for the stub to be safe.
 */
const stubAssumptions: Record<string, Record<string, RegExp>> = {
  // Read as the parser's bytes, only when the SIMD build failed to load.
  'llhttp/llhttp-wasm.js': {
    'dispatcher/client-h1.js': /new WebAssembly\.Module\(llhttpWasmData \|\| require\('\.\.\/llhttp\/llhttp-wasm\.js'\)\)/,
  },
  // The stub throws; undici must catch that and fall back to the plain build.
  'llhttp/llhttp_simd-wasm.js': {
    'dispatcher/client-h1.js': /try \{\s*mod = new WebAssembly\.Module\(require\('\.\.\/llhttp\/llhttp_simd-wasm\.js'\)\)\s*\} catch/,
  },
  // The stub has only extractBody, reached only for FormData bodies (client-h2.js, its other
  // importer, is stubbed itself).
  'web/fetch/body.js': {
    'dispatcher/client-h1.js': /if \(util\.isFormDataLike\(body\)\) \{\s*if \(!extractBody\) \{\s*extractBody = require\('\.\.\/web\/fetch\/body\.js'\)\.extractBody/,
  },
  // The stub is the one function client.js calls when a connection negotiates HTTP/2.
  'dispatcher/client-h2.js': {
    'dispatcher/client.js': /const connectH2 = require\('\.\/client-h2\.js'\)/,
  },
};

function undiciPath(input: string): string | undefined {
  const absolute = join(root, input);
  return absolute.startsWith(undiciLib) ? relative(undiciLib, absolute).split(sep).join('/') : undefined;
}

function undiciSource(file: string): string {
  return readFileSync(join(undiciLib, file), 'utf8');
}

describe('the undici layout the build relies on', () => {
  /** undici/lib file -> the undici/lib files that import it, as esbuild bundles dist/undici-http.js. */
  const importers = new Map<string, Set<string>>();

  before(async () => {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [modulesFile],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [build.undiciStubPlugin],
    });
    for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
      const from = undiciPath(input) ?? input;
      for (const imported of imports) {
        const target = undiciPath(imported.path);
        if (target === undefined) continue;
        importers.set(target, (importers.get(target) ?? new Set()).add(from));
      }
    }
  });

  test('undici is pinned to the version installed', () => {
    const pinned = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
      .dependencies.undici;
    const installed = (requireFromModules('undici/package.json') as { version: string }).version;
    assert.equal(pinned, installed, 'package.json must name the exact undici version the stubs were checked against');
  });

  test('every undici module src/core/node/undici-modules.ts requires resolves inside undici/lib', () => {
    const specifiers = [...readFileSync(modulesFile, 'utf8').matchAll(/require\('(undici\/lib\/[^']+)'\)/g)].map((match) => match[1]!);
    assert.ok(specifiers.length >= 5, `found only ${specifiers.join(', ')}`);
    for (const specifier of specifiers) {
      const resolved = requireFromModules.resolve(specifier);
      assert.ok(resolved.startsWith(undiciLib), `${specifier} resolved to ${resolved}`);
      assert.ok(importers.get(relative(undiciLib, resolved).split(sep).join('/'))?.has('src/core/node/undici-modules.ts'), `${specifier} is not in the bundle`);
    }
    const prototype = (requireFromModules('undici/lib/dispatcher/dispatcher') as { prototype: object }).prototype;
    assert.equal(typeof prototype, 'object');
    for (const api of ['undici/lib/api/api-request', 'undici/lib/api/api-connect', 'undici/lib/dispatcher/agent', 'undici/lib/dispatcher/proxy-agent', 'undici/lib/dispatcher/pool']) {
      assert.equal(typeof requireFromModules(api), 'function', api);
    }
  });

  test('each stub has its assumptions written down here', () => {
    assert.deepEqual(Object.keys(build.undiciStubs).sort(), Object.keys(stubAssumptions).sort());
  });

  for (const [stubbed, requirers] of Object.entries(stubAssumptions)) {
    test(`${stubbed} is still reached, and only from ${Object.keys(requirers).join(' and ')}`, () => {
      assert.ok(undiciSource(stubbed).length > 0);
      assert.deepEqual([...(importers.get(stubbed) ?? [])].sort(), Object.keys(requirers).sort(), `files of the bundle that import ${stubbed}`);
      for (const [requirer, source] of Object.entries(requirers)) {
        assert.match(undiciSource(requirer), source, `${requirer} no longer requires ${stubbed} the way the stub assumes`);
      }
    });
  }

  test('llhttp-wasm.js still exports the parser as WebAssembly bytes, what esbuild.js writes to dist/llhttp.wasm', () => {
    const bytes = requireFromModules('undici/lib/llhttp/llhttp-wasm.js') as unknown;
    assert.ok(bytes instanceof Uint8Array);
    // "\0asm", version 1: a WebAssembly binary module.
    assert.deepEqual([...bytes.subarray(0, 8)], [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  });

  test('client-h2.js still exports the one function the stub replaces', () => {
    assert.equal(typeof requireFromModules('undici/lib/dispatcher/client-h2.js'), 'function');
  });
});
