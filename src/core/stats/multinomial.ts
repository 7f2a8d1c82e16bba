// The exact multinomial goodness-of-fit test against uniform (methods.md §B1, as R's XNomial `xmulti` / `xmonte`
// with the probability-mass statistic). Unlike χ², it stays valid at any sample size: the p-value is the total
// probability, under uniform, of every outcome no more likely than the observed one.
import { createRng } from './rng.ts';
import { checkCategoryCounts, checkSeedAndDraws } from './validate.ts';
import { createBinomialSampler } from './variates.ts';

/**
 * Exact enumeration is used when there are at most this many possible outcomes C(n + k − 1, k − 1). Each costs a
 * few additions and at most one exp(), so the limit keeps the exact test under about 50 ms. It covers
 * rock-paper-scissors (k = 3) up to n = 1,998 and k = 11 up to n = 12; beyond it a Monte Carlo estimate is used.
 */
export const EXACT_OUTCOME_LIMIT = 2_000_000;

/** The enumeration recurses once per category, so very many categories go to Monte Carlo whatever the outcome count. */
export const EXACT_CATEGORY_LIMIT = 1_000;

export const DEFAULT_MONTE_CARLO_DRAWS = 10_000;

/**
 * Outcomes whose log-probability is within this relative distance of the observed one count as ties (as "no more
 * likely"). Summation order makes equally likely outcomes differ by rounding (~1e-15 relative); different
 * outcomes almost always differ by far more, and a near-tie counted as a tie only makes p slightly conservative.
 */
const TIE_TOLERANCE = 1e-10;

export interface MultinomialTestOptions {
  seed: number;
  /** Monte Carlo draws when the outcomes are too many to enumerate (default 10,000). */
  draws?: number;
}

export interface MultinomialTestResult {
  pValue: number;
  method: 'exact' | 'monte-carlo';
}

/** The number of ways to spread n answers over k categories, C(n + k − 1, k − 1), stopping once past `cap`. */
export function multinomialOutcomeCount(n: number, k: number, cap = Infinity): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a whole number of 0 or more; got ${String(n)}.`);
  }
  if (!Number.isSafeInteger(k) || k < 1) {
    throw new RangeError(`k must be a whole number of 1 or more; got ${String(k)}.`);
  }
  if (typeof cap !== 'number' || Number.isNaN(cap)) throw new RangeError(`cap must be a number; got ${String(cap)}.`);
  let count = 1;
  for (let i = 1; i < k; i++) {
    count = (count * (n + i)) / i;
    if (count > cap) return Infinity;
  }
  return Math.round(count);
}

/** ln 0!, ln 1!, …, ln n!. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) table[i] = (table[i - 1] as number) + Math.log(i);
  return table;
}

/**
 * Under uniform, ln P(x) = constant − Σ ln xᵢ! with constant = ln n! − n ln k, so an outcome is no more likely than
 * the observed one exactly when its Σ ln xᵢ! is at least as large. Returns the constant, and the observed Σ ln xᵢ!
 * lowered by the tie tolerance as the threshold an outcome's sum must reach.
 */
function observedThreshold(counts: readonly number[], table: Float64Array): { constant: number; threshold: number } {
  const n = counts.reduce((sum, count) => sum + count, 0);
  const constant = (table[n] as number) - n * Math.log(counts.length);
  let observedSum = 0;
  for (const count of counts) observedSum += table[count] as number;
  const observedLogProbability = constant - observedSum;
  return { constant, threshold: observedSum - TIE_TOLERANCE * Math.max(1, Math.abs(observedLogProbability)) };
}

function isCheapToEnumerate(n: number, k: number): boolean {
  return k <= EXACT_CATEGORY_LIMIT && multinomialOutcomeCount(n, k, EXACT_OUTCOME_LIMIT) <= EXACT_OUTCOME_LIMIT;
}

/**
 * The exact p-value by enumerating every outcome. Throws when there are more than EXACT_OUTCOME_LIMIT outcomes or
 * more than EXACT_CATEGORY_LIMIT categories.
 */
export function exactMultinomialPValue(counts: number[]): number {
  checkCategoryCounts(counts);
  const n = counts.reduce((sum, count) => sum + count, 0);
  const k = counts.length;
  if (!isCheapToEnumerate(n, k)) {
    throw new RangeError(
      `${n} answers over ${k} categories are too many outcomes to enumerate (the limits are ` +
        `${EXACT_OUTCOME_LIMIT} outcomes and ${EXACT_CATEGORY_LIMIT} categories); ` +
        'use the Monte Carlo test (multinomialPValue chooses it for you).',
    );
  }
  const table = logFactorials(n);
  const { constant, threshold } = observedThreshold(counts, table);
  let pValue = 0;
  // Every composition of n into k parts: choose the first k − 2 parts recursively; the last two share what remains
  // in an inner loop, which saves a function call per outcome.
  const visit = (category: number, remaining: number, partialSum: number): void => {
    if (category === k - 2) {
      for (let x = 0; x <= remaining; x++) {
        const sum = partialSum + (table[x] as number) + (table[remaining - x] as number);
        if (sum >= threshold) pValue += Math.exp(constant - sum);
      }
      return;
    }
    for (let x = 0; x <= remaining; x++) visit(category + 1, remaining - x, partialSum + (table[x] as number));
  };
  visit(0, n, 0);
  return Math.min(1, pValue);
}

/**
 * A Monte Carlo p-value from `draws` seeded samples of n uniform answers, as (1 + #{samples no more likely than the
 * observed}) / (draws + 1), which counts the observed sample itself and so is never 0.
 */
export function monteCarloMultinomialPValue(counts: number[], opts: MultinomialTestOptions): number {
  checkCategoryCounts(counts);
  checkSeedAndDraws(opts);
  const { seed, draws = DEFAULT_MONTE_CARLO_DRAWS } = opts;
  const n = counts.reduce((sum, count) => sum + count, 0);
  const k = counts.length;
  const table = logFactorials(n);
  const { threshold } = observedThreshold(counts, table);
  // A uniform multinomial sample, one category at a time: category c takes Binomial(remaining, 1 / (k − c)) of the
  // answers not yet placed. That is k − 1 binomial draws per sample instead of n uniform ones, which at n = 1,500
  // and 10,000 draws would be 15 million.
  const binomial = createBinomialSampler(n, createRng(seed));
  const shareOfRemaining = Array.from({ length: k - 1 }, (_, c) => 1 / (k - c));
  let atLeastAsExtreme = 0;
  for (let draw = 0; draw < draws; draw++) {
    let remaining = n;
    let sum = 0;
    for (let c = 0; c < k - 1; c++) {
      const count = binomial(remaining, shareOfRemaining[c] as number);
      sum += table[count] as number;
      remaining -= count;
    }
    sum += table[remaining] as number;
    if (sum >= threshold) atLeastAsExtreme++;
  }
  return (atLeastAsExtreme + 1) / (draws + 1);
}

/**
 * The multinomial test against uniform: p = P(an outcome no more likely than the observed counts), the sum running
 * over outcomes of the same total. Exact when the outcomes number at most EXACT_OUTCOME_LIMIT (and the categories at
 * most EXACT_CATEGORY_LIMIT), otherwise Monte Carlo with the seeded PRNG; `method` says which.
 */
export function multinomialPValue(counts: number[], opts: MultinomialTestOptions): MultinomialTestResult {
  checkCategoryCounts(counts);
  checkSeedAndDraws(opts);
  const n = counts.reduce((sum, count) => sum + count, 0);
  if (isCheapToEnumerate(n, counts.length)) {
    return { pValue: exactMultinomialPValue(counts), method: 'exact' };
  }
  return { pValue: monteCarloMultinomialPValue(counts, opts), method: 'monte-carlo' };
}
