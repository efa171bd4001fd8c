/** One figure of one benchmark: our samples against the baseline's, measured in the same run. */
export interface Row {
  benchmark: string;
  metric: string;
  unit: string;
  samples: number[];
  baseline?: { label: string; samples: number[] };
  goal?: Goal;
  /** Anything a reader needs to trust the figure (conditions, extra counters). */
  note?: string;
}

export type Goal =
  /** median(ours) / median(baseline) at most `max`. */
  | { kind: 'ratio'; max: number }
  /** Every sample exactly `value`. */
  | { kind: 'exact'; value: number }
  /** Every sample at most `max`. */
  | { kind: 'atMost'; max: number };

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

export interface RowResult extends Row {
  summary: Summary;
  baselineSummary?: Summary;
  /** median(ours) / median(baseline). */
  ratio?: number;
  goalText: string;
  met?: boolean;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { n: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function evaluate(row: Row): RowResult {
  const summary = summarize(row.samples);
  const baselineSummary = row.baseline ? summarize(row.baseline.samples) : undefined;
  const ratio = baselineSummary && baselineSummary.median !== 0 ? summary.median / baselineSummary.median : undefined;
  const goal = row.goal;
  let met: boolean | undefined;
  let goalText = '-';
  if (goal?.kind === 'ratio') {
    goalText = `ratio <= ${goal.max}`;
    met = ratio !== undefined && ratio <= goal.max;
  } else if (goal?.kind === 'exact') {
    goalText = `= ${goal.value} (every run)`;
    met = row.samples.length > 0 && row.samples.every((sample) => sample === goal.value);
  } else if (goal?.kind === 'atMost') {
    goalText = `<= ${goal.max} (every run)`;
    met = row.samples.length > 0 && row.samples.every((sample) => sample <= goal.max);
  }
  return { ...row, summary, baselineSummary, ratio, goalText, met };
}

export function formatNumber(value: number | undefined, unit = ''): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  const digits = unit === 'ms' ? (Math.abs(value) < 10 ? 2 : 1) : Number.isInteger(value) ? 0 : 1;
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

const headers = ['Benchmark', 'Metric', 'Unit', 'n', 'Median', 'Min', 'Max', 'Baseline', 'Baseline median', 'Ratio', 'Goal', 'Met?'];

function cells(result: RowResult): string[] {
  const { summary, baselineSummary, unit } = result;
  return [
    result.benchmark,
    result.metric,
    unit,
    String(summary.n),
    formatNumber(summary.median, unit),
    formatNumber(summary.min, unit),
    formatNumber(summary.max, unit),
    result.baseline?.label ?? '-',
    formatNumber(baselineSummary?.median, unit),
    result.ratio === undefined ? '-' : result.ratio.toFixed(2),
    result.goalText,
    result.met === undefined ? 'n/a' : result.met ? 'yes' : 'NO',
  ];
}

/** A fixed-width table for the terminal. */
export function textTable(results: readonly RowResult[]): string {
  const rows = [headers, ...results.map(cells)];
  const widths = headers.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same table in Markdown, for BENCHMARKS.md. */
export function markdownTable(results: readonly RowResult[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...results.map((result) => `| ${cells(result).map(escape).join(' | ')} |`),
  ].join('\n');
}
