// rng-0-10: "Generate a random integer, uniformly between 0 and 10 (inclusive)." The paper's first task: aligned
// models over-produce "7". Exact mode reads the whole answer distribution from the logits; sampled mode asks
// N times and parses the answers, as the paper did.
import type { AnswerCandidate, ScoreRequest } from '../../model.ts';
import {
  calibratedBootstrap,
  chiSquareAtReferenceN,
  chiSquareDistanceOf,
  chiSquareSampleRange,
  chiSquareUniform,
  dirichletMarginalInterval,
  expectedChiSquare,
  jsDivergence,
  multinomialPValue,
  normalise,
  uniform,
} from '../../stats/index.ts';
import { answerRequest, answerSlot, answerVariants, framePrompt, questionAnswerFrame, type AnswerSlot } from '../framing.ts';
import { parseInteger, type InvalidReason } from '../parse.ts';
import {
  deriveSeed,
  type CommonParams,
  type Estimate,
  type ProbeModel,
  type ProbeSpec,
  type RecordBase,
} from '../probe.ts';
import {
  stoppedError,
  checkCommonParamsAndN,
  checkInteger,
  checkProbability,
  checkRecordBase,
  checkText,
  exactEstimate,
  INVALID_REASONS,
  invalidShare,
  measuresTheQuestion,
  recordField,
  tallyInvalid,
  perModel,
} from '../shared.ts';

export const ANSWERS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

/** The paper's wording as secondary sources quote it, and ours: "number only" keeps answers parseable. */
export const QUESTION = 'Generate a random integer, uniformly between 0 and 10 (inclusive). Reply with the number only.';

/** The number of answers the paper collected per model (secondary sources); χ² grows with N, so comparisons use this N. */
export const PAPER_N = 1500;

/** Sampled runs stop after this many attempts per valid answer asked for, however many answers were invalid. */
const MAX_ATTEMPTS_PER_ANSWER = 2;

export interface Rng010Params extends CommonParams {
  /** Valid answers per model in sampled mode; the size of the simulated sample in exact mode. */
  n: number;
}

export type Rng010Record = RecordBase &
  (
    | {
        kind: 'distribution';
        /** P(answer) for 0 … 10, read from the logits. */
        probabilities: number[];
        /** The mass on anything else. */
        other: number;
        forwardPasses: number;
        prefillTokens: number;
      }
    | {
        kind: 'sample';
        text: string;
        answer: number | null;
        invalid: InvalidReason | null;
      }
  );

export interface Rng010ModelSummary {
  modelId: string;
  mode: Rng010Params['mode'];
  /** The answer distribution over 0 … 10 (over valid answers; in exact mode, renormalised over the answer set). */
  distribution: number[];
  /** Sampled mode: the counts of 0 … 10 among the valid answers. Exact mode: null (there is no sample). */
  counts: number[] | null;
  /** Sampled mode: valid answers behind `counts`. Exact mode: null. */
  validAnswers: number | null;
  /** Sampled mode: all attempts, valid or not. Exact mode: null. */
  attempts: number | null;
  invalid: Record<InvalidReason, number>;
  /** Exact mode: P(anything outside 0 … 10). Sampled mode: the share of invalid answers. */
  otherShare: number;
  /** False when `otherShare` is above MAX_OTHER_SHARE: the numbers then do not describe an answer to the question. */
  measuresTheQuestion: boolean;
  /** The headline numbers; null until there is at least one valid answer. */
  measures: Rng010Measures | null;
}

export interface Rng010Measures {
  /** P("7"): exact, or the Jeffreys posterior interval of the share of "7" among valid answers. */
  pSeven: Estimate;
  /** JS divergence from uniform: exact, or bias-corrected with a bootstrap interval calibrated under uniform play. */
  jsToUniform: Estimate;
  /**
   * The χ² against uniform that a sample of the paper's N = 1,500 answers would show on average: exact in exact mode,
   * in sampled mode an unbiased estimate from the run's own answers (any N) with its interval. Comparable with the
   * paper's χ² figures, each of which is one such sample.
   */
  chiSquareAtPaperN: Estimate;
  /** Exact mode: where the χ² of one sample of 1,500 answers falls 95 times in 100 (seeded simulation). Sampled: null. */
  chiSquareSampleRange: { lo: number; hi: number } | null;
  /** Sampled mode: the goodness-of-fit tests of the collected answers against uniform, at their own N. Exact: null. */
  goodnessOfFit: {
    chiSquare: { statistic: number; df: number; pValue: number; n: number };
    multinomial: { pValue: number; method: 'exact' | 'monte-carlo' };
  } | null;
  /** Each answer's 95% interval (sampled mode: Jeffreys-Dirichlet marginals); null when read exactly. */
  answerIntervals: { lo: number; hi: number }[] | null;
}

export interface Rng010Summary {
  models: Rng010ModelSummary[];
  /** 1/11: what a fair pick gives each number. */
  uniformShare: number;
}

/** The exact-mode request: the eleven answers, spelled as they follow the prompt in `slot` (framing.ts). */
export function scoreRequest(prompt: string, slot: AnswerSlot): ScoreRequest {
  const candidates: AnswerCandidate[] = ANSWERS.map((answer) => ({ answer, variants: answerVariants(slot.spellings, [answer]) }));
  return answerRequest(prompt, candidates);
}

function validAnswerCount(records: readonly Rng010Record[]): number {
  return records.filter((record) => record.kind === 'sample' && record.answer !== null).length;
}

const SEVEN = 7;
const pOfSeven = (p: number[]): number => p[SEVEN] ?? 0;
const jsOf = (p: number[]): number => jsDivergence(p, uniform(ANSWERS.length));

/**
 * Per-answer 95% intervals of a sampled model: the Jeffreys-Dirichlet posterior's marginals, exactly (each is a Beta
 * distribution). "7" is the same interval as the summary's P(7), so the bar's whisker and the headline number agree.
 */
export function answerIntervals(counts: readonly number[]): { lo: number; hi: number }[] {
  return counts.map((_, answer) => dirichletMarginalInterval([...counts], answer));
}

/** The numbers of an exact distribution: no sampling noise, so no interval; the sample range shows the paper's noise. */
function exactMeasures(distribution: number[], seed: number): Rng010Measures {
  const expected = expectedChiSquare(chiSquareDistanceOf(distribution), ANSWERS.length, PAPER_N);
  return {
    pSeven: exactEstimate(pOfSeven(distribution)),
    jsToUniform: exactEstimate(jsOf(distribution)),
    chiSquareAtPaperN: exactEstimate(expected),
    chiSquareSampleRange: chiSquareSampleRange(distribution, PAPER_N, seed),
    goodnessOfFit: null,
    answerIntervals: null,
  };
}

/** The numbers of sampled answers, each with its N and a calibrated interval. */
function sampledMeasures(counts: number[], seed: number): Rng010Measures {
  const n = counts.reduce((sum, count) => sum + count, 0);
  const intervals = answerIntervals(counts);
  const pSevenInterval = intervals[SEVEN] as { lo: number; hi: number };
  const pSeven: Estimate = { value: pOfSeven(normalise(counts)), lo: pSevenInterval.lo, hi: pSevenInterval.hi, n, interval: 'dirichlet-jeffreys-95' };
  const js = calibratedBootstrap([counts], jsOf, { seed, uniformIs: 'lowest', range: [0, Math.LN2] });
  const chi = chiSquareUniform(counts);
  const atPaperN = n >= 2 ? chiSquareAtReferenceN(counts, PAPER_N) : null;
  return {
    pSeven,
    jsToUniform: { value: js.value, lo: js.lo, hi: js.hi, n, interval: 'bootstrap-calibrated-95' },
    // One answer says nothing about spread: the interval then spans every value the statistic can take.
    chiSquareAtPaperN: atPaperN
      ? { value: atPaperN.value, lo: atPaperN.lo, hi: atPaperN.hi, n, interval: 'u-statistic-95' }
      : { value: chi.statistic, lo: 0, hi: Infinity, n, interval: 'u-statistic-95' },
    chiSquareSampleRange: null,
    goodnessOfFit: { chiSquare: { ...chi, n }, multinomial: multinomialPValue(counts, { seed }) },
    answerIntervals: intervals,
  };
}

function summarizeModel(records: readonly Rng010Record[], params: Rng010Params, modelId: string, modelIndex: number): Rng010ModelSummary {
  const seed = deriveSeed(params.seed, modelIndex, 0x5eed);
  const exact = records.find((record) => record.kind === 'distribution');
  if (exact) {
    const answersMass = exact.probabilities.reduce((sum, p) => sum + p, 0);
    const distribution = exact.probabilities.map((p) => (answersMass > 0 ? p / answersMass : 0));
    return {
      modelId,
      mode: 'exact',
      distribution,
      counts: null,
      validAnswers: null,
      attempts: null,
      invalid: tallyInvalid([]),
      otherShare: exact.other,
      measuresTheQuestion: measuresTheQuestion(exact.other),
      measures: answersMass > 0 ? exactMeasures(distribution, seed) : null,
    };
  }
  const samples = records.filter((record) => record.kind === 'sample');
  const counts = ANSWERS.map((_, value) => samples.filter((record) => record.answer === value).length);
  const validAnswers = counts.reduce((sum, count) => sum + count, 0);
  const otherShare = invalidShare(samples.length, validAnswers);
  return {
    modelId,
    mode: 'sampled',
    distribution: validAnswers > 0 ? normalise(counts) : counts.map(() => 0),
    counts,
    validAnswers,
    attempts: samples.length,
    invalid: tallyInvalid(samples.map((record) => record.invalid)),
    otherShare,
    measuresTheQuestion: measuresTheQuestion(otherShare),
    measures: validAnswers > 0 ? sampledMeasures(counts, seed) : null,
  };
}

function checkRng010Record(record: unknown): Rng010Record {
  const base = checkRecordBase(record, 'rng-0-10');
  const kind = recordField(record, 'kind');
  if (kind === 'distribution') {
    const probabilities = recordField(record, 'probabilities');
    if (!Array.isArray(probabilities) || probabilities.length !== ANSWERS.length) {
      throw new RangeError(`A distribution record must give ${ANSWERS.length} probabilities, one for each of 0 … 10.`);
    }
    return {
      ...base,
      kind,
      probabilities: probabilities.map((p, i) => checkProbability(p, `P(${i})`)),
      other: checkProbability(recordField(record, 'other'), 'P(other)'),
      forwardPasses: checkInteger(recordField(record, 'forwardPasses'), 'The forward passes', 0, 1_000_000),
      prefillTokens: checkInteger(recordField(record, 'prefillTokens'), 'The prefill tokens', 0, 100_000_000),
    };
  }
  if (kind === 'sample') {
    const answer = recordField(record, 'answer');
    const invalid = recordField(record, 'invalid');
    if (answer !== null) checkInteger(answer, 'The answer', 0, 10);
    if (invalid !== null && !INVALID_REASONS.includes(invalid as InvalidReason)) throw new RangeError('Unknown reason for an invalid answer.');
    if ((answer === null) === (invalid === null)) throw new RangeError('A sample record has either an answer or a reason it is invalid.');
    return {
      ...base,
      kind,
      text: checkText(recordField(record, 'text'), 'The generated text'),
      answer: answer as number | null,
      invalid: invalid as InvalidReason | null,
    };
  }
  throw new TypeError('A record of this probe is either a "distribution" or a "sample".');
}

function promptFor(params: Rng010Params, probeModel: ProbeModel): string {
  return framePrompt(probeModel, params.framing, QUESTION, questionAnswerFrame);
}

export const RNG_0_10: ProbeSpec<Rng010Params, Rng010Record, Rng010Summary> = {
  id: 'rng-0-10',
  version: '1.1.0',
  title: 'A random number from 0 to 10',
  claim: {
    plainWords: 'Asked for a random whole number from 0 to 10, aligned models say "7" far more often than the 1 in 11 a fair pick gives it.',
    paperFinding:
      'Aligned models prefer "7" over other numbers. For Llama 3.1 8B, χ² from uniform over 1,500 answers: base 13.9, aligned versions 52.3 to 129.1.',
    reliability: 'secondary-source',
    source:
      'The "7" preference is quoted from the paper\'s abstract. The χ² figures come from secondary summaries and have not been checked against the paper\'s tables.',
  },
  modes: ['exact', 'sampled'],
  defaultParams: { mode: 'exact', framing: 'native', temperature: 1, seed: 1, n: PAPER_N },

  checkParams: (params) => checkCommonParamsAndN(params, 'answers', 100_000),

  checkRecord: checkRng010Record,
  prompt: promptFor,

  isComplete(records, params) {
    if (params.mode === 'exact') return records.some((record) => record.kind === 'distribution');
    // The runner asks after every record: fewer records than answers asked for cannot be complete, and saying so
    // without counting keeps a run of N records O(N) instead of O(N²).
    if (records.length < params.n) return false;
    return validAnswerCount(records) >= params.n || records.length >= params.n * MAX_ATTEMPTS_PER_ANSWER;
  },

  progress(records, params) {
    if (params.mode === 'exact') return records.length > 0 ? 1 : 0;
    return Math.min(1, Math.max(validAnswerCount(records) / params.n, records.length / (params.n * MAX_ATTEMPTS_PER_ANSWER)));
  },

  async runStep({ params, probeModel, modelIndex, index, signal }) {
    const prompt = promptFor(params, probeModel);
    const base = { probeId: 'rng-0-10' as const, modelId: probeModel.model.id, index };
    if (params.mode === 'exact') {
      const result = await probeModel.model.score(scoreRequest(prompt, answerSlot(probeModel, params.framing)), { signal });
      return {
        ...base,
        kind: 'distribution',
        probabilities: result.answers.map((answer) => answer.probability),
        other: result.otherProbability,
        forwardPasses: result.cost.forwardPasses,
        prefillTokens: result.cost.prefillTokens,
      };
    }
    const generated = await probeModel.model.generate(
      { prompt, temperature: params.temperature, seed: deriveSeed(params.seed, modelIndex, index), maxTokens: 8, stop: ['\n'] },
      { signal },
    );
    // A stopped generation is not an answer: the step fails, and a resumed run asks again.
    if (generated.finishReason === 'aborted') throw stoppedError();
    const parsed = parseInteger(generated.text, 0, 10);
    return {
      ...base,
      kind: 'sample',
      text: generated.text,
      answer: parsed.ok ? parsed.value : null,
      invalid: parsed.ok ? null : parsed.reason,
    };
  },

  summarize(records, params, modelIds) {
    return {
      models: perModel(records, modelIds, (own, modelId, modelIndex) => summarizeModel(own, params, modelId, modelIndex)),
      uniformShare: 1 / ANSWERS.length,
    };
  },
};
