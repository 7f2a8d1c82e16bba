import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail,
  logGamma,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
} from '../../../../src/core/stats/distributions.ts';
import { jStat } from './jstat-reference.ts';

/** ln((n − 1)!) by summing logarithms: an independent value of ln Γ(n). */
function logFactorialOf(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

/** The χ² upper tail for even df = 2m in closed form: e^(−x/2) Σ_{j<m} (x/2)^j / j!. */
function evenDfUpperTail(x: number, df: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 1; j < df / 2; j++) {
    term *= x / 2 / j;
    sum += term;
  }
  return Math.exp(-x / 2) * sum;
}

describe('logGamma', () => {
  it('matches ln((n − 1)!) at whole numbers', () => {
    for (const n of [1, 2, 3, 5, 10, 20, 50, 100, 171, 1000]) {
      expect(logGamma(n)).toBeCloseTo(logFactorialOf(n - 1), 10);
    }
  });

  it('matches Γ(1/2) = √π and Γ(3/2) = √π / 2', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 13);
  });

  it('satisfies Γ(x + 1) = x Γ(x), including below 1/2 where it reflects', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 100, noNaN: true }), (x) => {
        expect(logGamma(x + 1)).toBeCloseTo(Math.log(x) + logGamma(x), 10);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects 0, negatives and non-finite input', () => {
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => logGamma(bad)).toThrow(RangeError);
  });
});

describe('regularised incomplete gamma', () => {
  it('gives P(1, x) = 1 − e^(−x)', () => {
    for (const x of [0.01, 0.5, 1, 3, 10, 40]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 14);
      expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
    }
  });

  it('has P + Q = 1 on both sides of the series/continued-fraction switch', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 800, noNaN: true }),
        (a, x) => {
          expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 12);
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });

  it('agrees with jstat over a grid', () => {
    for (const a of [0.5, 1, 2.5, 5, 10, 30, 80]) {
      for (const x of [0.1, 0.5, 1, 2, 5, 10, 20, 50, 100]) {
        expect(regularizedGammaP(a, x)).toBeCloseTo(jStat.lowRegGamma(a, x), 9);
      }
    }
  });

  it('handles the ends of the range', () => {
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaP(3, Infinity)).toBe(1);
    expect(regularizedGammaQ(3, Infinity)).toBe(0);
  });

  it('rejects a shape that is not positive and a negative x', () => {
    expect(() => regularizedGammaP(0, 1)).toThrow(/shape a/);
    expect(() => regularizedGammaQ(-2, 1)).toThrow(/shape a/);
    expect(() => regularizedGammaP(Infinity, 1)).toThrow(/shape a/);
    expect(() => regularizedGammaP(1, -0.5)).toThrow(/x must be/);
    expect(() => regularizedGammaQ(1, Number.NaN)).toThrow(/x must be/);
  });
});

describe('chiSquareUpperTail', () => {
  it('gives 0.05 at the textbook 5% critical values', () => {
    // Critical values as printed in χ² tables (three decimals), so p is 0.05 to about four decimals.
    expect(chiSquareUpperTail(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(5.991, 2)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(7.815, 3)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(18.307, 10)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(23.209, 10)).toBeCloseTo(0.01, 4);
    expect(chiSquareUpperTail(29.588, 10)).toBeCloseTo(0.001, 5);
  });

  it('matches the closed form for even degrees of freedom, including far tails', () => {
    for (const df of [2, 4, 10, 20]) {
      for (const x of [0.2, 1, 5, 18.307, 40, 100, 300]) {
        const expected = evenDfUpperTail(x, df);
        expect(Math.abs(chiSquareUpperTail(x, df) - expected) / expected).toBeLessThan(1e-12);
      }
    }
  });

  it('agrees with jstat for odd and even degrees of freedom', () => {
    for (const df of [1, 3, 5, 9, 10, 25, 99]) {
      for (const x of [0.05, 0.5, 1, 3, 8, 15, 30, 60, 120]) {
        expect(chiSquareUpperTail(x, df)).toBeCloseTo(1 - jStat.chisquare.cdf(x, df), 9);
      }
    }
  });

  it('is 1 at a statistic of 0 and falls as the statistic grows', () => {
    expect(chiSquareUpperTail(0, 10)).toBe(1);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        (x, step) => {
          expect(chiSquareUpperTail(x + step, 10)).toBeLessThanOrEqual(chiSquareUpperTail(x, 10));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects bad degrees of freedom and a negative statistic', () => {
    expect(() => chiSquareUpperTail(1, 0)).toThrow(/degrees of freedom/);
    expect(() => chiSquareUpperTail(1, Number.NaN)).toThrow(/degrees of freedom/);
    expect(() => chiSquareUpperTail(-1, 3)).toThrow(/statistic/);
    expect(() => chiSquareUpperTail(Number.NaN, 3)).toThrow(/statistic/);
  });
});

describe('normalQuantile', () => {
  it('matches published quantiles of the standard normal', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.26234008979841, 9);
  });

  it('agrees with jstat between 1e-6 and 1 − 1e-6', () => {
    for (let i = 0; i <= 200; i++) {
      const p = 1e-6 + (i / 200) * (1 - 2e-6);
      expect(normalQuantile(p)).toBeCloseTo(jStat.normal.inv(p, 0, 1), 9);
    }
  });

  it('inverts the normal CDF and is antisymmetric about 1/2', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 1 - 1e-8, noNaN: true }), (p) => {
        expect(jStat.normal.cdf(normalQuantile(p), 0, 1)).toBeCloseTo(p, 12);
        expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 7);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects probabilities outside (0, 1)', () => {
    for (const bad of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(bad)).toThrow(RangeError);
  });
});
