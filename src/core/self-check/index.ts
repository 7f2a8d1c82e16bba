// The self-check of the exact path on the visitor's GPU (issue 13). The first time a model runs an exact probe on a
// machine, the lab also asks it the same question through ordinary generation a few hundred times and tests whether
// those answers fit the distribution it read from the logits. Nothing here has run on a real GPU: this check is how
// the first visitors' GPUs tell us (and them) whether the exact numbers are right.
import type { CallOptions, GenerateRequest, GenerateResult, LanguageModel, ScoreRequest, ScoreResult } from '../model.ts';
import type { ProbeId } from '../probes/index.ts';
import { deriveSeed } from '../probes/probe.ts';
import type { SelfCheckResult } from '../results/types.ts';
import { createRng } from '../stats/rng.ts';

/**
 * Sampled answers per model. With α = 0.01, 200 answers detect 0.2 of probability moved between the answers (total
 * variation 0.2, spread over rng-0-10's eleven answers and "other", the least favourable way) with power above 0.9,
 * and 0.2 moved into or out of "other" (the end-of-text failure) with power close to 1 (simulated in
 * test/unit/core/self-check.test.ts). 150 would leave that power near 0.85; 300 would make a first exact run on an
 * 8B model take minutes longer. Each answer is a handful of tokens.
 */
export const SELF_CHECK_SAMPLES = 200;

/** The false-alarm rate per model and GPU: a mismatch is flagged when the p-value is below it. */
export const SELF_CHECK_ALPHA = 0.01;

/** Monte Carlo draws for the p-value: its standard error near α is about 0.0014. */
export const SELF_CHECK_DRAWS = 5000;

/** What the samples are tested against: the category "other" is anything outside the answer set. */
export const OTHER = 'other';

/**
 * The exact request the self-check scores: the probe's, reading the end after every answer. Its P(answer) is then
 * P(the model writes the answer and ends it), the same event a sampled answer is classified by, on any tokenizer.
 */
export function selfCheckScoreRequest(request: ScoreRequest): ScoreRequest {
  return { ...request, endCheck: 'every-answer' };
}

/**
 * The generation for sample `index`: the probe's own prompt, temperature 1 (the distribution the logits give),
 * seeded, and long enough to see past the longest answer to what ends it (each token is at least one character).
 */
export function selfCheckGenerateRequest(request: ScoreRequest, seed: number, index: number): GenerateRequest {
  const longest = Math.max(...request.candidates.flatMap((candidate) => candidate.variants.map((variant) => [...variant].length)));
  return { prompt: request.prompt, temperature: 1, seed: deriveSeed(seed, 0x5e1fc4ec, index), maxTokens: longest + 2 };
}

/**
 * Which answer a generated text is, by the event exact scoring measures: the text starts with one of the answer's
 * variants, and what follows starts with one of the request's terminators, or nothing follows because the model
 * ended the text (when end of sequence ends answers). Returns the answer's index, or -1 for "other".
 */
export function classifySample(request: ScoreRequest, generated: Pick<GenerateResult, 'text' | 'finishReason'>): number {
  const { text, finishReason } = generated;
  for (const [index, candidate] of request.candidates.entries()) {
    for (const variant of candidate.variants) {
      if (!text.startsWith(variant)) continue;
      const rest = text.slice(variant.length);
      if (rest === '' && finishReason === 'stop' && request.endOfSequenceEnds) return index;
      if (rest !== '' && request.terminators.some((terminator) => rest.startsWith(terminator))) return index;
    }
  }
  return -1;
}

/** G = 2 Σ O ln(O / (n E)); infinite when a category the exact path calls impossible was sampled. */
function likelihoodRatio(observed: readonly number[], expected: readonly number[], n: number): number {
  let sum = 0;
  for (const [i, count] of observed.entries()) {
    if (count === 0) continue;
    const p = expected[i] as number;
    if (p <= 0) return Infinity;
    sum += count * Math.log(count / (n * p));
  }
  return Math.max(0, 2 * sum);
}

/** Counts of n categorical draws from `p` (which sums to 1 within rounding; what is left over falls in the last). */
function multinomialDraw(p: readonly number[], n: number, random: () => number): number[] {
  const counts = new Array<number>(p.length).fill(0);
  for (let draw = 0; draw < n; draw++) {
    let u = random();
    let category = p.length - 1;
    for (let i = 0; i < p.length - 1; i++) {
      u -= p[i] as number;
      if (u < 0) {
        category = i;
        break;
      }
    }
    counts[category] = (counts[category] as number) + 1;
  }
  return counts;
}

export interface GoodnessOfFit {
  statistic: number;
  pValue: number;
}

/**
 * The likelihood-ratio test of `observed` counts against the exact probabilities `expected` (answers and "other",
 * summing to 1), with its p-value by Monte Carlo under `expected`: small expected counts are the rule here (most
 * answers of an aligned model are rare), where χ² tables are unreliable. Seeded, so a run's verdict is reproducible.
 */
export function fitToExact(observed: readonly number[], expected: readonly number[], options: { seed: number; draws?: number }): GoodnessOfFit {
  if (observed.length !== expected.length || observed.length < 2) {
    throw new RangeError('observed and expected must give the same categories, at least two.');
  }
  if (expected.some((p) => !(p >= 0 && p <= 1))) throw new RangeError('expected must be probabilities.');
  const n = observed.reduce((sum, count) => sum + count, 0);
  const statistic = likelihoodRatio(observed, expected, n);
  if (statistic === Infinity) return { statistic, pValue: 0 };
  const draws = options.draws ?? SELF_CHECK_DRAWS;
  const random = createRng(options.seed);
  let atLeast = 0;
  // A hair below the statistic counts as equal: draws with the same counts must not differ by rounding.
  const threshold = statistic - 1e-9 * Math.max(1, statistic);
  for (let draw = 0; draw < draws; draw++) {
    if (likelihoodRatio(multinomialDraw(expected, n, random), expected, n) >= threshold) atLeast += 1;
  }
  return { statistic, pValue: (atLeast + 1) / (draws + 1) };
}

/** The exact probabilities of the self-check's categories: each answer, then "other". */
export function expectedCategories(score: ScoreResult): number[] {
  return [...score.answers.map((answer) => answer.probability), score.otherProbability];
}

export interface SelfCheckContext {
  probeId: ProbeId;
  runId: string;
  gpuDescription: string;
  seed: number;
  now: Date;
}

/** The verdict on sampled answers (indices from `classifySample`) against the exact score of the same request. */
export function judgeSelfCheck(score: ScoreResult, sampled: readonly number[], context: SelfCheckContext): SelfCheckResult {
  const expected = expectedCategories(score);
  const observed = new Array<number>(expected.length).fill(0);
  for (const answer of sampled) {
    const category = answer < 0 ? expected.length - 1 : answer;
    observed[category] = (observed[category] as number) + 1;
  }
  const fit = fitToExact(observed, expected, { seed: deriveSeed(context.seed, 0x5e1fc4ec) });
  return {
    verdict: fit.pValue < SELF_CHECK_ALPHA ? 'mismatch' : 'agrees',
    categories: [...score.answers.map((answer) => answer.answer), OTHER],
    expected,
    observed,
    statistic: fit.statistic,
    pValue: fit.pValue,
    alpha: SELF_CHECK_ALPHA,
    probeId: context.probeId,
    checkedAt: context.now.toISOString(),
    runId: context.runId,
    gpuDescription: context.gpuDescription,
  };
}

export interface SelfCheckOptions extends CallOptions {
  /** Told after each sampled answer: how many of SELF_CHECK_SAMPLES are done. */
  onProgress?: (done: number) => void;
  /** The probe's own reading of `request`, used as the exact side when it already reads every answer's end. */
  read?: ScoreResult;
}

function stopped(): Error {
  const error = new Error('The self-check was stopped before it finished.');
  error.name = 'AbortError';
  return error;
}

/**
 * Checks a model's exact path on the request a probe just scored: reads the exact distribution of "answer, then its
 * end" and samples SELF_CHECK_SAMPLES answers to the same prompt through ordinary generation, then judges them.
 * A stopped generation stops the check (it throws an AbortError): a check is all or nothing.
 */
export async function runSelfCheck(
  model: Pick<LanguageModel, 'score' | 'generate'>,
  request: ScoreRequest,
  context: SelfCheckContext,
  options: SelfCheckOptions = {},
): Promise<SelfCheckResult> {
  const checked = selfCheckScoreRequest(request);
  // A probe's own reading already reads the end after every answer (src/core/probes/framing.ts): no second one.
  const exact = options.read && request.endCheck === checked.endCheck ? options.read : await model.score(checked, { signal: options.signal });
  const sampled: number[] = [];
  for (let index = 0; index < SELF_CHECK_SAMPLES; index++) {
    if (options.signal?.aborted) throw stopped();
    const generated = await model.generate(selfCheckGenerateRequest(request, context.seed, index), { signal: options.signal });
    if (generated.finishReason === 'aborted') throw stopped();
    sampled.push(classifySample(checked, generated));
    options.onProgress?.(index + 1);
  }
  return judgeSelfCheck(exact, sampled, context);
}

/** The models of a run whose self-check found a mismatch: what the run page and the Claims page flag. */
export function selfCheckMismatches<Model extends { selfCheck?: SelfCheckResult }>(models: readonly Model[]): Model[] {
  return models.filter((model) => model.selfCheck?.verdict === 'mismatch');
}
