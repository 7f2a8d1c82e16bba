import { describe, expect, it } from 'vitest';
import type { ModelRole } from '../../../../src/core/model.ts';
import {
  ANSWER_ENDS,
  answerRequest,
  answerSlot,
  answerVariants,
  framePrompt,
  questionAnswerFrame,
  wordForms,
} from '../../../../src/core/probes/framing.ts';
import type { Framing, ProbeModel } from '../../../../src/core/probes/probe.ts';
import { CHAT_TEMPLATE_IDS, type ChatTemplateId } from '../../../../src/core/prompts/chat-templates.ts';
import { SyntheticModel } from './synthetic-model.ts';

function probeModel(role: ModelRole, chatTemplate: ChatTemplateId): ProbeModel {
  return { model: new SyntheticModel({ id: role, role, distribution: () => ({}) }), chatTemplate };
}

describe('answerSlot: the spelling comes from the format the model reads, for every family', () => {
  for (const template of CHAT_TEMPLATE_IDS) {
    it(template, () => {
      const slot = (role: ModelRole, framing: Framing) => answerSlot(probeModel(role, template), framing);
      // Every family's template starts the reply directly after its generation prompt (chat-templates.test.ts).
      for (const framing of ['native', 'same-text'] as const) {
        expect(slot('instruct', framing)).toEqual({ kind: 'chat-turn', spellings: ['direct'] });
        expect(slot('reasoning', framing)).toEqual({ kind: 'chat-turn', spellings: ['direct'] });
      }
      expect(slot('base', 'native')).toEqual({ kind: 'document', spellings: ['after-space'] });
      expect(slot('base', 'same-text')).toEqual({ kind: 'chat-turn', spellings: ['direct', 'after-space'] });
    });
  }

  it('does not guess from the prompt: Ministral 3’s prompt ends in "[/INST]", not in white space, yet the reply starts directly', () => {
    const instruct = probeModel('instruct', 'ministral-3');
    const prompt = framePrompt(instruct, 'native', 'Pick a number.', questionAnswerFrame);
    expect(prompt.endsWith('[/INST]')).toBe(true);
    expect(answerVariants(answerSlot(instruct, 'native').spellings, ['7'])).toEqual(['7']);
  });

  it('puts the answer after a space at the end of a base model’s completion frame', () => {
    const base = probeModel('base', 'ministral-3');
    expect(framePrompt(base, 'native', 'Pick a number.', questionAnswerFrame)).toBe('<s>Question: Pick a number.\nAnswer:');
    expect(answerVariants(answerSlot(base, 'native').spellings, ['7'])).toEqual([' 7']);
  });
});

describe('answerVariants', () => {
  it('spells every form in every spelling, the first spelling first, without repeats', () => {
    expect(answerVariants(['direct'], wordForms('rock'))).toEqual(['rock', 'Rock']);
    expect(answerVariants(['after-space'], wordForms('rock'))).toEqual([' rock', ' Rock']);
    expect(answerVariants(['direct', 'after-space'], ['7'])).toEqual(['7', ' 7']);
    expect(answerVariants(['direct'], ['7', '7'])).toEqual(['7']);
  });

  it('does not repeat a form that capitalising leaves unchanged', () => {
    expect(wordForms('10')).toEqual(['10']);
    expect(wordForms('house')).toEqual(['house', 'House']);
  });
});

describe('answerRequest: one end rule for every probe', () => {
  it('reads the end after every answer, with the same ends and end-of-sequence', () => {
    const request = answerRequest('Answer:', [{ answer: '7', variants: [' 7'] }]);
    expect(request).toEqual({
      prompt: 'Answer:',
      candidates: [{ answer: '7', variants: [' 7'] }],
      terminators: [...ANSWER_ENDS],
      endOfSequenceEnds: true,
      endCheck: 'every-answer',
    });
  });

  it('never lets a digit or a letter end an answer', () => {
    for (const end of ANSWER_ENDS) expect(end).not.toMatch(/^\s*[\p{L}\p{N}]/u);
    expect(new Set(ANSWER_ENDS).size).toBe(ANSWER_ENDS.length);
  });
});
