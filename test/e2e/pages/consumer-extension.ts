import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageTestExtension, removePackagedTestExtension } from './test-extension';
import type { WorkbenchWindow } from './workbench';
import { uiTimeoutMs, waitUntil } from './wait';

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
    const vsix = packageTestExtension('consumer-extension');
    return new ConsumerExtension(vsix, path.join(path.dirname(vsix), 'results.jsonl'));
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
    removePackagedTestExtension(this.vsix);
  }
}
