// Comparing two models' answer distributions (methods.md §B1, "two-model comparison").
import { createRng } from './rng.ts';
import { checkCounts, checkMetric, checkMetricValue, checkSameLength, checkSeedAndDraws } from './validate.ts';

export const DEFAULT_PERMUTATION_DRAWS = 10_000;

/** Every pooled answer is held in memory as one entry, so the pooled sample size is capped. */
const MAX_POOLED_ANSWERS = 10_000_000;

/**
 * Permuted differences within this relative distance of the observed one count as "at least as large", so a
 * re-split that reproduces the observed counts is not lost to rounding in the metric.
 */
const TIE_TOLERANCE = 1e-12;

export interface PermutationTestOptions {
  seed: number;
  /** Random re-splits of the pooled answers (default 10,000). */
  draws?: number;
}

export interface PermutationTestResult {
  /** metric(p̂A) − metric(p̂B). */
  observed: number;
  /** One-sided: (1 + #{re-splits with a difference ≥ observed}) / (draws + 1). */
  pValue: number;
  draws: number;
}

/**
 * A one-sided permutation test of "metric(A) > metric(B)". With a distance to uniform as the metric (e.g.
 * `(p) => jsDivergence(p, uniform(k))`), a small p-value says that model A's answers are further from uniform than
 * model B's; to test the other direction, swap A and B.
 *
 * observed = metric(p̂A) − metric(p̂B) on the normalised counts. Under the null that both samples come from one
 * distribution, the pooled answers are re-split at random into groups of the original sizes `draws` times, and
 * p = (1 + #{re-splits whose difference ≥ observed}) / (draws + 1).
 *
 * For speed the metric receives reused arrays, overwritten between calls: it must read them, not keep them.
 */
export function permutationTest(
  countsA: number[],
  countsB: number[],
  metric: (p: number[]) => number,
  opts: PermutationTestOptions,
): PermutationTestResult {
  checkCounts(countsA, 'countsA');
  checkCounts(countsB, 'countsB');
  checkSameLength(countsA, countsB, 'countsA', 'countsB');
  checkMetric(metric);
  checkSeedAndDraws(opts);
  const { seed, draws = DEFAULT_PERMUTATION_DRAWS } = opts;
  const k = countsA.length;
  const sizeA = countsA.reduce((sum, count) => sum + count, 0);
  const sizeB = countsB.reduce((sum, count) => sum + count, 0);
  if (sizeA + sizeB > MAX_POOLED_ANSWERS) {
    throw new RangeError(
      `The two samples hold ${sizeA + sizeB} answers; the permutation test takes at most ${MAX_POOLED_ANSWERS}.`,
    );
  }

  const pooledCounts = countsA.map((count, i) => count + (countsB[i] as number));
  const proportionsA = new Array<number>(k).fill(0);
  const proportionsB = new Array<number>(k).fill(0);
  /** metric(A) − metric(B) for a split given by A's counts (B's are the pooled counts minus A's). */
  const difference = (splitA: ArrayLike<number>): number => {
    for (let i = 0; i < k; i++) {
      const inA = splitA[i] as number;
      proportionsA[i] = inA / sizeA;
      proportionsB[i] = ((pooledCounts[i] as number) - inA) / sizeB;
    }
    const metricA = metric(proportionsA);
    checkMetricValue(metricA);
    const metricB = metric(proportionsB);
    checkMetricValue(metricB);
    return metricA - metricB;
  };

  const observed = difference(countsA);
  if (Number.isNaN(observed)) {
    throw new RangeError('The metric is infinite for both samples, so they cannot be compared.');
  }
  const threshold = Number.isFinite(observed) ? observed - TIE_TOLERANCE * Math.max(1, Math.abs(observed)) : observed;

  // Every pooled answer as its category. A partial Fisher–Yates shuffle of the first places picks a uniformly random
  // group of the smaller size (the other group is the rest of the pool), and the pool need not be reset between draws.
  const pooled = new Int32Array(sizeA + sizeB);
  let position = 0;
  pooledCounts.forEach((count, category) => {
    pooled.fill(category, position, position + count);
    position += count;
  });
  const drawingA = sizeA <= sizeB;
  const drawSize = drawingA ? sizeA : sizeB;
  const random = createRng(seed);
  const drawn = new Int32Array(k);
  const splitA = new Int32Array(k);
  let atLeastAsLarge = 0;
  for (let draw = 0; draw < draws; draw++) {
    drawn.fill(0);
    for (let i = 0; i < drawSize; i++) {
      const j = i + Math.floor(random() * (pooled.length - i));
      const chosen = pooled[j] as number;
      pooled[j] = pooled[i] as number;
      pooled[i] = chosen;
      drawn[chosen] = (drawn[chosen] as number) + 1;
    }
    for (let c = 0; c < k; c++) {
      splitA[c] = drawingA ? (drawn[c] as number) : (pooledCounts[c] as number) - (drawn[c] as number);
    }
    if (difference(splitA) >= threshold) atLeastAsLarge++;
  }
  return { observed, pValue: (atLeastAsLarge + 1) / (draws + 1), draws };
}
