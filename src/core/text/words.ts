// The one word tokenizer that every creativity metric shares, so their numbers count the same words.

const APOSTROPHE_LOOKALIKES = /[\u2019\u2018\u02BC\u2032]/g;
// A word: letters (any script), combining marks, digits, and apostrophes inside it.
const WORD = /[\p{L}\p{M}\p{N}']+/gu;

/**
 * Splits a text into lowercase words. Rules:
 * - the text is put in Unicode NFC form first, so "é" typed as one or two code points is the same word;
 * - a word is a run of Unicode letters, combining marks, digits and apostrophes; everything else separates words,
 *   so hyphenated words split in two ("self-love" → "self", "love") and punctuation never sticks to a word;
 * - curly and modifier apostrophes (’ ‘ ʼ ′) count as the straight one, so "o’er" and "o'er" are the same word;
 * - apostrophes at the start or end of a word are dropped, as they are usually quotation marks ("'Tis" → "tis" but
 *   "don't" stays "don't");
 * - lowercase, with the language-neutral `toLowerCase`.
 */
export function words(text: string): string[] {
  if (typeof text !== 'string') throw new TypeError(`words() needs a string; got ${typeof text}.`);
  const tokens = text.normalize('NFC').replace(APOSTROPHE_LOOKALIKES, "'").toLowerCase().match(WORD) ?? [];
  const result: string[] = [];
  for (const token of tokens) {
    const word = token.replace(/^'+|'+$/g, '');
    if (word !== '') result.push(word);
  }
  return result;
}

/** The n-grams of a word list, each as its words joined by single spaces (words never contain spaces). */
export function ngrams(tokens: readonly string[], n: number): string[] {
  checkN(n);
  const result: string[] = [];
  for (let start = 0; start + n <= tokens.length; start++) result.push(tokens.slice(start, start + n).join(' '));
  return result;
}

/** Throws unless the texts are a list of strings. */
export function checkTexts(texts: readonly string[], what = 'The texts'): void {
  if (!Array.isArray(texts)) throw new TypeError(`${what} must be a list of strings.`);
  texts.forEach((text, index) => {
    if (typeof text !== 'string') {
      throw new TypeError(`${what} must all be strings; item ${index + 1} is ${typeof text}.`);
    }
  });
}

/** Throws unless n is a whole n-gram size of 1 or more. */
export function checkN(n: number, what = 'n'): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${what} must be a whole number of words, 1 or more; got ${n}.`);
  }
}

/** Throws unless minN..maxN is a valid range of n-gram sizes. */
export function checkNRange(minN: number, maxN: number): void {
  checkN(minN, 'The smallest n');
  checkN(maxN, 'The largest n');
  if (minN > maxN) throw new RangeError(`The smallest n (${minN}) must not be larger than the largest (${maxN}).`);
}
