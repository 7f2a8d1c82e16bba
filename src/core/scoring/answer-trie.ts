// The answer trie: every surface form of every answer as the token ids the model would generate after the
// prompt, merged into one tree so that each context the model must be asked about appears once (design.md §3).
import type { EndCheck, ScoreRequest } from '../model.ts';

/** The model's tokenizer. `encode` adds no special tokens, but literal special-token text in `text` (such as
 * "<|begin_of_text|>") is read as that special token, as web-llm's tokenizer does. */
export interface Tokenizer {
  encode(text: string): number[];
}

export interface AnswerTrieNode {
  /** The token that leads here from the parent; null at the root, which is the end of the prompt. */
  tokenId: number | null;
  /** The token ids from the end of the prompt to here. */
  path: number[];
  children: AnswerTrieNode[];
  /** The index (in `ScoreRequest.candidates`) of the answer one of whose variants ends here, or null. */
  answerIndex: number | null;
  /** The variants that end exactly here (several when they tokenize alike). */
  variants: string[];
  /** Where an answer ends: the token ids that, coming next, mean the answer has ended (the first token of each
   * terminator as it follows the answer, and the end-of-sequence ids when they end answers). Empty elsewhere. */
  terminatorIds: number[];
  /** Whether the scorer asks the model for its next-token distribution here (one forward pass). */
  needsDistribution: boolean;
}

export interface AnswerTrie {
  /** encode(prompt): the context of the root. */
  promptIds: number[];
  root: AnswerTrieNode;
  endCheck: EndCheck;
  /** Variants whose text merged with the end of the prompt into different tokens, so their tokens were taken from
   * the variant on its own (see buildAnswerTrie). A probe may want to warn that its prompt ends awkwardly. */
  variantsTokenizedAlone: string[];
}

export interface AnswerTrieOptions {
  /** The model's end-of-sequence token ids (used when `endOfSequenceEnds`). */
  endOfSequenceIds: readonly number[];
}

function checkNonEmptyString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string; got ${typeof value}.`);
  if (value.length === 0) throw new RangeError(`${name} is empty.`);
}

function checkRequest(request: ScoreRequest): void {
  if (request === null || typeof request !== 'object') throw new TypeError('The score request must be an object.');
  checkNonEmptyString(request.prompt, 'The prompt');
  if (!Array.isArray(request.candidates) || request.candidates.length === 0) {
    throw new RangeError('The request has no candidate answers: give at least one.');
  }
  const answers = new Set<string>();
  request.candidates.forEach((candidate, i) => {
    if (candidate === null || typeof candidate !== 'object') throw new TypeError(`candidates[${i}] must be an object.`);
    checkNonEmptyString(candidate.answer, `candidates[${i}].answer`);
    if (answers.has(candidate.answer)) throw new RangeError(`The answer "${candidate.answer}" is listed twice.`);
    answers.add(candidate.answer);
    if (!Array.isArray(candidate.variants) || candidate.variants.length === 0) {
      throw new RangeError(`The answer "${candidate.answer}" has no variants: give at least one surface form.`);
    }
    candidate.variants.forEach((variant, j) => checkNonEmptyString(variant, `candidates[${i}].variants[${j}]`));
  });
  if (!Array.isArray(request.terminators)) throw new TypeError('terminators must be an array of strings.');
  request.terminators.forEach((terminator, i) => checkNonEmptyString(terminator, `terminators[${i}]`));
  if (typeof request.endOfSequenceEnds !== 'boolean') throw new TypeError('endOfSequenceEnds must be true or false.');
  if (request.endCheck !== 'prefixes-only' && request.endCheck !== 'every-answer') {
    throw new RangeError(`endCheck must be "prefixes-only" or "every-answer"; got ${String(request.endCheck)}.`);
  }
}

function checkEndOfSequenceIds(ids: readonly number[], needed: boolean): void {
  if (!Array.isArray(ids)) throw new TypeError('endOfSequenceIds must be an array of token ids.');
  ids.forEach((id, i) => {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      throw new RangeError(`endOfSequenceIds[${i}] must be a token id (a whole number of 0 or more); got ${String(id)}.`);
    }
  });
  if (needed && ids.length === 0) {
    throw new RangeError('endOfSequenceEnds is true but no end-of-sequence ids were given.');
  }
}

function encodeChecked(tokenizer: Tokenizer, text: string): number[] {
  const ids = tokenizer.encode(text);
  if (!Array.isArray(ids) || ids.some((id) => !Number.isSafeInteger(id) || id < 0)) {
    throw new TypeError(`The tokenizer must return an array of token ids; it did not for ${JSON.stringify(text)}.`);
  }
  return ids;
}

function startsWith(ids: readonly number[], prefix: readonly number[]): boolean {
  return prefix.length <= ids.length && prefix.every((id, i) => ids[i] === id);
}

function newNode(tokenId: number | null, path: number[]): AnswerTrieNode {
  return { tokenId, path, children: [], answerIndex: null, variants: [], terminatorIds: [], needsDistribution: false };
}

/**
 * Builds the trie of a score request.
 *
 * A variant's tokens are those of encode(prompt + variant) after encode(prompt). When encode(prompt) is not a
 * prefix of that (the tokenizer merged the end of the prompt with the start of the variant, e.g. a prompt ending in
 * a space before "rock"), the variant's tokens are encode(variant) alone. Why not refuse: the worker feeds exactly
 * encode(prompt), so the model's context ends at the prompt's last token whatever we do; encode(variant) decodes to
 * exactly the variant after it, so it is a real way for the model to write that answer there (the merged form is
 * not reachable from that context at all). Such variants are listed in `variantsTokenizedAlone`.
 *
 * A terminator's token is the first token of encode(text + terminator) after the tokens of text, where text is what
 * the variant's tokens were taken from; a terminator that merges with the answer into one token cannot mark its end
 * and is refused. Two different answers with the same tokens, or a terminator token that also continues an answer
 * where it ends, make the request ambiguous and are refused too.
 */
export function buildAnswerTrie(request: ScoreRequest, tokenizer: Tokenizer, options: AnswerTrieOptions): AnswerTrie {
  checkRequest(request);
  if (tokenizer === null || typeof tokenizer !== 'object' || typeof tokenizer.encode !== 'function') {
    throw new TypeError('tokenizer must have an encode(text) method.');
  }
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object.');
  checkEndOfSequenceIds(options.endOfSequenceIds, request.endOfSequenceEnds);

  const promptIds = encodeChecked(tokenizer, request.prompt);
  if (promptIds.length === 0) throw new RangeError('The prompt encodes to no tokens.');
  const root = newNode(null, []);
  const variantsTokenizedAlone: string[] = [];

  request.candidates.forEach((candidate, answerIndex) => {
    for (const variant of candidate.variants) {
      const inContext = encodeChecked(tokenizer, request.prompt + variant);
      const stable = startsWith(inContext, promptIds);
      const path = stable ? inContext.slice(promptIds.length) : encodeChecked(tokenizer, variant);
      if (!stable) variantsTokenizedAlone.push(variant);
      if (path.length === 0) throw new RangeError(`The variant ${JSON.stringify(variant)} encodes to no tokens.`);

      let node = root;
      for (const tokenId of path) {
        let child = node.children.find((existing) => existing.tokenId === tokenId);
        if (child === undefined) {
          child = newNode(tokenId, [...node.path, tokenId]);
          node.children.push(child);
        }
        node = child;
      }
      if (node.answerIndex !== null && node.answerIndex !== answerIndex) {
        const other = request.candidates[node.answerIndex];
        throw new RangeError(
          `The answers "${other?.answer}" and "${candidate.answer}" have the same tokens (variants ` +
            `${JSON.stringify(node.variants[0])} and ${JSON.stringify(variant)}), so they cannot be told apart.`,
        );
      }
      node.answerIndex = answerIndex;
      if (!node.variants.includes(variant)) node.variants.push(variant);

      const contextText = stable ? request.prompt + variant : variant;
      const contextIds = stable ? inContext : path;
      for (const terminator of request.terminators) {
        const withTerminator = encodeChecked(tokenizer, contextText + terminator);
        const terminatorId = withTerminator[contextIds.length];
        if (!startsWith(withTerminator, contextIds) || terminatorId === undefined) {
          throw new RangeError(
            `The terminator ${JSON.stringify(terminator)} merges with the variant ${JSON.stringify(variant)} into ` +
              'one token, so it cannot mark where that answer ends. Remove it from the terminators.',
          );
        }
        if (!node.terminatorIds.includes(terminatorId)) node.terminatorIds.push(terminatorId);
      }
      if (request.endOfSequenceEnds) {
        for (const id of options.endOfSequenceIds) if (!node.terminatorIds.includes(id)) node.terminatorIds.push(id);
      }
    }
  });

  markNodesNeedingDistributions(root, request);
  return { promptIds, root, endCheck: request.endCheck, variantsTokenizedAlone };
}

/** Internal nodes always need a distribution (their children's probabilities); with "every-answer" every answer's
 * end does too (its terminators' probability). Checks that each ending that is read can be read unambiguously. */
function markNodesNeedingDistributions(node: AnswerTrieNode, request: ScoreRequest): void {
  const endIsRead = node.answerIndex !== null && (node.children.length > 0 || request.endCheck === 'every-answer');
  node.needsDistribution = node.children.length > 0 || endIsRead;
  if (endIsRead) {
    const answer = request.candidates[node.answerIndex as number]?.answer;
    if (node.terminatorIds.length === 0) {
      throw new RangeError(
        `The answer "${answer}" must be told apart from what may follow it, but the request has no terminators and ` +
          'end-of-sequence does not end answers: give terminators such as "\\n" or ".".',
      );
    }
    const clash = node.children.find((child) => node.terminatorIds.includes(child.tokenId as number));
    if (clash !== undefined) {
      throw new RangeError(
        `After the answer "${answer}", the token ${String(clash.tokenId)} both ends it (a terminator) and continues ` +
          'it into another answer: choose terminators that cannot start an answer.',
      );
    }
  }
  for (const child of node.children) markNodesNeedingDistributions(child, request);
}
