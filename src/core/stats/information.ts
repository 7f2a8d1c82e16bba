// Distances from uniform and between distributions (methods.md §B1), all in nats. In exact mode these are
// applied to the model's own probabilities; in sampled mode to normalised counts (and to posterior draws).
import { checkCounts, checkProbabilities, checkSameLength } from './validate.ts';

/** The uniform distribution over k categories. */
export function uniform(k: number): number[] {
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1) {
    throw new RangeError(`The number of categories must be a whole number of 1 or more; got ${String(k)}.`);
  }
  return new Array<number>(k).fill(1 / k);
}

/** Counts as proportions of their total (the plug-in estimate p̂). */
export function normalise(counts: readonly number[]): number[] {
  checkCounts(counts);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => count / total);
}

/** Shannon entropy −Σ p ln p in nats (0 ln 0 = 0). At most ln k, reached only by the uniform distribution. */
export function entropy(p: readonly number[]): number {
  checkProbabilities(p);
  let sum = 0;
  for (const value of p) if (value > 0) sum -= value * Math.log(value);
  return sum;
}

/**
 * The Miller–Madow entropy estimate from counts, in nats: the plug-in entropy of p̂ plus (m − 1)/(2n), where m is
 * the number of non-empty categories and n the total. The plug-in estimate is biased low at small n; this is the
 * first-order correction (Miller 1955).
 */
export function entropyMillerMadow(counts: readonly number[]): number {
  checkCounts(counts);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const nonEmpty = counts.filter((count) => count > 0).length;
  return entropy(normalise(counts)) + (nonEmpty - 1) / (2 * total);
}

function checkPair(p: readonly number[], q: readonly number[]): void {
  checkProbabilities(p, 'p');
  checkProbabilities(q, 'q');
  checkSameLength(p, q, 'p', 'q');
}

/** Σ a ln(a/b) over the categories where a > 0; Infinity where b has none of a's mass. */
function relativeEntropy(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    if (ai === 0) continue;
    const bi = b[i] as number;
    if (bi === 0) return Infinity;
    sum += ai * Math.log(ai / bi);
  }
  // Mathematically ≥ 0; rounding can leave a tiny negative when p ≈ q.
  return Math.max(0, sum);
}

/** Kullback–Leibler divergence D(p ‖ q) in nats; Infinity when p puts mass where q has none. */
export function klDivergence(p: readonly number[], q: readonly number[]): number {
  checkPair(p, q);
  return relativeEntropy(p, q);
}

/**
 * Jensen–Shannon divergence in nats: ½ D(p ‖ m) + ½ D(q ‖ m) with m = ½(p + q). Symmetric, always finite, and in
 * [0, ln 2]; with q uniform it is the lab's headline "distance from random".
 */
export function jsDivergence(p: readonly number[], q: readonly number[]): number {
  checkPair(p, q);
  const mixture = p.map((value, i) => 0.5 * (value + (q[i] as number)));
  const divergence = 0.5 * relativeEntropy(p, mixture) + 0.5 * relativeEntropy(q, mixture);
  return Math.min(Math.LN2, divergence);
}

/** Total variation distance ½ Σ |p − q|: the share of probability mass that would have to move. In [0, 1]. */
export function totalVariation(p: readonly number[], q: readonly number[]): number {
  checkPair(p, q);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs((p[i] as number) - (q[i] as number));
  // The sums may each be off 1 by the allowed tolerance, which could push the distance just past 1.
  return Math.min(1, 0.5 * sum);
}
