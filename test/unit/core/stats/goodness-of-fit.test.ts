import { describe, expect, it } from 'vitest';
import { chiSquareUniform, gTestUniform } from '../../../../src/core/stats/goodness-of-fit.ts';
import { jStat } from './jstat-reference.ts';

/** Inputs every test against uniform must reject, with the words the error should contain. */
const INVALID_COUNTS: [unknown, RegExp][] = [
  [[], /empty/],
  [[7], /at least 2/],
  [[3, -1], /whole number of 0 or more/],
  [[2.5, 3], /whole number of 0 or more/],
  [[Number.NaN, 3], /whole number of 0 or more/],
  [[Infinity, 3], /whole number of 0 or more/],
  [[0, 0, 0], /All counts are zero/],
  ['3,4', /must be an array/],
];

describe('chiSquareUniform', () => {
  it('computes the raw Pearson statistic, by hand', () => {
    // E = 20: (10 − 20)²/20 + 0 + (30 − 20)²/20 = 10, on 2 df, where the tail is e^(−x/2).
    const result = chiSquareUniform([10, 20, 30]);
    expect(result.statistic).toBeCloseTo(10, 12);
    expect(result.df).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-5), 14);
  });

  it('counts empty categories in full', () => {
    // E = 4: (16 + 16 + 64) / 4 = 24.
    const result = chiSquareUniform([0, 0, 12]);
    expect(result.statistic).toBeCloseTo(24, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-12), 16);
  });

  it('is 0 with p = 1 for perfectly even counts', () => {
    expect(chiSquareUniform([5, 5, 5, 5])).toEqual({ statistic: 0, df: 3, pValue: 1 });
  });

  it('grows with N at a fixed bias (the paper’s raw scale)', () => {
    const small = chiSquareUniform([20, 10, 10, 10]).statistic;
    const large = chiSquareUniform([200, 100, 100, 100]).statistic;
    expect(large).toBeCloseTo(10 * small, 10);
  });

  it('matches jstat’s p-value on an 11-way answer distribution with a 7 spike', () => {
    // 1,500 answers, E = 1500/11; by hand: Σ O² = 10·118² + 320² = 241,640, so χ² = 11·241640/1500 − 1500.
    const counts = [118, 118, 118, 118, 118, 118, 118, 320, 118, 118, 118];
    const result = chiSquareUniform(counts);
    expect(result.statistic).toBeCloseTo((11 * 241_640) / 1500 - 1500, 9);
    expect(result.df).toBe(10);
    expect(result.pValue).toBeCloseTo(1 - jStat.chisquare.cdf(result.statistic, 10), 12);
    expect(result.pValue).toBeLessThan(1e-50);
  });

  it('gives p near 0.05 for a statistic near the 5% critical value', () => {
    // [14, 6] against E = 10: (16 + 16)/10 = 3.2; [15, 5]: 5. χ²(1) at 5% is 3.841, so the two sit either side.
    expect(chiSquareUniform([14, 6]).pValue).toBeGreaterThan(0.05);
    expect(chiSquareUniform([15, 5]).pValue).toBeLessThan(0.05);
    expect(chiSquareUniform([15, 5]).pValue).toBeCloseTo(1 - jStat.chisquare.cdf(5, 1), 9);
  });

  it.each(INVALID_COUNTS)('rejects %j', (counts, message) => {
    expect(() => chiSquareUniform(counts as number[])).toThrow(message);
  });
});

describe('gTestUniform', () => {
  it('computes G = 2 Σ O ln(O/E), by hand', () => {
    // E = 20: 2 (10 ln ½ + 20 ln 1 + 30 ln 1.5), on 2 df.
    const expected = 2 * (10 * Math.log(0.5) + 30 * Math.log(1.5));
    const result = gTestUniform([10, 20, 30]);
    expect(result.statistic).toBeCloseTo(expected, 12);
    expect(result.df).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-expected / 2), 14);
  });

  it('lets empty categories add 0', () => {
    // E = 4: 2 (0 + 6 ln 1.5 + 6 ln 1.5) = 24 ln 1.5, and on 2 df p = e^(−12 ln 1.5) = 1.5^(−12).
    const result = gTestUniform([0, 6, 6]);
    expect(result.statistic).toBeCloseTo(24 * Math.log(1.5), 12);
    expect(result.pValue).toBeCloseTo(1.5 ** -12, 14);
  });

  it('is 0 with p = 1 for perfectly even counts', () => {
    expect(gTestUniform([7, 7, 7])).toEqual({ statistic: 0, df: 2, pValue: 1 });
  });

  it('is close to Pearson’s χ² when the counts are near uniform', () => {
    const counts = [102, 97, 99, 105, 96, 101];
    expect(gTestUniform(counts).statistic).toBeCloseTo(chiSquareUniform(counts).statistic, 2);
  });

  it('matches jstat’s p-value for a range of statistics', () => {
    for (const counts of [[3, 9, 1, 4], [40, 60], [12, 0, 3, 8, 1, 5, 9, 2, 7, 4, 6]]) {
      const result = gTestUniform(counts);
      expect(result.pValue).toBeCloseTo(1 - jStat.chisquare.cdf(result.statistic, counts.length - 1), 9);
    }
  });

  it.each(INVALID_COUNTS)('rejects %j', (counts, message) => {
    expect(() => gTestUniform(counts as number[])).toThrow(message);
  });
});
