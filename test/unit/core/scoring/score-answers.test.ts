import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerCandidate, ScoreRequest } from '../../../../src/core/model.ts';
import {
  buildAnswerTrie,
  logSoftmax,
  planForward,
  scoreAnswers,
  type AnswerTrieNode,
} from '../../../../src/core/scoring/index.ts';
import { createWeightedOracle, loadTokenizers, type NextTokenWeights } from './support.ts';

const { llama, qwen } = loadTokenizers();

// The end of an instruct prompt as each model family writes it (hand-written here so these tests do not depend on
// the chat templates).
const QUESTION = 'Pick a random integer from 0 to 10 inclusive. Reply with the number only.';
const LLAMA_PROMPT =
  `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${QUESTION}<|eot_id|>` +
  '<|start_header_id|>assistant<|end_header_id|>\n\n';
const QWEN_PROMPT = `<|im_start|>user\n${QUESTION}<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n`;

// Token ids, read off the real tokenizers (the split test below pins them). Both vocabularies put "0".."9" at 15..24.
const digit = (d: number) => 15 + d;
const SPACE = 220;
const NEWLINE = 198;
const PERIOD = 13;
const COMMA = 11;
const BANG = 0;
const LLAMA_TEN = 605;
const LLAMA_END_OF_SEQUENCE = [128001, 128008, 128009];
const QWEN_END_OF_SEQUENCE = [151645, 151643];

const numberCandidates: AnswerCandidate[] = Array.from({ length: 11 }, (_, n) => ({
  answer: String(n),
  variants: [String(n), ` ${n}`],
}));

function numberRequest(prompt: string, endCheck: ScoreRequest['endCheck']): ScoreRequest {
  return { prompt, candidates: numberCandidates, terminators: ['\n', '.', ',', '!'], endOfSequenceEnds: true, endCheck };
}

/** Weights with every listed id at 0 (so that no answer gets stray mass) and then the given ones. */
function weights(zeroIds: readonly number[], chosen: NextTokenWeights): NextTokenWeights {
  return { ...Object.fromEntries(zeroIds.map((id) => [id, 0])), ...chosen };
}

const DIGITS = Array.from({ length: 10 }, (_, d) => digit(d));
const key = (path: number[]) => path.join(',');
const probabilitiesOf = (result: { answers: { answer: string; probability: number }[] }) =>
  Object.fromEntries(result.answers.map(({ answer, probability }) => [answer, probability]));

/** The contexts an oracle was asked about must all differ: the scorer never pays twice for one distribution. */
function expectDistinct(contexts: number[][]): void {
  expect(new Set(contexts.map(key)).size).toBe(contexts.length);
}

/** Tokens fed along `contexts` when each pass extends or resets the cache, starting from an empty cache. */
function tokensFed(contexts: number[][]): number {
  let fed = 0;
  let cache: number[] = [];
  for (const context of contexts) {
    fed += planForward(cache, context).feed.length;
    cache = context;
  }
  return fed;
}

describe('how the real tokenizers split answers (testing.md)', () => {
  it('records the splits the tries below rely on', () => {
    const split = (tokenizer: typeof llama, text: string) => tokenizer.encode(text).map((id) => tokenizer.tokenText(id));
    // Llama 3.1 merges up to three digits; Qwen writes one digit per token. Both put a leading space on its own.
    expect(llama.encode('7')).toEqual([digit(7)]);
    expect(split(llama, ' 7')).toEqual([' ', '7']);
    expect(llama.encode('10')).toEqual([LLAMA_TEN]);
    expect(split(llama, '75')).toEqual(['75']);
    expect(split(qwen, ' 7')).toEqual([' ', '7']);
    expect(qwen.encode('10')).toEqual([digit(1), digit(0)]);
    expect(split(qwen, '75')).toEqual(['7', '5']);
    // " scissors" is one token in both; the other spellings are two, sharing "issors".
    expect(split(llama, ' scissors')).toEqual([' scissors']);
    expect(split(llama, 'scissors')).toEqual(['sc', 'issors']);
    expect(split(llama, 'Scissors')).toEqual(['Sc', 'issors']);
    expect(split(llama, ' Scissors')).toEqual([' Sc', 'issors']);
    expect(split(qwen, ' scissors')).toEqual([' scissors']);
    expect(split(qwen, 'Scissors')).toEqual(['Sc', 'issors']);
    expect(split(qwen, ' Scissors')).toEqual([' Sc', 'issors']);
    for (const word of ['rock', ' rock', 'Rock', ' Rock', 'paper', ' paper', 'Paper', ' Paper']) {
      expect(llama.encode(word)).toHaveLength(1);
      expect(qwen.encode(word)).toHaveLength(1);
    }
    for (const tokenizer of [llama, qwen]) {
      expect(['\n', '.', ',', '!'].map((text) => tokenizer.encode(text))).toEqual([[NEWLINE], [PERIOD], [COMMA], [BANG]]);
    }
    // Special-token text in the prompt is read as the special token, as web-llm's tokenizer does.
    expect(llama.encode('<|begin_of_text|>')).toEqual([128000]);
    expect(qwen.encode('<|im_start|>')).toEqual([151644]);
  });

  it('keeps the prompt as a stable prefix of prompt + answer, so answers follow it token for token', () => {
    const llamaPrompt = llama.encode(LLAMA_PROMPT);
    expect(llama.encode(`${LLAMA_PROMPT} 7`)).toEqual([...llamaPrompt, SPACE, digit(7)]);
    const qwenPrompt = qwen.encode(QWEN_PROMPT);
    expect(qwen.encode(`${QWEN_PROMPT} 10.`)).toEqual([...qwenPrompt, SPACE, digit(1), digit(0), PERIOD]);
  });
});

describe('scoreAnswers: 0–10 on Llama 3.1 (one token per number)', () => {
  const promptIds = llama.encode(LLAMA_PROMPT);
  const answerIds = [...DIGITS, LLAMA_TEN];
  // At the root: each bare number, and a leading space. After the space: the numbers again.
  const root = weights(answerIds, {
    [digit(0)]: 0.01, [digit(1)]: 0.02, [digit(2)]: 0.03, [digit(3)]: 0.08, [digit(4)]: 0.05, [digit(5)]: 0.06,
    [digit(6)]: 0.04, [digit(7)]: 0.3, [digit(8)]: 0.05, [digit(9)]: 0.04, [LLAMA_TEN]: 0.02, [SPACE]: 0.2,
  });
  const afterSpace = weights(answerIds, { [digit(7)]: 0.5, [digit(3)]: 0.2, [LLAMA_TEN]: 0.1 });
  const weightsAfter = (path: number[]) => {
    if (path.length === 0) return root;
    if (key(path) === key([SPACE])) return afterSpace;
    throw new Error(`unexpected context ${key(path)}`);
  };

  it('gives P(n) = P(n) + P(" ")·P(n | " "), by hand, with P(other) the rest', async () => {
    const oracle = createWeightedOracle(promptIds, llama.vocabularySize, weightsAfter);
    const result = await scoreAnswers(numberRequest(LLAMA_PROMPT, 'prefixes-only'), llama, oracle, {
      endOfSequenceIds: LLAMA_END_OF_SEQUENCE,
    });
    const p = probabilitiesOf(result);
    expect(p['7']).toBeCloseTo(0.3 + 0.2 * 0.5, 12);
    expect(p['3']).toBeCloseTo(0.08 + 0.2 * 0.2, 12);
    expect(p['10']).toBeCloseTo(0.02 + 0.2 * 0.1, 12);
    expect(p['0']).toBeCloseTo(0.01, 12);
    expect(p['9']).toBeCloseTo(0.04, 12);
    // Σ bare = 0.70, Σ after the space = 0.2 · 0.8.
    expect(result.otherProbability).toBeCloseTo(1 - 0.7 - 0.16, 12);
  });

  it('asks once at the root and once after the space: two passes, the second extending the first by one token', async () => {
    const oracle = createWeightedOracle(promptIds, llama.vocabularySize, weightsAfter);
    const result = await scoreAnswers(numberRequest(LLAMA_PROMPT, 'prefixes-only'), llama, oracle, {
      endOfSequenceIds: LLAMA_END_OF_SEQUENCE,
    });
    expect(oracle.contexts).toEqual([promptIds, [...promptIds, SPACE]]);
    expect(result.cost).toEqual({ forwardPasses: 2, prefillTokens: promptIds.length + 1 });
  });
});

describe('scoreAnswers: 0–10 on Qwen3 ("10" is "1","0")', () => {
  const promptIds = qwen.encode(QWEN_PROMPT);
  const ends = [NEWLINE, PERIOD, COMMA, BANG, ...QWEN_END_OF_SEQUENCE];
  const root = weights(DIGITS, {
    [digit(0)]: 0.01, [digit(1)]: 0.1, [digit(2)]: 0.03, [digit(3)]: 0.08, [digit(4)]: 0.05, [digit(5)]: 0.06,
    [digit(6)]: 0.04, [digit(7)]: 0.3, [digit(8)]: 0.05, [digit(9)]: 0.04, [SPACE]: 0.2,
  });
  // After "1": "0" continues it into "10"; a newline, a period or end-of-sequence ends it as "1".
  const afterOne = weights([...DIGITS, ...ends], { [digit(0)]: 0.25, [NEWLINE]: 0.4, [PERIOD]: 0.1, [151645]: 0.2 });
  const afterSpace = weights(DIGITS, { [digit(7)]: 0.5, [digit(1)]: 0.3, [digit(3)]: 0.1 });
  const afterSpaceOne = weights([...DIGITS, ...ends], { [digit(0)]: 0.5, [NEWLINE]: 0.3, [151643]: 0.1 });
  // Where only the end is read ("every-answer"): a newline, a period or end-of-sequence, 0.8 in all.
  const anyEnd = weights([...DIGITS, ...ends], { [NEWLINE]: 0.5, [PERIOD]: 0.1, [151645]: 0.2 });
  const weightsAfter = (path: number[]) => {
    switch (key(path)) {
      case '':
        return root;
      case key([digit(1)]):
        return afterOne;
      case key([SPACE]):
        return afterSpace;
      case key([SPACE, digit(1)]):
        return afterSpaceOne;
      default:
        return anyEnd;
    }
  };

  it('tells "1" from "10" by the terminators, by hand', async () => {
    const oracle = createWeightedOracle(promptIds, qwen.vocabularySize, weightsAfter);
    const result = await scoreAnswers(numberRequest(QWEN_PROMPT, 'prefixes-only'), qwen, oracle, {
      endOfSequenceIds: QWEN_END_OF_SEQUENCE,
    });
    const p = probabilitiesOf(result);
    // "1" then an end (0.4 + 0.1 + 0.2), and " 1" then an end (0.3 + 0.1).
    expect(p['1']).toBeCloseTo(0.1 * 0.7 + 0.2 * 0.3 * 0.4, 12);
    // "1","0" and " ","1","0": leaves, so their ends are not read.
    expect(p['10']).toBeCloseTo(0.1 * 0.25 + 0.2 * 0.3 * 0.5, 12);
    expect(p['7']).toBeCloseTo(0.3 + 0.2 * 0.5, 12);
    expect(p['3']).toBeCloseTo(0.08 + 0.2 * 0.1, 12);
    expect(p['5']).toBeCloseTo(0.06, 12);
    expect(result.otherProbability).toBeCloseTo(1 - 0.929, 12);
  });

  it('runs one pass per internal node, depth-first in the order the answers are listed: root, " ", " 1", "1"', async () => {
    const oracle = createWeightedOracle(promptIds, qwen.vocabularySize, weightsAfter);
    const result = await scoreAnswers(numberRequest(QWEN_PROMPT, 'prefixes-only'), qwen, oracle, {
      endOfSequenceIds: QWEN_END_OF_SEQUENCE,
    });
    // " 0" comes before "1" in the answer list, so the root's children are "0", " ", "1", …
    expect(oracle.contexts).toEqual([
      promptIds,
      [...promptIds, SPACE],
      [...promptIds, SPACE, digit(1)],
      [...promptIds, digit(1)],
    ]);
    // Extend by " ", extend by "1", then reset for "1" (there is no rollback).
    const prompt = promptIds.length;
    expect(result.cost).toEqual({ forwardPasses: 4, prefillTokens: prompt + 1 + 1 + (prompt + 1) });
    expect(result.cost.prefillTokens).toBe(tokensFed(oracle.contexts));
  });

  it('with "every-answer", reads the end after every answer too', async () => {
    const oracle = createWeightedOracle(promptIds, qwen.vocabularySize, weightsAfter);
    const result = await scoreAnswers(numberRequest(QWEN_PROMPT, 'every-answer'), qwen, oracle, {
      endOfSequenceIds: QWEN_END_OF_SEQUENCE,
    });
    const p = probabilitiesOf(result);
    expect(p['7']).toBeCloseTo((0.3 + 0.2 * 0.5) * 0.8, 12);
    expect(p['1']).toBeCloseTo(0.1 * 0.7 + 0.2 * 0.3 * 0.4, 12);
    expect(p['10']).toBeCloseTo((0.1 * 0.25 + 0.2 * 0.3 * 0.5) * 0.8, 12);
    // Root, " ", and the end of each of the 22 variants ("1" and " 1" are read once each, as internal nodes).
    expect(result.cost.forwardPasses).toBe(24);
    expect(oracle.contexts).toHaveLength(24);
    expectDistinct(oracle.contexts);
    expect(result.cost.prefillTokens).toBe(tokensFed(oracle.contexts));
  });
});

describe('scoreAnswers: rock, paper, scissors with capitalised and spaced variants', () => {
  const candidates: AnswerCandidate[] = ['rock', 'paper', 'scissors'].map((word) => {
    const capital = word[0]?.toUpperCase() + word.slice(1);
    return { answer: word, variants: [` ${word}`, ` ${capital}`, word, capital] };
  });
  const request = (prompt: string): ScoreRequest => ({
    prompt,
    candidates,
    terminators: ['\n', '.', '!'],
    endOfSequenceEnds: true,
    endCheck: 'prefixes-only',
  });

  for (const [name, tokenizer, prompt, endOfSequenceIds] of [
    ['Llama 3.1', llama, LLAMA_PROMPT, LLAMA_END_OF_SEQUENCE],
    ['Qwen3', qwen, QWEN_PROMPT, QWEN_END_OF_SEQUENCE],
  ] as const) {
    it(`sums the variants, by hand (${name})`, async () => {
      const promptIds = tokenizer.encode(prompt);
      const id = (text: string) => tokenizer.encode(text)[0] as number;
      const issors = tokenizer.encode('scissors')[1] as number;
      const root = {
        [id(' rock')]: 0.1, [id(' Rock')]: 0.05, [id('rock')]: 0.15, [id('Rock')]: 0.2,
        [id(' paper')]: 0.02, [id(' Paper')]: 0.01, [id('paper')]: 0.07, [id('Paper')]: 0.1,
        [id(' scissors')]: 0.03, [id(' Scissors')]: 0.02, [id('scissors')]: 0.05, [id('Scissors')]: 0.1,
      };
      // After "sc", "Sc" and " Sc": "issors" most of the time.
      const after: Record<string, NextTokenWeights> = {
        [key([id('scissors')])]: { [issors]: 0.9 },
        [key([id('Scissors')])]: { [issors]: 0.8 },
        [key([id(' Scissors')])]: { [issors]: 0.5 },
      };
      const oracle = createWeightedOracle(promptIds, tokenizer.vocabularySize, (path) => {
        const found = path.length === 0 ? root : after[key(path)];
        if (found === undefined) throw new Error(`unexpected context ${key(path)}`);
        return found;
      });
      const result = await scoreAnswers(request(prompt), tokenizer, oracle, { endOfSequenceIds });
      const p = probabilitiesOf(result);
      expect(p['rock']).toBeCloseTo(0.1 + 0.05 + 0.15 + 0.2, 12);
      expect(p['paper']).toBeCloseTo(0.02 + 0.01 + 0.07 + 0.1, 12);
      expect(p['scissors']).toBeCloseTo(0.03 + 0.02 * 0.5 + 0.05 * 0.9 + 0.1 * 0.8, 12);
      expect(result.otherProbability).toBeCloseTo(1 - 0.5 - 0.2 - 0.165, 12);
      // The root, and the three two-token spellings of "scissors".
      expect(result.cost.forwardPasses).toBe(4);
      expect(oracle.contexts).toHaveLength(4);
      expectDistinct(oracle.contexts);
      expect(result.cost.prefillTokens).toBe(tokensFed(oracle.contexts));
    });
  }
});

describe('scoreAnswers: properties', () => {
  const promptIds = llama.encode(LLAMA_PROMPT);
  const answerIds = [...DIGITS, LLAMA_TEN];

  it('matches P(n) = P(n) + P(" ")·P(n | " ") and keeps Σ P + P(other) = 1 for any root distribution', async () => {
    const distribution = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 13, maxLength: 13 })
      .filter((raw) => raw.reduce((sum, x) => sum + x, 0) > 0);
    await fc.assert(
      fc.asyncProperty(distribution, async (raw) => {
        const total = raw.reduce((sum, x) => sum + x, 0);
        // 11 answers, a space, and the mass left for other tokens.
        const shares = raw.map((x) => x / total);
        const root = weights(answerIds, Object.fromEntries(answerIds.map((id, i) => [id, shares[i] as number])));
        root[SPACE] = shares[11] as number;
        const afterSpace = weights(answerIds, { [digit(7)]: 0.6, [LLAMA_TEN]: 0.3 });
        const oracle = createWeightedOracle(promptIds, llama.vocabularySize, (path) => (path.length === 0 ? root : afterSpace));
        const result = await scoreAnswers(numberRequest(LLAMA_PROMPT, 'prefixes-only'), llama, oracle, {
          endOfSequenceIds: LLAMA_END_OF_SEQUENCE,
        });
        const p = probabilitiesOf(result);
        const space = shares[11] as number;
        expect(p['7']).toBeCloseTo((shares[7] as number) + space * 0.6, 9);
        expect(p['10']).toBeCloseTo((shares[10] as number) + space * 0.3, 9);
        expect(p['4']).toBeCloseTo(shares[4] as number, 9);
        const sum = result.answers.reduce((s, { probability }) => s + probability, 0) + result.otherProbability;
        expect(sum).toBeCloseTo(1, 9);
        expect(result.otherProbability).toBeGreaterThanOrEqual(0);
      }),
      { seed: 42, numRuns: 30 },
    );
  });
});

describe('buildAnswerTrie', () => {
  const qwenRequest = numberRequest(QWEN_PROMPT, 'prefixes-only');

  it('marks the internal nodes, and the terminators where an answer ends', () => {
    const trie = buildAnswerTrie(qwenRequest, qwen, { endOfSequenceIds: QWEN_END_OF_SEQUENCE });
    expect(trie.promptIds).toEqual(qwen.encode(QWEN_PROMPT));
    expect(trie.root.children.map((child) => child.tokenId)).toEqual([digit(0), SPACE, ...DIGITS.slice(1)]);
    const one = trie.root.children.find((child) => child.tokenId === digit(1)) as AnswerTrieNode;
    expect(one).toMatchObject({ path: [digit(1)], answerIndex: 1, variants: ['1'], needsDistribution: true });
    expect(one.terminatorIds).toEqual([NEWLINE, PERIOD, COMMA, BANG, ...QWEN_END_OF_SEQUENCE]);
    expect(one.children[0]).toMatchObject({ path: [digit(1), digit(0)], answerIndex: 10, needsDistribution: false });
    const seven = trie.root.children.find((child) => child.tokenId === digit(7)) as AnswerTrieNode;
    expect(seven.needsDistribution).toBe(false);
    expect(trie.variantsTokenizedAlone).toEqual([]);
  });

  it('counts a repeated variant once', async () => {
    const request: ScoreRequest = {
      prompt: LLAMA_PROMPT,
      candidates: [{ answer: '7', variants: ['7', '7'] }],
      terminators: [],
      endOfSequenceEnds: false,
      endCheck: 'prefixes-only',
    };
    const trie = buildAnswerTrie(request, llama, { endOfSequenceIds: [] });
    expect(trie.root.children).toHaveLength(1);
    expect(trie.root.children[0]?.variants).toEqual(['7']);
    const promptIds = llama.encode(LLAMA_PROMPT);
    const oracle = createWeightedOracle(promptIds, llama.vocabularySize, () => ({ [digit(7)]: 0.4 }));
    const result = await scoreAnswers(request, llama, oracle, { endOfSequenceIds: [] });
    expect(result.answers[0]?.probability).toBeCloseTo(0.4, 12);
  });

  it('takes a variant that merges with the end of the prompt from the variant alone, and says so', () => {
    const request: ScoreRequest = {
      prompt: 'My move in rock, paper, scissors is ',
      candidates: [{ answer: 'rock', variants: ['rock', ' rock'] }],
      terminators: ['.'],
      endOfSequenceEnds: false,
      endCheck: 'prefixes-only',
    };
    // "is " + "rock" is written "is", " rock": the prompt's trailing " " is not a prefix of that.
    const trie = buildAnswerTrie(request, llama, { endOfSequenceIds: [] });
    expect(trie.variantsTokenizedAlone).toEqual(['rock']);
    // "is " + " rock" is "is", " ", " rock": stable, so " rock" keeps its in-context token.
    expect(trie.root.children.map((child) => child.path)).toEqual([llama.encode('rock'), llama.encode(' rock')]);
  });

  it('refuses two answers with the same tokens', () => {
    const request: ScoreRequest = {
      prompt: LLAMA_PROMPT,
      candidates: [
        { answer: '7', variants: ['7'] },
        { answer: 'seven', variants: ['seven', '7'] },
      ],
      terminators: ['\n'],
      endOfSequenceEnds: false,
      endCheck: 'prefixes-only',
    };
    expect(() => buildAnswerTrie(request, llama, { endOfSequenceIds: [] })).toThrow(
      /"7" and "seven" have the same tokens/,
    );
  });

  it('refuses a terminator that continues an answer, or merges with it', () => {
    const request = (terminators: string[]): ScoreRequest => ({
      prompt: QWEN_PROMPT,
      candidates: [
        { answer: '1', variants: ['1'] },
        { answer: '10', variants: ['10'] },
      ],
      terminators,
      endOfSequenceEnds: false,
      endCheck: 'prefixes-only',
    });
    expect(() => buildAnswerTrie(request(['0']), qwen, { endOfSequenceIds: [] })).toThrow(/both ends it/);
    expect(() => buildAnswerTrie(request(['0']), llama, { endOfSequenceIds: [] })).toThrow(/merges with the variant "1"/);
    expect(() => buildAnswerTrie(request([]), qwen, { endOfSequenceIds: [] })).toThrow(/no terminators/);
  });

  it('refuses malformed requests with plain messages', () => {
    const good = numberRequest(QWEN_PROMPT, 'prefixes-only');
    const build = (request: unknown, endOfSequenceIds: unknown = QWEN_END_OF_SEQUENCE) =>
      buildAnswerTrie(request as ScoreRequest, qwen, { endOfSequenceIds: endOfSequenceIds as number[] });
    expect(() => build({ ...good, prompt: '' })).toThrow(/prompt is empty/);
    expect(() => build({ ...good, candidates: [] })).toThrow(/no candidate answers/);
    expect(() => build({ ...good, candidates: [{ answer: '1', variants: [] }] })).toThrow(/no variants/);
    expect(() => build({ ...good, candidates: [...good.candidates, { answer: '1', variants: ['one'] }] })).toThrow(
      /listed twice/,
    );
    expect(() => build({ ...good, endCheck: 'sometimes' })).toThrow(/endCheck/);
    expect(() => build(good, [])).toThrow(/no end-of-sequence ids/);
    expect(() => build(good, [-1])).toThrow(/endOfSequenceIds\[0\]/);
  });
});

describe('scoreAnswers: oracle checks and cancelling', () => {
  const promptIds = llama.encode(LLAMA_PROMPT);
  const request = numberRequest(LLAMA_PROMPT, 'prefixes-only');
  const options = { endOfSequenceIds: LLAMA_END_OF_SEQUENCE };
  const flat = () => ({});

  it('stops with an AbortError before the first pass when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const oracle = createWeightedOracle(promptIds, llama.vocabularySize, flat);
    await expect(scoreAnswers(request, llama, oracle, { ...options, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(oracle.contexts).toHaveLength(0);
  });

  it('stops between passes once cancelled', async () => {
    const controller = new AbortController();
    const inner = createWeightedOracle(promptIds, llama.vocabularySize, flat);
    const oracle = {
      async nextTokenLogprobs(context: readonly number[]) {
        controller.abort();
        return inner.nextTokenLogprobs(context);
      },
    };
    await expect(scoreAnswers(request, llama, oracle, { ...options, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(inner.contexts).toHaveLength(1);
  });

  it('refuses raw logits, a changing vocabulary and ids outside it', async () => {
    const logits = { nextTokenLogprobs: async () => new Float64Array(llama.vocabularySize).fill(1) };
    await expect(scoreAnswers(request, llama, logits, options)).rejects.toThrow(/not raw logits/);
    let calls = 0;
    const changing = {
      async nextTokenLogprobs() {
        calls += 1;
        return logSoftmax(new Float64Array(llama.vocabularySize + calls));
      },
    };
    await expect(scoreAnswers(request, llama, changing, options)).rejects.toThrow(/cannot change/);
    const tiny = createWeightedOracle(promptIds, 100, flat);
    await expect(scoreAnswers(request, llama, tiny, options)).rejects.toThrow(/outside the oracle's vocabulary/);
  });
});
