import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { words } from '../../../../src/core/text/index.ts';

describe('words', () => {
  it('lowercases and drops punctuation', () => {
    expect(words('Thou art more lovely—and more temperate:')).toEqual([
      'thou',
      'art',
      'more',
      'lovely',
      'and',
      'more',
      'temperate',
    ]);
  });

  it('keeps apostrophes inside words, treats curly ones as straight, and drops quote marks at the edges', () => {
    const expected = ["o'er", 'the', 'hills', 'tis', 'said', "don't", 'go'];
    expect(words("O’er the hills, 'tis said: ‘Don't go.’")).toEqual(expected);
    expect(words('lovers’ eyes')).toEqual(['lovers', 'eyes']);
  });

  it('splits hyphenated words and keeps digits and letters of any script', () => {
    expect(words('Self-love, 42 cafés; naïve Übermut, Σοφία')).toEqual([
      'self',
      'love',
      '42',
      'cafés',
      'naïve',
      'übermut',
      'σοφία',
    ]);
  });

  it('gives the same word for composed and decomposed accents', () => {
    expect(words('cafe\u0301')).toEqual(words('caf\u00e9'));
  });

  it('returns no words for empty or punctuation-only text, and rejects non-strings', () => {
    expect(words('')).toEqual([]);
    expect(words(" -- ' ... ")).toEqual([]);
    expect(() => words(42 as unknown as string)).toThrow(TypeError);
  });

  it('never returns an empty word or one with spaces, and is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const tokens = words(text);
        for (const token of tokens) {
          expect(token).not.toBe('');
          expect(token).not.toMatch(/\s/);
        }
        expect(words(tokens.join(' '))).toEqual(tokens);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
