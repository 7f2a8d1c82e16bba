// Diversity of a set of texts (methods.md §B3): how much the model's outputs for the same prompts repeat themselves.
// Shaib et al. (2024, arXiv 2403.00553) recommend reporting compression ratio, repetition of long n-grams and
// self-BLEU together, as they correlate least. All n-grams are counted within each text, never across two texts.

import { gzipSync, strToU8 } from 'fflate';
import { checkN, checkNRange, checkTexts, ngrams, words } from './words.ts';

export interface DistinctN {
  n: number;
  /** Different n-grams in the set. */
  unique: number;
  /** All n-grams in the set, counted with repeats. */
  total: number;
  /** unique / total, in (0, 1]; null when the texts are too short to have any n-gram. */
  ratio: number | null;
}

/** distinct-n (Li et al. 2016): different n-grams / all n-grams, over the whole set of texts. Higher = more varied. */
export function distinctN(texts: readonly string[], n: number): DistinctN {
  checkTexts(texts);
  checkN(n);
  const seen = new Set<string>();
  let total = 0;
  for (const text of texts) {
    for (const gram of ngrams(words(text), n)) {
      seen.add(gram);
      total += 1;
    }
  }
  return { n, unique: seen.size, total, ratio: total === 0 ? null : seen.size / total };
}

export interface CompressionRatio {
  /** UTF-8 bytes of the texts joined by newlines. */
  originalBytes: number;
  /** Bytes of their gzip file (level 9). */
  compressedBytes: number;
  /** originalBytes / compressedBytes. Higher = more repetitive. Below 1 for very short sets (gzip's ~18-byte frame). */
  ratio: number;
}

/**
 * Compression ratio (Shaib et al. 2024): bytes of the texts joined by newlines, over bytes of its gzip. Level 9 and
 * mtime 0, so the same texts always give the same number. Unlike the other metrics it reads the raw text, not words.
 */
export function compressionRatio(texts: readonly string[]): CompressionRatio {
  checkTexts(texts);
  if (texts.length === 0) throw new RangeError('A compression ratio needs at least one text.');
  // fflate's strToU8 is UTF-8 (it uses TextEncoder where there is one); core code is typed without the DOM or Node,
  // where TextEncoder lives, so the encoding comes from the compression library itself.
  const original = strToU8(texts.join('\n'));
  if (original.length === 0) throw new RangeError('A compression ratio needs some text; all the texts are empty.');
  const compressed = gzipSync(original, { level: 9, mtime: 0 });
  return {
    originalBytes: original.length,
    compressedBytes: compressed.length,
    ratio: original.length / compressed.length,
  };
}

export interface SelfBleu {
  /** Mean of the per-text scores, in [0, 1]. Higher = the texts are more alike (less diverse). */
  mean: number;
  /** Each text's BLEU-4 against all the others as references, in the order given. */
  perText: number[];
}

const BLEU_ORDER = 4;
// Chen & Cherry (2014) smoothing method 1: a zero n-gram match count becomes this small number.
const BLEU_EPSILON = 0.1;

/**
 * Self-BLEU (Zhu et al. 2018, Texygen): each text's BLEU-4 with all the other texts as its references, averaged.
 * BLEU as in NLTK's `sentence_bleu` with `SmoothingFunction().method1`, which Texygen uses: uniform weights over
 * 1- to 4-grams; clipped n-gram matches against the most generous reference; a precision of 0 matches among m
 * n-grams becomes 0.1/m (m counted as at least 1); the brevity penalty exp(1 − r/c) uses the reference length r
 * closest to the text's length c (the shorter one on a tie); and a text with no word in common with any other
 * scores 0. So identical texts score 1 and texts with no shared words 0.
 */
export function selfBleu(texts: readonly string[]): SelfBleu {
  checkTexts(texts);
  if (texts.length < 2) {
    throw new RangeError(`Self-BLEU compares texts with each other: it needs 2 or more; got ${texts.length}.`);
  }
  const tokenised = texts.map((text) => words(text));
  const counts = tokenised.map((tokens) =>
    Array.from({ length: BLEU_ORDER }, (_, index) => countNgrams(tokens, index + 1)),
  );
  const perText = tokenised.map((hypothesis, i) => {
    const references = tokenised.filter((_, j) => j !== i);
    const referenceCounts = counts.filter((_, j) => j !== i);
    return bleu(hypothesis, counts[i]!, references, referenceCounts);
  });
  return { mean: perText.reduce((sum, score) => sum + score, 0) / perText.length, perText };
}

function bleu(
  hypothesis: readonly string[],
  hypothesisCounts: readonly Map<string, number>[],
  references: readonly (readonly string[])[],
  referenceCounts: readonly (readonly Map<string, number>[])[],
): number {
  let logPrecisionSum = 0;
  for (let order = 0; order < BLEU_ORDER; order++) {
    let matches = 0;
    let total = 0;
    for (const [gram, count] of hypothesisCounts[order]!) {
      let mostInAReference = 0;
      for (const reference of referenceCounts) {
        mostInAReference = Math.max(mostInAReference, reference[order]!.get(gram) ?? 0);
      }
      matches += Math.min(count, mostInAReference);
      total += count;
    }
    if (order === 0 && matches === 0) return 0;
    const precision = matches === 0 ? BLEU_EPSILON / Math.max(1, total) : matches / total;
    logPrecisionSum += Math.log(precision) / BLEU_ORDER;
  }
  const c = hypothesis.length;
  const r = closestReferenceLength(references, c);
  const brevityPenalty = c > r ? 1 : Math.exp(1 - r / c);
  return brevityPenalty * Math.exp(logPrecisionSum);
}

function closestReferenceLength(references: readonly (readonly string[])[], length: number): number {
  let closest = references[0]!.length;
  for (const reference of references) {
    const distance = Math.abs(reference.length - length);
    const best = Math.abs(closest - length);
    if (distance < best || (distance === best && reference.length < closest)) closest = reference.length;
  }
  return closest;
}

function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const gram of ngrams(tokens, n)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  return counts;
}

export interface NgramShare {
  n: number;
  /** n-grams (counted with repeats) that have the property: repeated, or novel. */
  count: number;
  /** All n-grams of this size, counted with repeats. */
  total: number;
  /** count / total; null when there are no n-grams of this size. */
  share: number | null;
}

export interface LongNgramRepetition {
  /** One entry per n, from minN to maxN. */
  byN: NgramShare[];
  /** The share over all sizes together (all repeated n-grams / all n-grams); null when there are none. */
  share: number | null;
}

/**
 * Repetition of long n-grams: the share of the set's n-grams (n = minN…maxN, 4…6 by default; counted with repeats)
 * whose exact word sequence occurs more than once in the set, within one text or across texts. Long n-grams rarely
 * repeat by chance, so a high share means stock phrases or copied lines.
 */
export function longNgramRepetition(
  texts: readonly string[],
  options: { minN?: number; maxN?: number } = {},
): LongNgramRepetition {
  checkTexts(texts);
  const { minN = 4, maxN = 6 } = options;
  checkNRange(minN, maxN);
  const tokenised = texts.map((text) => words(text));
  const byN: NgramShare[] = [];
  for (let n = minN; n <= maxN; n++) {
    const counts = new Map<string, number>();
    for (const tokens of tokenised) {
      for (const gram of ngrams(tokens, n)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    let total = 0;
    let repeated = 0;
    for (const count of counts.values()) {
      total += count;
      if (count > 1) repeated += count;
    }
    byN.push({ n, count: repeated, total, share: total === 0 ? null : repeated / total });
  }
  return { byN, share: pooledShare(byN) };
}

/** All counted n-grams over all n-grams, across sizes; null when there are none. */
export function pooledShare(byN: readonly NgramShare[]): number | null {
  const total = byN.reduce((sum, entry) => sum + entry.total, 0);
  return total === 0 ? null : byN.reduce((sum, entry) => sum + entry.count, 0) / total;
}
