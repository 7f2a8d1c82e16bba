// An interval for the mean of a sequence whose values are not independent: the payoffs of a game against an
// opponent that learns, round after round. Consecutive rounds are grouped into batches; the batch means are nearly
// independent when a batch is longer than the game's memory, and Student's t on them gives the interval
// (the method of batch means, as used for the output of simulations).
import { studentTQuantile } from './distributions.ts';
import type { Interval } from './intervals.ts';
import { checkLevel, checkPositiveInteger } from './validate.ts';

/** Ten batches: enough for a t interval (9 degrees of freedom), few enough that each batch spans many rounds. */
export const DEFAULT_BATCHES = 10;

/** With fewer values than this per batch the batches would be too short to be nearly independent: fewer batches are used. */
const MIN_BATCH_LENGTH = 5;

/** The means of consecutive batches of `values`, as equal in length as possible (earlier batches one longer). */
export function batchMeans(values: readonly number[], batches = DEFAULT_BATCHES): number[] {
  checkPositiveInteger(batches, 'The number of batches');
  const count = Math.max(1, Math.min(batches, Math.floor(values.length / MIN_BATCH_LENGTH)));
  const means: number[] = [];
  let start = 0;
  for (let b = 0; b < count; b++) {
    const length = Math.floor(values.length / count) + (b < values.length % count ? 1 : 0);
    let sum = 0;
    for (let i = start; i < start + length; i++) sum += values[i] as number;
    means.push(sum / length);
    start += length;
  }
  return means;
}

export interface BatchMeansEstimate extends Interval {
  value: number;
  /** The values behind it. */
  n: number;
  batches: number;
}

/**
 * The mean of `values` with a t interval over batch means. Needs at least two values; with fewer than two batches'
 * worth the interval spans `range` (nothing can be said about the spread).
 */
export function batchMeansEstimate(values: readonly number[], range: readonly [number, number], level = 0.95): BatchMeansEstimate {
  if (!Array.isArray(values) || values.length === 0) throw new RangeError('Give at least one value.');
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`values[${i}] must be a finite number.`);
  });
  checkLevel(level);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const means = batchMeans(values);
  const [min, max] = range;
  if (means.length < 2) return { value: mean, lo: min, hi: max, n: values.length, batches: means.length };
  const batchMean = means.reduce((sum, value) => sum + value, 0) / means.length;
  const variance = means.reduce((sum, value) => sum + (value - batchMean) ** 2, 0) / (means.length - 1);
  const halfWidth = studentTQuantile((1 + level) / 2, means.length - 1) * Math.sqrt(variance / means.length);
  return {
    value: mean,
    lo: Math.max(min, mean - halfWidth),
    hi: Math.min(max, mean + halfWidth),
    n: values.length,
    batches: means.length,
  };
}
