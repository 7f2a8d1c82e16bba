// Exact answer probabilities from a server's log-probabilities (issue 14). A server gives no logits, only
// log-probabilities of tokens it is asked about: of each prompt token given the tokens before it (vLLM's echo with
// logprobs), or of the k most likely next tokens (llama.cpp's n_probs, OpenAI's top_logprobs). The answer trie is the
// browser backend's own (src/core/scoring/answer-trie.ts), built from the server's tokenizer, so which variants count,
// what ends an answer and where the end is read are decided in one place for both backends. What differs is only how
// each needed next-token probability is read: exactly, or, where only the top k are known, between bounds.
import type { ProbabilityBounds, ScoreCost, ScoreRequest, ScoreResult } from '../model.ts';
import { buildAnswerTrie, type AnswerTrie, type AnswerTrieNode, type Tokenizer } from '../scoring/answer-trie.ts';

/** A text the tokenization table was not given: the caller tokenizes it and tries again. */
export class MissingTokenization extends Error {
  constructor(readonly text: string) {
    super(`The server has not tokenized ${JSON.stringify(text)}.`);
    this.name = 'MissingTokenization';
  }
}

/** The server's tokenizer, as far as it has been asked: a synchronous Tokenizer over the texts it tokenized. */
export class TokenizationTable implements Tokenizer {
  private readonly ids = new Map<string, number[]>();

  set(text: string, ids: readonly number[]): void {
    this.ids.set(text, [...ids]);
  }

  has(text: string): boolean {
    return this.ids.has(text);
  }

  encode(text: string): number[] {
    const ids = this.ids.get(text);
    if (!ids) throw new MissingTokenization(text);
    return [...ids];
  }
}

function unique(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}

/**
 * The texts the trie reads when every variant follows the prompt as its own tokens (the usual case): the prompt, each
 * variant after it, and each terminator after that. Their tokenizations also carry every log-probability the trie
 * needs, when the server reports the log-probability of each token of a text (echo).
 */
export function textsInContext(request: ScoreRequest): string[] {
  const texts = [request.prompt];
  for (const candidate of request.candidates) {
    for (const variant of candidate.variants) {
      texts.push(request.prompt + variant);
      for (const terminator of request.terminators) texts.push(request.prompt + variant + terminator);
    }
  }
  return unique(texts);
}

/**
 * The variants whose tokens merge with the end of the prompt (encode(prompt + variant) does not start with
 * encode(prompt)); the trie then reads them on their own (answer-trie.ts explains why).
 */
export function mergedVariants(request: ScoreRequest, table: TokenizationTable): string[] {
  const promptIds = table.encode(request.prompt);
  const merged = request.candidates.flatMap((candidate) =>
    candidate.variants.filter((variant) => {
      const ids = table.encode(request.prompt + variant);
      return !promptIds.every((id, i) => ids[i] === id);
    }),
  );
  return unique(merged);
}

/** The texts the trie reads for variants that merge with the prompt: each alone, and each terminator after it. */
export function textsAlone(request: ScoreRequest, variants: readonly string[]): string[] {
  return unique(variants.flatMap((variant) => [variant, ...request.terminators.map((terminator) => variant + terminator)]));
}

/** A context the trie needs the next-token distribution of, and the tokens it reads there. */
export interface NeededContext {
  context: number[];
  tokens: number[];
}

/** Every context the scorer reads, in the trie's depth-first order, with its children's and terminators' tokens. */
export function neededContexts(trie: AnswerTrie): NeededContext[] {
  const needed: NeededContext[] = [];
  const visit = (node: AnswerTrieNode): void => {
    if (node.needsDistribution) {
      const tokens = [...node.children.map((child) => child.tokenId as number), ...(node.answerIndex !== null ? node.terminatorIds : [])];
      needed.push({ context: [...trie.promptIds, ...node.path], tokens: [...new Set(tokens)] });
    }
    for (const child of node.children) visit(child);
  };
  visit(trie.root);
  return needed;
}

function startsWith(ids: readonly number[], prefix: readonly number[]): boolean {
  return prefix.length <= ids.length && prefix.every((id, i) => ids[i] === id);
}

/**
 * The fewest token sequences whose per-token log-probabilities (echo) cover every needed (context, token) pair:
 * context + [token] for each, leaving out any that is the start of another (the longer one carries its reading too).
 */
export function coveringSequences(needed: readonly NeededContext[]): number[][] {
  const all = needed.flatMap(({ context, tokens }) => tokens.map((token) => [...context, token]));
  return all.filter((sequence, i) =>
    !all.some((other, j) => (other.length > sequence.length || (other.length === sequence.length && j < i)) && startsWith(other, sequence)),
  );
}

/** One token and its natural-log probability after some context. */
export interface TokenLogprob {
  id: number;
  logprob: number;
}

interface ContextReading {
  known: Map<number, number>;
  /**
   * The most any token not in `known` can have: null where the readings are exact reads of chosen tokens (then a
   * needed token that was not read is a mistake of the caller); from a top-k list, the smaller of the least listed
   * probability and the mass the list leaves over.
   */
  unknownCap: number | null;
}

const key = (context: readonly number[]): string => context.join(',');

/** What the server said about next tokens, by context. */
export class LogprobTable {
  private readonly contexts = new Map<string, ContextReading>();

  private reading(context: readonly number[]): ContextReading {
    const id = key(context);
    let reading = this.contexts.get(id);
    if (!reading) {
      reading = { known: new Map(), unknownCap: null };
      this.contexts.set(id, reading);
    }
    return reading;
  }

  /**
   * A sequence with the log-probability of each of its tokens given the tokens before it (null where there is none,
   * at the first token). Only positions from `from` on are kept: contexts shorter than the prompt are never read.
   */
  addSequence(ids: readonly number[], logprobs: readonly (number | null)[], from = 1): void {
    if (logprobs.length !== ids.length) {
      throw new RangeError(`The server gave ${logprobs.length} log-probabilities for a sequence of ${ids.length} tokens.`);
    }
    for (let i = Math.max(1, from); i < ids.length; i++) {
      const logprob = logprobs[i];
      if (logprob === null || logprob === undefined) continue;
      this.reading(ids.slice(0, i)).known.set(ids[i] as number, checkLogprob(logprob));
    }
  }

  /** The k most likely next tokens after `context`, as the server listed them. */
  addTopK(context: readonly number[], entries: readonly TokenLogprob[]): void {
    const reading = this.reading(context);
    let listed = 0;
    let least = 1;
    for (const { id, logprob } of entries) {
      const p = Math.exp(checkLogprob(logprob));
      reading.known.set(id, Math.log(p));
      listed += p;
      least = Math.min(least, p);
    }
    const cap = entries.length === 0 ? 1 : Math.min(least, Math.max(0, 1 - listed));
    reading.unknownCap = reading.unknownCap === null ? cap : Math.min(reading.unknownCap, cap);
  }

  /** The bounds on P(token | context). */
  probability(context: readonly number[], token: number): ProbabilityBounds {
    const reading = this.contexts.get(key(context));
    const logprob = reading?.known.get(token);
    if (logprob !== undefined) {
      const p = Math.exp(logprob);
      return { lower: p, upper: p };
    }
    if (!reading || reading.unknownCap === null) {
      throw new RangeError(`The server was not asked about token ${token} after a context of ${context.length} tokens.`);
    }
    return { lower: 0, upper: reading.unknownCap };
  }

  /** Whether the table holds a reading of `token` after `context`. */
  knows(context: readonly number[], token: number): boolean {
    return this.contexts.get(key(context))?.known.has(token) ?? false;
  }
}

function checkLogprob(logprob: number): number {
  if (typeof logprob !== 'number' || Number.isNaN(logprob) || logprob > 1e-4) {
    throw new RangeError(`The server gave ${String(logprob)} as a log-probability; it must be a number of 0 or less.`);
  }
  // Servers write log(0) as a large negative number (vLLM −9999, llama.cpp the lowest float): both are probability 0.
  return Math.min(0, logprob);
}

/** The pairs of `needed` the table cannot read exactly yet. */
export function unreadPairs(needed: readonly NeededContext[], table: LogprobTable): NeededContext[] {
  return needed
    .map(({ context, tokens }) => ({ context, tokens: tokens.filter((token) => !table.knows(context, token)) }))
    .filter(({ tokens }) => tokens.length > 0);
}

/** Builds the trie of a request from the server's tokenizations (see answer-trie.ts for what counts as an answer). */
export function serverTrie(request: ScoreRequest, table: TokenizationTable, endOfSequenceIds: readonly number[]): AnswerTrie {
  return buildAnswerTrie(request, table, { endOfSequenceIds });
}

/**
 * P(answer) for each candidate, as the browser backend's scoreAnswers defines it (P(path) · P(it ends), variants
 * summed), read from the table. Where every needed probability is known exactly the result is exact; otherwise each
 * answer's probability is its lower bound (what is certainly its), P(other) takes the rest, and `bounds` says how far
 * each could be from that.
 */
export function combineScore(request: ScoreRequest, trie: AnswerTrie, table: LogprobTable, cost: ScoreCost): ScoreResult {
  const lower = new Array<number>(request.candidates.length).fill(0);
  const upper = new Array<number>(request.candidates.length).fill(0);
  const add = (index: number, lo: number, hi: number): void => {
    lower[index] = (lower[index] as number) + lo;
    upper[index] = (upper[index] as number) + hi;
  };
  // Exact when every probability read was known, not when the sums agree: an end's many terminators can add up to a
  // hair over 1 in floating point, which the upper bound's cap would turn into a difference.
  let exact = true;
  const read = (context: readonly number[], id: number): ProbabilityBounds => {
    if (!table.knows(context, id)) exact = false;
    return table.probability(context, id);
  };
  const visit = (node: AnswerTrieNode, pathLower: number, pathUpper: number): void => {
    if (!node.needsDistribution) {
      add(node.answerIndex as number, pathLower, pathUpper);
      return;
    }
    const context = [...trie.promptIds, ...node.path];
    if (node.answerIndex !== null) {
      let endLower = 0;
      let endUpper = 0;
      for (const id of node.terminatorIds) {
        const bounds = read(context, id);
        endLower += bounds.lower;
        endUpper += bounds.upper;
      }
      add(node.answerIndex, pathLower * endLower, pathUpper * Math.min(1, endUpper));
    }
    for (const child of node.children) {
      const bounds = read(context, child.tokenId as number);
      visit(child, pathLower * bounds.lower, pathUpper * bounds.upper);
    }
  };
  visit(trie.root, 1, 1);

  const certain = lower.reduce((sum, p) => sum + p, 0);
  const possible = upper.reduce((sum, p) => sum + p, 0);
  const result: ScoreResult = {
    answers: request.candidates.map((candidate, i) => ({ answer: candidate.answer, probability: lower[i] as number })),
    // Rounding can push the sum a hair above 1; "other" is then 0, never negative.
    otherProbability: Math.max(0, 1 - certain),
    cost,
  };
  if (!exact) {
    result.bounds = {
      answers: lower.map((lo, i) => ({ lower: lo, upper: Math.min(1, upper[i] as number) })),
      other: { lower: Math.max(0, 1 - possible), upper: Math.max(0, 1 - certain) },
    };
  }
  return result;
}
