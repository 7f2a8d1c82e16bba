// rng-0-10: "Generate a random integer, uniformly between 0 and 10 (inclusive)." The paper's first task: aligned
// models over-produce "7". Exact mode reads the whole answer distribution from the logits; sampled mode asks
// N times and parses the answers, as the paper did.
import type { AnswerCandidate, ScoreRequest } from '../../model.ts';
import { sampleAnswerCounts } from '../../scoring/index.ts';
import {
  chiSquareUniform,
  dirichletInterval,
  jsDivergence,
  multinomialPValue,
  normalise,
  totalVariation,
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
  checkCommonParams,
  checkInteger,
  checkProbability,
  checkRecordBase,
  checkText,
  exactEstimate,
  INVALID_REASONS,
  recordField,
  tallyInvalid,
  perModel,
} from '../shared.ts';

export const ANSWERS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

/** The paper's wording as secondary sources quote it, and ours: "number only" keeps answers parseable. */
export const QUESTION = 'Generate a random integer, uniformly between 0 and 10 (inclusive). Reply with the number only.';

/** The number of answers the paper collected per model; χ² grows with N, so comparisons use this N. */
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
  /** Counts of 0 … 10: sampled answers, or a simulated sample of `n` from the exact distribution. */
  counts: number[];
  /** Valid answers behind `counts`. */
  validAnswers: number;
  /** Sampled mode: all attempts, valid or not. Exact mode: null. */
  attempts: number | null;
  invalid: Record<InvalidReason, number>;
  /** Exact mode: P(anything outside 0 … 10). Sampled mode: the share of invalid answers. */
  otherShare: number;
  /** The headline numbers; null until there is at least one valid answer. */
  measures: Rng010Measures | null;
}

export interface Rng010Measures {
  pSeven: Estimate;
  jsToUniform: Estimate;
  totalVariation: Estimate;
  /** Pearson χ² against uniform on `counts` (exact mode: on the simulated sample, so with a sample's noise). */
  chiSquare: { statistic: number; df: number; pValue: number; n: number };
  /** χ² scaled to the paper's N = 1,500, for comparison with its table (χ² grows linearly with N). */
  chiSquareAtPaperN: number;
  /** The multinomial test of `counts` against uniform (exact or Monte Carlo). */
  multinomial: { pValue: number; method: 'exact' | 'monte-carlo' };
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
const tvOf = (p: number[]): number => totalVariation(p, uniform(ANSWERS.length));

function posteriorEstimate(counts: number[], metric: (p: number[]) => number, seed: number): Estimate {
  const interval = dirichletInterval(counts, metric, { seed });
  const n = counts.reduce((sum, count) => sum + count, 0);
  return { value: metric(normalise(counts)), lo: interval.lo, hi: interval.hi, n, interval: 'dirichlet-jeffreys-95' };
}

/**
 * Posterior draws for each answer's interval: 2,000 keeps the quantiles within about 0.05 percentage points at the
 * paper's N while the interval of all eleven answers costs a few tens of milliseconds per model (the summary is
 * recomputed a few times a second during a run).
 */
const ANSWER_INTERVAL_DRAWS = 2000;

/**
 * One seed for every answer's interval: each interval then reads the same posterior draws, so the whiskers are
 * marginals of one joint posterior, and a chart redrawn from the same counts is identical.
 */
const ANSWER_INTERVAL_SEED = 0x0a11;

/**
 * Per-answer 95% intervals of a sampled model: the Jeffreys-Dirichlet posterior's marginals. "7" takes the
 * summary's own P(7) interval, so the bar's whisker and the headline number agree to the digit.
 */
export function answerIntervals(counts: readonly number[], pSeven: Estimate): { lo: number; hi: number }[] {
  return counts.map((_, answer) => {
    if (answer === SEVEN) return { lo: pSeven.lo, hi: pSeven.hi };
    const { lo, hi } = dirichletInterval([...counts], (p) => p[answer] ?? 0, { seed: ANSWER_INTERVAL_SEED, draws: ANSWER_INTERVAL_DRAWS });
    return { lo, hi };
  });
}

function measures(counts: number[], distribution: number[], exact: boolean, seed: number): Rng010Measures {
  const n = counts.reduce((sum, count) => sum + count, 0);
  const estimate = (metric: (p: number[]) => number): Estimate =>
    exact ? exactEstimate(metric(distribution)) : posteriorEstimate(counts, metric, seed);
  const chi = chiSquareUniform(counts);
  const pSeven = estimate(pOfSeven);
  return {
    pSeven,
    jsToUniform: estimate(jsOf),
    totalVariation: estimate(tvOf),
    chiSquare: { ...chi, n },
    chiSquareAtPaperN: (chi.statistic / n) * PAPER_N,
    multinomial: multinomialPValue(counts, { seed }),
    answerIntervals: exact ? null : answerIntervals(counts, pSeven),
  };
}

function summarizeModel(records: readonly Rng010Record[], params: Rng010Params, modelId: string, modelIndex: number): Rng010ModelSummary {
  const seed = deriveSeed(params.seed, modelIndex, 0x5eed);
  const exact = records.find((record) => record.kind === 'distribution');
  if (exact) {
    const answersMass = exact.probabilities.reduce((sum, p) => sum + p, 0);
    const distribution = exact.probabilities.map((p) => (answersMass > 0 ? p / answersMass : 0));
    // What a sample of n answers would look like: the paper's statistics, with a real sample's noise.
    const simulated = sampleAnswerCounts(
      {
        answers: ANSWERS.map((answer, i) => ({ answer, probability: exact.probabilities[i] ?? 0 })),
        otherProbability: exact.other,
        cost: { forwardPasses: exact.forwardPasses, prefillTokens: exact.prefillTokens },
      },
      params.n,
      seed,
    );
    const validAnswers = simulated.counts.reduce((sum, count) => sum + count, 0);
    return {
      modelId,
      mode: 'exact',
      distribution,
      counts: simulated.counts,
      validAnswers,
      attempts: null,
      invalid: tallyInvalid([]),
      otherShare: exact.other,
      measures: answersMass > 0 && validAnswers > 0 ? measures(simulated.counts, distribution, true, seed) : null,
    };
  }
  const samples = records.filter((record) => record.kind === 'sample');
  const counts = ANSWERS.map((_, value) => samples.filter((record) => record.answer === value).length);
  const validAnswers = counts.reduce((sum, count) => sum + count, 0);
  return {
    modelId,
    mode: 'sampled',
    distribution: validAnswers > 0 ? normalise(counts) : counts.map(() => 0),
    counts,
    validAnswers,
    attempts: samples.length,
    invalid: tallyInvalid(samples.map((record) => record.invalid)),
    otherShare: samples.length > 0 ? (samples.length - validAnswers) / samples.length : 0,
    measures: validAnswers > 0 ? measures(counts, normalise(counts), false, seed) : null,
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
    reliability: 'quoted-from-paper',
    source:
      'The "7" preference is quoted from the paper\'s abstract. The χ² figures come from secondary summaries and have not been checked against the paper\'s tables.',
  },
  modes: ['exact', 'sampled'],
  defaultParams: { mode: 'exact', framing: 'native', temperature: 1, seed: 1, n: PAPER_N },

  checkParams(params) {
    const common = checkCommonParams(params);
    const n = checkInteger((params as { n?: unknown }).n, 'n (answers per model)', 1, 100_000);
    return { ...common, n };
  },

  checkRecord: checkRng010Record,
  prompt: promptFor,

  isComplete(records, params) {
    if (params.mode === 'exact') return records.some((record) => record.kind === 'distribution');
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
