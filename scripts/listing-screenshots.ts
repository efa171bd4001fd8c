import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/harness/browser';
import { runMain } from './run-main';

// `npm run listing:screenshots`: how the Marketplace shows the extension, for a review
// before publishing: docs/images/listing-icon.png (the icon on a light and a dark list),
// listing-banner.png (the page head in the gallery banner colour) and listing-readme.png
// (the first screen: the head, then the README as the page renders it). The page is an
// approximation of the Marketplace layout built from the manifest, not the Marketplace itself.

const root = join(__dirname, '..');
const imagesDir = join(root, 'docs', 'images');
const workDir = join(root, 'test-results', 'listing');

interface Manifest {
  displayName: string;
  publisher: string;
  version: string;
  description: string;
  icon: string;
  categories: string[];
  galleryBanner: { color: string; theme: 'dark' | 'light' };
}

interface MarkdownIt {
  render(markdown: string): string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function readManifest(): Manifest {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const strings = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const description = /^%(.+)%$/.exec(manifest.description)?.[1];
  return { ...manifest, description: description ? (strings[description] ?? manifest.description) : manifest.description };
}

export function listingHtml(manifest: Manifest, readmeHtml: string): string {
  const text = manifest.galleryBanner.theme === 'dark' ? '#ffffff' : '#1f2328';
  return `<!doctype html><html><head><meta charset="utf-8"><base href="${pathToFileURL(root + '/').href}">
<style>
  body { margin: 0; font: 14px/1.5 "Segoe UI", system-ui, sans-serif; color: #1f2328; background: #fff; }
  #banner { background: ${manifest.galleryBanner.color}; color: ${text}; padding: 28px 48px; display: flex; gap: 28px; align-items: center; }
  #banner img { width: 128px; height: 128px; }
  #banner h1 { margin: 0; font-size: 28px; font-weight: 600; }
  #banner .meta { opacity: .85; margin: 4px 0 10px; }
  #banner .install { display: inline-block; background: #0e639c; color: #fff; padding: 4px 14px; border-radius: 2px; }
  #tabs { border-bottom: 1px solid #d0d7de; padding: 0 48px; display: flex; gap: 24px; }
  #tabs span { padding: 10px 0; } #tabs .active { border-bottom: 2px solid #0e639c; font-weight: 600; }
  #readme { padding: 8px 48px 48px; max-width: 880px; }
  #readme img { max-width: 100%; }
  #readme table { border-collapse: collapse; } #readme td, #readme th { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; }
  #readme code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
  #readme pre { background: #f6f8fa; padding: 12px; overflow: auto; }
  #icons { display: inline-flex; }
  #icons div { padding: 24px; display: flex; gap: 16px; align-items: center; font-size: 13px; }
  #icons img { width: 42px; height: 42px; }
</style></head><body>
<div id="banner"><img src="${escapeHtml(manifest.icon)}" alt="">
  <div><h1>${escapeHtml(manifest.displayName)}</h1>
  <div class="meta">${escapeHtml(manifest.publisher)} | v${escapeHtml(manifest.version)} | ${escapeHtml(manifest.categories.join(', '))}</div>
  <div>${escapeHtml(manifest.description)}</div><p><span class="install">Install</span></p></div></div>
<div id="tabs"><span class="active">Details</span><span>Features</span><span>Changelog</span></div>
<div id="readme">${readmeHtml}</div>
<div id="icons">
  <div style="background:#ffffff;color:#1f2328"><img src="${escapeHtml(manifest.icon)}" alt=""><span><b>${escapeHtml(manifest.displayName)}</b><br>${escapeHtml(manifest.publisher)}</span></div>
  <div style="background:#1e1e1e;color:#cccccc"><img src="${escapeHtml(manifest.icon)}" alt=""><span><b>${escapeHtml(manifest.displayName)}</b><br>${escapeHtml(manifest.publisher)}</span></div>
</div>
</body></html>`;
}

async function main(): Promise<void> {
  const markdownIt = createRequire(__filename)('markdown-it') as (options: { html: boolean }) => MarkdownIt;
  const readme = markdownIt({ html: false }).render(readFileSync(join(root, 'README.md'), 'utf8'));
  mkdirSync(workDir, { recursive: true });
  mkdirSync(imagesDir, { recursive: true });
  const page = join(workDir, 'listing.html');
  writeFileSync(page, listingHtml(readManifest(), readme));

  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForFunction(() => [...(globalThis as unknown as { document: { images: { complete: boolean }[] } }).document.images].every((image) => image.complete));
    const shots: [string, () => Promise<Buffer>][] = [
      ['listing-readme.png', () => tab.screenshot()],
      ['listing-banner.png', () => tab.locator('#banner').screenshot()],
      ['listing-icon.png', () => tab.locator('#icons').screenshot()],
    ];
    for (const [name, take] of shots) {
      writeFileSync(join(imagesDir, name), await take());
      console.log(`wrote docs/images/${name}`);
    }
  } finally {
    await browser.close();
  }
}

runMain(module, main);
