/** Counts one test suite reports; every runner prints them as `<suite>: N passed, N failed`. */
export interface SuiteCounts {
  passed: number;
  failed: number;
}

export function summaryLine(suite: string, counts: SuiteCounts): string {
  return `${suite}: ${counts.passed} passed, ${counts.failed} failed`;
}

export function parseSummaryLine(suite: string, output: string): SuiteCounts | undefined {
  const pattern = new RegExp(`^${suite}: (\\d+) passed, (\\d+) failed`, 'gm');
  const last = [...output.matchAll(pattern)].pop();
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

/**
 * Reads the closing totals of node:test's spec (`ℹ pass 3`) or TAP (`# pass 3`) reporter.
 * Cancelled tests (timeouts, a crashed file) count as failed.
 */
export function parseNodeTestCounts(output: string): SuiteCounts | undefined {
  const last = (name: string) => {
    const matches = [...output.matchAll(new RegExp(`^(?:ℹ|#) ${name} (\\d+)$`, 'gm'))];
    const match = matches.pop();
    return match ? Number(match[1]) : undefined;
  };
  const passed = last('pass');
  const failed = last('fail');
  if (passed === undefined || failed === undefined) return undefined;
  return { passed, failed: failed + (last('cancelled') ?? 0) };
}
