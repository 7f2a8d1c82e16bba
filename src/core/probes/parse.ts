// Reading answers out of model text. Forgiving about form ("My number is 7!", "07", " seven", "٧") and honest
// about failure: every text maps to an answer or to a named reason it is invalid, and invalid answers are
// counted and shown by the analyses, never dropped.

export type InvalidReason = 'empty' | 'no-answer' | 'out-of-range' | 'not-a-whole-number' | 'ambiguous' | 'wrong-count';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: InvalidReason };

/** The zero of each run of ten decimal digits in scripts models commonly produce (NFKC already folds full-width and mathematical digits). */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0a66, // Gurmukhi
  0x0ae6, // Gujarati
  0x0be6, // Tamil
  0x0c66, // Telugu
  0x0e50, // Thai
  0x1040, // Myanmar
];

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** Folds every decimal digit to ASCII and compatibility characters to their plain forms. */
export function normaliseDigits(text: string): string {
  let out = '';
  for (const character of text.normalize('NFKC')) {
    const code = character.codePointAt(0) ?? 0;
    const zero = DIGIT_ZEROS.find((start) => code >= start && code < start + 10);
    out += zero === undefined ? character : String(code - zero);
  }
  return out;
}

/**
 * Phrases that repeat the question's range ("between 0 and 10", "from 0 to 10 (inclusive)", "0-10"): instruct
 * models often echo them before the answer, and their numbers are not the answer.
 */
function withoutRangeEchoes(text: string, min: number, max: number): string {
  const range = `${min}\\s*(?:and|to|-|–|through)\\s*${max}`;
  return text
    .replace(new RegExp(`\\b(?:between|from|in the range(?: of)?|range)?\\s*${range}\\b(?:\\s*\\(?inclusive\\)?)?`, 'gi'), ' ')
    .replace(/\b(?:out of|of)\s+\d+\b/gi, ' ');
}

interface NumberMatch {
  value: number;
  whole: boolean;
}

/** The numbers in a text, in order: digits (with sign and decimals) and, when there are none, English number words. */
function numbersIn(text: string): NumberMatch[] {
  // A comma separates numbers ("3,7,7"); only a point starts decimals.
  const digits = [...text.matchAll(/(?<![\w.])[-−]?\d+(?:\.\d+)?(?![\w])/g)].map((match) => {
    const raw = match[0].replace('−', '-');
    const value = Number(raw);
    return { value, whole: Number.isInteger(value) && !/[.]\d/.test(raw) };
  });
  if (digits.length > 0) return digits;
  const words = [...text.toLowerCase().matchAll(new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'g'))];
  return words.map((match) => ({ value: NUMBER_WORDS.indexOf(match[1] ?? ''), whole: true }));
}

/** One whole number in [min, max]: the first number in the text once echoes of the range are removed. */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const normalised = normaliseDigits(text).trim();
  if (normalised === '') return { ok: false, reason: 'empty' };
  const first = numbersIn(withoutRangeEchoes(normalised, min, max))[0];
  if (!first) return { ok: false, reason: 'no-answer' };
  if (!first.whole) return { ok: false, reason: 'not-a-whole-number' };
  if (first.value < min || first.value > max) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value: first.value };
}

/**
 * Exactly `count` whole numbers in [min, max], e.g. ten numbers from 0 to 10. Numbers are read in order
 * (separated by commas, spaces or new lines; a list numbering like "1." or "1)" is skipped).
 */
export function parseIntegerSequence(text: string, count: number, min: number, max: number): Parsed<number[]> {
  const normalised = normaliseDigits(text).trim();
  if (normalised === '') return { ok: false, reason: 'empty' };
  const withoutListMarkers = normalised.replace(/^\s*\d+[.)]\s+/gm, ' ');
  const numbers = numbersIn(withoutRangeEchoes(withoutListMarkers, min, max));
  if (numbers.length === 0) return { ok: false, reason: 'no-answer' };
  if (numbers.length < count) return { ok: false, reason: 'wrong-count' };
  const values = numbers.slice(0, count);
  if (values.some((number) => !number.whole)) return { ok: false, reason: 'not-a-whole-number' };
  if (values.some((number) => number.value < min || number.value > max)) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value: values.map((number) => number.value) };
}

/**
 * One of a fixed set of words (moves, places) named in the first non-empty line, as a whole word in any case,
 * singular or plural. A line naming two different choices ("paper beats rock") is ambiguous, not a guess.
 */
export function parseChoice(text: string, choices: readonly string[]): Parsed<number> {
  const firstLine = text.normalize('NFKC').toLowerCase().split('\n').find((line) => line.trim() !== '') ?? '';
  if (firstLine === '') return { ok: false, reason: 'empty' };
  const named = choices.flatMap((choice, index) => {
    const escaped = choice.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<!\\p{L})${escaped}(?:s|es)?(?!\\p{L})`, 'u').test(firstLine) ? [index] : [];
  });
  if (named.length === 0) return { ok: false, reason: 'no-answer' };
  if (named.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, value: named[0] as number };
}
