// Distance from uniform on the paper's own scale: Pearson's χ² against uniform, as a sample of a given size would
// show it (methods.md, "Calibration"). E[χ²] over a sample of N answers is (k − 1) + (N − 1)·φ², where
// φ² = k·Σ(p_i − 1/k)² is the χ² distance of the answer distribution p from uniform. φ² has an unbiased estimator
// (a U-statistic), so "χ² at N = 1,500" can be estimated from a run of any size without the inflation of the
// naive χ²·1,500/n (a uniform sampler shows about 150 at n = 100 that way), and with a calibrated interval.
import { normalQuantile } from './distributions.ts';
import { createRng } from './rng.ts';
import { checkCounts, checkLevel, checkPositiveInteger, checkProbabilities, checkSeed } from './validate.ts';

export interface ChiSquareDistance {
  /** The unbiased estimate of φ² (it can be slightly below 0 for a near-uniform source: that is its noise). */
  phiSquared: number;
  /** Its standard error (plug-in estimate of the U-statistic's variance). */
  standardError: number;
  /** Answers behind it. */
  n: number;
}

/**
 * φ² = k·Σp_i² − 1 estimated without bias from counts: Σp_i² by Σ n_i(n_i − 1) / (n(n − 1)). Its variance is that of
 * a degree-2 U-statistic, 2/(n(n − 1))·(2(n − 2)ζ₁ + ζ₂) with ζ₁ = Σp³ − (Σp²)² and ζ₂ = Σp² − (Σp²)², estimated by
 * plugging in the observed shares. Needs n ≥ 2.
 */
export function chiSquareDistance(counts: readonly number[]): ChiSquareDistance {
  checkCounts(counts);
  const k = counts.length;
  const n = counts.reduce((sum, count) => sum + count, 0);
  if (n < 2) throw new RangeError('The χ² distance needs at least two answers.');
  const collisions = counts.reduce((sum, count) => sum + count * (count - 1), 0) / (n * (n - 1));
  let squares = 0;
  let cubes = 0;
  for (const count of counts) {
    const share = count / n;
    squares += share * share;
    cubes += share * share * share;
  }
  const zeta1 = Math.max(0, cubes - squares * squares);
  const zeta2 = Math.max(0, squares - squares * squares);
  const variance = (2 / (n * (n - 1))) * (2 * (n - 2) * zeta1 + zeta2);
  return { phiSquared: k * collisions - 1, standardError: k * Math.sqrt(variance), n };
}

/** E[χ²] of a sample of `sampleSize` answers from a source at χ² distance φ² from uniform over k answers. */
export function expectedChiSquare(phiSquared: number, k: number, sampleSize: number): number {
  return k - 1 + (sampleSize - 1) * phiSquared;
}

export interface ChiSquareAtN {
  /** Unbiased estimate of the χ² a sample of `referenceN` answers would show on average. */
  value: number;
  lo: number;
  hi: number;
  /** The answers it was estimated from. */
  n: number;
  referenceN: number;
}

/**
 * The χ² against uniform that a sample of `referenceN` answers from the same source would show on average, with a
 * normal interval from the U-statistic's standard error (seeded simulations in `npm run bench` check its coverage).
 */
export function chiSquareAtReferenceN(counts: readonly number[], referenceN: number, level = 0.95): ChiSquareAtN {
  checkPositiveInteger(referenceN, 'The reference N');
  checkLevel(level);
  const distance = chiSquareDistance(counts);
  const z = normalQuantile((1 + level) / 2);
  const at = (phiSquared: number): number => expectedChiSquare(phiSquared, counts.length, referenceN);
  return {
    value: at(distance.phiSquared),
    lo: at(distance.phiSquared - z * distance.standardError),
    hi: at(distance.phiSquared + z * distance.standardError),
    n: distance.n,
    referenceN,
  };
}

/** φ² of a known distribution. */
export function chiSquareDistanceOf(p: readonly number[]): number {
  checkProbabilities(p);
  const k = p.length;
  return p.reduce((sum, share) => sum + k * (share - 1 / k) ** 2, 0);
}

export interface SampleRange {
  lo: number;
  hi: number;
  /** Simulated samples behind the range. */
  samples: number;
}

const RANGE_SAMPLES = 2000;

/**
 * Where the χ² of one sample of `sampleSize` answers from `p` falls, 95 times in 100: the spread of a single reported
 * χ² (such as the paper's) around its expectation. Seeded simulation, so the same distribution gives the same range.
 */
export function chiSquareSampleRange(p: readonly number[], sampleSize: number, seed: number, level = 0.95): SampleRange {
  checkProbabilities(p);
  checkPositiveInteger(sampleSize, 'The sample size');
  checkSeed(seed);
  checkLevel(level);
  const k = p.length;
  const expected = sampleSize / k;
  const random = createRng(seed);
  const counts = new Array<number>(k);
  const statistics = new Float64Array(RANGE_SAMPLES);
  for (let sample = 0; sample < RANGE_SAMPLES; sample++) {
    counts.fill(0);
    for (let draw = 0; draw < sampleSize; draw++) {
      let u = random();
      let category = 0;
      while (category < k - 1 && u >= (p[category] as number)) {
        u -= p[category] as number;
        category++;
      }
      counts[category] = (counts[category] as number) + 1;
    }
    statistics[sample] = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
  }
  statistics.sort();
  const at = (q: number): number => statistics[Math.min(RANGE_SAMPLES - 1, Math.floor(q * RANGE_SAMPLES))] as number;
  return { lo: at((1 - level) / 2), hi: at((1 + level) / 2), samples: RANGE_SAMPLES };
}
