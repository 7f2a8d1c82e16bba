// Simulated samples from an exact distribution: the paper's N-sample statistics (and their sampling noise) at no
// model cost, for comparing with sampled runs and with the paper's own numbers (design.md §3).
import type { ScoreResult } from '../model.ts';
import { createRng } from '../stats/rng.ts';

/** How far Σ P(answer) + P(other) may stray from 1 (rounding in the scorer). */
const SUM_TOLERANCE = 1e-9;

export interface SampledAnswerCounts {
  /** How many of the n draws fell on each answer, in the order of `result.answers`. */
  counts: number[];
  /** How many fell outside the answer set. */
  other: number;
}

/** n independent draws from the answers' exact probabilities (and P(other)), reproducible for a seed. */
export function sampleAnswerCounts(result: ScoreResult, n: number, seed: number): SampledAnswerCounts {
  if (result === null || typeof result !== 'object' || !Array.isArray(result.answers)) {
    throw new TypeError('result must be a score result with an answers array.');
  }
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number of 0 or more; got ${String(n)}.`);
  const probabilities = result.answers.map((scored, i) => {
    const p = scored?.probability;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new RangeError(`answers[${i}].probability must be a probability between 0 and 1; got ${String(p)}.`);
    }
    return p;
  });
  const other = result.otherProbability;
  if (typeof other !== 'number' || !(other >= 0 && other <= 1)) {
    throw new RangeError(`otherProbability must be a probability between 0 and 1; got ${String(other)}.`);
  }
  const total = probabilities.reduce((sum, p) => sum + p, 0) + other;
  if (Math.abs(total - 1) > SUM_TOLERANCE) {
    throw new RangeError(`The answer probabilities and P(other) must add up to 1; they add up to ${total}.`);
  }

  const random = createRng(seed);
  const counts = new Array<number>(probabilities.length).fill(0);
  let otherCount = 0;
  for (let draw = 0; draw < n; draw++) {
    const u = random();
    let cumulative = 0;
    let chosen = -1;
    for (let i = 0; i < probabilities.length; i++) {
      cumulative += probabilities[i] as number;
      if (u < cumulative) {
        chosen = i;
        break;
      }
    }
    // Whatever lies past the answers' cumulative mass is "other", so rounding in P(other) cannot lose a draw.
    if (chosen === -1) otherCount += 1;
    else counts[chosen] = (counts[chosen] as number) + 1;
  }
  return { counts, other: otherCount };
}
