import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/stats/rng.ts';
import { createBinomialSampler, createGammaSampler, createHypergeometricSampler, createNormalSampler } from '../../../../src/core/stats/variates.ts';
import { jStat } from './jstat-reference.ts';

/** The Kolmogorov–Smirnov distance between a sample and a continuous CDF. */
function ksDistance(sample: number[], cdf: (x: number) => number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  let distance = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    distance = Math.max(distance, Math.abs(f - i / sorted.length), Math.abs((i + 1) / sorted.length - f));
  });
  return distance;
}

/** The KS critical distance at the 0.1% level, 1.95/√n, so a correct sampler fails a seeded check very rarely. */
const ksCritical = (n: number) => 1.95 / Math.sqrt(n);

function binomialProbability(trials: number, p: number, x: number): number {
  let logCoefficient = 0;
  for (let i = 1; i <= x; i++) logCoefficient += Math.log((trials - x + i) / i);
  return Math.exp(logCoefficient + x * Math.log(p) + (trials - x) * Math.log(1 - p));
}

describe('createNormalSampler', () => {
  it('follows the standard normal distribution (KS test against jstat’s CDF)', () => {
    const normal = createNormalSampler(createRng(1));
    const sample = Array.from({ length: 20_000 }, normal);
    expect(ksDistance(sample, (x) => jStat.normal.cdf(x, 0, 1))).toBeLessThan(ksCritical(sample.length));
    const mean = sample.reduce((sum, x) => sum + x, 0) / sample.length;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(sample.length));
  });

  it('is reproducible for a seed', () => {
    const first = Array.from({ length: 5 }, createNormalSampler(createRng(3)));
    expect(Array.from({ length: 5 }, createNormalSampler(createRng(3)))).toEqual(first);
  });

  it('rejects a missing random source', () => {
    expect(() => createNormalSampler(undefined as unknown as () => number)).toThrow(/random source/);
  });
});

describe('createGammaSampler', () => {
  it.each([0.3, 0.5, 1, 2.5, 11.5])('follows Gamma(%f, 1) (KS test against jstat’s CDF)', (shape) => {
    const gamma = createGammaSampler(shape, createRng(shape * 1000));
    const sample = Array.from({ length: 10_000 }, gamma);
    expect(ksDistance(sample, (x) => jStat.gamma.cdf(x, shape, 1))).toBeLessThan(ksCritical(sample.length));
    const mean = sample.reduce((sum, x) => sum + x, 0) / sample.length;
    expect(Math.abs(mean - shape)).toBeLessThan(4 * Math.sqrt(shape / sample.length));
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(0);
  });

  it('rejects a shape that is not a positive finite number', () => {
    const random = createRng(1);
    for (const shape of [0, -1, Infinity, Number.NaN]) {
      expect(() => createGammaSampler(shape, random)).toThrow(/gamma shape/);
    }
    expect(() => createGammaSampler(1, random, 'normal' as unknown as () => number)).toThrow(/normal sampler/);
  });
});

describe('createBinomialSampler', () => {
  it.each([
    [30, 0.3],
    [12, 0.5],
    [1500, 1 / 11],
    [40, 0.97],
  ])('matches the exact Binomial(%i, %f) probabilities', (trials, p) => {
    const binomial = createBinomialSampler(trials, createRng(trials));
    const draws = 40_000;
    const frequencies = new Array<number>(trials + 1).fill(0);
    for (let i = 0; i < draws; i++) {
      const x = binomial(trials, p);
      frequencies[x] = (frequencies[x] as number) + 1;
    }
    frequencies.forEach((frequency, x) => {
      const probability = binomialProbability(trials, p, x);
      // Five standard errors, plus a little for outcomes too rare to be seen.
      const standardError = Math.sqrt((probability * (1 - probability)) / draws);
      expect(Math.abs(frequency / draws - probability)).toBeLessThan(5 * standardError + 1e-4);
    });
  });

  it('handles certain and impossible outcomes', () => {
    const binomial = createBinomialSampler(10, createRng(1));
    expect(binomial(10, 0)).toBe(0);
    expect(binomial(10, 1)).toBe(10);
    expect(binomial(0, 0.5)).toBe(0);
  });

  it('rejects bad sizes and probabilities', () => {
    expect(() => createBinomialSampler(-1, createRng(1))).toThrow(/maxTrials/);
    expect(() => createBinomialSampler(1.5, createRng(1))).toThrow(/maxTrials/);
    const binomial = createBinomialSampler(10, createRng(1));
    expect(() => binomial(11, 0.5)).toThrow(/from 0 to 10/);
    expect(() => binomial(2.5, 0.5)).toThrow(/from 0 to 10/);
    expect(() => binomial(5, 1.5)).toThrow(/success probability/);
    expect(() => binomial(5, Number.NaN)).toThrow(/success probability/);
  });
});

function hypergeometricProbability(population: number, successes: number, draws: number, x: number): number {
  return jStat.hypgeom.pdf(x, population, successes, draws);
}

describe('createHypergeometricSampler', () => {
  it.each([
    [30, 12, 10],
    [3000, 273, 1500],
    [50, 45, 20],
    [20, 3, 17],
  ])('matches the exact Hypergeometric(population %i, marked %i, draws %i) probabilities', (population, successes, draws) => {
    const hypergeometric = createHypergeometricSampler(population, createRng(population + successes));
    const samples = 40_000;
    const frequencies = new Map<number, number>();
    for (let i = 0; i < samples; i++) {
      const x = hypergeometric(population, successes, draws);
      frequencies.set(x, (frequencies.get(x) ?? 0) + 1);
    }
    for (let x = Math.max(0, draws - (population - successes)); x <= Math.min(draws, successes); x++) {
      const probability = hypergeometricProbability(population, successes, draws, x);
      const standardError = Math.sqrt((probability * (1 - probability)) / samples);
      expect(Math.abs((frequencies.get(x) ?? 0) / samples - probability), `x = ${x}`).toBeLessThan(5 * standardError + 1e-4);
    }
  });

  it('gives the only possible count at once, and rejects impossible draws', () => {
    const hypergeometric = createHypergeometricSampler(10, createRng(1));
    expect(hypergeometric(10, 10, 4)).toBe(4);
    expect(hypergeometric(10, 0, 4)).toBe(0);
    expect(hypergeometric(10, 6, 10)).toBe(6);
    expect(() => hypergeometric(11, 2, 2)).toThrow(/population/);
    expect(() => hypergeometric(10, 11, 2)).toThrow(/marked items/);
  });
});
