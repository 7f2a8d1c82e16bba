import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mattr, textLength, words } from '../../../../src/core/text/index.ts';

describe('textLength', () => {
  it('counts words with the shared tokenizer and characters as code points', () => {
    // 5 + 1 + 1 + 5 + 1 + 1 + 1 = 15 code points; the emoji is one.
    expect(textLength('Hello, wörld! 👋')).toEqual({ words: 2, characters: 15 });
  });
});

describe('mattr', () => {
  it('averages the type-token ratio over every window', () => {
    // "a a b a", window 2: (a a) ½, (a b) 1, (b a) 1 → 2.5 / 3.
    expect(mattr('a a b a', 2)).toEqual({ value: 2.5 / 3, method: 'mattr', window: 2, words: 4 });
    // Window 3: (a a b) ⅔, (a b a) ⅔.
    expect(mattr('a a b a', 3).value).toBeCloseTo(2 / 3, 12);
  });

  it('falls back to the plain type-token ratio for a text shorter than the window, and says so', () => {
    expect(mattr('the cat and the hat')).toEqual({ value: 4 / 5, method: 'ttr', window: 50, words: 5 });
    expect(mattr('', 5)).toEqual({ value: null, method: 'ttr', window: 5, words: 0 });
  });

  it('equals the plain ratio when the window is the whole text, and 1 for a window of one word', () => {
    const vocabulary = ['rose', 'thorn', 'bud', 'leaf', 'stem'];
    const text = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 40 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(text, (t) => {
        const tokens = words(t);
        expect(mattr(t, tokens.length).value).toBeCloseTo(new Set(tokens).size / tokens.length, 12);
        expect(mattr(t, 1).value).toBe(1);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects a bad window', () => {
    expect(() => mattr('a b', 0)).toThrow(RangeError);
  });
});
