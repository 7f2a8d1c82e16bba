// The null distribution of repeats within a sequence (paper-notes.md §3.2): the paper reports the mode of
// "repeats per length-10 sequence", where a true random source gives 3 and aligned models give 0.

/** The largest sequence length accepted; the computation is O(length²), and probes use lengths near 10. */
const MAX_LENGTH = 10_000;

/**
 * Exact probabilities of 0, 1, …, length − 1 repeats (repeats = length − the number of distinct values) among
 * `length` independent uniform draws from k values. Index r of the result is P(r repeats); counts that cannot
 * happen (fewer than length − k repeats) have probability 0. For k = 11, length 10: mode 3, P(0) ≈ 0.0015.
 */
export function repeatCountNull(k: number, length: number): number[] {
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1) {
    throw new RangeError(`The number of possible values must be a whole number of 1 or more; got ${String(k)}.`);
  }
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 1 || length > MAX_LENGTH) {
    throw new RangeError(`The sequence length must be a whole number from 1 to ${MAX_LENGTH}; got ${String(length)}.`);
  }
  // distinct[d] = P(d distinct values so far). A new draw repeats a seen value with probability d / k, otherwise
  // it adds one; a forward recursion avoids the huge Stirling numbers of the closed form.
  let distinct = [1];
  for (let draw = 0; draw < length; draw++) {
    const next = new Array<number>(distinct.length + 1).fill(0);
    for (let d = 0; d < distinct.length; d++) {
      const probability = distinct[d] as number;
      next[d] = (next[d] as number) + (probability * d) / k;
      next[d + 1] = (next[d + 1] as number) + (probability * (k - d)) / k;
    }
    distinct = next;
  }
  // After at least one draw there is at least one distinct value, so repeats run from 0 to length − 1.
  return Array.from({ length }, (_, repeats) => distinct[length - repeats] as number);
}
