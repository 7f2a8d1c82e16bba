// The poem alone, out of the text a model generated: where generation stops, and what around a poem is cut, by the
// same rules for every model (index.ts stores the trimmed poem; ratings.ts shows it to blind raters).

/**
 * Where generation stops, for every model and framing alike. The base frame separates poems with "* * *", so a base
 * model that finishes its poem tends to write the separator next; three line breaks end a poem in any text.
 * Two line breaks cannot be a stop: they separate stanzas.
 */
export const POEM_STOPS: readonly string[] = ['\n\n\n', '* * *'];

/** What separates poems in the base frame (index.ts basePoemFrame). */
export const SEPARATOR = '* * *';

/** Opening lines that announce the poem rather than belong to it, as aligned models write them. */
const PREAMBLES = [
  /\bpoems?\b.*:$/i, // "Here is a short poem about the sea:"
  /^(?:sure|certainly|of course|absolutely)\b.*[!.:]$/i, // "Sure!", "Of course! Here's one:"
  /^here(?:'s|’s| is| are)\b.*:$/i, // "Here's my take:"
];

/** A first line that is a title by its form: a heading, wholly bold or italic, labelled, or in quotes. */
const MARKED_TITLES = [/^#{1,6}\s+\S/, /^(\*\*|__|\*|_)(?=\S).*\S\1$/, /^title\s*:/i, /^["“‘'].*["”’']$/];

/** Words a title may leave in lower case ("Whispers of the Deep"); any other word starts with a capital. */
const TITLE_SMALL_WORD = /^(?:a|an|the|and|but|or|nor|of|in|on|at|to|by|for|from|with|as|upon|into|over|under)$/i;

/** A plain title: a short line in title case, with no closing punctuation, standing alone above the poem. */
function isPlainTitle(line: string, next: string | undefined): boolean {
  const titleWords = line.trim().split(/\s+/);
  return (
    next !== undefined &&
    next.trim() === '' &&
    titleWords.length <= 8 &&
    !/[.,;:!?…]$/.test(line.trim()) &&
    titleWords.every((word) => TITLE_SMALL_WORD.test(word) || /^[^\p{L}]*\p{Lu}/u.test(word)) &&
    titleWords.some((word) => /^[^\p{L}]*\p{Lu}/u.test(word))
  );
}

/** A closing paragraph that talks about the poem or to the reader ("I hope you enjoyed it!", "Let me know …"). */
const SIGN_OFF =
  /\b(?:this|the|my) (?:short )?poem\b|\bhope (?:you|this|it)\b|\blet me know\b|\bfeel free\b|\bwould you like\b|\bif you(?:'d|’d| would) like\b|\bI can (?:also )?(?:write|make|try|create|adjust)\b|^\(?note:/i;

/** A line's markdown markers gone and its words kept; a horizontal rule becomes a blank line. */
function withoutMarkdown(line: string): string {
  if (/^\s*([-*_])(?:\s*\1){2,}\s*$/.test(line)) return '';
  return line
    .replace(/^(\s*)(?:#{1,6}\s+|>\s?)/, '$1')
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/(^|[\s(“"‘'])([*_])(?=\S)(.*?\S)\2(?=[\s).,;:!?”"’']|$)/g, '$1$3')
    .replace(/^(\s*)\*\*|\*\*$/g, '$1');
}

/**
 * The poem alone, from the text as generated. Every model's text is cut by the same rules, so that a blind rater
 * cannot tell the models apart by what surrounds their poems (aligned models title their poems, announce them and
 * sign off; the base frame's title is in the prompt, not in the poem):
 * - the text is cut at the first stop string (an engine drops the stop itself, but a text generated elsewhere may
 *   not have stopped);
 * - a poem that ran out of tokens loses its unfinished last line (a single unfinished line leaves nothing);
 * - opening lines that announce the poem go ("Here is a short poem about the sea:", "Sure!");
 * - a title goes: a first line that is a markdown heading, wholly bold or italic, labelled "Title:" or in quotes, or
 *   a short line in title case with no closing punctuation and a blank line under it (a poem's first line stays
 *   unless it looks like that);
 * - markdown goes (emphasis, heading and quote markers, horizontal rules); the words stay;
 * - closing paragraphs that talk about the poem or to the reader go ("I hope you enjoyed it!", "Let me know …");
 * - a final line that is the start of the separator goes: a stream can deliver "* *" before the stop is complete;
 * - blank lines at either end and spaces at line ends go; indentation and stanza breaks stay.
 */
export function trimPoem(text: string, finishReason: 'stop' | 'length'): string {
  let poem = text.replace(/\r\n?/g, '\n');
  const stopAt = Math.min(...POEM_STOPS.map((stop) => poem.indexOf(stop)).filter((at) => at >= 0));
  if (Number.isFinite(stopAt)) poem = poem.slice(0, stopAt);
  else if (finishReason === 'length') poem = poem.slice(0, Math.max(0, poem.lastIndexOf('\n')));
  const lines = poem.split('\n').map((line) => line.trimEnd());
  const isBlank = (line: string | undefined): boolean => line !== undefined && line.trim() === '';
  const dropLeadingBlanks = (): void => {
    while (isBlank(lines[0])) lines.shift();
  };

  dropLeadingBlanks();
  while (lines[0] !== undefined && PREAMBLES.some((preamble) => preamble.test((lines[0] as string).trim()))) {
    lines.shift();
    dropLeadingBlanks();
  }
  const first = lines[0]?.trim();
  const poemFollows = lines.slice(1).some((line) => line.trim() !== '');
  if (first !== undefined && poemFollows && (MARKED_TITLES.some((title) => title.test(first)) || isPlainTitle(first, lines[1]))) {
    lines.shift();
  }

  const body = lines.map(withoutMarkdown);
  const last = (): string => (body[body.length - 1] ?? '').trim();
  const dropTrailing = (): void => {
    while (body.length > 0 && (last() === '' || SEPARATOR.startsWith(last()))) body.pop();
  };
  dropTrailing();
  // A closing paragraph goes only when a poem stays above it.
  for (let start = body.lastIndexOf(''); start > 0 && SIGN_OFF.test(body.slice(start + 1).join(' ').trim()); start = body.lastIndexOf('')) {
    body.splice(start);
    dropTrailing();
  }
  while (isBlank(body[0])) body.shift();
  return body.join('\n');
}
