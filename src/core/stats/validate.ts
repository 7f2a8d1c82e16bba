// Input checks shared by the statistics: every public function rejects bad input with a plain-words error
// rather than returning NaN, because a NaN would travel silently into a chart or a share link.

/** How far a probability vector's sum may stray from 1 (rounding in the caller's normalisation). */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/** Throws unless `counts` is a non-empty array of non-negative integers with at least one above zero. */
export function checkCounts(counts: readonly number[], name = 'counts'): void {
  if (!Array.isArray(counts)) throw new TypeError(`${name} must be an array of counts.`);
  if (counts.length === 0) throw new RangeError(`${name} is empty: give one count per category.`);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new RangeError(`${name}[${i}] must be a whole number of 0 or more; got ${String(count)}.`);
    }
    total += count;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError(`The ${name} add up to more than the largest safe integer.`);
  if (total === 0) throw new RangeError(`All ${name} are zero: there is nothing to analyse.`);
}

/** Throws unless `counts` is valid (see checkCounts) and has at least two categories. */
export function checkCategoryCounts(counts: readonly number[], name = 'counts'): void {
  checkCounts(counts, name);
  if (counts.length < 2) {
    throw new RangeError(`${name} has ${counts.length} category; a test against uniform needs at least 2.`);
  }
}

/** Throws unless `p` is a non-empty array of non-negative numbers that sums to 1 (within the tolerance). */
export function checkProbabilities(p: readonly number[], name = 'p'): void {
  if (!Array.isArray(p)) throw new TypeError(`${name} must be an array of probabilities.`);
  if (p.length === 0) throw new RangeError(`${name} is empty: give one probability per category.`);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const value = p[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name}[${i}] must be a probability of 0 or more; got ${String(value)}.`);
    }
    sum += value;
  }
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    throw new RangeError(`${name} must sum to 1; it sums to ${sum}.`);
  }
}

export function checkSameLength(a: readonly unknown[], b: readonly unknown[], nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${nameA} has ${a.length} categories but ${nameB} has ${b.length}; they must match.`);
  }
}

export function checkPositiveInteger(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number of 1 or more; got ${String(value)}.`);
  }
}

export function checkSeed(seed: number): void {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`The seed must be a finite number; got ${String(seed)}.`);
  }
}

/** Throws unless `opts` is an object with a valid seed and, if given, a valid number of draws. */
export function checkSeedAndDraws(opts: { seed: number; draws?: number }): void {
  if (typeof opts !== 'object' || opts === null) {
    throw new TypeError('Options with a seed are required, e.g. { seed: 1 }.');
  }
  checkSeed(opts.seed);
  if (opts.draws !== undefined) checkPositiveInteger(opts.draws, 'The number of draws');
}

export function checkLevel(level: number): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new RangeError(`The level must be strictly between 0 and 1 (e.g. 0.95); got ${String(level)}.`);
  }
}

export function checkMetric(metric: unknown): void {
  if (typeof metric !== 'function') {
    throw new TypeError('The metric must be a function from probabilities to a number.');
  }
}

/** Throws unless a metric gave a number to rank (NaN would make every quantile and comparison meaningless). */
export function checkMetricValue(value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`The metric must return a number; it returned ${String(value)}.`);
  }
}
