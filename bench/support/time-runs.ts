import { summarize, type Row } from '../report';

/** One run of a candidate: its time in ms, and whatever else the run counted. */
export interface TimedRun {
  readonly ms: number;
}

/** Every run of one candidate, and what its times come to. */
export interface RunTimes<T extends TimedRun = TimedRun> {
  /** The runs' answers, in run order. */
  readonly runs: readonly T[];
  /** The runs' times, in run order. */
  readonly samples: number[];
  readonly median: number;
  /** Nearest rank: with fewer than 20 runs, the slowest. */
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

export interface TimeRunsOptions {
  /** Untimed runs of every candidate before the timed ones (JIT, caches, sockets' code paths). Default 1. */
  readonly warmUps?: number;
  /** `alternate` (default): odd runs go through the candidates in reverse, so none always goes first. */
  readonly order?: 'alternate' | 'fixed';
}

type Candidate = () => TimedRun | Promise<TimedRun>;

/**
 * Runs each candidate `runs` times, one after another within a run, after the warm-ups.
 * A candidate times its own work (`timed`, or a child's clock) so that what it sets up and
 * tears down around that work stays out of the figure.
 */
export async function timeRuns<C extends Record<string, Candidate>>(
  runs: number,
  candidates: C,
  options: TimeRunsOptions = {},
): Promise<{ [K in keyof C]: RunTimes<Awaited<ReturnType<C[K]>>> }> {
  const names: (keyof C)[] = Object.keys(candidates);
  const answers = new Map(names.map((name) => [name, [] as TimedRun[]]));
  for (let warmUp = 0; warmUp < (options.warmUps ?? 1); warmUp++) for (const name of names) await candidates[name]!();
  for (let run = 0; run < runs; run++) {
    const order = options.order !== 'fixed' && run % 2 === 1 ? [...names].reverse() : names;
    for (const name of order) answers.get(name)!.push(await candidates[name]!());
  }
  return Object.fromEntries(names.map((name) => [name, runTimes(answers.get(name)!)])) as { [K in keyof C]: RunTimes<Awaited<ReturnType<C[K]>>> };
}

function runTimes<T extends TimedRun>(runs: readonly T[]): RunTimes<T> {
  const samples = runs.map((run) => run.ms);
  const { median, min, max } = summarize(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
  return { runs, samples, median, p95, min, max };
}

/** The wall time of `work`. */
export async function timed(work: () => unknown): Promise<TimedRun> {
  const started = performance.now();
  await work();
  return { ms: performance.now() - started };
}

/** A row of our times against a baseline's, both from `timeRuns`. */
export function timeRow(
  benchmark: string,
  metric: string,
  ours: RunTimes,
  baseline: { readonly label: string; readonly times: RunTimes },
  extra: Pick<Row, 'goal' | 'note'> = {},
): Row {
  return { benchmark, metric, unit: 'ms', samples: ours.samples, baseline: { label: baseline.label, samples: baseline.times.samples }, ...extra };
}
