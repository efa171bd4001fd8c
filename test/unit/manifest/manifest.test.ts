import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { commandIds } from '../../../src/commands/command-ids';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

describe('package.json', () => {
  test('contributes exactly the commands of the command table', () => {
    const contributed = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual(contributed, [...commandIds].sort());
  });

  test('every command is in the Lucaro category with a codicon', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Lucaro', command.command);
      assert.match(command.icon, /^\$\([a-z-]+\)$/, command.command);
    }
  });

  test('activates lazily: no activation events beyond the implicit ones and the dashboard tabs\' serializer', () => {
    // A webview serializer is not implied by any contribution: a restored tab needs the extension running.
    assert.deepEqual(manifest.activationEvents, ['onWebviewPanel:lucaro.dashboard']);
  });

  test('the URL, client and leak guard settings are application-scoped and restricted in untrusted workspaces', () => {
    const properties = manifest.contributes.configuration.properties;
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    // A workspace's .vscode/settings.json must not be able to switch the leak guard off (issue 19).
    for (const key of ['lucaro.apiUrl', 'lucaro.authUrl', 'lucaro.oauth.clientId', 'lucaro.oauth.redirect', 'lucaro.leakGuard.enabled']) {
      assert.equal(properties[key].scope, 'application', key);
      assert.ok(restricted.includes(key), key);
      assert.ok(properties[key].markdownDescription, key);
    }
    assert.equal(properties['lucaro.apiUrl'].default, 'https://api.lucaro.dev');
    assert.equal(properties['lucaro.authUrl'].default, 'https://auth.lucaro.dev');
    assert.equal(properties['lucaro.oauth.clientId'].default, 'lucaro-vscode');
  });

  test('every %placeholder% has a string in package.nls.json, and none is unused', () => {
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!));
    for (const key of used) assert.ok(nls[key], `missing nls key ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `unused nls key ${key}`);
  });

  test('palette entries are gated by when clauses', () => {
    const palette: { command: string; when?: string }[] = manifest.contributes.menus.commandPalette;
    for (const entry of palette) assert.ok(entry.when, entry.command);
  });
});

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('the Marketplace listing', () => {
  const repository = 'https://github.com/lucaro/lucaro-vscode';

  test('the icon is a 128x128 PNG in media/, and the activity bar keeps the monochrome mark', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = readFileSync(join(root, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width and height');
    const mark = manifest.contributes.viewsContainers.activitybar[0].icon;
    assert.equal(mark, 'media/lucaro.svg');
    const colours = new Set([...readFileSync(join(root, mark), 'utf8').matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((match) => match[1]));
    assert.deepEqual([...colours].filter((colour) => colour !== 'none' && colour !== 'currentColor'), []);
  });

  test('the banner is dark enough for its white text (WCAG AAA contrast, 7:1)', () => {
    const { color, theme } = manifest.galleryBanner;
    assert.match(color, /^#[0-9a-f]{6}$/i);
    assert.equal(theme, 'dark');
    const contrast = 1.05 / (luminance(color) + 0.05);
    assert.ok(contrast >= 7, `contrast of white on ${color} is ${contrast.toFixed(1)}`);
  });

  test('categories and keywords say what it does', () => {
    assert.deepEqual(manifest.categories, ['Visualization', 'Other']);
    for (const keyword of ['authentication', 'oauth', 'dashboards', 'metrics']) assert.ok(manifest.keywords.includes(keyword), keyword);
    assert.ok(manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  });

  test('the newest release in CHANGELOG.md is the manifest version, under an Unreleased section at most', () => {
    const headings = [...readFileSync(join(root, 'CHANGELOG.md'), 'utf8').matchAll(/^## (.+)$/gm)].map((match) => match[1]!);
    const releases = headings.filter((heading) => heading !== 'Unreleased');
    assert.ok(headings.indexOf('Unreleased') <= 0, 'Unreleased comes first');
    assert.equal(releases[0], manifest.version);
    for (const release of releases) assert.match(release, /^\d+\.\d+\.\d+$/);
  });

  test('homepage, bugs and repository name the repository the README clones; no Q&A tab', () => {
    assert.ok(readFileSync(join(root, 'README.md'), 'utf8').includes(repository));
    assert.equal(manifest.repository.url, repository);
    assert.equal(manifest.homepage, `${repository}#readme`);
    assert.equal(manifest.bugs.url, `${repository}/issues`);
    assert.equal(manifest.qna, false);
  });
});
