// @ts-check
const esbuild = require('esbuild');
const path = require('node:path');

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
  // The parser ships beside the bundle as binary WebAssembly (54 KB) instead of a 72 KB
  // base64 string inside it, read when the first connection opens.
  'llhttp/llhttp-wasm.js':
    "module.exports = require('node:fs').readFileSync(require('node:path').join(__dirname, 'llhttp.wasm'));",
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

/**
 * The HTTP stack is its own bundle, `dist/undici-http.js`, which `loadUndici()` requires on the
 * first request: activation loads only the extension's own code.
 */
/** @type {import('esbuild').Plugin} */
const httpStackSplitPlugin = {
  name: 'http-stack-split',
  setup(build) {
    build.onResolve({ filter: /^\.\/undici-modules$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'core', 'node', 'undici.ts')) ? { path: './undici-http.js', external: true } : undefined,
    );
  },
};

/**
 * The dashboard tabs' code is its own bundle, `dist/dashboards.js`, which `DashboardTabs`
 * imports when the first tab opens: activation carries only the serializer and the commands.
 */
/** @type {import('esbuild').Plugin} */
const dashboardsSplitPlugin = {
  name: 'dashboards-split',
  setup(build) {
    build.onResolve({ filter: /^\.\/dashboard-panels\.js$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'dashboards', 'dashboard-tabs.ts')) ? { path: './dashboards.js', external: true } : undefined,
    );
  },
};

/**
 * The web worker has no Node: a Node builtin (or undici, which needs them) reaching the
 * browser bundle fails the build here, naming the importer, instead of failing at activation.
 */
/** @type {import('esbuild').Plugin} */
const noNodeInWebWorkerPlugin = {
  name: 'no-node-in-web-worker',
  setup(build) {
    const builtins = new Set(require('node:module').builtinModules);
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.replace(/^node:/, '').split('/')[0];
      const isNode = args.path.startsWith('node:') || builtins.has(bare) || bare === 'undici';
      if (!isNode || args.kind === 'entry-point') return undefined;
      return { errors: [{ text: `"${args.path}" is Node-only and cannot run in the web worker (imported by ${args.importer})` }] };
    });
  },
};

/** The `browser` entry: the same extension for the web worker extension host. */
function webBuildOptions() {
  return {
    entryPoints: { extension: 'src/web/extension.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: production ? 'linked' : 'inline',
    sourcesContent: false,
    outdir: path.join('dist', 'web'),
    external: ['vscode'],
    logLevel: 'silent',
    metafile: true,
    plugins: [noNodeInWebWorkerPlugin, problemMatcherPlugin],
  };
}

/** Writes undici's HTTP parser as the binary file the stub above reads. */
function writeParserWasm(outdir) {
  const fs = require('node:fs');
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'llhttp.wasm'), require('undici/lib/llhttp/llhttp-wasm.js'));
}

/**
 * The dashboard tab's page: its own browser bundle (uPlot inside), loaded only when a tab
 * opens, with its style sheets beside it in the one folder the webview may read.
 */
function webviewBuildOptions() {
  return {
    entryPoints: { dashboard: 'webview/dashboard-main.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'inline',
    sourcesContent: false,
    outdir: path.join('dist', 'webview'),
    logLevel: 'silent',
    plugins: [problemMatcherPlugin],
  };
}

function copyWebviewStyles() {
  const fs = require('node:fs');
  const outdir = path.join('dist', 'webview');
  fs.mkdirSync(outdir, { recursive: true });
  fs.copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), path.join(outdir, 'uPlot.min.css'));
  fs.copyFileSync(path.join('webview', 'dashboard.css'), path.join(outdir, 'dashboard.css'));
}

/** The `main` entry and the bundles it loads later, for the Node extension host. */
function nodeBuildOptions(outdir) {
  return {
    entryPoints: {
      extension: 'src/extension.ts',
      'undici-http': 'src/core/node/undici-modules.ts',
      dashboards: 'src/dashboards/dashboard-panels.ts',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: production ? 'linked' : 'inline',
    sourcesContent: false,
    outdir,
    external: ['vscode'],
    // `import('./dashboard-panels.js')` becomes a plain require of the second bundle: the
    // extension host loads CommonJS. (A browser build bundles the import in instead.)
    supported: { 'dynamic-import': false },
    logLevel: 'silent',
    metafile: true,
    plugins: [httpStackSplitPlugin, dashboardsSplitPlugin, undiciStubPlugin, problemMatcherPlugin],
  };
}

async function main() {
  const outdir = 'dist';
  const webview = await esbuild.context(/** @type {import('esbuild').BuildOptions} */ (webviewBuildOptions()));
  copyWebviewStyles();
  const context = await esbuild.context(/** @type {import('esbuild').BuildOptions} */ (nodeBuildOptions(outdir)));
  const web = await esbuild.context(/** @type {import('esbuild').BuildOptions} */ (webBuildOptions()));
  if (watch) {
    writeParserWasm(outdir);
    await Promise.all([context.watch(), webview.watch(), web.watch()]);
    return;
  }
  writeParserWasm(outdir);
  await Promise.all([context.rebuild(), webview.rebuild(), web.rebuild()]);
  await Promise.all([context.dispose(), webview.dispose(), web.dispose()]);
}

// test/unit/build/undici-layout.test.ts loads this file for the stub table and plugin,
// test/unit/build/web-bundle.test.ts for the web worker build, node-bundle.test.ts for the Node one.
module.exports = { undiciStubs, undiciStubPlugin, noNodeInWebWorkerPlugin, webBuildOptions, nodeBuildOptions };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
