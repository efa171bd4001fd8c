import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { getL10nJson, getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { runMain } from './run-main';

// `npm run l10n`: the runtime bundle exported from src/ by @vscode/l10n-dev, and the
// pseudo-locale (qps-ploc) of it and of package.nls.json. The output depends only on the
// sources: files are read in sorted order and keys written sorted, so a re-run after a merge
// changes exactly the strings that changed (test/unit/manifest/l10n.test.ts compares).

const root = join(__dirname, '..');
export const pseudoLocale = 'qps-ploc';
export const bundlePath = 'l10n/bundle.l10n.json';
export const manifestStringsPath = 'package.nls.json';

/** Every .ts file under src/, sorted by path. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extname(entry.name) === '.ts' && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedByKey(messages: l10nJsonFormat): l10nJsonFormat {
  return Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The strings of every `vscode.l10n.t` call in src/, as @vscode/l10n-dev finds them. */
export async function exportBundle(): Promise<l10nJsonFormat> {
  const files = sourceFiles(join(root, 'src')).map((file) => ({ contents: readFileSync(file, 'utf8'), extension: extname(file) }));
  return sortedByKey(await getL10nJson(files));
}

// Kept as written in the pseudo-locale: placeholders, codicons, inline code, markdown link
// targets, URLs and setting names, which the editor or the user must still recognise.
const untranslatable = /\{\d+\}|\$\([a-z0-9~-]+\)|`[^`]*`|\]\([^)]*\)|\bhttps?:\/\/[^\s)]+|\blucaro\.[A-Za-z.]*[A-Za-z]|\bcommand:[\w.]+/g;

/** Pseudo-localises the prose of each message (l10n-dev's transform), leaving `untranslatable` alone. */
export function pseudoLocalize(messages: l10nJsonFormat): l10nJsonFormat {
  const result: l10nJsonFormat = {};
  for (const [key, value] of Object.entries(messages)) {
    const message = typeof value === 'string' ? value : value.message;
    const parts = message.split(new RegExp(`(${untranslatable.source})`, 'g'));
    const prose = Object.fromEntries(parts.map((part, index) => [String(index), part]).filter((_, index) => index % 2 === 0 && parts[index] !== ''));
    const localized = getL10nPseudoLocalized(prose) as Record<string, string>;
    result[key] = parts.map((part, index) => localized[String(index)] ?? part).join('');
  }
  return result;
}

function readJson(path: string): l10nJsonFormat {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as l10nJsonFormat;
}

export function pseudoLocalePath(path: string): string {
  return path.replace(/\.json$/, `.${pseudoLocale}.json`);
}

/** Every file `npm run l10n` writes, by path relative to the repository, with its content. */
export async function l10nFiles(): Promise<Map<string, string>> {
  const bundle = await exportBundle();
  const manifestStrings = readJson(manifestStringsPath);
  const asText = (messages: l10nJsonFormat) => `${JSON.stringify(messages, null, 2)}\n`;
  return new Map([
    [bundlePath, asText(bundle)],
    [pseudoLocalePath(bundlePath), asText(pseudoLocalize(bundle))],
    [pseudoLocalePath(manifestStringsPath), asText(pseudoLocalize(manifestStrings))],
  ]);
}

async function main(): Promise<void> {
  for (const [path, text] of await l10nFiles()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`wrote ${relative(process.cwd(), join(root, path)) || path}`);
  }
}

runMain(module, main);
