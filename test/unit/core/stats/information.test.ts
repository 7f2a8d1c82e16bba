import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entropy,
  entropyMillerMadow,
  jsDivergence,
  klDivergence,
  normalise,
  totalVariation,
  uniform,
} from '../../../../src/core/stats/information.ts';
import { countsOf, probabilitiesOf, probabilityPair } from './arbitraries.ts';

const LN2 = Math.log(2);

describe('uniform and normalise', () => {
  it('builds the uniform distribution', () => {
    expect(uniform(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(uniform(1)).toEqual([1]);
  });

  it('turns counts into proportions', () => {
    expect(normalise([1, 3])).toEqual([0.25, 0.75]);
    expect(normalise([0, 5, 0])).toEqual([0, 1, 0]);
  });

  it('rejects a category count that is not a positive whole number', () => {
    for (const bad of [0, -2, 2.5, Number.NaN]) expect(() => uniform(bad)).toThrow(/number of categories/);
  });

  it('rejects counts that cannot be normalised', () => {
    expect(() => normalise([])).toThrow(/empty/);
    expect(() => normalise([0, 0])).toThrow(/All counts are zero/);
    expect(() => normalise([1, -1])).toThrow(/whole number/);
  });
});

describe('entropy', () => {
  it('is ln k for uniform and 0 for a certain answer', () => {
    expect(entropy(uniform(11))).toBeCloseTo(Math.log(11), 14);
    expect(entropy([0, 1, 0])).toBe(0);
  });

  it('matches a hand computation: H(½, ¼, ¼) = 1.5 ln 2', () => {
    expect(entropy([0.5, 0.25, 0.25])).toBeCloseTo(1.5 * LN2, 14);
  });

  it('lies between 0 and ln k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((k) => probabilitiesOf(k)),
        (p) => {
          const h = entropy(p);
          expect(h).toBeGreaterThanOrEqual(0);
          expect(h).toBeLessThanOrEqual(Math.log(p.length) + 1e-12);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects probabilities that do not sum to 1, negatives, NaN and an empty array', () => {
    expect(() => entropy([0.5, 0.4])).toThrow(/sum to 1/);
    expect(() => entropy([0.5, 0.5 + 2e-9])).toThrow(/sum to 1/);
    expect(() => entropy([1.5, -0.5])).toThrow(/probability of 0 or more/);
    expect(() => entropy([Number.NaN, 1])).toThrow(/probability of 0 or more/);
    expect(() => entropy([])).toThrow(/empty/);
  });

  it('accepts a sum within 1e-9 of 1', () => {
    expect(entropy([0.5, 0.5 + 5e-10])).toBeCloseTo(LN2, 8);
  });
});

describe('entropyMillerMadow', () => {
  it('adds (m − 1)/(2n) to the plug-in entropy, by hand', () => {
    // p̂ = (½, ¼, ¼), m = 3 non-empty categories, n = 4.
    expect(entropyMillerMadow([2, 1, 1])).toBeCloseTo(1.5 * LN2 + 2 / 8, 14);
    // An empty category does not count towards m: p̂ = (½, ½), m = 2, n = 6.
    expect(entropyMillerMadow([3, 0, 3])).toBeCloseTo(LN2 + 1 / 12, 14);
  });

  it('adds nothing when all answers fall in one category', () => {
    expect(entropyMillerMadow([0, 9, 0])).toBe(0);
  });

  it('is never below the plug-in estimate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((k) => countsOf(k)),
        (counts) => {
          expect(entropyMillerMadow(counts)).toBeGreaterThanOrEqual(entropy(normalise(counts)));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects invalid counts', () => {
    expect(() => entropyMillerMadow([])).toThrow(/empty/);
    expect(() => entropyMillerMadow([0, 0])).toThrow(/All counts are zero/);
    expect(() => entropyMillerMadow([1, 0.5])).toThrow(/whole number/);
  });
});

describe('klDivergence', () => {
  it('matches a hand computation', () => {
    // ½ ln(½ / ¼) + ½ ln(½ / ¾) = ½ ln 2 + ½ ln ⅔.
    expect(klDivergence([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.5 * LN2 + 0.5 * Math.log(2 / 3), 14);
  });

  it('is Infinity when p puts mass where q has none, and finite the other way round', () => {
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(LN2, 14);
  });

  it('to uniform equals ln k − H(p)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((k) => probabilitiesOf(k)),
        (p) => {
          expect(klDivergence(p, uniform(p.length))).toBeCloseTo(Math.log(p.length) - entropy(p), 12);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is ≥ 0 and 0 for identical distributions', () => {
    fc.assert(
      fc.property(probabilityPair, ([p, q]) => {
        expect(klDivergence(p, q)).toBeGreaterThanOrEqual(0);
        expect(klDivergence(p, p)).toBe(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects mismatched lengths and invalid probabilities', () => {
    expect(() => klDivergence([0.5, 0.5], [1 / 3, 1 / 3, 1 / 3])).toThrow(/2 categories but q has 3/);
    expect(() => klDivergence([0.5, 0.6], [0.5, 0.5])).toThrow(/p must sum to 1/);
    expect(() => klDivergence([0.5, 0.5], [0.2, 0.2])).toThrow(/q must sum to 1/);
  });
});

describe('jsDivergence', () => {
  it('is ln 2 for disjoint distributions and 0 for identical ones', () => {
    expect(jsDivergence([1, 0], [0, 1])).toBeCloseTo(LN2, 14);
    expect(jsDivergence([0.2, 0.8], [0.2, 0.8])).toBe(0);
  });

  it('matches a hand computation', () => {
    // m = (¾, ¼): ½ [ln(1 / ¾)] + ½ [½ ln(½ / ¾) + ½ ln(½ / ¼)].
    const expected = 0.5 * Math.log(4 / 3) + 0.25 * Math.log(2 / 3) + 0.25 * LN2;
    expect(jsDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(expected, 14);
  });

  it('to uniform equals H(M) − ½ H(p) − ½ H(U) (methods.md §B1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((k) => probabilitiesOf(k)),
        (p) => {
          const u = uniform(p.length);
          const m = p.map((value, i) => 0.5 * (value + (u[i] as number)));
          expect(jsDivergence(p, u)).toBeCloseTo(entropy(m) - 0.5 * entropy(p) - 0.5 * entropy(u), 12);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is symmetric and lies in [0, ln 2]', () => {
    fc.assert(
      fc.property(probabilityPair, ([p, q]) => {
        const js = jsDivergence(p, q);
        expect(js).toBeGreaterThanOrEqual(0);
        expect(js).toBeLessThanOrEqual(LN2);
        expect(jsDivergence(q, p)).toBeCloseTo(js, 14);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects mismatched lengths and invalid probabilities', () => {
    expect(() => jsDivergence([1], [0.5, 0.5])).toThrow(/must match/);
    expect(() => jsDivergence([], [])).toThrow(/empty/);
    expect(() => jsDivergence([-0.5, 1.5], [0.5, 0.5])).toThrow(/probability of 0 or more/);
  });
});

describe('totalVariation', () => {
  it('is half the L1 distance, by hand', () => {
    // ½ (|½ − ⅓| + |¼ − ⅓| + |¼ − ⅓|) = ½ (⅙ + 1/12 + 1/12) = ⅙.
    expect(totalVariation([0.5, 0.25, 0.25], uniform(3))).toBeCloseTo(1 / 6, 14);
    expect(totalVariation([1, 0], [0, 1])).toBe(1);
  });

  it('is symmetric, lies in [0, 1] and is at most √(KL/2) (Pinsker)', () => {
    fc.assert(
      fc.property(probabilityPair, ([p, q]) => {
        const tv = totalVariation(p, q);
        expect(tv).toBeGreaterThanOrEqual(0);
        expect(tv).toBeLessThanOrEqual(1);
        expect(totalVariation(q, p)).toBeCloseTo(tv, 14);
        expect(tv).toBeLessThanOrEqual(Math.sqrt(klDivergence(p, q) / 2) + 1e-12);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rejects mismatched lengths and invalid probabilities', () => {
    expect(() => totalVariation([0.5, 0.5], [1])).toThrow(/must match/);
    expect(() => totalVariation([0.5, 0.5], [0.9, 0.9])).toThrow(/q must sum to 1/);
  });
});
