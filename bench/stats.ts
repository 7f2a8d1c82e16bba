// Statistics cost: the posterior interval and the Monte Carlo multinomial test on a paper-sized sample (1,500
// answers over 0–10), which the rng-0-10 probe runs for every model after every sampled run.
import { createRng, dirichletInterval, multinomialPValue } from '../src/core/stats/index.ts';
import { integer, printTable, type SectionResult } from './section.ts';

/** Per computation: short enough that a result view can recompute its intervals and tests without a visible pause. */
export const STATS_BUDGET_MS = 200;

const RECORDS = 1500;
const DRAWS = 10_000;
const REPEATS = 5;
const SEVEN = 7;

/** 1,500 seeded answers from 0–10 with P(7) = 0.3 and the rest even: an aligned model's 7 spike. */
function sevenHeavyCounts(seed: number): number[] {
  const random = createRng(seed);
  const counts = new Array<number>(11).fill(0);
  for (let i = 0; i < RECORDS; i++) {
    const answer = random() < 0.3 ? SEVEN : Math.floor(random() * 11);
    counts[answer] = (counts[answer] as number) + 1;
  }
  return counts;
}

/** The median wall time of `REPEATS` runs in milliseconds after one warm-up run, and the result. */
function timed<T>(run: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = run();
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(REPEATS / 2)] as number, result };
}

export async function benchStats(): Promise<SectionResult> {
  const counts = sevenHeavyCounts(2025);
  const probabilityOfSeven = (p: number[]) => p[SEVEN] as number;
  const { ms: dirichletIntervalMs, result: interval } = timed(() =>
    dirichletInterval(counts, probabilityOfSeven, { seed: 1, draws: DRAWS }),
  );
  const { ms: multinomialMonteCarloMs, result: test } = timed(() =>
    multinomialPValue(counts, { seed: 1, draws: DRAWS }),
  );
  if (test.method !== 'monte-carlo') {
    throw new Error('The bench expected the Monte Carlo multinomial test at N = 1,500.');
  }

  const within = (ms: number) => (ms < STATS_BUDGET_MS ? 'within' : 'OVER');
  const drawsNote = `${integer.format(DRAWS)} draws, ${integer.format(RECORDS)} answers, median of ${REPEATS} runs`;
  printTable('Statistics (src/core/stats)', [
    [
      'dirichletInterval P(7), ms',
      dirichletIntervalMs.toFixed(1),
      `${within(dirichletIntervalMs)} ${STATS_BUDGET_MS} ms; ${drawsNote}; ` +
        `P(7) ${interval.median.toFixed(3)} [${interval.lo.toFixed(3)}, ${interval.hi.toFixed(3)}]`,
    ],
    [
      'multinomialPValue Monte Carlo, ms',
      multinomialMonteCarloMs.toFixed(1),
      `${within(multinomialMonteCarloMs)} ${STATS_BUDGET_MS} ms; ${drawsNote}; p = ${test.pValue.toPrecision(3)}`,
    ],
  ]);
  return {
    key: 'stats',
    value: { dirichletIntervalMs, multinomialMonteCarloMs, records: RECORDS },
    withinBudget: dirichletIntervalMs < STATS_BUDGET_MS && multinomialMonteCarloMs < STATS_BUDGET_MS,
  };
}
