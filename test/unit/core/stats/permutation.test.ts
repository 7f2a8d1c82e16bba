import { describe, expect, it } from 'vitest';
import { jsDivergence, uniform } from '../../../../src/core/stats/information.ts';
import { permutationTest } from '../../../../src/core/stats/permutation.ts';
import { createRng } from '../../../../src/core/stats/rng.ts';

const jsToUniform = (p: number[]) => jsDivergence(p, uniform(p.length));

/**
 * The exact permutation p-value P(difference ≥ observed) by enumerating every way to choose group A's members from
 * the pooled answers (all equally likely under the null).
 */
function exactPermutationPValue(countsA: number[], countsB: number[], metric: (p: number[]) => number): number {
  const pooled = countsA.flatMap((count, category) =>
    new Array<number>(count + (countsB[category] as number)).fill(category),
  );
  const sizeA = countsA.reduce((sum, count) => sum + count, 0);
  const sizeB = pooled.length - sizeA;
  const difference = (inA: number[]) => {
    const inB = inA.map((count, category) => (countsA[category] as number) + (countsB[category] as number) - count);
    return metric(inA.map((count) => count / sizeA)) - metric(inB.map((count) => count / sizeB));
  };
  const observed = difference(countsA);
  let atLeastAsLarge = 0;
  let splits = 0;
  for (let mask = 0; mask < 2 ** pooled.length; mask++) {
    let members = 0;
    const inA = new Array<number>(countsA.length).fill(0);
    pooled.forEach((category, i) => {
      if (mask & (1 << i)) {
        members++;
        inA[category] = (inA[category] as number) + 1;
      }
    });
    if (members !== sizeA) continue;
    splits++;
    if (difference(inA) >= observed - 1e-12) atLeastAsLarge++;
  }
  return atLeastAsLarge / splits;
}

/** Counts of n seeded answers: category 0 with probability `heavy`, the rest uniformly. */
function sampleCounts(k: number, n: number, heavy: number, seed: number): number[] {
  const random = createRng(seed);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const category = random() < heavy ? 0 : Math.floor(random() * k);
    counts[category] = (counts[category] as number) + 1;
  }
  return counts;
}

describe('permutationTest', () => {
  it('reports the observed difference of the metric, by hand', () => {
    // A = (¾, ¼), B = (½, ½); with metric p ↦ p[0] the difference is ¼.
    const result = permutationTest([3, 1], [2, 2], (p) => p[0] as number, { seed: 1, draws: 100 });
    expect(result.observed).toBeCloseTo(0.25, 14);
    expect(result.draws).toBe(100);
  });

  it('is close to the exact permutation p-value, for equal and unequal group sizes', () => {
    const cases: [number[], number[]][] = [
      [[4, 1, 0], [1, 2, 2]],
      [[5, 1], [2, 3]],
      [[3, 0, 1], [1, 3, 1]],
      [[1, 1], [4, 2]],
    ];
    for (const [countsA, countsB] of cases) {
      const exact = exactPermutationPValue(countsA, countsB, jsToUniform);
      const estimate = permutationTest(countsA, countsB, jsToUniform, { seed: 2, draws: 20_000 }).pValue;
      // 20,000 draws: the standard error is at most 0.0036.
      expect(Math.abs(estimate - exact)).toBeLessThan(0.015);
    }
  });

  it('finds that a 7-heavy sample is further from uniform than a uniform one, in that direction only', () => {
    const heavy = sampleCounts(11, 300, 0.3, 1);
    const even = sampleCounts(11, 300, 0, 2);
    const forward = permutationTest(heavy, even, jsToUniform, { seed: 3, draws: 2000 });
    expect(forward.observed).toBeGreaterThan(0);
    expect(forward.pValue).toBe(1 / 2001);
    const backward = permutationTest(even, heavy, jsToUniform, { seed: 3, draws: 2000 });
    expect(backward.observed).toBeCloseTo(-forward.observed, 14);
    expect(backward.pValue).toBeGreaterThan(0.99);
  });

  it('gives p of at least ½ for identical samples', () => {
    const counts = [30, 25, 20, 25];
    const result = permutationTest(counts, counts, jsToUniform, { seed: 4, draws: 2000 });
    expect(result.observed).toBe(0);
    expect(result.pValue).toBeGreaterThanOrEqual(0.5);
  });

  it('rejects at about the nominal rate when both samples share one distribution', () => {
    let rejected = 0;
    const trials = 100;
    for (let seed = 0; seed < trials; seed++) {
      const a = sampleCounts(5, 60, 0.2, 100 + seed);
      const b = sampleCounts(5, 40, 0.2, 500 + seed);
      if (permutationTest(a, b, jsToUniform, { seed, draws: 300 }).pValue <= 0.1) rejected++;
    }
    // 10% of 100 is 10, with a binomial standard deviation of 3.
    expect(rejected).toBeGreaterThanOrEqual(2);
    expect(rejected).toBeLessThanOrEqual(20);
  });

  it('is reproducible for a seed and changes with the seed', () => {
    const a = [12, 8, 10];
    const b = [9, 11, 10];
    const first = permutationTest(a, b, jsToUniform, { seed: 8, draws: 500 });
    expect(permutationTest(a, b, jsToUniform, { seed: 8, draws: 500 })).toEqual(first);
    expect(permutationTest(a, b, jsToUniform, { seed: 9, draws: 500 }).pValue).not.toBe(first.pValue);
  });

  it('uses 10,000 draws by default', () => {
    expect(permutationTest([2, 1], [1, 2], jsToUniform, { seed: 1 }).draws).toBe(10_000);
  });

  it('rejects invalid counts, metrics and options', () => {
    const metric = (p: number[]) => p[0] as number;
    expect(() => permutationTest([1, 2], [1, 2, 3], metric, { seed: 1 })).toThrow(
      /countsA has 2 categories but countsB has 3/,
    );
    expect(() => permutationTest([0, 0], [1, 2], metric, { seed: 1 })).toThrow(/All countsA are zero/);
    expect(() => permutationTest([1, 2], [], metric, { seed: 1 })).toThrow(/countsB is empty/);
    expect(() => permutationTest([1, 2], [1, -2], metric, { seed: 1 })).toThrow(/countsB\[1\]/);
    const notAFunction = null as unknown as typeof metric;
    expect(() => permutationTest([1, 2], [1, 2], notAFunction, { seed: 1 })).toThrow(/metric must be a function/);
    expect(() => permutationTest([1, 2], [1, 2], () => Number.NaN, { seed: 1 })).toThrow(/metric must return a number/);
    expect(() => permutationTest([1, 2], [1, 2], () => Infinity, { seed: 1 })).toThrow(/infinite for both/);
    expect(() => permutationTest([1, 2], [1, 2], metric, { seed: Number.NaN })).toThrow(/seed/);
    expect(() => permutationTest([1, 2], [1, 2], metric, { seed: 1, draws: 0 })).toThrow(/draws/);
  });
});
