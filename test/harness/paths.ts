import * as path from 'node:path';

/** Absolute locations the harness works with; everything derives from the repository root. */
export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');
export const resultsDir = path.join(repoRoot, 'test-results');
export const screenshotsDir = path.join(resultsDir, 'screenshots');
export const logsDir = path.join(resultsDir, 'logs');
export const vsixPath = path.join(repoRoot, 'lucaro.vsix');
export const shimPath = path.join(repoRoot, 'test', 'harness', 'code-server-shim');
