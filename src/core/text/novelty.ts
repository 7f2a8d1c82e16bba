// n-gram novelty against a reference corpus (methods.md §B3; Merrill et al. 2024): how much of a poem's wording is
// found nowhere in a bundled set of human-written poems. Building the corpus index once and reusing it keeps each
// check cheap.

import { pooledShare, type NgramShare } from './diversity.ts';
import { checkNRange, checkTexts, ngrams, words } from './words.ts';

export interface NgramIndex {
  readonly minN: number;
  readonly maxN: number;
  /** How many corpus texts it was built from. */
  readonly texts: number;
  /** For each n from minN to maxN, every n-gram of the corpus (words joined by single spaces). */
  readonly byN: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface NgramNovelty {
  /** One entry per n of the index: `count` is the n-grams (with repeats) not found in the corpus. */
  byN: NgramShare[];
  /** The novel share over all sizes together; null when the texts have no n-grams of these sizes. */
  share: number | null;
}

/** Indexes every n-gram (n = minN…maxN, 3…6 by default) of a reference corpus, for `ngramNovelty`. */
export function buildNgramIndex(corpus: readonly string[], options: { minN?: number; maxN?: number } = {}): NgramIndex {
  checkTexts(corpus, 'The corpus texts');
  if (corpus.length === 0) throw new RangeError('An n-gram index needs at least one corpus text.');
  const { minN = 3, maxN = 6 } = options;
  checkNRange(minN, maxN);
  const tokenised = corpus.map((text) => words(text));
  const byN = new Map<number, Set<string>>();
  for (let n = minN; n <= maxN; n++) byN.set(n, new Set(tokenised.flatMap((tokens) => ngrams(tokens, n))));
  return { minN, maxN, texts: corpus.length, byN };
}

/**
 * The share of the texts' n-grams (counted with repeats, n = the index's sizes) that occur nowhere in the corpus.
 * 0 for a text copied from the corpus; 1 for a text that shares no run of minN words with it.
 */
export function ngramNovelty(texts: readonly string[], index: NgramIndex): NgramNovelty {
  checkTexts(texts);
  if (typeof index !== 'object' || index === null || !(index.byN instanceof Map)) {
    throw new TypeError('ngramNovelty needs an index made by buildNgramIndex.');
  }
  const tokenised = texts.map((text) => words(text));
  const byN: NgramShare[] = [];
  for (let n = index.minN; n <= index.maxN; n++) {
    const known = index.byN.get(n);
    if (known === undefined) {
      throw new TypeError(`The n-gram index has no ${n}-grams; rebuild it with buildNgramIndex.`);
    }
    let total = 0;
    let novel = 0;
    for (const tokens of tokenised) {
      for (const gram of ngrams(tokens, n)) {
        total += 1;
        if (!known.has(gram)) novel += 1;
      }
    }
    byN.push({ n, count: novel, total, share: total === 0 ? null : novel / total });
  }
  return { byN, share: pooledShare(byN) };
}
