import { describe, expect, it } from 'vitest';
import { repeatCountNull } from '../../../../src/core/stats/repeats.ts';

/** P(r repeats) by enumerating all kᴸ equally likely sequences. */
function bruteForceRepeats(k: number, length: number): number[] {
  const counts = new Array<number>(length).fill(0);
  for (let sequence = 0; sequence < k ** length; sequence++) {
    const seen = new Set<number>();
    for (let rest = sequence, i = 0; i < length; i++, rest = Math.floor(rest / k)) seen.add(rest % k);
    counts[length - seen.size] = (counts[length - seen.size] as number) + 1;
  }
  return counts.map((count) => count / k ** length);
}

/**
 * The closed form, in exact integer arithmetic: P(d distinct) = C(k, d) · d! · S(L, d) / kᴸ, with S the Stirling
 * numbers of the second kind (ways to split L draws into d non-empty groups).
 */
function stirlingRepeats(k: number, length: number): number[] {
  const stirling: bigint[][] = [[1n]];
  for (let n = 1; n <= length; n++) {
    const previous = stirling[n - 1] as bigint[];
    const row: bigint[] = [0n];
    // S(n, d) = d·S(n − 1, d) + S(n − 1, d − 1): the n-th draw joins one of d groups or starts a new one.
    for (let d = 1; d <= n; d++) row.push(BigInt(d) * (previous[d] ?? 0n) + (previous[d - 1] ?? 0n));
    stirling.push(row);
  }
  const total = BigInt(k) ** BigInt(length);
  return Array.from({ length }, (_, repeats) => {
    const d = length - repeats;
    if (d > k) return 0;
    let fallingFactorial = 1n;
    for (let i = 0; i < d; i++) fallingFactorial *= BigInt(k - i);
    const ways = fallingFactorial * ((stirling[length] as bigint[])[d] as bigint);
    return Number((ways * 10n ** 18n) / total) / 1e18;
  });
}

describe('repeatCountNull', () => {
  it('reproduces the table for 10 draws from 0–10 (paper-notes.md §3.2)', () => {
    const probabilities = repeatCountNull(11, 10);
    expect(probabilities).toHaveLength(10);
    const table = [0.0015, 0.0346, 0.1924, 0.377, 0.2927, 0.0909, 0.0104, 0.0004];
    table.forEach((expected, repeats) => expect(probabilities[repeats]).toBeCloseTo(expected, 4));
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(3);
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 14);
    expect(probabilities.reduce((sum, p, repeats) => sum + p * repeats, 0)).toBeCloseTo(3.24, 2);
  });

  it('gives P(0 repeats) = 11! / 11¹⁰ exactly', () => {
    expect(repeatCountNull(11, 10)[0]).toBeCloseTo(39_916_800 / 25_937_424_601, 15);
  });

  it('matches the Stirling-number closed form for k = 11, length 10 and k = 6, length 12', () => {
    for (const [k, length] of [[11, 10], [6, 12], [3, 4]] as const) {
      const expected = stirlingRepeats(k, length);
      repeatCountNull(k, length).forEach((p, repeats) => expect(p).toBeCloseTo(expected[repeats] as number, 14));
    }
  });

  it('matches brute-force enumeration of every sequence for small cases', () => {
    for (const [k, length] of [[3, 4], [4, 5], [2, 6], [11, 4], [5, 1]] as const) {
      const expected = bruteForceRepeats(k, length);
      repeatCountNull(k, length).forEach((p, repeats) => expect(p).toBeCloseTo(expected[repeats] as number, 14));
    }
  });

  it('gives 0 to impossible counts when there are fewer values than draws', () => {
    // 4 draws from 3 values repeat at least once.
    expect(repeatCountNull(3, 4)[0]).toBe(0);
    expect(repeatCountNull(1, 5)).toEqual([0, 0, 0, 0, 1]);
  });

  it('rejects bad sizes', () => {
    for (const k of [0, -1, 2.5, Number.NaN]) expect(() => repeatCountNull(k, 10)).toThrow(/possible values/);
    for (const length of [0, 1.5, 20_000, Infinity]) {
      expect(() => repeatCountNull(11, length)).toThrow(/sequence length/);
    }
  });
});
