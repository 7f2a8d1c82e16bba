// Exact answer probabilities: the model's whole distribution over a closed answer set, read from its next-token
// log-probabilities in one forward pass per internal node of the answer trie (design.md §3, webllm-notes.md §3.3).
import type { CancelSignal, ScoreRequest, ScoreResult } from '../model.ts';
import { buildAnswerTrie, type AnswerTrieNode, type Tokenizer } from './answer-trie.ts';
import { planForward } from './plan-forward.ts';

/** The model's next-token distribution after a context, as log-probabilities (a log-softmax in float64, one entry
 * per vocabulary id). The worker implements it with a LogitProcessor and forwardTokensAndSample, following
 * planForward from one context to the next. */
export interface NextTokenOracle {
  nextTokenLogprobs(context: readonly number[]): Promise<Float64Array>;
}

export interface ScoreAnswersOptions {
  /** The model's end-of-sequence token ids (they end answers when the request says so). */
  endOfSequenceIds: readonly number[];
  /** Checked between forward passes. */
  signal?: CancelSignal;
}

/** How far exp(log-probabilities) may sum from 1 before the oracle is taken to return something else (raw logits). */
const NORMALISATION_TOLERANCE = 1e-6;

function abortError(): Error {
  const error = new Error('Scoring was cancelled.');
  error.name = 'AbortError';
  return error;
}

function checkDistribution(logprobs: unknown, vocabularySize: number | null, node: AnswerTrieNode): Float64Array {
  if (!(logprobs instanceof Float64Array)) {
    throw new TypeError('The oracle must return a Float64Array of next-token log-probabilities.');
  }
  if (vocabularySize !== null && logprobs.length !== vocabularySize) {
    throw new RangeError(
      `The oracle returned ${logprobs.length} log-probabilities after returning ${vocabularySize} before; ` +
        'the vocabulary size cannot change.',
    );
  }
  let total = 0;
  for (let i = 0; i < logprobs.length; i++) total += Math.exp(logprobs[i] as number);
  if (!(Math.abs(total - 1) <= NORMALISATION_TOLERANCE)) {
    throw new RangeError(
      `The oracle's log-probabilities add up to a probability of ${total}, not 1: it must return a log-softmax, ` +
        'not raw logits.',
    );
  }
  const needed = [...node.children.map((child) => child.tokenId as number), ...node.terminatorIds];
  const outside = needed.find((id) => id >= logprobs.length);
  if (outside !== undefined) {
    throw new RangeError(`Token id ${outside} is outside the oracle's vocabulary of ${logprobs.length} entries.`);
  }
  return logprobs;
}

/**
 * P(answer) for every candidate of `request`, plus P(other) = 1 − Σ P(answer), read from `oracle`.
 *
 * P(a variant) = P(its token path) · P(it ends). Where the end is read, P(it ends) is the total probability of the
 * terminator tokens after the path, and the rest of the mass goes to the children and to "other". "every-answer"
 * reads the end after every answer: an answer is whole only when what follows ends it, which is the rule every
 * probe uses (src/core/probes/framing.ts answerRequest says why). "prefixes-only" reads it only where an answer's
 * path continues into another answer's ("1" vs "10" on a tokenizer that writes "10" as "1","0") and takes
 * P(it ends) as 1 elsewhere, so on a tokenizer that splits digits "75" counts as "7" while "15" never counts as
 * "1": fewer passes, but answers are not treated alike (the bench uses it to show what the end rule costs).
 * Variants of one answer are summed.
 *
 * Asks the oracle once per node that needs a distribution, never twice for one context, depth-first so that an
 * oracle reusing its KV cache along a path mostly extends it by one token. The reported cost is what
 * planForward makes of that sequence of contexts starting from an empty cache: what the worker really runs.
 * Throws an Error named "AbortError" between passes once `options.signal` is aborted.
 */
export async function scoreAnswers(
  request: ScoreRequest,
  tokenizer: Tokenizer,
  oracle: NextTokenOracle,
  options: ScoreAnswersOptions,
): Promise<ScoreResult> {
  if (oracle === null || typeof oracle !== 'object' || typeof oracle.nextTokenLogprobs !== 'function') {
    throw new TypeError('oracle must have a nextTokenLogprobs(context) method.');
  }
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object.');
  const { signal } = options;
  const trie = buildAnswerTrie(request, tokenizer, { endOfSequenceIds: options.endOfSequenceIds });

  const probabilities = new Array<number>(request.candidates.length).fill(0);
  let cacheHolds: readonly number[] = [];
  let forwardPasses = 0;
  let prefillTokens = 0;
  let vocabularySize: number | null = null;
  const addProbability = (answerIndex: number, p: number): void => {
    probabilities[answerIndex] = (probabilities[answerIndex] as number) + p;
  };

  const visit = async (node: AnswerTrieNode, logPathProbability: number): Promise<void> => {
    if (!node.needsDistribution) {
      addProbability(node.answerIndex as number, Math.exp(logPathProbability));
      return;
    }
    if (signal?.aborted) throw abortError();
    const context = [...trie.promptIds, ...node.path];
    prefillTokens += planForward(cacheHolds, context).feed.length;
    forwardPasses += 1;
    cacheHolds = context;
    const logprobs = checkDistribution(await oracle.nextTokenLogprobs([...context]), vocabularySize, node);
    vocabularySize = logprobs.length;

    if (node.answerIndex !== null) {
      let endProbability = 0;
      for (const id of node.terminatorIds) endProbability += Math.exp(logprobs[id] as number);
      addProbability(node.answerIndex, Math.exp(logPathProbability) * endProbability);
    }
    for (const child of node.children) {
      await visit(child, logPathProbability + (logprobs[child.tokenId as number] as number));
    }
  };
  await visit(trie.root, 0);
  if (signal?.aborted) throw abortError();

  const total = probabilities.reduce((sum, p) => sum + p, 0);
  return {
    answers: request.candidates.map((candidate, i) => ({ answer: candidate.answer, probability: probabilities[i] as number })),
    // Rounding can push the sum a hair above 1; "other" is then 0, never negative.
    otherProbability: Math.max(0, 1 - total),
    cost: { forwardPasses, prefillTokens },
  };
}
