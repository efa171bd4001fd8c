import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';
import type { WorkbenchWindow } from './workbench';
import { uiTimeoutMs, waitUntil } from './wait';

const sourceDir = path.join(repoRoot, 'test', 'e2e', 'consumer-extension');

export interface ConsumerSession {
  readonly id: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
  /** A digest: the consumer never writes a token down. */
  readonly tokenDigest: string;
}

export interface ConsumerResult {
  readonly command: string;
  readonly error?: { readonly name: string; readonly message: string };
  readonly session?: ConsumerSession | null;
  readonly first?: ConsumerSession | null;
  readonly accounts?: readonly { readonly id: string; readonly label: string }[];
  readonly before?: { readonly status: number; readonly wwwAuthenticate: string | null };
  readonly after?: { readonly status: number; readonly wwwAuthenticate: string | null };
}

/**
 * "Lucaro Consumer" (test/e2e/consumer-extension): a second extension that calls the Lucaro
 * provider through `vscode.authentication` as third-party extensions do. Its commands run
 * from the palette; each appends its outcome to `resultsFile` (LUCARO_CONSUMER_RESULTS).
 */
export class ConsumerExtension {
  private constructor(
    readonly vsix: string,
    readonly resultsFile: string,
  ) {}

  /** Packages the extension into a temporary folder (about 2 s). */
  static package(): ConsumerExtension {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-consumer-'));
    const vsix = path.join(dir, 'lucaro-consumer.vsix');
    const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
    const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: sourceDir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`packaging the consumer extension failed:\n${result.stdout}${result.stderr}`);
    return new ConsumerExtension(vsix, path.join(dir, 'results.jsonl'));
  }

  /** What the workbench needs: the extension to install and the variable naming the results file. */
  get env(): NodeJS.ProcessEnv {
    return { LUCARO_CONSUMER_RESULTS: this.resultsFile };
  }

  results(): ConsumerResult[] {
    if (!fs.existsSync(this.resultsFile)) return [];
    return fs
      .readFileSync(this.resultsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ConsumerResult);
  }

  /**
   * Runs "Lucaro Consumer: <title>", types `inputs` into its input boxes, and (unless `answer`
   * handles what the editor shows next) resolves with the result the command wrote.
   */
  async run(window: WorkbenchWindow, title: string, inputs: readonly string[] = [], answer?: () => Promise<void>): Promise<ConsumerResult> {
    const before = this.results().length;
    await window.palette.run(`Lucaro Consumer: ${title}`);
    for (const input of inputs) {
      await window.quickInput.titled('Lucaro Consumer:').waitFor({ timeout: uiTimeoutMs });
      await window.quickInput.input.fill(input);
      await window.quickInput.input.press('Enter');
    }
    await answer?.();
    return this.nextResult(before);
  }

  /** The result written after the first `count`. */
  async nextResult(count: number, timeoutMs = uiTimeoutMs): Promise<ConsumerResult> {
    return waitUntil(() => this.results()[count], `the consumer extension's result #${count + 1}`, timeoutMs);
  }

  dispose(): void {
    fs.rmSync(path.dirname(this.vsix), { recursive: true, force: true });
  }
}
