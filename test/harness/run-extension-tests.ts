import { format } from 'node:util';
import { editorContext, launchChromium } from './browser';
import { startCodeServer } from './code-server';

export interface ExtensionTestRun {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  folder: string;
  userDataDir?: string;
  extensionsDir?: string;
  timeoutMs: number;
}

/**
 * Runs an extension test suite the way VS Code's own browser integration tests do: code-server
 * with the smoke-test driver, the workbench opened with a payload naming the extension and its
 * test index, the suite's console and exit code taken from exposed functions.
 * Resolves with the suite's exit code (0 pass); 1 on timeout or a broken run.
 */
export async function runExtensionTestsInCodeServer(run: ExtensionTestRun): Promise<number> {
  const server = await startCodeServer({
    smokeTestDriver: true,
    ...(run.userDataDir ? { userDataDir: run.userDataDir } : {}),
    ...(run.extensionsDir ? { extensionsDir: run.extensionsDir } : {}),
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await (await editorContext(browser, server)).newPage();
    let finish: (code: number) => void = () => {};
    const exitCode = new Promise<number>((resolve) => (finish = resolve));
    const timer = setTimeout(() => {
      console.error(`[harness] extension tests did not finish within ${run.timeoutMs} ms; code-server log: ${server.logFile}`);
      finish(1);
    }, run.timeoutMs);
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...args);
      if (type === 'error') process.stderr.write(`${line}\n`);
      else process.stdout.write(`${line}\n`);
    });
    const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
    await page.goto(server.workbenchUrl({
      folder: run.folder,
      payload: [
        ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
        ['extensionTestsPath', remote(run.extensionTestsPath)],
        ['skipWelcome', 'true'],
      ],
    }));
    const code = await exitCode;
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close();
    await server.stop();
  }
}
