// @ts-check
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the form the `$esbuild-watch` problem matcher reads. */
/** @type {import('esbuild').Plugin} */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * Modules that undici's Agent and proxy agent load but this extension never uses: the SIMD
 * build of the HTTP parser (undici falls back to the plain WebAssembly build, same output),
 * FormData bodies (every body here is a string) and HTTP/2 (never enabled). Stubbing them
 * keeps about 100 KB out of the bundle; each stub throws if it is ever reached.
 */
const undiciStubs = {
  'llhttp/llhttp_simd-wasm.js': 'throw new Error("undici SIMD parser is not bundled");',
  'web/fetch/body.js': 'module.exports = { extractBody() { throw new Error("undici FormData bodies are not bundled"); } };',
  'dispatcher/client-h2.js': 'module.exports = function connectH2() { throw new Error("undici HTTP/2 is not bundled"); };',
};

/** @type {import('esbuild').Plugin} */
const undiciStubPlugin = {
  name: 'undici-stubs',
  setup(build) {
    build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/].*\.js$/ }, (args) => {
      const path = args.path.replace(/\\/g, '/');
      const stub = Object.entries(undiciStubs).find(([suffix]) => path.endsWith(`/undici/lib/${suffix}`));
      return stub ? { contents: stub[1], loader: 'js' } : undefined;
    });
  },
};

async function main() {
  const context = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: production ? 'linked' : 'inline',
    sourcesContent: false,
    outfile: 'dist/extension.js',
    external: ['vscode'],
    logLevel: 'silent',
    metafile: true,
    plugins: [undiciStubPlugin, problemMatcherPlugin],
  });
  if (watch) {
    await context.watch();
    return;
  }
  await context.rebuild();
  await context.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
