import { describe, expect, it } from 'vitest';
import {
  EXACT_OUTCOME_LIMIT,
  exactMultinomialPValue,
  monteCarloMultinomialPValue,
  multinomialOutcomeCount,
  multinomialPValue,
} from '../../../../src/core/stats/multinomial.ts';

function factorial(n: number): number {
  let product = 1;
  for (let i = 2; i <= n; i++) product *= i;
  return product;
}

/**
 * The exact p-value by brute force: every one of the kⁿ equally likely answer sequences, grouped by its counts.
 * Two count vectors are equally likely exactly when their multinomial coefficients n!/Π xᵢ! are equal, which
 * these small cases compute as exact integers, so ties need no tolerance here.
 */
function bruteForcePValue(observed: number[]): number {
  const k = observed.length;
  const n = observed.reduce((sum, count) => sum + count, 0);
  const coefficient = (counts: number[]) => counts.reduce((product, count) => product / factorial(count), factorial(n));
  const observedCoefficient = coefficient(observed);
  let sequencesAsRare = 0;
  const counts = new Array<number>(k).fill(0);
  for (let sequence = 0; sequence < k ** n; sequence++) {
    counts.fill(0);
    // The sequence number's base-k digits are its answers.
    for (let rest = sequence, i = 0; i < n; i++, rest = Math.floor(rest / k)) {
      counts[rest % k] = (counts[rest % k] as number) + 1;
    }
    if (coefficient(counts) <= observedCoefficient) sequencesAsRare++;
  }
  return sequencesAsRare / k ** n;
}

/** Every way to spread n answers over k categories. */
function compositions(n: number, k: number): number[][] {
  if (k === 1) return [[n]];
  const all: number[][] = [];
  for (let first = 0; first <= n; first++) {
    for (const rest of compositions(n - first, k - 1)) all.push([first, ...rest]);
  }
  return all;
}

describe('multinomialOutcomeCount', () => {
  it('counts compositions: C(n + k − 1, k − 1)', () => {
    expect(multinomialOutcomeCount(10, 11)).toBe(184_756);
    expect(multinomialOutcomeCount(1500, 3)).toBe(1_127_251);
    expect(multinomialOutcomeCount(6, 3)).toBe(compositions(6, 3).length);
    expect(multinomialOutcomeCount(0, 5)).toBe(1);
  });

  it('stops at the cap', () => {
    expect(multinomialOutcomeCount(1500, 11, 1e6)).toBe(Infinity);
  });

  it('rejects bad sizes', () => {
    expect(() => multinomialOutcomeCount(-1, 3)).toThrow(/n must be/);
    expect(() => multinomialOutcomeCount(2.5, 3)).toThrow(/n must be/);
    expect(() => multinomialOutcomeCount(3, 0)).toThrow(/k must be/);
    expect(() => multinomialOutcomeCount(3, 2, Number.NaN)).toThrow(/cap must be/);
  });
});

describe('exactMultinomialPValue', () => {
  it('matches a hand computation: 3 answers, all in one of 3 categories', () => {
    // Outcomes of (3,0,0) type have probability 1/27 each, and there are three of them: p = 3/27.
    expect(exactMultinomialPValue([0, 0, 3])).toBeCloseTo(1 / 9, 14);
    // (1,1,1) is the single most likely outcome, so every outcome counts: p = 1.
    expect(exactMultinomialPValue([1, 1, 1])).toBeCloseTo(1, 14);
  });

  it('matches brute force over every sequence for every 3-category outcome of 6 answers', () => {
    for (const counts of compositions(6, 3)) {
      expect(exactMultinomialPValue(counts)).toBeCloseTo(bruteForcePValue(counts), 12);
    }
  });

  it('matches brute force with 4 categories and 5 answers, and 2 categories and 9 answers', () => {
    for (const counts of [...compositions(5, 4), ...compositions(9, 2)]) {
      expect(exactMultinomialPValue(counts)).toBeCloseTo(bruteForcePValue(counts), 12);
    }
  });

  it('gives k / kⁿ when every answer is the same', () => {
    expect(exactMultinomialPValue([20, 0, 0])).toBeCloseTo(3 / 3 ** 20, 20);
  });

  it('refuses to enumerate more outcomes than the limit', () => {
    expect(multinomialOutcomeCount(200, 11)).toBeGreaterThan(EXACT_OUTCOME_LIMIT);
    expect(() => exactMultinomialPValue([...new Array<number>(10).fill(20), 0])).toThrow(/too many outcomes/);
  });

  it('rejects invalid counts', () => {
    expect(() => exactMultinomialPValue([])).toThrow(/empty/);
    expect(() => exactMultinomialPValue([4])).toThrow(/at least 2/);
    expect(() => exactMultinomialPValue([0, 0])).toThrow(/All counts are zero/);
    expect(() => exactMultinomialPValue([1, -2, 3])).toThrow(/whole number/);
  });
});

describe('monteCarloMultinomialPValue', () => {
  it('is close to the exact p-value where both apply', () => {
    // With 20,000 draws the standard error of p is at most 0.0036.
    for (const counts of [
      [1, 2, 0, 1, 1, 2, 0, 0, 3, 1, 1],
      [4, 9, 2],
      [480, 520, 500],
      [0, 0, 0, 4, 0, 1],
    ]) {
      const exact = exactMultinomialPValue(counts);
      expect(Math.abs(monteCarloMultinomialPValue(counts, { seed: 7, draws: 20_000 }) - exact)).toBeLessThan(0.015);
    }
  });

  it('is reproducible for a seed and changes with the seed', () => {
    const counts = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const first = monteCarloMultinomialPValue(counts, { seed: 11, draws: 2000 });
    expect(monteCarloMultinomialPValue(counts, { seed: 11, draws: 2000 })).toBe(first);
    expect(monteCarloMultinomialPValue(counts, { seed: 12, draws: 2000 })).not.toBe(first);
  });

  it('is never 0: (count + 1) / (draws + 1)', () => {
    const allSevens = [0, 0, 0, 0, 0, 0, 0, 1500, 0, 0, 0];
    expect(monteCarloMultinomialPValue(allSevens, { seed: 1, draws: 999 })).toBe(1 / 1000);
  });

  it('rejects a bad seed, bad draws and invalid counts', () => {
    expect(() => monteCarloMultinomialPValue([1, 2], { seed: Number.NaN })).toThrow(/seed/);
    expect(() => monteCarloMultinomialPValue([1, 2], { seed: 1, draws: 0 })).toThrow(/draws/);
    expect(() => monteCarloMultinomialPValue([1, 2], { seed: 1, draws: 10.5 })).toThrow(/draws/);
    expect(() => monteCarloMultinomialPValue([1, 2], undefined as unknown as { seed: number })).toThrow(/seed/);
    expect(() => monteCarloMultinomialPValue([0, 0], { seed: 1 })).toThrow(/All counts are zero/);
  });
});

describe('multinomialPValue', () => {
  it('is exact for rock-paper-scissors sizes and says so', () => {
    const counts = [30, 50, 20];
    expect(multinomialPValue(counts, { seed: 1 })).toEqual({ pValue: exactMultinomialPValue(counts), method: 'exact' });
  });

  it('uses Monte Carlo for 1,500 answers over 11 categories, with the default 10,000 draws', () => {
    const counts = [140, 135, 131, 129, 138, 142, 133, 150, 136, 134, 132];
    const result = multinomialPValue(counts, { seed: 3 });
    expect(result.method).toBe('monte-carlo');
    expect(result.pValue).toBe(monteCarloMultinomialPValue(counts, { seed: 3, draws: 10_000 }));
    expect(result.pValue).toBeGreaterThan(0.05);
  });

  it('finds a 7 spike at the paper’s sample size', () => {
    const counts = [118, 118, 118, 118, 118, 118, 118, 320, 118, 118, 118];
    expect(multinomialPValue(counts, { seed: 3, draws: 2000 })).toEqual({ pValue: 1 / 2001, method: 'monte-carlo' });
  });

  it('validates its options even when the test is exact', () => {
    expect(() => multinomialPValue([1, 2, 3], { seed: Infinity })).toThrow(/seed/);
    expect(() => multinomialPValue([1, 2, 3], { seed: 1, draws: -5 })).toThrow(/draws/);
    expect(() => multinomialPValue([1, 2, 3], null as unknown as { seed: number })).toThrow(/seed/);
  });

  it('rejects invalid counts', () => {
    expect(() => multinomialPValue([], { seed: 1 })).toThrow(/empty/);
    expect(() => multinomialPValue([2], { seed: 1 })).toThrow(/at least 2/);
    expect(() => multinomialPValue([0, 0, 0], { seed: 1 })).toThrow(/All counts are zero/);
  });
});
