// The score requests every exact-mode probe really sends, for every family of the catalog, each kind of model and
// framing: answers spelled as the format the model reads writes them, ended by one rule, and (on the real Llama 3.1
// and Qwen3 tokenizers) following the prompt token for token.
import { describe, expect, it } from 'vitest';
import type { ModelRole, ScoreRequest } from '../../../../src/core/model.ts';
import { ANSWER_ENDS } from '../../../../src/core/probes/framing.ts';
import { HIDE_AND_SEEK } from '../../../../src/core/probes/hide-and-seek/index.ts';
import type { CommonParams, Framing, ProbeSpec, RecordBase } from '../../../../src/core/probes/probe.ts';
import { ANSWERS, RNG_0_10, scoreRequest } from '../../../../src/core/probes/rng-0-10/index.ts';
import { RNG_SEQUENCE } from '../../../../src/core/probes/rng-sequence/index.ts';
import { RPS } from '../../../../src/core/probes/rps/index.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { CHAT_TEMPLATE_IDS, type ChatTemplateId } from '../../../../src/core/prompts/chat-templates.ts';
import { buildAnswerTrie, scoreAnswers } from '../../../../src/core/scoring/index.ts';
import { createWeightedOracle, loadTokenizers, type TestTokenizer } from '../scoring/support.ts';
import { recordingScoreRequests, SyntheticModel } from './synthetic-model.ts';

const { llama, qwen } = loadTokenizers();
const LLAMA_END_OF_SEQUENCE = [128001, 128008, 128009];
const QWEN_END_OF_SEQUENCE = [151645, 151643];

/** The real tokenizer of a family, where npm ships one (Qwen2.5 shares Qwen3's vocabulary and merges). */
const TOKENIZERS: Partial<Record<ChatTemplateId, { tokenizer: TestTokenizer; endOfSequenceIds: number[] }>> = {
  'llama-3.1': { tokenizer: llama, endOfSequenceIds: LLAMA_END_OF_SEQUENCE },
  'llama-3.2': { tokenizer: llama, endOfSequenceIds: LLAMA_END_OF_SEQUENCE },
  'qwen2.5': { tokenizer: qwen, endOfSequenceIds: QWEN_END_OF_SEQUENCE },
  qwen3: { tokenizer: qwen, endOfSequenceIds: QWEN_END_OF_SEQUENCE },
};

const READERS: readonly { role: ModelRole; framing: Framing; spaced: 'never' | 'always' | 'both' }[] = [
  { role: 'instruct', framing: 'native', spaced: 'never' },
  { role: 'base', framing: 'native', spaced: 'always' },
  { role: 'base', framing: 'same-text', spaced: 'both' },
];

// Any shape of spec will do: only the first request each sends is looked at.
const EXACT_PROBES = [RNG_0_10, RNG_SEQUENCE, RPS, HIDE_AND_SEEK] as unknown as ProbeSpec<CommonParams, RecordBase, unknown>[];

async function firstRequest(spec: ProbeSpec<CommonParams, RecordBase, unknown>, role: ModelRole, framing: Framing, chatTemplate: ChatTemplateId) {
  // Certain of one answer of each answer set, so that every probe can go on (a game draws a move from the policy).
  const model = new SyntheticModel({ id: role, role, distribution: () => ({ '0': 1, rock: 1, house: 1 }) });
  const recording = recordingScoreRequests(model);
  const params = { ...spec.defaultParams, mode: 'exact', framing } as CommonParams;
  await runProbe(spec, { models: [{ model: recording.model, chatTemplate }], params }).next();
  const request = recording.requests[0];
  if (!request) throw new Error(`${spec.id} sent no score request.`);
  return request;
}

describe('every exact probe, every family: spelling and ends', () => {
  for (const template of CHAT_TEMPLATE_IDS) {
    for (const { role, framing, spaced } of READERS) {
      it(`${template}, ${role} model, ${framing} framing`, async () => {
        for (const spec of EXACT_PROBES) {
          const request = await firstRequest(spec, role, framing, template);
          expect(request.endCheck, spec.id).toBe('every-answer');
          expect(request.terminators, spec.id).toEqual(ANSWER_ENDS);
          const variants = request.candidates.flatMap((candidate) => candidate.variants);
          const withSpace = variants.filter((variant) => variant.startsWith(' '));
          if (spaced === 'never') expect(withSpace, spec.id).toEqual([]);
          if (spaced === 'always') expect(withSpace, spec.id).toEqual(variants);
          if (spaced === 'both') expect(withSpace.length * 2, spec.id).toBe(variants.length);

          const real = TOKENIZERS[template];
          if (real === undefined) continue;
          // Every spelling continues the prompt token for token (no merge across the prompt's end), no end is
          // ambiguous, and no terminator merges with an answer.
          const trie = buildAnswerTrie(request, real.tokenizer, { endOfSequenceIds: real.endOfSequenceIds });
          expect(trie.variantsTokenizedAlone, spec.id).toEqual([]);
        }
      });
    }
  }

  it('scores "The house" after a chat turn in hide-and-seek, for Ministral 3 too (its prompt ends in "[/INST]")', async () => {
    const request = await firstRequest(EXACT_PROBES[3]!, 'instruct', 'native', 'ministral-3');
    expect(request.candidates[0]).toEqual({ answer: 'house', variants: ['house', 'House', 'The house'] });
    expect((await firstRequest(EXACT_PROBES[3]!, 'base', 'native', 'ministral-3')).candidates[0]).toEqual({
      answer: 'house',
      variants: [' house', ' House'],
    });
  });

  it('scores Ministral 3 Instruct’s numbers as it writes them, "7" right after "[/INST]"', async () => {
    const request = await firstRequest(EXACT_PROBES[0]!, 'instruct', 'native', 'ministral-3');
    expect(request.prompt.endsWith('[/INST]')).toBe(true);
    expect(request.candidates.find((candidate) => candidate.answer === '7')?.variants).toEqual(['7']);
  });
});

describe('the end rule on a tokenizer that writes one digit per token (Qwen3)', () => {
  const digit = (d: number) => 15 + d;
  const NEWLINES = 271;
  const PERIOD_NEWLINE = 624;
  const [IM_END] = QWEN_END_OF_SEQUENCE as [number];
  const prompt = `<|im_start|>user\nPick a number.<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n`;
  const request: ScoreRequest = scoreRequest(prompt, { kind: 'chat-turn', spellings: ['direct'] });
  const promptIds = qwen.encode(prompt);
  // "7" then "5" (that is, "75") half the time; "1" then "5" ("15") as often. The rest of each ends the answer.
  const weightsAfter = (path: number[]): Record<number, number> => {
    const digitsAt = (weights: Record<number, number>) => ({ ...Object.fromEntries(ANSWERS.slice(0, 10).map((_, d) => [digit(d), 0])), ...weights });
    if (path.length === 0) return digitsAt({ [digit(7)]: 0.6, [digit(1)]: 0.4 });
    if (path.length === 1 && path[0] === digit(7)) return digitsAt({ [digit(5)]: 0.5, [NEWLINES]: 0.3, [IM_END]: 0.2 });
    if (path.length === 1 && path[0] === digit(1)) return digitsAt({ [digit(5)]: 0.5, [digit(0)]: 0.25, [PERIOD_NEWLINE]: 0.25 });
    return digitsAt({ [IM_END]: 1 });
  };

  it('counts "7" only when what follows ends it, as it does "1": "75" is no more 7 than "15" is 1', async () => {
    const oracle = createWeightedOracle(promptIds, qwen.vocabularySize, weightsAfter);
    const result = await scoreAnswers(request, qwen, oracle, { endOfSequenceIds: QWEN_END_OF_SEQUENCE });
    const p = Object.fromEntries(result.answers.map(({ answer, probability }) => [answer, probability]));
    // "7" then "\n\n" or end of text; "1" then ".\n"; "10" then end of text.
    expect(p['7']).toBeCloseTo(0.6 * 0.5, 12);
    expect(p['1']).toBeCloseTo(0.4 * 0.25, 12);
    expect(p['10']).toBeCloseTo(0.4 * 0.25, 12);
    // "75" and "15" are outside 0 … 10: other.
    expect(result.otherProbability).toBeCloseTo(0.6 * 0.5 + 0.4 * 0.5, 12);
  });
});
