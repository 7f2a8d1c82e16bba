// Estimates of how far a source is from uniform play (JS divergence, exploitability) or how unpredictable it is
// (conditional entropy), from counts, that stay honest at small N (methods.md, "Calibration"). Plug-in values of
// such measures are biased away from uniform: a perfectly random player shows a positive distance, and a posterior
// interval pushed through the plug-in excludes the truth. Here:
// - the value is bias-corrected with a parametric bootstrap from the observed shares, smoothed by half a count per
//   cell (value − (mean of resampled values − value at the smoothed shares)), kept inside the measure's range;
// - the interval is the basic bootstrap interval around it;
// - and the interval is calibrated under the null: the same statistic is simulated under uniform play with the same
//   numbers of observations per state, and when the observed value is within what uniform play gives 95 times in
//   100, the interval reaches the uniform value. So a random player's interval contains the truth at least 95% of
//   the time by construction; seeded simulations in `npm run bench` measure the coverage elsewhere.
import { quantileOfSorted, type Interval } from './intervals.ts';
import { createRng } from './rng.ts';
import { checkCounts, checkLevel, checkMetric, checkMetricValue, checkSeedAndDraws } from './validate.ts';
import { createBinomialSampler } from './variates.ts';

export const DEFAULT_BOOTSTRAP_DRAWS = 1000;

/** The Jeffreys prior's pseudo-count per cell, which smooths the shares the bootstrap resamples from. */
const SMOOTHING = 0.5;

export interface CalibratedBootstrapOptions {
  seed: number;
  /** Bootstrap and null draws each (default 1,000). */
  draws?: number;
  /** Two-sided level (default 0.95); the null check uses 1 − level as its test level. */
  level?: number;
  /**
   * Where uniform play sits on the measure: "lowest" for distances (0 at uniform), "highest" for entropies (the
   * maximum at uniform). The interval is stretched to that end when the data are consistent with uniform play.
   */
  uniformIs: 'lowest' | 'highest';
  /** The measure's possible range, e.g. [0, ln 2] for JS divergence; the value and interval stay inside it. */
  range: readonly [number, number];
}

export interface CalibratedEstimate extends Interval {
  value: number;
  /** Observations behind it. */
  n: number;
  /** The one-sided p-value of uniform play from the null simulation: (1 + #{null ≥ observed}) / (draws + 1). */
  uniformPValue: number;
}

/**
 * `counts` holds one row per state (one row for a single distribution), each with a count per move or answer.
 * `metric` reads the flat joint shares (state by state, row after row, summing to 1 over all rows) and returns the
 * measure; it receives a reused array and must not keep it. Rows are resampled with their own totals fixed: under
 * uniform play the state a round is in says nothing about the move, so those totals carry no information about it.
 */
export function calibratedBootstrap(
  counts: readonly (readonly number[])[],
  metric: (joint: number[]) => number,
  options: CalibratedBootstrapOptions,
): CalibratedEstimate {
  const rows: readonly (readonly number[])[] = counts;
  if (rows.length === 0) throw new RangeError('Give at least one row of counts.');
  const k = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`Row ${i} of the counts must have ${k} entries.`);
    row.forEach((count, j) => {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
        throw new RangeError(`counts[${i}][${j}] must be a whole number of 0 or more; got ${String(count)}.`);
      }
    });
  });
  checkCounts(counts.flat());
  checkMetric(metric);
  checkSeedAndDraws(options);
  const { seed, draws = DEFAULT_BOOTSTRAP_DRAWS, level = 0.95, uniformIs, range } = options;
  checkLevel(level);
  const [min, max] = range;
  if (!(min < max)) throw new RangeError('The range must be [lowest, highest] with lowest below highest.');

  const totals = counts.map((row) => row.reduce((sum, count) => sum + count, 0));
  const n = totals.reduce((sum, total) => sum + total, 0);
  const joint = new Array<number>(counts.length * k).fill(0);
  const evaluate = (): number => {
    const value = metric(joint);
    checkMetricValue(value);
    return value;
  };
  counts.forEach((row, s) => row.forEach((count, j) => (joint[s * k + j] = count / n)));
  const observed = evaluate();

  const random = createRng(seed);
  const binomial = createBinomialSampler(Math.max(...totals), random);
  /** Fills `joint` with one multinomial draw per row, of the row's total, from `shares(row)`. */
  const draw = (shares: (s: number) => readonly number[]): number => {
    for (let s = 0; s < counts.length; s++) {
      let left = totals[s] as number;
      let mass = 1;
      const p = shares(s);
      for (let j = 0; j < k; j++) {
        const share = p[j] as number;
        const count = j === k - 1 || mass <= 0 ? left : binomial(left, Math.min(1, Math.max(0, share / mass)));
        joint[s * k + j] = count / n;
        left -= count;
        mass -= share;
      }
    }
    return evaluate();
  };
  // Resampled from the shares smoothed by the Jeffreys prior's half count per cell: at a boundary (every move of a
  // state alike) the observed shares would resample to themselves and give an interval of width 0.
  const fittedShares = counts.map((row, s) => row.map((count) => (count + SMOOTHING) / ((totals[s] as number) + k * SMOOTHING)));
  counts.forEach((_, s) => fittedShares[s]!.forEach((share, j) => (joint[s * k + j] = (share * (totals[s] as number)) / n)));
  const fitted = evaluate();
  const uniformShares = new Array<number>(k).fill(1 / k);

  const resampled = new Float64Array(draws);
  let resampledSum = 0;
  let asFarAsObserved = 0;
  for (let b = 0; b < draws; b++) {
    resampled[b] = draw((s) => fittedShares[s] as number[]);
    resampledSum += resampled[b] as number;
    const underUniform = draw(() => uniformShares);
    if (uniformIs === 'lowest' ? underUniform >= observed : underUniform <= observed) asFarAsObserved++;
  }
  resampled.sort();
  const clamp = (value: number): number => Math.min(max, Math.max(min, value));
  // The resampled values scatter around the fitted one as the observed value scatters around the truth (the basic
  // bootstrap): their mean offset is the bias, their spread the interval.
  const bias = resampledSum / draws - fitted;
  const value = clamp(observed - bias);
  let lo = clamp(observed - (quantileOfSorted(resampled, (1 + level) / 2) - fitted));
  let hi = clamp(observed - (quantileOfSorted(resampled, (1 - level) / 2) - fitted));
  const uniformPValue = (asFarAsObserved + 1) / (draws + 1);
  if (uniformPValue > 1 - level) {
    if (uniformIs === 'lowest') lo = min;
    else hi = max;
  }
  return { value, lo: Math.min(lo, value), hi: Math.max(hi, value), n, uniformPValue };
}
