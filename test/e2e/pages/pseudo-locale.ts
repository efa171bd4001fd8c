import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DisplayLanguage } from '../../harness/code-server';
import { repoRoot } from '../../harness/paths';

const sourceDir = path.join(repoRoot, 'test', 'e2e', 'pseudo-language-pack');
const locale = 'qps-ploc';

function readStrings(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, string>;
}

/**
 * The pseudo-locale: a test language pack (test/e2e/pseudo-language-pack) that makes `qps-ploc`
 * a display language the editor accepts, and the extension's own qps-ploc strings
 * (`npm run l10n`) to find what the editor should show.
 */
export class PseudoLocale {
  private readonly runtime = readStrings(`l10n/bundle.l10n.${locale}.json`);
  private readonly manifestStrings = readStrings(`package.nls.${locale}.json`);

  private constructor(readonly vsix: string) {}

  /** Packages the language pack into a temporary folder (about 2 s). */
  static package(): PseudoLocale {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-pseudo-pack-'));
    const vsix = path.join(dir, 'pseudo-language-pack.vsix');
    const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
    const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: sourceDir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`packaging the pseudo language pack failed:\n${result.stdout}${result.stderr}`);
    return new PseudoLocale(vsix);
  }

  get displayLanguage(): DisplayLanguage {
    const manifest = JSON.parse(fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8')) as {
      name: string;
      publisher: string;
      version: string;
      contributes: { localizations: { languageId: string; translations: { id: string; path: string }[] }[] };
    };
    const localization = manifest.contributes.localizations.find((entry) => entry.languageId === locale);
    const core = localization?.translations.find((entry) => entry.id === 'vscode');
    if (!core) throw new Error(`the pseudo language pack has no ${locale} translation of the editor`);
    return { locale, languagePack: { id: `${manifest.publisher}.${manifest.name}`, version: manifest.version, coreTranslations: core.path } };
  }

  /** A `vscode.l10n.t` message as the pseudo-locale shows it (placeholders filled in order). */
  readonly t = (english: string, ...args: string[]): string => {
    const message = this.runtime[english];
    if (message === undefined) throw new Error(`"${english}" is not in the l10n bundle`);
    return message.replace(/\{(\d+)\}/g, (_, index: string) => args[Number(index)] ?? '');
  };

  /** A manifest string (`%key%`) as the pseudo-locale shows it. */
  readonly manifest = (key: string): string => {
    const message = this.manifestStrings[key];
    if (message === undefined) throw new Error(`${key} is not in package.nls.${locale}.json`);
    return message;
  };

  dispose(): void {
    fs.rmSync(path.dirname(this.vsix), { recursive: true, force: true });
  }
}

/**
 * The ASCII words left in `text` once every `data` string (names the server sent) is taken
 * out. The pseudo-locale replaces every ASCII letter of a translated string, so what is left
 * is English that never went through a bundle.
 */
export function englishLeft(text: string, data: readonly string[]): string[] {
  let rest = text;
  for (const value of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  return rest.match(/[A-Za-z]+/g) ?? [];
}
