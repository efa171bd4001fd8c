// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The platform seam: code under a `node/` folder (src/core/node/, src/node/) and the Node
// entry src/extension.ts run only in a Node extension host. Everything else under src/ is
// also bundled for the web worker, so it takes no Node module, no undici and no Node global.
const nodeOnlyFiles = ['src/**/node/**', 'src/extension.ts'];
const onNodeOnly = 'runs in the web worker too: Node-only code goes under a node/ folder (src/core/node/, src/node/) behind an interface.';
const nodeModuleRestrictions = {
  paths: [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))].map((name) => ({ name, message: `src/ ${onNodeOnly}` })),
  patterns: [
    { group: ['node:*'], message: `src/ ${onNodeOnly}` },
    { group: ['undici', 'undici/*'], message: `undici is the Node dispatcher (src/core/node/undici-dispatcher.ts); src/ ${onNodeOnly}` },
  ],
};
const noEditorInCore = { name: 'vscode', message: 'src/core is editor-free: take what you need as a parameter or an interface.' };
const portableGlobals = ['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate', 'clearImmediate'].map((name) => ({
  name,
  message: `Node global; src/ ${onNodeOnly}`,
}));
const portableRules = {
  // Type-only imports of a node/ folder are erased from the bundle; values are not.
  '@typescript-eslint/no-restricted-imports': ['error', {
    patterns: [{ group: ['**/node/*'], allowTypeImports: true, message: `a node/ folder is Node-only: take it as a parameter; src/ ${onNodeOnly}` }],
  }],
  'no-restricted-globals': ['error', ...portableGlobals],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'esbuild.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/test return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: nodeOnlyFiles,
    rules: { ...portableRules, 'no-restricted-imports': ['error', nodeModuleRestrictions] },
  },
  {
    // The functional core runs without an editor: it must never reach for `vscode`.
    files: ['src/core/**/*.ts'],
    ignores: nodeOnlyFiles,
    rules: {
      'no-restricted-imports': ['error', { ...nodeModuleRestrictions, paths: [noEditorInCore, ...nodeModuleRestrictions.paths] }],
    },
  },
  {
    files: ['src/core/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noEditorInCore] }] },
  },
);
