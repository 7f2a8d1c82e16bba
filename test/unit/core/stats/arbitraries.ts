// fast-check generators shared by the stats property tests.
import fc from 'fast-check';

/** Counts over k categories, not all zero. */
export function countsOf(k: number, maxCount = 50): fc.Arbitrary<number[]> {
  return fc
    .array(fc.nat(maxCount), { minLength: k, maxLength: k })
    .filter((counts) => counts.some((count) => count > 0));
}

/** A probability vector over k categories (normalised random weights, some of them zero). */
export function probabilitiesOf(k: number): fc.Arbitrary<number[]> {
  return countsOf(k, 1000).map((weights) => {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => weight / total);
  });
}

/** Two probability vectors over the same number (1 to 12) of categories. */
export const probabilityPair: fc.Arbitrary<[number[], number[]]> = fc
  .integer({ min: 1, max: 12 })
  .chain((k) => fc.tuple(probabilitiesOf(k), probabilitiesOf(k)));
