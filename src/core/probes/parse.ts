// Reading answers out of model text (sampled mode). Forgiving about form ("My number is 7!", "07", " seven", "٧")
// and honest about failure: every text maps to an answer or to a named reason it is invalid, and invalid answers are
// counted and shown by the analyses, never dropped. The rule, the same for every probe: the text must give one
// answer and only one. What merely restates the question (its range, its count, its list of choices) is set aside
// first; then an answer is read only when exactly one is left. Two different answers are "ambiguous", never a guess
// at which one was meant (taking the first would read "between 1 and 10: 7" as 1, and "3... no, 7" as 3).

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
 * Phrases that restate a range, and are not the answer: any range introduced as one ("between 1 and 10", "from 0
 * to 10 (inclusive)", "in the range 0-10"), even one cut off at the end of the text ("… between 0 and"); the
 * question's own range on its own ("0-10", "0 to 10"; not "0 and 10", which ends many a list); and a scale ("out
 * of 10", "of 10").
 */
function withoutRangeEchoes(text: string, min: number, max: number): string {
  const inclusive = '(?:\\s*\\(?inclusive\\)?)?';
  return text
    .replace(
      new RegExp(`\\b(?:between|from|in the range(?: of)?|range(?: of)?)\\s+-?\\d+\\s*(?:and|to|-|–|through)\\s*(?:-?\\d+\\b|$)${inclusive}`, 'gi'),
      ' ',
    )
    .replace(new RegExp(`(?<![\\w.])${min}\\s*(?:to|-|–|through)\\s*${max}\\b${inclusive}`, 'gi'), ' ')
    .replace(/\b(?:out of|of)\s+\d+\b/gi, ' ');
}

interface NumberMatch {
  value: number;
  whole: boolean;
  /** Where the number starts and ends in the text. */
  start: number;
  end: number;
}

/** The numbers in a text, in order: digits (with sign and decimals) and, when there are none, English number words. */
function numbersIn(text: string): NumberMatch[] {
  // A comma separates numbers ("3,7,7"); only a point starts decimals.
  const digits = [...text.matchAll(/(?<![\w.])[-−]?\d+(?:\.\d+)?(?![\w])/g)].map((match) => {
    const raw = match[0].replace('−', '-');
    const value = Number(raw);
    return { value, whole: Number.isInteger(value) && !/[.]\d/.test(raw), start: match.index, end: match.index + raw.length };
  });
  if (digits.length > 0) return digits;
  const words = [...text.toLowerCase().matchAll(new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'g'))];
  return words.map((match) => ({ value: NUMBER_WORDS.indexOf(match[1] ?? ''), whole: true, start: match.index, end: match.index + match[0].length }));
}

/**
 * One whole number in [min, max]. After the echoes of a range are set aside, the text must name one number: it may
 * repeat it ("7. I chose 7."), but two different numbers ("7 or 8", "3... no, 7") are ambiguous.
 */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const normalised = normaliseDigits(text).trim();
  if (normalised === '') return { ok: false, reason: 'empty' };
  const numbers = numbersIn(withoutRangeEchoes(normalised, min, max));
  const [first] = numbers;
  if (!first) return { ok: false, reason: 'no-answer' };
  if (numbers.some((number) => number.value !== first.value)) return { ok: false, reason: 'ambiguous' };
  if (!first.whole) return { ok: false, reason: 'not-a-whole-number' };
  if (first.value < min || first.value > max) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value: first.value };
}

/** What may stand between two numbers of one list: commas, semicolons, white space, "and". */
const LIST_SEPARATOR = /^(?:[\s,;]|\band\b)*$/i;

/** The text's runs of numbers written as one list (numbers with only list separators between them). */
function listsIn(text: string, numbers: readonly NumberMatch[]): NumberMatch[][] {
  const lists: NumberMatch[][] = [];
  numbers.forEach((number, i) => {
    const previous = numbers[i - 1];
    const current = lists.at(-1);
    if (previous && current && LIST_SEPARATOR.test(text.slice(previous.end, number.start))) current.push(number);
    else lists.push([number]);
  });
  return lists;
}

/**
 * Exactly `count` whole numbers in [min, max], written as one list, e.g. ten numbers from 0 to 10. The list is the
 * run of numbers separated only by commas, semicolons, spaces, line breaks or "and" (a list numbering like "1." or
 * "1)" at the start of a line is set aside, as are echoes of the range); words before or after it are ignored.
 * A list of another length is "wrong-count" (with eleven numbers, which ten were meant is a guess), and two lists
 * are ambiguous.
 */
export function parseIntegerSequence(text: string, count: number, min: number, max: number): Parsed<number[]> {
  const normalised = normaliseDigits(text).trim();
  if (normalised === '') return { ok: false, reason: 'empty' };
  const withoutListMarkers = withoutRangeEchoes(normalised.replace(/^\s*\d+[.)]\s+/gm, ' '), min, max);
  const numbers = numbersIn(withoutListMarkers);
  if (numbers.length === 0) return { ok: false, reason: 'no-answer' };
  const lists = listsIn(withoutListMarkers, numbers).filter((list) => list.length > 1);
  if (lists.length > 1) return { ok: false, reason: 'ambiguous' };
  const [list] = lists;
  if (!list || list.length !== count) return { ok: false, reason: 'wrong-count' };
  if (list.some((number) => !number.whole)) return { ok: false, reason: 'not-a-whole-number' };
  if (list.some((number) => number.value < min || number.value > max)) return { ok: false, reason: 'out-of-range' };
  return { ok: true, value: list.map((number) => number.value) };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The question's list of choices restated ("rock, paper or scissors", "rock/paper/scissors"): not an answer. */
function withoutChoiceListEcho(line: string, choices: readonly string[]): string {
  const joiner = '(?:\\s*(?:,|/|\\bor\\b|\\band\\b))+\\s*';
  return line.replace(new RegExp(choices.map((choice) => escapeRegExp(choice.toLowerCase())).join(joiner), 'gu'), ' ');
}

/**
 * One of a fixed set of words (moves, places) named in the first non-empty line, as a whole word in any case:
 * "Rock!" and "I choose rock." are rock, "rocks" and "rockets" are not (as in exact mode, a letter after the word
 * makes it another word). The question's list of choices restated is set aside; a line naming two different choices
 * ("paper beats rock") is ambiguous, not a guess.
 */
export function parseChoice(text: string, choices: readonly string[]): Parsed<number> {
  const firstLine = text.normalize('NFKC').toLowerCase().split('\n').find((line) => line.trim() !== '') ?? '';
  if (firstLine === '') return { ok: false, reason: 'empty' };
  const line = withoutChoiceListEcho(firstLine, choices);
  const named = choices.flatMap((choice, index) =>
    new RegExp(`(?<!\\p{L})${escapeRegExp(choice.toLowerCase())}(?!\\p{L})`, 'u').test(line) ? [index] : [],
  );
  if (named.length === 0) return { ok: false, reason: 'no-answer' };
  if (named.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, value: named[0] as number };
}
