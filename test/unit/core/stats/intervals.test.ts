import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entropy, jsDivergence, uniform } from '../../../../src/core/stats/information.ts';
import { dirichletInterval, wilsonInterval } from '../../../../src/core/stats/intervals.ts';
import { createRng } from '../../../../src/core/stats/rng.ts';
import { countsOf } from './arbitraries.ts';
import { jStat } from './jstat-reference.ts';

const probabilityOfSeven = (p: number[]) => p[7] as number;

/** Counts of n seeded answers drawn from the distribution p. */
function sampleCounts(p: number[], n: number, seed: number): number[] {
  const random = createRng(seed);
  const counts = new Array<number>(p.length).fill(0);
  for (let i = 0; i < n; i++) {
    let u = random();
    let category = 0;
    while (category < p.length - 1 && u >= (p[category] as number)) u -= p[category++] as number;
    counts[category] = (counts[category] as number) + 1;
  }
  return counts;
}

/** An answer distribution over 0…10 with P(7) = 0.3 and the rest spread evenly. */
const SEVEN_HEAVY = Array.from({ length: 11 }, (_, i) => (i === 7 ? 0.3 : 0.07));

describe('wilsonInterval', () => {
  it('matches Newcombe (1998), Table I, at 95%', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
      [29, 29, 0.883, 1],
    ];
    for (const [successes, n, lo, hi] of cases) {
      const interval = wilsonInterval(successes, n);
      expect(interval.lo).toBeCloseTo(lo, 4);
      expect(interval.hi).toBeCloseTo(hi, 4);
    }
  });

  it('gives the familiar intervals for 0 of 10 and 5 of 10', () => {
    expect(wilsonInterval(0, 10)).toEqual({ lo: 0, hi: expect.closeTo(0.2775, 4) });
    const half = wilsonInterval(5, 10);
    expect(half.lo).toBeCloseTo(0.2366, 4);
    expect(half.hi).toBeCloseTo(0.7634, 4);
  });

  it('has bounds that solve (p̂ − p)² = z² p(1 − p) / n, with z from jstat', () => {
    for (const level of [0.8, 0.95, 0.99]) {
      const z = jStat.normal.inv((1 + level) / 2, 0, 1);
      for (const [successes, n] of [[3, 17], [40, 50], [1, 1000]] as const) {
        const proportion = successes / n;
        for (const bound of Object.values(wilsonInterval(successes, n, level))) {
          expect((proportion - bound) ** 2).toBeCloseTo((z * z * bound * (1 - bound)) / n, 12);
        }
      }
    }
  });

  it('contains p̂, mirrors under successes ↔ failures and widens with the level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([successes, n]) => {
          const interval = wilsonInterval(successes, n);
          expect(interval.lo).toBeLessThanOrEqual(successes / n);
          expect(interval.hi).toBeGreaterThanOrEqual(successes / n);
          const mirrored = wilsonInterval(n - successes, n);
          expect(mirrored.lo).toBeCloseTo(1 - interval.hi, 12);
          const wider = wilsonInterval(successes, n, 0.99);
          expect(wider.lo).toBeLessThanOrEqual(interval.lo);
          expect(wider.hi).toBeGreaterThanOrEqual(interval.hi);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects impossible counts and levels', () => {
    expect(() => wilsonInterval(1, 0)).toThrow(/number of trials/);
    expect(() => wilsonInterval(1, 2.5)).toThrow(/number of trials/);
    expect(() => wilsonInterval(-1, 10)).toThrow(/from 0 to 10/);
    expect(() => wilsonInterval(11, 10)).toThrow(/from 0 to 10/);
    expect(() => wilsonInterval(1.5, 10)).toThrow(/from 0 to 10/);
    for (const level of [0, 1, 95, -0.5, Number.NaN]) {
      expect(() => wilsonInterval(3, 10, level)).toThrow(/level must be strictly between 0 and 1/);
    }
  });
});

describe('dirichletInterval', () => {
  it('is reproducible for a seed and changes with the seed', () => {
    const counts = [3, 0, 5, 1, 2, 4, 0, 9, 1, 2, 3];
    const first = dirichletInterval(counts, probabilityOfSeven, { seed: 5, draws: 2000 });
    expect(dirichletInterval(counts, probabilityOfSeven, { seed: 5, draws: 2000 })).toEqual(first);
    expect(dirichletInterval(counts, probabilityOfSeven, { seed: 6, draws: 2000 })).not.toEqual(first);
  });

  it('matches the Beta marginal of the Dirichlet posterior (quantiles from jstat)', () => {
    // Under Dirichlet(counts + α), one category's probability is Beta(cᵢ + α, Σc + kα − cᵢ − α). Category 1 has
    // shape 0.5 < 1, which exercises the gamma sampler's boost.
    const counts = [3, 0, 7];
    const interval = dirichletInterval(counts, (p) => p[1] as number, { seed: 1, draws: 40_000 });
    const [a, b] = [0.5, 10 + 1.5 - 0.5];
    expect(interval.lo).toBeCloseTo(jStat.beta.inv(0.025, a, b), 3);
    expect(interval.median).toBeCloseTo(jStat.beta.inv(0.5, a, b), 3);
    expect(interval.hi).toBeCloseTo(jStat.beta.inv(0.975, a, b), 2);

    const flatPrior = { seed: 2, draws: 40_000, alpha: 1, level: 0.9 };
    const withFlatPrior = dirichletInterval(counts, (p) => p[2] as number, flatPrior);
    expect(withFlatPrior.lo).toBeCloseTo(jStat.beta.inv(0.05, 8, 5), 2);
    expect(withFlatPrior.median).toBeCloseTo(jStat.beta.inv(0.5, 8, 5), 2);
    expect(withFlatPrior.hi).toBeCloseTo(jStat.beta.inv(0.95, 8, 5), 2);
  });

  it('contains the point estimate for large counts and narrows as N grows', () => {
    const counts = sampleCounts(SEVEN_HEAVY, 1500, 21);
    const estimate = (counts[7] as number) / 1500;
    const interval = dirichletInterval(counts, probabilityOfSeven, { seed: 3 });
    expect(interval.lo).toBeLessThan(estimate);
    expect(interval.hi).toBeGreaterThan(estimate);
    expect(interval.median).toBeCloseTo(estimate, 2);
    const tenfold = dirichletInterval(
      counts.map((count) => count * 10),
      probabilityOfSeven,
      { seed: 3 },
    );
    // The width shrinks like 1/√N: about √10 ≈ 3.2 times narrower.
    const ratio = (interval.hi - interval.lo) / (tenfold.hi - tenfold.lo);
    expect(ratio).toBeGreaterThan(2.8);
    expect(ratio).toBeLessThan(3.6);
  });

  it('covers the true P(7) at about the stated rate', () => {
    let covered = 0;
    const datasets = 200;
    for (let seed = 0; seed < datasets; seed++) {
      const counts = sampleCounts(SEVEN_HEAVY, 100, 1000 + seed);
      const interval = dirichletInterval(counts, probabilityOfSeven, { seed, draws: 1000 });
      if (interval.lo <= 0.3 && 0.3 <= interval.hi) covered++;
    }
    // 95% of 200 is 190, with a binomial standard deviation of about 3.
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(198);
  });

  it('works for any metric: entropy and JS divergence to uniform', () => {
    const counts = sampleCounts(SEVEN_HEAVY, 1500, 4);
    const u = uniform(11);
    const js = dirichletInterval(counts, (p) => jsDivergence(p, u), { seed: 1, draws: 2000 });
    const estimate = jsDivergence(
      counts.map((count) => count / 1500),
      u,
    );
    expect(js.lo).toBeLessThan(estimate);
    expect(js.hi).toBeGreaterThan(estimate);
    const h = dirichletInterval(counts, entropy, { seed: 1, draws: 2000 });
    expect(h.hi).toBeLessThan(Math.log(11));
    expect(h.lo).toBeGreaterThan(0);
  });

  it('narrows with a lower level', () => {
    const counts = [12, 30, 8];
    const wide = dirichletInterval(counts, (p) => p[0] as number, { seed: 9, draws: 4000, level: 0.99 });
    const narrow = dirichletInterval(counts, (p) => p[0] as number, { seed: 9, draws: 4000, level: 0.5 });
    expect(narrow.lo).toBeGreaterThan(wide.lo);
    expect(narrow.hi).toBeLessThan(wide.hi);
    expect(narrow.median).toBe(wide.median);
  });

  it('orders its bounds: lo ≤ median ≤ hi', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }).chain((k) => countsOf(k, 30)),
        fc.integer(),
        fc.integer({ min: 0, max: 10 }),
        (counts, seed, index) => {
          const metric = (p: number[]) => p[index % p.length] as number;
          const interval = dirichletInterval(counts, metric, { seed, draws: 200 });
          expect(interval.lo).toBeLessThanOrEqual(interval.median);
          expect(interval.median).toBeLessThanOrEqual(interval.hi);
          expect(interval.lo).toBeGreaterThanOrEqual(0);
          expect(interval.hi).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });

  it('keeps an infinite metric value without producing NaN', () => {
    const interval = dirichletInterval([1, 1], () => Infinity, { seed: 1, draws: 10 });
    expect(interval).toEqual({ lo: Infinity, median: Infinity, hi: Infinity });
  });

  it('rejects invalid counts, metrics and options', () => {
    const options = { seed: 1, draws: 10 };
    expect(() => dirichletInterval([], probabilityOfSeven, options)).toThrow(/empty/);
    expect(() => dirichletInterval([0, 0], probabilityOfSeven, options)).toThrow(/All counts are zero/);
    expect(() => dirichletInterval([1, -1], probabilityOfSeven, options)).toThrow(/whole number/);
    const notAFunction = 'p7' as unknown as (p: number[]) => number;
    expect(() => dirichletInterval([1, 2], notAFunction, options)).toThrow(/metric must be a function/);
    expect(() => dirichletInterval([1, 2], () => Number.NaN, options)).toThrow(/metric must return a number/);
    expect(() => dirichletInterval([1, 2], probabilityOfSeven, { seed: Number.NaN })).toThrow(/seed/);
    expect(() => dirichletInterval([1, 2], probabilityOfSeven, { seed: 1, draws: 0 })).toThrow(/draws/);
    expect(() => dirichletInterval([1, 2], probabilityOfSeven, { seed: 1, level: 1 })).toThrow(/level/);
    expect(() => dirichletInterval([1, 2], probabilityOfSeven, { seed: 1, level: 0 })).toThrow(/level/);
    for (const alpha of [0, -0.5, Infinity, Number.NaN]) {
      expect(() => dirichletInterval([1, 2], probabilityOfSeven, { seed: 1, alpha })).toThrow(/alpha/);
    }
    const noOptions = undefined as unknown as { seed: number };
    expect(() => dirichletInterval([1, 2], probabilityOfSeven, noOptions)).toThrow(/seed/);
  });
});
