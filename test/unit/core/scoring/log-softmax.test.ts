import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logSoftmax } from '../../../../src/core/scoring/index.ts';

describe('logSoftmax', () => {
  it('matches a hand computation', () => {
    // log(e + e² + e³) = 3 + log(1 + e⁻¹ + e⁻²) = 3.40760596444438 (to 15 digits).
    const result = logSoftmax([1, 2, 3]);
    expect(result[0]).toBeCloseTo(-2.40760596444438, 13);
    expect(result[1]).toBeCloseTo(-1.40760596444438, 13);
    expect(result[2]).toBeCloseTo(-0.40760596444438, 13);
  });

  it('keeps -Infinity entries (masked or padding) at probability 0', () => {
    const result = logSoftmax(new Float32Array([0, -Infinity, 0]));
    expect(result[0]).toBeCloseTo(Math.log(0.5), 15);
    expect(result[1]).toBe(-Infinity);
    expect(result[2]).toBeCloseTo(Math.log(0.5), 15);
  });

  it('does not overflow on large logits', () => {
    expect(Array.from(logSoftmax([1000, 1000]))).toEqual([Math.log(0.5), Math.log(0.5)]);
    expect(logSoftmax([-1000, 0])[1]).toBeCloseTo(0, 15);
  });

  it('refuses what is not a distribution in plain words', () => {
    expect(() => logSoftmax([])).toThrow(/empty/);
    expect(() => logSoftmax([0, Number.NaN])).toThrow(/logits\[1\]/);
    expect(() => logSoftmax([0, Infinity])).toThrow(/logits\[1\]/);
    expect(() => logSoftmax([-Infinity, -Infinity])).toThrow(/Every logit is -Infinity/);
    expect(() => logSoftmax(null as unknown as number[])).toThrow(TypeError);
  });

  it('gives probabilities that sum to 1 and keeps the differences between logits', () => {
    const logits = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(logits, (values) => {
        const result = logSoftmax(values);
        const total = Array.from(result).reduce((sum, x) => sum + Math.exp(x), 0);
        expect(total).toBeCloseTo(1, 12);
        for (let i = 1; i < values.length; i++) {
          expect((result[i] as number) - (result[0] as number)).toBeCloseTo((values[i] as number) - (values[0] as number), 9);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is unchanged by adding a constant to every logit', () => {
    const logits = fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(logits, fc.double({ min: -500, max: 500, noNaN: true }), (values, shift) => {
        const shifted = logSoftmax(values.map((x) => x + shift));
        logSoftmax(values).forEach((x, i) => expect(shifted[i]).toBeCloseTo(x, 9));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
