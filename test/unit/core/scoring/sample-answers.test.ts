import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../../../src/core/model.ts';
import { sampleAnswerCounts } from '../../../../src/core/scoring/index.ts';
import { scoreResult } from '../../../support/builders.ts';

const result = scoreResult({ rock: 0.5, paper: 0.2, scissors: 0.2 }, 0.1);

describe('sampleAnswerCounts', () => {
  it('gives the same counts for the same seed, and different counts for another', () => {
    const first = sampleAnswerCounts(result, 1500, 7);
    expect(sampleAnswerCounts(result, 1500, 7)).toEqual(first);
    expect(sampleAnswerCounts(result, 1500, 8)).not.toEqual(first);
  });

  it('accounts for every draw, "other" included', () => {
    const { counts, other } = sampleAnswerCounts(result, 1500, 1);
    expect(counts).toHaveLength(3);
    expect(counts.reduce((sum, count) => sum + count, 0) + other).toBe(1500);
    expect(sampleAnswerCounts(result, 0, 1)).toEqual({ counts: [0, 0, 0], other: 0 });
  });

  it('lands within five standard errors of each probability for large n', () => {
    const n = 200_000;
    const { counts, other } = sampleAnswerCounts(result, n, 2025);
    const check = (count: number, p: number) => {
      const standardError = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(count / n - p)).toBeLessThan(5 * standardError);
    };
    result.answers.forEach(({ probability }, i) => check(counts[i] as number, probability));
    check(other, result.otherProbability);
  });

  it('never draws an answer of probability 0', () => {
    const certain = scoreResult({ rock: 1, paper: 0 }, 0);
    expect(sampleAnswerCounts(certain, 1000, 3)).toEqual({ counts: [1000, 0], other: 0 });
  });

  it('refuses bad input in plain words', () => {
    expect(() => sampleAnswerCounts(result, -1, 1)).toThrow(/n must be/);
    expect(() => sampleAnswerCounts(result, 1.5, 1)).toThrow(/n must be/);
    expect(() => sampleAnswerCounts(result, 10, Number.NaN)).toThrow(/seed/);
    expect(() => sampleAnswerCounts({ ...result, otherProbability: 0.3 }, 10, 1)).toThrow(/add up to 1/);
    expect(() =>
      sampleAnswerCounts({ ...result, answers: [{ answer: 'rock', probability: 1.2 }], otherProbability: 0 }, 10, 1),
    ).toThrow(/answers\[0\]/);
    expect(() => sampleAnswerCounts(null as unknown as ScoreResult, 10, 1)).toThrow(TypeError);
  });
});
