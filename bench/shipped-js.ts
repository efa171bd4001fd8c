import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureEditorInstalled } from '../test/harness/install-editor';
import { repoRoot } from '../test/harness/paths';
import type { Row } from './report';

export interface ShippedJs {
  rows: Row[];
  vsixPath: string;
  details: Record<string, number>;
}

/** The built-in GitHub Authentication extension of the code-server the tests use. */
export function githubAuthenticationDir(): string {
  const install = ensureEditorInstalled();
  // .../code-server/out/node/entry.js -> .../code-server/lib/vscode/extensions/github-authentication
  return path.resolve(path.dirname(install.codeServerEntry), '..', '..', 'lib', 'vscode', 'extensions', 'github-authentication');
}

/**
 * Benchmark 1. Packages the extension (vsce runs `vscode:prepublish`, the production build)
 * into `outDir`, then weighs the bundle and the VSIX against GitHub's `dist/extension.js`.
 * Sizes are deterministic: one sample each.
 */
export function shippedJs(outDir: string): ShippedJs {
  fs.mkdirSync(outDir, { recursive: true });
  const vsixPath = path.join(outDir, 'lucaro.vsix');
  fs.rmSync(vsixPath, { force: true });
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--out', vsixPath], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0 || !fs.existsSync(vsixPath)) {
    throw new Error(`vsce package failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  const bundle = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
  // The HTTP stack is a second bundle loaded on the first request, and undici's HTTP parser
  // ships beside it as binary WebAssembly (see esbuild.js).
  const httpStack = fs.statSync(path.join(repoRoot, 'dist', 'undici-http.js')).size;
  const parser = fs.statSync(path.join(repoRoot, 'dist', 'llhttp.wasm')).size;
  const vsix = fs.statSync(vsixPath).size;
  const github = githubAuthenticationDir();
  const githubBundle = fs.statSync(path.join(github, 'dist', 'extension.js')).size;
  const githubFolder = folderSize(github);
  const baseline = { label: 'GitHub Auth dist/extension.js', samples: [githubBundle] };
  const web = webBundleFigures(github);
  return {
    vsixPath,
    details: {
      bundleBytes: bundle,
      httpStackBytes: httpStack,
      parserWasmBytes: parser,
      vsixBytes: vsix,
      githubBundleBytes: githubBundle,
      githubFolderBytes: githubFolder,
      webBundleBytes: web.ours.raw,
      webBundleGzipBytes: web.ours.gzip,
      nodeBundleGzipBytes: gzipBytes(path.join(repoRoot, 'dist', 'extension.js')),
      githubWebBaselineBytes: web.github.raw,
      githubWebBaselineGzipBytes: web.github.gzip,
    },
    rows: [
      {
        benchmark: '1 Shipped JS',
        metric: 'production dist/extension.js (loaded at activation)',
        unit: 'bytes',
        samples: [bundle],
        baseline,
        goal: { kind: 'ratio', max: 1 },
      },
      {
        benchmark: '1 Shipped JS',
        metric: 'dist/ as shipped: extension.js + undici-http.js + llhttp.wasm',
        unit: 'bytes',
        samples: [bundle + httpStack + parser],
        baseline,
        goal: { kind: 'ratio', max: 1 },
      },
      {
        benchmark: '1 Shipped JS',
        metric: 'lucaro.vsix (zip)',
        unit: 'bytes',
        samples: [vsix],
        baseline,
        goal: { kind: 'ratio', max: 1 },
        note: `GitHub Authentication's whole folder (unzipped, with images and media): ${githubFolder} bytes`,
      },
      ...web.rows,
    ],
  };
}

interface Weight {
  raw: number;
  gzip: number;
}

function gzipBytes(file: string): number {
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function weigh(file: string): Weight {
  return { raw: fs.statSync(file).size, gzip: gzipBytes(file) };
}

/**
 * The `browser` bundle (what a web worker downloads: the whole extension in one file) beside
 * the Node bundles, against GitHub Authentication's browser build. The code-server install
 * declares one (`browser` in its package.json) but ships only the Node `dist/extension.js`:
 * then that is the baseline, and the note says so.
 */
function webBundleFigures(github: string): { ours: Weight; github: Weight; rows: Row[] } {
  const ours = weigh(path.join(repoRoot, 'dist', 'web', 'extension.js'));
  const manifest = JSON.parse(fs.readFileSync(path.join(github, 'package.json'), 'utf8')) as { browser?: string };
  const declared = manifest.browser ? path.join(github, manifest.browser) : undefined;
  const hasBrowserBuild = declared !== undefined && fs.existsSync(declared);
  const baselineFile = hasBrowserBuild ? declared : path.join(github, 'dist', 'extension.js');
  const githubWeight = weigh(baselineFile);
  const label = hasBrowserBuild ? 'GitHub Auth browser build' : 'GitHub Auth dist/extension.js (no browser build installed)';
  const note = hasBrowserBuild
    ? `GitHub Authentication's ${path.relative(github, baselineFile)}`
    : `code-server's GitHub Authentication declares "browser": "${manifest.browser ?? '(none)'}" but ships only dist/extension.js (its Node build), the baseline here`;
  const node = weigh(path.join(repoRoot, 'dist', 'extension.js'));
  const nodeAll = node.raw + fs.statSync(path.join(repoRoot, 'dist', 'undici-http.js')).size + fs.statSync(path.join(repoRoot, 'dist', 'llhttp.wasm')).size;
  return {
    ours,
    github: githubWeight,
    rows: [
      {
        benchmark: '1 Shipped JS',
        metric: 'production dist/web/extension.js (the web worker loads all of it)',
        unit: 'bytes',
        samples: [ours.raw],
        baseline: { label, samples: [githubWeight.raw] },
        goal: { kind: 'ratio', max: 1 },
        note: `${note}. Node side: dist/extension.js ${node.raw} bytes, with undici-http.js and llhttp.wasm ${nodeAll} bytes`,
      },
      {
        benchmark: '1 Shipped JS',
        metric: 'production dist/web/extension.js, gzip -9 (as served to a browser)',
        unit: 'bytes',
        samples: [ours.gzip],
        baseline: { label: `${label}, gzip -9`, samples: [githubWeight.gzip] },
        goal: { kind: 'ratio', max: 1 },
        note: `Node dist/extension.js gzip -9: ${node.gzip} bytes`,
      },
    ],
  };
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
