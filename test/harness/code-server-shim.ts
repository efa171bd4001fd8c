import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExtensionTestsInCodeServer } from './run-extension-tests';

/**
 * Stands in for a VS Code executable for `@vscode/test-electron`'s runTests (and test-cli's
 * useInstallation.fromPath): reads the flags they pass and runs the suite in code-server.
 * Flags that only mean something to desktop VS Code are ignored.
 */
const timeoutMs = 10 * 60_000;

interface ShimArgs {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
}

function parseArgs(argv: string[]): ShimArgs {
  const parsed: ShimArgs = {};
  const flags: Record<string, keyof ShimArgs> = {
    '--extensionDevelopmentPath': 'extensionDevelopmentPath',
    '--extensionTestsPath': 'extensionTestsPath',
    '--user-data-dir': 'userDataDir',
    '--extensions-dir': 'extensionsDir',
  };
  for (const arg of argv) {
    const [name, ...rest] = arg.split('=');
    const key = flags[name];
    if (key && rest.length > 0) parsed[key] = path.resolve(rest.join('='));
    else if (!arg.startsWith('-') && !parsed.folder) parsed.folder = path.resolve(arg);
  }
  return parsed;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionDevelopmentPath || !args.extensionTestsPath) {
    console.error('usage: code-server-shim --extensionDevelopmentPath=<dir> --extensionTestsPath=<index.js> [folder]');
    return 2;
  }
  const ownFolder = !args.folder;
  const folder = args.folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lucaro-workspace-'));
  try {
    return await runExtensionTestsInCodeServer({
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
      folder,
      ...(args.userDataDir ? { userDataDir: args.userDataDir } : {}),
      ...(args.extensionsDir ? { extensionsDir: args.extensionsDir } : {}),
      timeoutMs,
    });
  } finally {
    if (ownFolder) fs.rmSync(folder, { recursive: true, force: true });
  }
}

// Turn Ctrl+C / runTests' SIGINT into a normal exit so the 'exit' hooks end code-server's group.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(1));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
