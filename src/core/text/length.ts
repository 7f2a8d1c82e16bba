// Length and lexical variety of a single text. Type-token ratios and compression ratios both drift with length
// (Deshpande et al. 2025, arXiv 2507.15092), so length is always reported beside them, and MATTR is used rather than
// a plain type-token ratio.

import { words } from './words.ts';

export interface TextLength {
  /** Words, as the shared tokenizer counts them. */
  words: number;
  /** Unicode code points, so "é" and an emoji each count as one. */
  characters: number;
}

export function textLength(text: string): TextLength {
  if (typeof text !== 'string') throw new TypeError(`textLength() needs a string; got ${typeof text}.`);
  return { words: words(text).length, characters: [...text].length };
}

export interface Mattr {
  /** Between 0 and 1: higher = more different words. null for a text with no words. */
  value: number | null;
  /** 'mattr' when the text had at least `window` words; otherwise 'ttr', the plain type-token ratio of the text. */
  method: 'mattr' | 'ttr';
  /** The window asked for. */
  window: number;
  words: number;
}

/**
 * Moving-average type-token ratio (Covington & McFall 2010): the mean, over every run of `window` consecutive words,
 * of (different words in the run) / `window`. It does not fall as a text gets longer, as the plain ratio does. A
 * text shorter than the window gets its plain type-token ratio instead, and `method` says so.
 */
export function mattr(text: string, window = 50): Mattr {
  if (typeof text !== 'string') throw new TypeError(`mattr() needs a string; got ${typeof text}.`);
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`The MATTR window must be a whole number of words, 1 or more; got ${window}.`);
  }
  const tokens = words(text);
  if (tokens.length < window) {
    const value = tokens.length === 0 ? null : new Set(tokens).size / tokens.length;
    return { value, method: 'ttr', window, words: tokens.length };
  }
  const inWindow = new Map<string, number>();
  for (const token of tokens.slice(0, window)) inWindow.set(token, (inWindow.get(token) ?? 0) + 1);
  let sumOfRatios = inWindow.size / window;
  for (let end = window; end < tokens.length; end++) {
    const entering = tokens[end]!;
    const leaving = tokens[end - window]!;
    inWindow.set(entering, (inWindow.get(entering) ?? 0) + 1);
    const left = inWindow.get(leaving)! - 1;
    if (left === 0) inWindow.delete(leaving);
    else inWindow.set(leaving, left);
    sumOfRatios += inWindow.size / window;
  }
  return { value: sumOfRatios / (tokens.length - window + 1), method: 'mattr', window, words: tokens.length };
}
