// Asymptotic goodness-of-fit tests against the uniform distribution (methods.md §B1). The statistics are raw,
// not divided by N: that is the scale of the paper's χ² table (paper-notes.md §4), so the same N must be used
// to compare with it. The χ² p-values are unreliable when the expected count per category is below 5; use
// multinomialPValue there.
import { chiSquareUpperTail } from './distributions.ts';
import { checkCategoryCounts } from './validate.ts';

export interface GoodnessOfFit {
  statistic: number;
  /** Degrees of freedom: the number of categories − 1. */
  df: number;
  /** P(χ²(df) ≥ statistic). */
  pValue: number;
}

function expectedPerCategory(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0) / counts.length;
}

/** Pearson's χ² = Σ (O − E)² / E against uniform (E = N / k), with its asymptotic p-value on k − 1 df. */
export function chiSquareUniform(counts: number[]): GoodnessOfFit {
  checkCategoryCounts(counts);
  const expected = expectedPerCategory(counts);
  let statistic = 0;
  for (const observed of counts) statistic += (observed - expected) ** 2 / expected;
  const df = counts.length - 1;
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}

/** The G-test (likelihood ratio), G = 2 Σ O ln(O / E) against uniform; empty categories add 0. */
export function gTestUniform(counts: number[]): GoodnessOfFit {
  checkCategoryCounts(counts);
  const expected = expectedPerCategory(counts);
  let sum = 0;
  for (const observed of counts) if (observed > 0) sum += observed * Math.log(observed / expected);
  // G ≥ 0 in exact arithmetic; rounding can leave a tiny negative for perfectly even counts.
  const statistic = Math.max(0, 2 * sum);
  const df = counts.length - 1;
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}
