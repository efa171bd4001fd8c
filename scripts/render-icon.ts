import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../test/harness/browser';
import { runMain } from './run-main';

// `npm run render:icon`: media/icon.png (the Marketplace and Extensions view icon, 128x128)
// from the activity-bar mark media/lucaro.svg, which stays monochrome (`currentColor`) for
// the activity bar. The mark is drawn in white on a tile of the brand blue, which reads both
// on the dark gallery banner and on a white or dark Extensions list.

const root = join(__dirname, '..');
const size = 128;
export const brandBlue = '#2563eb';
export const brandBlueDark = '#1d4ed8';

export function iconHtml(mark: string): string {
  const white = mark.replaceAll('currentColor', '#ffffff').replace(/width="24" height="24"/, 'width="104" height="104"');
  return `<!doctype html><html><body style="margin:0;background:transparent">
<div id="icon" style="width:${size}px;height:${size}px;border-radius:24px;display:flex;align-items:center;justify-content:center;
background:linear-gradient(160deg, ${brandBlue}, ${brandBlueDark})">${white}</div></body></html>`;
}

async function main(): Promise<void> {
  const mark = readFileSync(join(root, 'media', 'lucaro.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(iconHtml(mark));
    const png = await page.locator('#icon').screenshot({ omitBackground: true });
    writeFileSync(join(root, 'media', 'icon.png'), png);
    console.log(`wrote media/icon.png (${png.length} bytes)`);
  } finally {
    await browser.close();
  }
}

runMain(module, main);
