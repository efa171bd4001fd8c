/** Runs `main` when `module` is the file node was started with (not when a test imports it). */
export function runMain(module: NodeModule, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
