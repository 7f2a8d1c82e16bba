import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNgramIndex, ngramNovelty, parseReferencePoems } from '../../../../src/core/text/index.ts';

const poems = parseReferencePoems(
  JSON.parse(readFileSync(new URL('../../../../public/reference/public-domain-poems.json', import.meta.url), 'utf8')),
);

describe('ngramNovelty', () => {
  const index = buildNgramIndex(['Shall I compare thee to a summer’s day?']);

  it('is 0 for a text copied from the corpus and 1 for nonsense', () => {
    expect(ngramNovelty(['Shall I compare thee to a summer’s day?'], index).share).toBe(0);
    expect(ngramNovelty(['Zorp quibble flang wex, morb tiddle quaff.'], index).share).toBe(1);
  });

  it('matches a hand count for a partly new line', () => {
    // Corpus trigrams: shall i compare, i compare thee, compare thee to, thee to a, to a summer's, a summer's day.
    // The text's trigrams: the first four are known; "to a winter's" and "a winter's night" are new → 2 of 6.
    const trigrams = buildNgramIndex(['Shall I compare thee to a summer’s day?'], { minN: 3, maxN: 3 });
    const result = ngramNovelty(["Shall I compare thee to a winter's night"], trigrams);
    expect(result.byN).toEqual([{ n: 3, count: 2, total: 6, share: 2 / 6 }]);
    expect(result.share).toBeCloseTo(1 / 3, 12);
  });

  it('reports each n from 3 to 6 by default, and null where the text is too short', () => {
    const result = ngramNovelty(['thee to a'], index);
    expect(result.byN.map((entry) => entry.n)).toEqual([3, 4, 5, 6]);
    expect(result.byN[0]).toEqual({ n: 3, count: 0, total: 1, share: 0 });
    expect(result.byN[1]!.share).toBeNull();
    expect(ngramNovelty(['too short'], index).share).toBeNull();
  });

  it('finds every bundled poem fully known against an index of the bundled corpus, and a reworded one not', () => {
    const corpusIndex = buildNgramIndex(poems.map((poem) => poem.text));
    expect(ngramNovelty(poems.map((poem) => poem.text), corpusIndex).share).toBe(0);
    const reworded = 'Shall I compare thee to a winter’s night? Thou art more bitter and more intemperate.';
    expect(ngramNovelty([reworded], corpusIndex).share).toBeGreaterThan(0.5);
  });

  it('rejects a missing index and a bad range', () => {
    expect(() => ngramNovelty(['x'], {} as never)).toThrow(/buildNgramIndex/);
    expect(() => buildNgramIndex(['x'], { minN: 0 })).toThrow(RangeError);
    expect(() => buildNgramIndex([])).toThrow(/at least one corpus text/);
  });
});
