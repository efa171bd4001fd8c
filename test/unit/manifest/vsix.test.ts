import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as yauzl from 'yauzl';

const root = join(__dirname, '..', '..', '..');

/** What an installed extension needs, and nothing else (the source map stays out: it doubles the size). */
const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/dist\/extension\.js$/,
  /^extension\/dist\/web\/extension\.js$/,
  /^extension\/dist\/llhttp\.wasm$/,
  /^extension\/dist\/undici-http\.js$/,
  /^extension\/dist\/dashboards\.js$/,
  /^extension\/dist\/webview\/(dashboard\.js|dashboard\.css|uPlot\.min\.css)$/,
  /^extension\/media\/[a-z0-9-]+\.(svg|png)$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
];

function listEntries(vsix: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the packaged .vsix', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lucaro-vsix-'));
  const vsix = join(folder, 'lucaro.vsix');
  let entries: string[] = [];
  let output = '';

  before(async () => {
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr || result.stdout);
    output = `${result.stdout}${result.stderr}`;
    entries = await listEntries(vsix);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('vsce packages it without a warning', () => {
    assert.doesNotMatch(output, /warn/i);
  });

  test('holds only the bundle, media, manifest, nls files, l10n bundles, README, CHANGELOG and LICENSE', () => {
    const unexpected = entries.filter((name) => !name.endsWith('/') && !allowed.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
  });

  test('holds the Node and web worker bundles, the dashboard tab, the manifest, its strings, the l10n bundles and the icons', () => {
    const requiredEntries = [
      'extension/dist/extension.js',
      'extension/dist/web/extension.js',
      'extension/dist/dashboards.js',
      'extension/dist/webview/dashboard.js',
      'extension/dist/webview/dashboard.css',
      'extension/dist/webview/uPlot.min.css',
      'extension/dist/undici-http.js',
      'extension/dist/llhttp.wasm',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.qps-ploc.json',
      'extension/l10n/bundle.l10n.json',
      'extension/l10n/bundle.l10n.qps-ploc.json',
      'extension/media/lucaro.svg',
      'extension/media/icon.png',
    ];
    for (const required of requiredEntries) {
      assert.ok(entries.includes(required), `${required} missing from ${entries.join(', ')}`);
    }
  });

  // Two hosts' bundles (Node with undici, web worker with fetch) and the chart page with uPlot:
  // about 215 KB compressed at 0.3.0; the cap leaves room, not a habit of growing.
  test('stays small', () => {
    const bytes = statSync(vsix).size;
    assert.ok(bytes < 240 * 1024, `lucaro.vsix is ${bytes} bytes`);
  });
});
