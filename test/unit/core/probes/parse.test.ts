import { describe, expect, it } from 'vitest';
import { normaliseDigits, parseChoice, parseInteger, parseIntegerSequence } from '../../../../src/core/probes/parse.ts';

describe('parseInteger (0–10)', () => {
  // Answers of the kinds real base and instruct models give to "pick a random integer from 0 to 10".
  const table: [text: string, expected: number | string][] = [
    ['7', 7],
    [' 7', 7],
    ['7.', 7],
    ['My number is 7!', 7],
    ['07', 7],
    [' seven', 7],
    ['Seven.', 7],
    ['10', 10],
    ['0', 0],
    ['**4**', 4],
    ['Here is a random number between 0 and 10: 3', 3],
    ['A random integer from 0 to 10 (inclusive): 8', 8],
    ['Sure! I picked 5 out of 10.', 5],
    ['７', 7],
    ['٧', 7],
    ['७', 7],
    ['\n\n6\n\nI chose six because', 6],
    // A range restated in other words than the question's is not the answer either.
    ['Sure! Here is a random integer between 1 and 10: 7', 7],
    ['Random number (0-10): 4', 4],
    ['From 1 to 10, I pick 9.', 9],
    ['In the range 0–10 (inclusive), my pick is 2', 2],
    ['7. I chose 7 because it felt random.', 7],
    // Cut off by the token limit inside the echo: there is no answer yet, not a "0".
    ["Here's a random integer between 0 and", 'no-answer'],
    // Two different numbers: which one is the answer is a guess, so none is taken.
    ['7 or 8', 'ambiguous'],
    ["I'd say 3... no, 7", 'ambiguous'],
    ['My answer: 7 (or maybe 4)', 'ambiguous'],
    ['seven or eight', 'ambiguous'],
    ['11', 'out-of-range'],
    ['-3', 'out-of-range'],
    ['42 is the answer', 'out-of-range'],
    ['7.5', 'not-a-whole-number'],
    ["I'm sorry, but I can't generate truly random numbers.", 'no-answer'],
    ['banana', 'no-answer'],
    ['', 'empty'],
    ['   \n ', 'empty'],
  ];

  it.each(table)('reads %j as %j', (text, expected) => {
    const parsed = parseInteger(text, 0, 10);
    if (typeof expected === 'number') expect(parsed).toEqual({ ok: true, value: expected });
    else expect(parsed).toEqual({ ok: false, reason: expected });
  });
});

describe('parseIntegerSequence (ten numbers, 0–10)', () => {
  const ten = [3, 7, 7, 0, 10, 2, 5, 5, 9, 1];

  it.each([
    ['3, 7, 7, 0, 10, 2, 5, 5, 9, 1'],
    ['3 7 7 0 10 2 5 5 9 1'],
    ['Here are ten random numbers between 0 and 10: 3, 7, 7, 0, 10, 2, 5, 5, 9, 1.'],
    ['1. 3\n2. 7\n3. 7\n4. 0\n5. 10\n6. 2\n7. 5\n8. 5\n9. 9\n10. 1'],
    ['[3,7,7,0,10,2,5,5,9,1]'],
    ['3; 7; 7; 0; 10; 2; 5; 5; 9 and 1'],
    ['Sure, here is a sequence from 0 to 10:\n\n3, 7, 7, 0, 10, 2, 5, 5, 9, 1\n\nEach number was picked at random, 1 at a time.'],
    ['Sequence: 3,7,7,0,10,2,5,5,9,1 (out of 11 possible values)'],
  ])('reads %j', (text) => {
    expect(parseIntegerSequence(text, 10, 0, 10)).toEqual({ ok: true, value: ten });
  });

  it('names what is wrong with a bad sequence', () => {
    expect(parseIntegerSequence('3, 7, 7', 10, 0, 10)).toEqual({ ok: false, reason: 'wrong-count' });
    // Twelve numbers for ten: which ten were meant is a guess.
    expect(parseIntegerSequence('3, 7, 7, 0, 10, 2, 5, 5, 9, 1, 4, 4', 10, 0, 10)).toEqual({ ok: false, reason: 'wrong-count' });
    // Two lists: the model changed its mind, or gave two answers.
    expect(parseIntegerSequence('3, 7, 7, 0, 10, 2, 5, 5, 9, 1\nOr: 4, 2, 8, 8, 1, 0, 6, 3, 3, 9', 10, 0, 10)).toEqual({
      ok: false,
      reason: 'ambiguous',
    });
    // Numbers one at a time in a sentence are not a list.
    expect(parseIntegerSequence('First 3, then 7, then 7 again', 10, 0, 10)).toEqual({ ok: false, reason: 'wrong-count' });
    expect(parseIntegerSequence('3, 7, 7, 0, 10, 2.5, 5, 5, 9, 1', 10, 0, 10)).toEqual({ ok: false, reason: 'not-a-whole-number' });
    expect(parseIntegerSequence('3, 7, 12, 0, 10, 2, 5, 5, 9, 1', 10, 0, 10)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseIntegerSequence('no numbers here', 10, 0, 10)).toEqual({ ok: false, reason: 'no-answer' });
    expect(parseIntegerSequence('', 10, 0, 10)).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('parseChoice (rock, paper, scissors)', () => {
  const moves = ['rock', 'paper', 'scissors'];

  it.each([
    [' rock', 0],
    ['Rock', 0],
    ['PAPER!', 1],
    ['I choose scissors.', 2],
    ['Scissor', 'no-answer'],
    // A letter after the word makes another word, as in exact mode.
    ['rocks', 'no-answer'],
    ['**Rock**', 0],
    ["I'll go with rock!", 0],
    // The question's choices restated are not an answer.
    ['Rock, paper or scissors? Rock!', 0],
    ['rock/paper/scissors: paper', 1],
    ['Not rock, but paper', 'ambiguous'],
    [' paper\nBecause rock is too obvious.', 1],
    ['Paper beats rock, so paper.', 'ambiguous'],
    ['rockets', 'no-answer'],
    ['I would rather not play.', 'no-answer'],
    ['\n', 'empty'],
  ] as [string, number | string][])('reads %j as %j', (text, expected) => {
    const parsed = parseChoice(text, moves);
    if (typeof expected === 'number') expect(parsed).toEqual({ ok: true, value: expected });
    else expect(parsed).toEqual({ ok: false, reason: expected });
  });

  it('matches place names with several words', () => {
    expect(parseChoice('Behind the sofa.', ['under the bed', 'behind the sofa', 'in the closet'])).toEqual({ ok: true, value: 1 });
  });
});

describe('normaliseDigits', () => {
  it('folds full-width, Arabic-Indic and Devanagari digits to ASCII', () => {
    expect(normaliseDigits('１０ ٣ ४ 5')).toBe('10 3 4 5');
  });
});
