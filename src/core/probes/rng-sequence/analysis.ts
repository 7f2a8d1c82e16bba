// The statistics of rng-sequence (methods.md §B1, paper-notes.md §3.2): repeats within a sequence against the
// exact chance distribution, repeats of the previous number, and the pooled numbers against uniform. Pure
// functions of the valid sequences, so sampled and exact mode are analysed alike.
import { chiSquareUniform, repeatCountNull, studentTQuantile, wilsonInterval } from '../../stats/index.ts';
import type { Estimate } from '../probe.ts';

/** Numbers per sequence. */
export const SEQUENCE_LENGTH = 10;

/** The possible numbers, 0 … 10. */
export const VALUE_COUNT = 11;

/** What a fair source gives: ten independent, uniform draws from 0 … 10. All exact. */
export interface ChanceReference {
  /** P(r repeats) for r = 0 … 9, where repeats = 10 − the number of distinct values. */
  repeatHistogram: number[];
  /** The most likely repeat count: 3. */
  modeRepeats: number;
  /** The mean repeat count: 3.24. */
  meanRepeats: number;
  /** P(all ten different): 0.0015. */
  pNoRepeats: number;
  /** P(a number equals the one before it): 1/11. */
  adjacentRepeatRate: number;
  /** P(at least one number equals the one before it): 1 − (10/11)⁹ ≈ 0.576. */
  pAnyAdjacentRepeat: number;
  /** For positions 1 … 10 (index 0 … 9): P(the number there repeats an earlier one) = 1 − (10/11)^index. */
  repeatByPosition: number[];
}

function chanceReference(): ChanceReference {
  const repeatHistogram = repeatCountNull(VALUE_COUNT, SEQUENCE_LENGTH);
  const stay = (VALUE_COUNT - 1) / VALUE_COUNT;
  return {
    repeatHistogram,
    modeRepeats: modeOf(repeatHistogram),
    meanRepeats: meanRepeatsOf(repeatHistogram),
    pNoRepeats: repeatHistogram[0] as number,
    adjacentRepeatRate: 1 / VALUE_COUNT,
    pAnyAdjacentRepeat: 1 - stay ** (SEQUENCE_LENGTH - 1),
    repeatByPosition: Array.from({ length: SEQUENCE_LENGTH }, (_, position) => 1 - stay ** position),
  };
}

export const CHANCE: Readonly<ChanceReference> = chanceReference();

/** The model's sequence statistics, each with its N and an interval. */
export interface SequenceMeasures {
  /** Valid sequences behind every estimate. */
  sequences: number;
  /** Sequences with 0, 1, …, 9 repeats. */
  repeatCounts: number[];
  /** The share of sequences with 0, 1, …, 9 repeats (Wilson intervals), to set against `CHANCE.repeatHistogram`. */
  repeatShares: Estimate[];
  /** The most common repeat count (the smallest of tied ones): the paper's headline, 3 by chance. */
  modeRepeats: number;
  /**
   * Mean repeats per sequence: the primary measure of repeat avoidance, chosen before any run (the paper's own
   * definition is not known; paper-notes.md §3.2). Sequences are independent, so the interval is Student's t over
   * them; with one sequence, or all alike, it is the value itself.
   */
  meanRepeats: Estimate;
  /** The share of sequences with all ten numbers different. */
  pNoRepeats: Estimate;
  /**
   * Pairs of equal neighbours out of all 9 × N pairs. Under chance the pairs are independent; a model's pairs
   * within one sequence may not be, which would make the Wilson interval somewhat too narrow.
   */
  adjacentRepeatRate: Estimate;
  /** The share of sequences with at least one pair of equal neighbours. */
  pAnyAdjacentRepeat: Estimate;
  /** For positions 1 … 10: the share of sequences whose number there repeats an earlier one (index 0 is always 0). */
  repeatByPosition: Estimate[];
  /** How often each of 0 … 10 appears, over all valid sequences. */
  numberCounts: number[];
  /**
   * Pearson χ² of `numberCounts` against uniform, the paper's pooled statistic. The numbers of one sequence are not
   * independent draws when a model avoids repeats, so its p-value is a guide, not a test of that model.
   */
  chiSquare: { statistic: number; df: number; pValue: number; n: number };
  /**
   * The plain verdict on the primary measure alone: the model repeats less than chance, its mean-repeat interval
   * ending below chance's 3.24 (a fair source is flagged 2.5% of the time). The other measures are shown beside their
   * own exact chance values and decide nothing.
   */
  avoidsRepeats: boolean;
}

/** Repeats within a sequence: its length − the number of distinct values. */
export function repeatsIn(sequence: readonly number[]): number {
  return sequence.length - new Set(sequence).size;
}

/** Pairs of equal neighbours in a sequence. */
export function adjacentRepeatsIn(sequence: readonly number[]): number {
  return sequence.filter((value, position) => position > 0 && value === sequence[position - 1]).length;
}

function modeOf(histogram: readonly number[]): number {
  return histogram.indexOf(Math.max(...histogram));
}

function meanRepeatsOf(p: readonly number[]): number {
  return p.reduce((sum, share, repeats) => sum + share * repeats, 0);
}

/** The mean of independent values with Student's t interval, kept inside the values' possible range. */
export function meanEstimate(values: readonly number[], [min, max]: readonly [number, number]): Estimate {
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { value: mean, lo: min, hi: max, n, interval: 't-95' };
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const halfWidth = studentTQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return { value: mean, lo: Math.max(min, mean - halfWidth), hi: Math.min(max, mean + halfWidth), n, interval: 't-95' };
}

function wilsonEstimate(successes: number, n: number): Estimate {
  const { lo, hi } = wilsonInterval(successes, n);
  return { value: successes / n, lo, hi, n, interval: 'wilson-95' };
}

/** The statistics of one model's valid sequences (at least one, each of `SEQUENCE_LENGTH` numbers in 0 … 10). */
export function sequenceMeasures(sequences: readonly (readonly number[])[]): SequenceMeasures {
  const n = sequences.length;
  if (n === 0) throw new RangeError('The sequence statistics need at least one valid sequence.');
  const repeats = sequences.map(repeatsIn);
  const repeatCounts = Array.from({ length: SEQUENCE_LENGTH }, (_, count) => repeats.filter((r) => r === count).length);
  const adjacent = sequences.map(adjacentRepeatsIn);
  const adjacentPairs = adjacent.reduce((sum, pairs) => sum + pairs, 0);
  const withAdjacentRepeat = adjacent.filter((pairs) => pairs > 0).length;
  const repeatsAt = Array.from(
    { length: SEQUENCE_LENGTH },
    (_, position) => sequences.filter((sequence) => sequence.slice(0, position).includes(sequence[position] as number)).length,
  );
  const numberCounts = Array.from({ length: VALUE_COUNT }, (_, value) =>
    sequences.reduce((sum, sequence) => sum + sequence.filter((number) => number === value).length, 0),
  );
  const meanRepeats = meanEstimate(repeats, [0, SEQUENCE_LENGTH - 1]);
  const pNoRepeats = wilsonEstimate(repeatCounts[0] as number, n);
  const chi = chiSquareUniform(numberCounts);
  return {
    sequences: n,
    repeatCounts,
    repeatShares: repeatCounts.map((count) => wilsonEstimate(count, n)),
    modeRepeats: modeOf(repeatCounts),
    meanRepeats,
    pNoRepeats,
    adjacentRepeatRate: wilsonEstimate(adjacentPairs, n * (SEQUENCE_LENGTH - 1)),
    pAnyAdjacentRepeat: wilsonEstimate(withAdjacentRepeat, n),
    repeatByPosition: repeatsAt.map((count) => wilsonEstimate(count, n)),
    numberCounts,
    chiSquare: { ...chi, n: n * SEQUENCE_LENGTH },
    avoidsRepeats: meanRepeats.hi < CHANCE.meanRepeats,
  };
}
