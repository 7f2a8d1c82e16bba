// Intervals for numbers shown to users (design.md §7: every number carries its N and an interval).
import { betaQuantile, normalQuantile } from './distributions.ts';
import { createRng } from './rng.ts';
import { checkCounts, checkLevel, checkMetric, checkMetricValue, checkSeedAndDraws } from './validate.ts';
import { createGammaSampler, createNormalSampler } from './variates.ts';

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * The Wilson score interval for a proportion (successes out of n) at the given two-sided level (default 0.95).
 * Unlike the textbook p̂ ± z·SE it stays inside [0, 1] and behaves at 0 or n successes.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`The number of trials must be a whole number of 1 or more; got ${String(n)}.`);
  }
  if (typeof successes !== 'number' || !Number.isSafeInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`The successes must be a whole number from 0 to ${n}; got ${String(successes)}.`);
  }
  checkLevel(level);
  const z = normalQuantile((1 + level) / 2);
  const zz = z * z;
  const proportion = successes / n;
  const denominator = 1 + zz / n;
  const centre = (proportion + zz / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((proportion * (1 - proportion)) / n + zz / (4 * n * n));
  // At 0 or n successes the exact bound is 0 or 1; the subtraction would leave rounding noise there.
  return {
    lo: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    hi: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

export interface PosteriorInterval {
  lo: number;
  median: number;
  hi: number;
}

export interface DirichletIntervalOptions {
  seed: number;
  /** Posterior draws (default 10,000). */
  draws?: number;
  /** Two-sided level of the equal-tailed interval (default 0.95). */
  level?: number;
  /** Prior pseudo-count added to every category (default 0.5, the Jeffreys prior). */
  alpha?: number;
}

export const DEFAULT_POSTERIOR_DRAWS = 10_000;
export const JEFFREYS_ALPHA = 0.5;

/** The q-quantile of sorted values, interpolating linearly between order statistics (R's default, type 7). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  // Equal neighbours (possibly both infinite) need no interpolation, which would give NaN for infinities.
  return lower === upper ? lower : lower + (position - below) * (upper - lower);
}

/**
 * A credible interval for any function of the category probabilities (P(7), entropy, JS divergence to uniform …):
 * the posterior is Dirichlet(counts + alpha); each of `draws` seeded posterior draws goes through `metric`, and the
 * result is the equal-tailed interval at `level` with the posterior median.
 *
 * For speed the metric receives the same array on every call, overwritten with each new draw: it must read the
 * probabilities, not keep the array.
 */
export function dirichletInterval(
  counts: number[],
  metric: (p: number[]) => number,
  opts: DirichletIntervalOptions,
): PosteriorInterval {
  checkCounts(counts);
  checkMetric(metric);
  checkSeedAndDraws(opts);
  const { seed, draws = DEFAULT_POSTERIOR_DRAWS, level = 0.95, alpha = JEFFREYS_ALPHA } = opts;
  checkLevel(level);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0) {
    throw new RangeError(`The prior pseudo-count alpha must be a finite number above 0; got ${String(alpha)}.`);
  }
  const random = createRng(seed);
  const normal = createNormalSampler(random);
  const samplers = counts.map((count) => createGammaSampler(count + alpha, random, normal));
  const k = counts.length;
  const probabilities = new Array<number>(k).fill(0);
  const values = new Float64Array(draws);
  for (let draw = 0; draw < draws; draw++) {
    let total = 0;
    for (let i = 0; i < k; i++) {
      const variate = (samplers[i] as () => number)();
      probabilities[i] = variate;
      total += variate;
    }
    for (let i = 0; i < k; i++) probabilities[i] = (probabilities[i] as number) / total;
    const value = metric(probabilities);
    checkMetricValue(value);
    values[draw] = value;
  }
  values.sort();
  return {
    lo: quantileOfSorted(values, (1 - level) / 2),
    median: quantileOfSorted(values, 0.5),
    hi: quantileOfSorted(values, (1 + level) / 2),
  };
}

/**
 * The equal-tailed interval of one category's probability under the Dirichlet(counts + alpha) posterior, exactly:
 * that marginal is Beta(counts[i] + alpha, Σcounts − counts[i] + (k − 1)·alpha). The same interval `dirichletInterval`
 * estimates by sampling for `(p) => p[i]`, without its sampling noise and at a fraction of the cost.
 */
export function dirichletMarginalInterval(counts: number[], index: number, level = 0.95, alpha = JEFFREYS_ALPHA): Interval {
  checkCounts(counts);
  checkLevel(level);
  if (!Number.isInteger(index) || index < 0 || index >= counts.length) {
    throw new RangeError(`The category must be one of 0 to ${counts.length - 1}; got ${String(index)}.`);
  }
  const n = counts.reduce((sum, count) => sum + count, 0);
  const a = (counts[index] as number) + alpha;
  const b = n - (counts[index] as number) + (counts.length - 1) * alpha;
  return { lo: betaQuantile((1 - level) / 2, a, b), hi: betaQuantile((1 + level) / 2, a, b) };
}
