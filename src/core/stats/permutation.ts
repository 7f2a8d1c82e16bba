// Comparing two models' answer distributions (methods.md §B1, "two-model comparison").
import { logGamma } from './distributions.ts';
import { createRng } from './rng.ts';
import { checkCounts, checkMetric, checkMetricValue, checkSameLength, checkSeedAndDraws } from './validate.ts';
import { createHypergeometricSampler } from './variates.ts';

export const DEFAULT_PERMUTATION_DRAWS = 10_000;

/** A table of ln x! up to the pooled sample size is held in memory, so that size is capped. */
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

  // A random split's counts: the categories of a random group of the smaller size, drawn category by category, each
  // a hypergeometric draw from what is left of the pool (the multivariate hypergeometric, exactly), without touching
  // the answers one by one.
  const total = sizeA + sizeB;
  const drawingA = sizeA <= sizeB;
  const drawSize = drawingA ? sizeA : sizeB;
  const random = createRng(seed);
  const hypergeometric = createHypergeometricSampler(total, random);
  const splitA = new Int32Array(k);
  let atLeastAsLarge = 0;
  for (let draw = 0; draw < draws; draw++) {
    let left = total;
    let need = drawSize;
    for (let c = 0; c < k; c++) {
      const inPool = pooledCounts[c] as number;
      const drawn = need === 0 ? 0 : hypergeometric(left, inPool, need);
      splitA[c] = drawingA ? drawn : inPool - drawn;
      need -= drawn;
      left -= inPool;
    }
    if (difference(splitA) >= threshold) atLeastAsLarge++;
  }
  return { observed, pValue: (atLeastAsLarge + 1) / (draws + 1), draws };
}

/** Up to this many paired differences every sign pattern is enumerated (2^16 = 65,536); beyond, they are drawn. */
const EXACT_SIGN_FLIP_LIMIT = 16;

export interface SignFlipTestResult {
  /** The mean of the differences. */
  observed: number;
  /** One-sided: the share of sign patterns whose mean is ≥ the observed one (Monte Carlo: (1 + hits) / (draws + 1)). */
  pValue: number;
  method: 'exact' | 'monte-carlo';
}

/**
 * A one-sided paired permutation test of "the differences are positive on average": under the null each pair's two
 * values are exchangeable, so each difference is as likely to have either sign. Used for paired batch means (the
 * same batch of rounds of two models' games, in the same run).
 */
export function signFlipTest(differences: readonly number[], opts: PermutationTestOptions): SignFlipTestResult {
  if (!Array.isArray(differences) || differences.length === 0) throw new RangeError('Give at least one difference.');
  differences.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`differences[${i}] must be a finite number.`);
  });
  checkSeedAndDraws(opts);
  const m = differences.length;
  const observedSum = differences.reduce((sum, value) => sum + value, 0);
  const threshold = observedSum - TIE_TOLERANCE * Math.max(1, Math.abs(observedSum));
  if (m <= EXACT_SIGN_FLIP_LIMIT) {
    let atLeast = 0;
    for (let pattern = 0; pattern < 2 ** m; pattern++) {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += pattern & (1 << i) ? -(differences[i] as number) : (differences[i] as number);
      if (sum >= threshold) atLeast++;
    }
    return { observed: observedSum / m, pValue: atLeast / 2 ** m, method: 'exact' };
  }
  const { seed, draws = DEFAULT_PERMUTATION_DRAWS } = opts;
  const random = createRng(seed);
  let atLeast = 0;
  for (let draw = 0; draw < draws; draw++) {
    let sum = 0;
    for (const value of differences) sum += random() < 0.5 ? -value : value;
    if (sum >= threshold) atLeast++;
  }
  return { observed: observedSum / m, pValue: (atLeast + 1) / (draws + 1), method: 'monte-carlo' };
}

/**
 * P(X ≥ successes) for X ~ Binomial(trials, ½): the one-sided sign test of "successes are more likely than
 * failures" (ties left out beforehand). Exact, summed in logs.
 */
export function signTestPValue(successes: number, trials: number): number {
  if (!Number.isSafeInteger(trials) || trials < 0) throw new RangeError(`The trials must be a whole number of 0 or more; got ${String(trials)}.`);
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`The successes must be a whole number from 0 to ${trials}; got ${String(successes)}.`);
  }
  let tail = 0;
  for (let k = successes; k <= trials; k++) {
    tail += Math.exp(logGamma(trials + 1) - logGamma(k + 1) - logGamma(trials - k + 1) - trials * Math.LN2);
  }
  return Math.min(1, tail);
}
