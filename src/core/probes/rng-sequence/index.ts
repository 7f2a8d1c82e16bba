// rng-sequence: "Generate a sequence of 10 random integers, each between 0 and 10 (inclusive)." The paper's
// second randomness task: aligned models avoid repeating a number, which a fair source does about three times
// in ten. Sampled mode asks N times and parses the lists; exact mode builds each list number by number, reading
// the model's distribution of the next number given the list so far and drawing from it.
import type { AnswerCandidate, ScoreRequest } from '../../model.ts';
import { createRng } from '../../stats/index.ts';
import { answerRequest, answerSlot, answerVariants, framePrompt, questionAnswerFrame, type AnswerSlot } from '../framing.ts';
import { parseIntegerSequence, type InvalidReason, type Parsed } from '../parse.ts';
import {
  deriveSeed,
  type CommonParams,
  type ProbeModel,
  type ProbeSpec,
  type RecordBase,
  type RunMode,
  type StepContext,
} from '../probe.ts';
import {
  checkCommonParamsAndN,
  checkInteger,
  checkProbability,
  checkRecordBase,
  checkText,
  INVALID_REASONS,
  invalidShare,
  meanOther,
  measuresTheQuestion,
  recordField,
  tallyInvalid,
  perModel,
} from '../shared.ts';
import { CHANCE, SEQUENCE_LENGTH, sequenceMeasures, VALUE_COUNT, type ChanceReference, type SequenceMeasures } from './analysis.ts';

export { adjacentRepeatsIn, CHANCE, repeatsIn, SEQUENCE_LENGTH, sequenceMeasures, VALUE_COUNT } from './analysis.ts';
export type { ChanceReference, SequenceMeasures } from './analysis.ts';

/** The answers, as in rng-0-10 (kept here so that a change to one versioned probe never changes the other). */
export const ANSWERS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

/**
 * Ours: the paper's prompt for this task was not found. Worded like rng-0-10's question; "numbers only, separated
 * by commas" keeps answers parseable and fixes the format that exact mode writes the list in.
 */
export const QUESTION =
  'Generate a sequence of 10 random integers, each between 0 and 10 (inclusive). Reply with the numbers only, separated by commas.';

/**
 * Sequences per model by mode. Exact mode costs ten score calls per sequence, each reading where every answer ends
 * (about 24 forward passes over the whole prompt), so it asks for the Claims page's minimum of 50; sampled mode,
 * the paper's method and the default, writes a list in one generation of about 30 tokens.
 */
export const DEFAULT_SEQUENCES: Readonly<Record<RunMode, number>> = { exact: 50, sampled: 200 };

/** Runs stop after this many attempts per valid sequence asked for, however many sequences were invalid. */
const MAX_ATTEMPTS_PER_SEQUENCE = 2;

/** Ten numbers take about 30 tokens as "3, 7, 10, …"; the rest leaves room for a short preamble or a numbered list. */
const MAX_TOKENS = 64;

export interface RngSequenceParams extends CommonParams {
  /** Valid sequences per model (in both modes). */
  n: number;
}

/** One position of an exact-mode sequence: what the model gave each number there, given the list so far. */
export interface PositionScore {
  /** P(0) … P(10), read from the logits. */
  probabilities: number[];
  /** The mass on anything else (words, a different format, ending the list). */
  other: number;
}

export type RngSequenceRecord = RecordBase &
  (
    | {
        kind: 'scored';
        /** The numbers drawn, one per position: ten, or fewer when the sequence is invalid. */
        numbers: number[];
        /** The distribution at each position read: one per number, plus the failing one when invalid. */
        positions: PositionScore[];
        /** "no-answer": at position `numbers.length` the model put no probability on any of 0 … 10. */
        invalid: 'no-answer' | null;
        /** The cost of all the positions' score calls together. */
        forwardPasses: number;
        prefillTokens: number;
      }
    | {
        kind: 'sample';
        text: string;
        numbers: number[] | null;
        invalid: InvalidReason | null;
      }
  );

export interface RngSequenceModelSummary {
  modelId: string;
  mode: RunMode;
  /** Sequences behind `measures`. */
  validSequences: number;
  /** All sequences attempted, valid or not. */
  attempts: number;
  invalid: Record<InvalidReason, number>;
  /** Exact mode: the mean P(anything outside 0 … 10) over all positions read. Sampled mode: the share of invalid sequences. */
  otherShare: number;
  /** False when `otherShare` is above MAX_OTHER_SHARE: the numbers then do not describe an answer to the question. */
  measuresTheQuestion: boolean;
  /** Null until there is at least one valid sequence. */
  measures: SequenceMeasures | null;
}

export interface RngSequenceSummary {
  models: RngSequenceModelSummary[];
  /** What a fair source gives, for every measure. */
  chance: ChanceReference;
}

/** After a comma a number may follow with or without a space ("3,7" or "3, 7"): both spellings are scored there. */
const AFTER_A_COMMA: AnswerSlot['spellings'] = ['direct', 'after-space'];

/** The request for the number at `position`: the first follows the prompt as `slot` says, the others a comma. */
function scoreRequest(prompt: string, slot: AnswerSlot, position: number): ScoreRequest {
  const spellings = position === 0 ? slot.spellings : AFTER_A_COMMA;
  const candidates: AnswerCandidate[] = ANSWERS.map((answer) => ({ answer, variants: answerVariants(spellings, [answer]) }));
  return answerRequest(prompt, candidates);
}

/**
 * The list so far, written as the model writes it: "3, 7," after the prompt, spelled as the slot's likeliest
 * spelling (" 3, 7," after "Answer:", "3, 7," after a chat turn). The text stops before the next number's space,
 * so the next number's variants "7" and " 7" cover both "3,7" and "3, 7" on any tokenizer.
 */
export function listPrefix(slot: AnswerSlot, numbers: readonly number[]): string {
  if (numbers.length === 0) return '';
  return `${slot.spellings[0] === 'after-space' ? ' ' : ''}${numbers.join(', ')},`;
}

/**
 * The distribution the next number is drawn from: the answers' probabilities renormalised over 0 … 10, as read (at
 * temperature 1: exact mode reads the model's own distribution and does not apply the run's temperature, as in every
 * probe). Null when the answers carry no mass.
 */
export function drawingDistribution(probabilities: readonly number[]): number[] | null {
  const total = probabilities.reduce((sum, p) => sum + p, 0);
  if (!(total > 0)) return null;
  return probabilities.map((p) => p / total);
}

/** Draws an index from a distribution with one uniform number in [0, 1). */
function drawIndex(distribution: readonly number[], u: number): number {
  let rest = u;
  for (const [index, p] of distribution.entries()) {
    if (rest < p && p > 0) return index;
    rest -= p;
  }
  // Rounding can leave u just above the summed mass: it belongs to the last possible answer.
  return distribution.findLastIndex((p) => p > 0);
}

/**
 * Instruct models often open with "Here are 10 random integers …": that "10" is the count asked for, not the first
 * number. (The parser already removes echoes of the range "between 0 and 10".)
 */
function withoutCountEchoes(text: string): string {
  return text.replace(/\b(?:10|ten)\s+(?:random\s+)?(?:whole\s+)?(?:integers|numbers)\b/gi, ' ');
}

/** Reads a generated list: exactly ten whole numbers in 0 … 10 (further numbers are ignored, fewer are invalid). */
export function parseSequence(text: string): Parsed<number[]> {
  return parseIntegerSequence(withoutCountEchoes(text), SEQUENCE_LENGTH, 0, VALUE_COUNT - 1);
}

function isValid(record: RngSequenceRecord): boolean {
  return record.kind === 'scored' ? record.invalid === null : record.numbers !== null;
}

function validCount(records: readonly RngSequenceRecord[]): number {
  return records.filter(isValid).length;
}

function isNativeBaseFrame(params: RngSequenceParams, probeModel: ProbeModel): boolean {
  return probeModel.model.role === 'base' && params.framing === 'native';
}

function promptFor(params: RngSequenceParams, probeModel: ProbeModel): string {
  return framePrompt(probeModel, params.framing, QUESTION, questionAnswerFrame);
}

async function scoreSequence(context: StepContext<RngSequenceParams, RngSequenceRecord>): Promise<RngSequenceRecord> {
  const { params, probeModel, modelIndex, index, signal } = context;
  const prompt = promptFor(params, probeModel);
  const slot = answerSlot(probeModel, params.framing);
  const numbers: number[] = [];
  const positions: PositionScore[] = [];
  let forwardPasses = 0;
  let prefillTokens = 0;
  let invalid: 'no-answer' | null = null;
  for (let position = 0; position < SEQUENCE_LENGTH; position++) {
    const result = await probeModel.model.score(scoreRequest(prompt + listPrefix(slot, numbers), slot, position), { signal });
    forwardPasses += result.cost.forwardPasses;
    prefillTokens += result.cost.prefillTokens;
    const probabilities = result.answers.map((answer) => answer.probability);
    positions.push({ probabilities, other: result.otherProbability });
    const distribution = drawingDistribution(probabilities);
    if (!distribution) {
      invalid = 'no-answer';
      break;
    }
    // Each position has its own seed, so a resumed run draws exactly what an uninterrupted one would.
    numbers.push(drawIndex(distribution, createRng(deriveSeed(params.seed, modelIndex, index, position))()));
  }
  return {
    probeId: 'rng-sequence',
    modelId: probeModel.model.id,
    index,
    kind: 'scored',
    numbers,
    positions,
    invalid,
    forwardPasses,
    prefillTokens,
  };
}

async function sampleSequence(context: StepContext<RngSequenceParams, RngSequenceRecord>): Promise<RngSequenceRecord> {
  const { params, probeModel, modelIndex, index, signal } = context;
  const generated = await probeModel.model.generate(
    {
      prompt: promptFor(params, probeModel),
      temperature: params.temperature,
      seed: deriveSeed(params.seed, modelIndex, index),
      maxTokens: MAX_TOKENS,
      // A document frame's next line is the next document line; a chat turn ends with end-of-sequence, and may
      // lay the list out one number per line.
      stop: isNativeBaseFrame(params, probeModel) ? ['\n'] : undefined,
    },
    { signal },
  );
  const parsed = parseSequence(generated.text);
  return {
    probeId: 'rng-sequence',
    modelId: probeModel.model.id,
    index,
    kind: 'sample',
    text: generated.text,
    numbers: parsed.ok ? parsed.value : null,
    invalid: parsed.ok ? null : parsed.reason,
  };
}

function summarizeModel(records: readonly RngSequenceRecord[], params: RngSequenceParams, modelId: string): RngSequenceModelSummary {
  const sequences = records.flatMap((record) => (isValid(record) && record.numbers ? [record.numbers] : []));
  const positions = records.flatMap((record) => (record.kind === 'scored' ? record.positions : []));
  const otherShare =
    params.mode === 'exact' ? meanOther(positions.map((position) => position.other)) : invalidShare(records.length, sequences.length);
  return {
    modelId,
    mode: params.mode,
    validSequences: sequences.length,
    attempts: records.length,
    invalid: tallyInvalid(records.map((record) => record.invalid)),
    otherShare,
    measuresTheQuestion: measuresTheQuestion(otherShare),
    measures: sequences.length > 0 ? sequenceMeasures(sequences) : null,
  };
}

function checkNumbers(value: unknown, name: string): number[] {
  if (!Array.isArray(value) || value.length > SEQUENCE_LENGTH) {
    throw new RangeError(`${name} must be a list of at most ${SEQUENCE_LENGTH} numbers.`);
  }
  return value.map((number, position) => checkInteger(number, `${name}: number ${position + 1}`, 0, VALUE_COUNT - 1));
}

function checkPosition(value: unknown, position: number): PositionScore {
  const probabilities = recordField(value, 'probabilities');
  if (!Array.isArray(probabilities) || probabilities.length !== VALUE_COUNT) {
    throw new RangeError(`Position ${position + 1} must give ${VALUE_COUNT} probabilities, one for each of 0 … 10.`);
  }
  const checked = {
    probabilities: probabilities.map((p, number) => checkProbability(p, `P(${number}) at position ${position + 1}`)),
    other: checkProbability(recordField(value, 'other'), `P(other) at position ${position + 1}`),
  };
  const total = checked.probabilities.reduce((sum, p) => sum + p, checked.other);
  if (total > 1 + 1e-6) throw new RangeError(`The probabilities at position ${position + 1} add up to more than 1.`);
  return checked;
}

function checkScoredRecord(record: unknown, base: RecordBase): RngSequenceRecord {
  const numbers = checkNumbers(recordField(record, 'numbers'), 'The numbers');
  const rawPositions = recordField(record, 'positions');
  if (!Array.isArray(rawPositions) || rawPositions.length === 0 || rawPositions.length > SEQUENCE_LENGTH) {
    throw new RangeError(`A scored record must give the distributions of 1 to ${SEQUENCE_LENGTH} positions.`);
  }
  const positions = rawPositions.map(checkPosition);
  const invalid = recordField(record, 'invalid');
  if (invalid === null) {
    if (numbers.length !== SEQUENCE_LENGTH || positions.length !== SEQUENCE_LENGTH) {
      throw new RangeError(`A valid scored sequence has ${SEQUENCE_LENGTH} numbers and ${SEQUENCE_LENGTH} distributions.`);
    }
  } else if (invalid === 'no-answer') {
    const last = positions.at(-1) as PositionScore;
    if (positions.length !== numbers.length + 1 || last.probabilities.some((p) => p > 0)) {
      throw new RangeError('An invalid scored sequence ends at a position where no number had any probability.');
    }
  } else {
    throw new RangeError('A scored sequence is invalid only for "no-answer".');
  }
  numbers.forEach((number, position) => {
    if (!(((positions[position] as PositionScore).probabilities[number] as number) > 0)) {
      throw new RangeError(`Number ${position + 1} (${number}) had no probability at its position, so it cannot have been drawn.`);
    }
  });
  return {
    ...base,
    kind: 'scored',
    numbers,
    positions,
    invalid,
    forwardPasses: checkInteger(recordField(record, 'forwardPasses'), 'The forward passes', 0, 10_000_000),
    prefillTokens: checkInteger(recordField(record, 'prefillTokens'), 'The prefill tokens', 0, 1_000_000_000),
  };
}

function checkSampleRecord(record: unknown, base: RecordBase): RngSequenceRecord {
  const rawNumbers = recordField(record, 'numbers');
  const invalid = recordField(record, 'invalid');
  const numbers = rawNumbers === null ? null : checkNumbers(rawNumbers, 'The numbers');
  if (numbers !== null && numbers.length !== SEQUENCE_LENGTH) {
    throw new RangeError(`A valid sample has exactly ${SEQUENCE_LENGTH} numbers.`);
  }
  if (invalid !== null && !INVALID_REASONS.includes(invalid as InvalidReason)) throw new RangeError('Unknown reason for an invalid sequence.');
  if ((numbers === null) === (invalid === null)) throw new RangeError('A sample record has either numbers or a reason it is invalid.');
  return {
    ...base,
    kind: 'sample',
    text: checkText(recordField(record, 'text'), 'The generated text'),
    numbers,
    invalid: invalid as InvalidReason | null,
  };
}

function checkRngSequenceRecord(record: unknown): RngSequenceRecord {
  const base = checkRecordBase(record, 'rng-sequence');
  const kind = recordField(record, 'kind');
  if (kind === 'scored') return checkScoredRecord(record, base);
  if (kind === 'sample') return checkSampleRecord(record, base);
  throw new TypeError('A record of this probe is either a "scored" sequence or a "sample".');
}

export const RNG_SEQUENCE: ProbeSpec<RngSequenceParams, RngSequenceRecord, RngSequenceSummary> = {
  id: 'rng-sequence',
  version: '1.1.0',
  title: 'Ten random numbers from 0 to 10',
  claim: {
    plainWords:
      'Asked for ten random whole numbers from 0 to 10, aligned models avoid repeating a number. A fair source repeats about three times in ten numbers, and gives ten different numbers only 0.15% of the time.',
    paperFinding:
      'Aligned models avoid repeating numbers within a sequence. The most common number of repeats per sequence of ten is 3 for the base model, as for a true random source, and 0 for every aligned model.',
    reliability: 'secondary-source',
    source:
      "From secondary summaries of the paper, not checked against its text. The paper's prompt for this task was not found: the question asked here is the lab's own.",
  },
  modes: ['exact', 'sampled'],
  defaultParams: { mode: 'sampled', framing: 'native', temperature: 1, seed: 1, n: DEFAULT_SEQUENCES.sampled },

  checkParams: (params) => checkCommonParamsAndN(params, 'sequences', 10_000),

  checkRecord: checkRngSequenceRecord,

  /** The question as the model reads it; in exact mode each position adds the list so far (see `listPrefix`). */
  prompt: promptFor,

  isComplete(records, params) {
    // The runner asks after every record: fewer records than sequences asked for cannot be complete, and saying so
    // without counting keeps a run of N records O(N) instead of O(N²).
    if (records.length < params.n) return false;
    return validCount(records) >= params.n || records.length >= params.n * MAX_ATTEMPTS_PER_SEQUENCE;
  },

  progress(records, params) {
    return Math.min(1, Math.max(validCount(records) / params.n, records.length / (params.n * MAX_ATTEMPTS_PER_SEQUENCE)));
  },

  runStep(context) {
    return context.params.mode === 'exact' ? scoreSequence(context) : sampleSequence(context);
  },

  summarize(records, params, modelIds) {
    return {
      models: perModel(records, modelIds, (own, modelId) => summarizeModel(own, params, modelId)),
      chance: CHANCE,
    };
  },
};
