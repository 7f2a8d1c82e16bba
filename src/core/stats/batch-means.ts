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

/** Below this many batches their spread says too little: the interval then treats the values as independent. */
const MIN_BATCHES = 5;

/**
 * The mean of `values` with a t interval. From MIN_BATCHES batches on, over batch means, never narrower than the
 * interval of independent values (batches that happen to agree must not shrink it to nothing); with fewer (a short
 * game), over the values themselves, as if independent: too few batches to see how far rounds depend on each other.
 * Needs at least one value; with one, the interval spans `range`.
 */
export function batchMeansEstimate(values: readonly number[], range: readonly [number, number], level = 0.95): BatchMeansEstimate {
  if (!Array.isArray(values) || values.length === 0) throw new RangeError('Give at least one value.');
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`values[${i}] must be a finite number.`);
  });
  checkLevel(level);
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const [min, max] = range;
  if (n < 2) return { value: mean, lo: min, hi: max, n, batches: 1 };
  const standardError = (items: readonly number[]): number => {
    const centre = items.reduce((sum, value) => sum + value, 0) / items.length;
    return Math.sqrt(items.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (items.length - 1) / items.length);
  };
  const means = batchMeans(values);
  const batched = means.length >= MIN_BATCHES;
  // In a short game the spread is read from the values with the two ends of the range added, once each (as Agresti
  // and Coull add two pseudo-observations to a proportion): nine rounds that happen to score alike must not claim a
  // spread of zero.
  const error = batched
    ? Math.max(standardError(means), standardError(values))
    : standardError([...values, min, max]) * Math.sqrt((n + 2) / n);
  const halfWidth = studentTQuantile((1 + level) / 2, (batched ? means.length : n) - 1) * error;
  return { value: mean, lo: Math.max(min, mean - halfWidth), hi: Math.min(max, mean + halfWidth), n, batches: means.length };
}
