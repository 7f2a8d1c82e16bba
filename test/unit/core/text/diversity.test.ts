import { gunzipSync } from 'node:zlib';
import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compressionRatio, distinctN, longNgramRepetition, selfBleu } from '../../../../src/core/text/index.ts';

describe('distinctN', () => {
  const texts = ['The cat sat on the mat.', 'The cat ate the rat.'];

  it('matches a hand count for distinct-1 and distinct-2', () => {
    // Words: 6 + 5 = 11; different: the, cat, sat, on, mat, ate, rat = 7.
    expect(distinctN(texts, 1)).toEqual({ n: 1, unique: 7, total: 11, ratio: 7 / 11 });
    // Bigrams: 5 + 4 = 9; "the cat" occurs in both, so 8 are different.
    expect(distinctN(texts, 2)).toEqual({ n: 2, unique: 8, total: 9, ratio: 8 / 9 });
  });

  it('never forms an n-gram across two texts, and gives null when there is none', () => {
    expect(distinctN(['a b', 'c d'], 2).total).toBe(2);
    expect(distinctN(['one', 'two'], 2)).toEqual({ n: 2, unique: 0, total: 0, ratio: null });
  });

  it('rejects a bad n or texts that are not strings', () => {
    expect(() => distinctN(texts, 0)).toThrow(RangeError);
    expect(() => distinctN([1 as unknown as string], 1)).toThrow(/item 1/);
  });
});

describe('compressionRatio', () => {
  it('measures the UTF-8 bytes of the texts joined by newlines', () => {
    const result = compressionRatio(['a', 'é']);
    expect(result.originalBytes).toBe(4); // "a", "\n", and two bytes for é
  });

  it('produces a real gzip of the joined texts (checked with Node’s own zlib)', () => {
    const texts = ['Shall I compare thee', 'to a summer’s day?'];
    const compressed = gzipSync(strToU8(texts.join('\n')), { level: 9, mtime: 0 });
    expect(new TextDecoder().decode(gunzipSync(compressed))).toBe(texts.join('\n'));
    expect(compressionRatio(texts).compressedBytes).toBe(compressed.length);
  });

  it('is higher for a repetitive set than for a varied one of similar size', () => {
    const repetitive = Array.from({ length: 12 }, () => 'The rose is red and the sky is blue tonight.');
    const varied = [
      'Shall I compare thee to a summer’s day?',
      'Because I could not stop for Death, he kindly stopped for me.',
      'Tyger, tyger, burning bright in the forests of the night.',
      'Season of mists and mellow fruitfulness, close bosom-friend.',
      'I hear America singing, the varied carols I hear.',
      'Hope is the thing with feathers that perches in the soul.',
      'My heart aches, and a drowsy numbness pains my sense.',
      'I wandered through each chartered street near the Thames.',
      'Much madness is divinest sense to a discerning eye.',
      'A line in long array where they wind betwixt green islands.',
      'No longer mourn for me when I am dead than you shall hear.',
      'Little Fly, thy summer’s play my thoughtless hand has brushed.',
    ];
    const repetitiveRatio = compressionRatio(repetitive).ratio;
    const variedRatio = compressionRatio(varied).ratio;
    expect(repetitiveRatio).toBeGreaterThan(4);
    expect(variedRatio).toBeLessThan(2);
  });

  it('rejects an empty set', () => {
    expect(() => compressionRatio([])).toThrow(/at least one text/);
    expect(() => compressionRatio([''])).toThrow(/empty/);
  });
});

describe('selfBleu', () => {
  it('is 1 for identical texts and 0 for texts with no word in common', () => {
    const line = 'the cat sat on the mat';
    expect(selfBleu([line, line, line])).toEqual({ mean: 1, perText: [1, 1, 1] });
    expect(selfBleu([line, 'a dog ran in a park'])).toEqual({ mean: 0, perText: [0, 0] });
  });

  it('matches a hand computation with clipped counts', () => {
    // "the cat sat on the mat" vs "the cat sat on a mat", either way round: unigram precision 5/6 ("the" clipped to
    // one), bigrams 3/5, trigrams 2/4, 4-grams 1/3; equal lengths, so no brevity penalty: BLEU = (1/12)^(1/4).
    const result = selfBleu(['the cat sat on the mat', 'the cat sat on a mat']);
    const expected = (1 / 12) ** 0.25;
    expect(result.perText[0]).toBeCloseTo(expected, 12);
    expect(result.perText[1]).toBeCloseTo(expected, 12);
    expect(result.mean).toBeCloseTo(expected, 12);
  });

  it('smooths zero n-gram matches with 0.1 / count and applies the brevity penalty', () => {
    // "the cat" against "the cat sat": precisions 1, 1, then no 3- or 4-grams at all: 0.1 / max(1, 0) = 0.1 each;
    // c = 2 < r = 3, so the brevity penalty is exp(1 − 3/2).
    // "the cat sat" against "the cat": 2/3, 1/2, 0 of 1 trigram → 0.1, no 4-gram → 0.1; c > r, no penalty.
    const result = selfBleu(['the cat', 'the cat sat']);
    const first = Math.exp(1 - 3 / 2) * (1 * 1 * 0.1 * 0.1) ** 0.25;
    const second = ((2 / 3) * (1 / 2) * 0.1 * 0.1) ** 0.25;
    expect(result.perText[0]).toBeCloseTo(first, 12);
    expect(result.perText[1]).toBeCloseTo(second, 12);
    expect(result.mean).toBeCloseTo((first + second) / 2, 12);
  });

  it('counts matches against the most generous reference and takes the shorter length on a tie', () => {
    // "a b c d" against "a b c d e" (5 words) and "a b c" (3 words): every n-gram is in the first; the closest
    // reference lengths tie at distance 1 and the shorter (3) is used, so there is no brevity penalty: BLEU = 1.
    const result = selfBleu(['a b c d', 'a b c d e', 'a b c']);
    expect(result.perText[0]).toBeCloseTo(1, 12);
  });

  it('needs at least two texts', () => {
    expect(() => selfBleu(['alone'])).toThrow(/2 or more/);
  });
});

describe('longNgramRepetition', () => {
  it('counts n-grams that occur more than once across texts', () => {
    // 4-grams: "a b c d", "b c d e" | "x a b c", "a b c d": "a b c d" occurs twice → 2 of 4.
    // 5-grams: "a b c d e" | "x a b c d": no repeats → 0 of 2. 6-grams: none.
    const result = longNgramRepetition(['a b c d e', 'x a b c d']);
    expect(result.byN).toEqual([
      { n: 4, count: 2, total: 4, share: 0.5 },
      { n: 5, count: 0, total: 2, share: 0 },
      { n: 6, count: 0, total: 0, share: null },
    ]);
    expect(result.share).toBeCloseTo(2 / 6, 12);
  });

  it('counts repeats within one text too', () => {
    // 4-grams of "a b c d a b c d": abcd, bcda, cdab, dabc, abcd → "a b c d" twice → 2 of 5.
    const result = longNgramRepetition(['a b c d a b c d'], { minN: 4, maxN: 4 });
    expect(result.share).toBeCloseTo(2 / 5, 12);
  });

  it('is null for texts too short for any long n-gram, and rejects a reversed range', () => {
    expect(longNgramRepetition(['too short']).share).toBeNull();
    expect(() => longNgramRepetition(['x'], { minN: 6, maxN: 4 })).toThrow(/must not be larger/);
  });
});
