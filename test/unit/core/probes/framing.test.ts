import { describe, expect, it } from 'vitest';
import { answerVariants, questionAnswerFrame } from '../../../../src/core/probes/framing.ts';

describe('answerVariants', () => {
  it('writes the answer directly after an open chat turn', () => {
    expect(answerVariants('<|start_header_id|>assistant<|end_header_id|>\n\n', '7')).toEqual(['7']);
    expect(answerVariants('<|im_start|>assistant\n', 'rock', { capitalised: true })).toEqual(['rock', 'Rock']);
  });

  it('puts a space before the answer after a completion frame', () => {
    expect(answerVariants(questionAnswerFrame('Pick a number.'), '7')).toEqual([' 7']);
    expect(answerVariants('Round 3: you played', 'rock', { capitalised: true })).toEqual([' rock', ' Rock']);
  });

  it('does not repeat a form that capitalising leaves unchanged', () => {
    expect(answerVariants('\n', '10', { capitalised: true })).toEqual(['10']);
  });
});
