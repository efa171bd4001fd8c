import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  return {
    vsixPath,
    details: { bundleBytes: bundle, httpStackBytes: httpStack, parserWasmBytes: parser, vsixBytes: vsix, githubBundleBytes: githubBundle, githubFolderBytes: githubFolder },
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
