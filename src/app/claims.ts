// The Claims page's verdicts: does each claim of West & Potts (2025) hold for the runs stored in this browser?
// docs/claims.md states every rule below in words, with its calibration; keep the two in step.
//
// - Runs are pooled: complete runs of the same probe, models, framing, mode, temperature and game settings measure the
//   same thing, so their answers are counted together (a run whose seed repeats one already pooled adds nothing new
//   and is left out). Each pool gives one comparison per aligned model (the stage-wise claim: one ladder).
// - A run counts only when it is complete and each model in it has the claim's minimum N.
// - A comparison decides nothing when a model's answers mostly fall outside the answer set (P(other) or the invalid
//   share above one half): the numbers would not be about the question.
// - Exact values (read from the logits) have no sampling noise but do carry prompt noise: they decide when the
//   difference is at least the claim's minimum effect. Sampled values decide when a one-sided test of the predicted
//   direction is significant and the difference is at least the minimum effect; the opposite direction, tested the
//   same way, gives "not supported". The tests' level is 0.05 in all, split over both directions and over every
//   comparison of the claim (Bonferroni), so a claim's false-verdict rate stays at or below 5% when the models do
//   not differ (measured by `npm run bench`, section "calibration").
// - A claim is supported when at least one comparison supports it and none contradicts it, and the other way round;
//   comparisons that disagree give no verdict.
import type { ModelRole } from '../core/model.ts';
import type { ProbeId } from '../core/probes/index.ts';
import { checkRating, summarizeRatings, type PoemRating } from '../core/probes/poem/ratings.ts';
import type { Estimate, Framing, RunMode } from '../core/probes/probe.ts';
import { isCurrentVersion } from '../core/probes/registry.ts';
import { PAPER_N } from '../core/probes/rng-0-10/index.ts';
import { CHANCE, meanEstimate, SEQUENCE_LENGTH } from '../core/probes/rng-sequence/analysis.ts';
import { exactEstimate, MAX_OTHER_SHARE } from '../core/probes/shared.ts';
import { parsePaperFigures, type PaperFigure } from '../core/reference/paper-figures.ts';
import type { RunInfo, RunModelInfo } from '../core/results/index.ts';
import { selfCheckMismatches } from '../core/self-check/index.ts';
import {
  chiSquareAtReferenceN,
  chiSquareDistanceOf,
  dirichletMarginalInterval,
  expectedChiSquare,
  permutationTest,
  signFlipTest,
  signTestPValue,
} from '../core/stats/index.ts';
import type { RunStore } from '../store/runs.ts';
import { gameSummaryOf, summaryOf, type RunSummary } from './run-summary.ts';
import { summarizeHere, type Summarize } from './summaries.ts';

/**
 * The claims the lab can test: the home page's four (seven, repeats, games, poems) and the stage-wise one. The paper's
 * benchmark trade-off is not here: testing it needs leaderboard scores for many models, which the lab does not measure.
 */
export const CLAIM_IDS = ['seven', 'repeats', 'games', 'poems', 'stages'] as const;
export type ClaimId = (typeof CLAIM_IDS)[number];

export type Verdict = 'supported' | 'not-supported' | 'not-enough-evidence';

/** The number each claim's verdict reads. */
export type ClaimMeasure = 'p-seven' | 'mean-repeats' | 'net-score' | 'originality-win-rate' | 'chi-square-at-paper-n';

/** The experiments whose runs speak to each claim. */
export const CLAIM_PROBES: Readonly<Record<ClaimId, readonly ProbeId[]>> = {
  seven: ['rng-0-10'],
  repeats: ['rng-sequence'],
  games: ['rps', 'hide-and-seek'],
  poems: ['poem'],
  stages: ['rng-0-10'],
};

export interface ClaimRule {
  measure: ClaimMeasure;
  /** What the claim predicts for the aligned (or later) model against the base (or earlier) one. */
  direction: 'higher' | 'lower';
  /**
   * The smallest difference that counts as an effect, in the measure's units. Below it, a difference is too small to
   * matter even when a test finds it, and an exact difference is within what a rewording of the prompt could move.
   */
  minimumEffect: number;
  /** What a fair source gives; the aligned model must also lie the minimum effect beyond it. Null: no such check. */
  reference: number | null;
  /** The fewest answers, lists, rounds or blind ratings per model for a run (poems: a pool) to count. */
  minimumN: number;
}

/**
 * Each claim's rule. Minimum effects (docs/claims.md says why): 3 percentage points of P("7"), a third of what a fair
 * pick gives it; half a repeat per list of ten, half the standard deviation of a fair source's repeats; 5 points per
 * 100 rounds of net score; 10 points of blind-vote win rate above an even split; 10 points of χ² at N = 1,500, the
 * whole of what a fair source shows on average (its degrees of freedom).
 */
export const CLAIM_RULES: Readonly<Record<ClaimId, ClaimRule>> = {
  seven: { measure: 'p-seven', direction: 'higher', minimumEffect: 0.03, reference: 1 / 11, minimumN: 100 },
  repeats: { measure: 'mean-repeats', direction: 'lower', minimumEffect: 0.5, reference: CHANCE.meanRepeats, minimumN: 50 },
  games: { measure: 'net-score', direction: 'lower', minimumEffect: 5, reference: 0, minimumN: 50 },
  poems: { measure: 'originality-win-rate', direction: 'higher', minimumEffect: 0.1, reference: 0.5, minimumN: 10 },
  stages: { measure: 'chi-square-at-paper-n', direction: 'higher', minimumEffect: 10, reference: null, minimumN: 100 },
};

/** The false-verdict budget of one claim: split over both directions and every comparison of the claim. */
export const CLAIM_ALPHA = 0.05;

/** Permutation draws per test: p-values to about ±0.001 near the levels used, fast enough for a page of runs. */
const PERMUTATION_DRAWS = 4000;

/** The paper's reported figures shown beside each claim (ids in public/reference/paper-figures.json), in order. */
export const CLAIM_FIGURES: Readonly<Record<ClaimId | 'benchmark', readonly string[]>> = {
  seven: ['abstract-aligned-prefer-seven', 'seven-bias-starts-in-base'],
  repeats: ['aligned-avoid-repeats', 'repeat-mode-llama-3.1-base', 'repeat-mode-aligned'],
  games: [
    'abstract-predictable-in-game-states',
    'rps-net-score-llama-3.1-70b-base',
    'rps-net-score-llama-3.1-70b-instruct',
    'hide-and-seek-score-llama-3.1-70b-base',
    'hide-and-seek-score-llama-3.1-70b-instruct',
    'hide-and-seek-score-tulu-3-70b-full',
  ],
  poems: ['abstract-pleasant-over-original', 'poem-originality-wins-base', 'poem-rho-originality-preference', 'poem-rho-pleasantness-preference'],
  // Distance from uniform on the paper's own scale: every row the sources report, at both sizes, including the 70B
  // rows where the aligned checkpoints are closer to uniform than the base model.
  stages: [
    'chi-square-llama-3.1-8b-base',
    'chi-square-llama-3.1-8b-instruct',
    'chi-square-tulu-3-8b-sft',
    'chi-square-tulu-3-8b-dpo',
    'chi-square-tulu-3-8b-full',
    'chi-square-llama-3.1-70b-base',
    'chi-square-llama-3.1-70b-instruct',
    'chi-square-tulu-3-70b-sft',
    'chi-square-tulu-3-70b-dpo',
    'chi-square-tulu-3-70b-full',
    'larger-is-not-more-random',
  ],
  benchmark: ['abstract-benchmark-trade-off'],
};

/**
 * The checkpoints of the stage-wise claim, in the order the lab assumes they were trained: each later one has had
 * more training after the base. For the catalog's Ministral 3 ladder that order is an assumption (docs/claims.md).
 */
export const STAGE_ORDER: readonly ModelRole[] = ['base', 'instruct', 'reasoning'];

/** Why a run of a claim's probe is not counted. */
export type Exclusion =
  /** Still running, stopped before the end, or failed. */
  | 'not-complete'
  /** A model has fewer than the claim's minimum N. */
  | 'too-small'
  /** Its records could not be summarised. */
  | 'unreadable'
  /** Same setup and seed as a run already counted: the same answers again. */
  | 'repeats-a-run'
  /** It lacks the models the claim compares (a base and an aligned model; for the stages, all three). */
  | 'not-comparable'
  /** Exact mode, and the self-check on this GPU found the exact numbers disagree with the model's own answers. */
  | 'self-check-failed'
  /** Exact mode on a server that gives only its top k next tokens: the numbers are bounds, not exact values. */
  | 'bounds-only'
  /** Made with another version of its probe than this lab runs: another method (registry.ts isCurrentVersion). */
  | 'other-version';

/** Why a comparison gives no verdict. */
export type EvidenceGap =
  /** A model's answers mostly fall outside the answer set: the numbers are not about the question. */
  | 'off-question'
  /** No blind ratings of the pair yet (poems), or too few. */
  | 'no-ratings'
  /** The difference is smaller than the minimum effect (or the aligned model is not beyond the fair value by it). */
  | 'small-effect'
  /** The test did not reach its level: the difference could be noise. */
  | 'not-significant'
  /** The steps of the stage-wise ladder do not all point the same way. */
  | 'mixed-steps';

/** One model's number in a comparison, from all pooled runs. */
export interface EvidenceRow {
  model: RunModelInfo;
  estimate: Estimate;
  /** Exact: P(anything outside the answer set); sampled: the share of invalid answers. Null where it does not apply (poems). */
  otherShare: number | null;
}

/** One step of a comparison: `to` (aligned, or later) against `from` (base, or earlier). */
export interface Step {
  from: RunModelInfo;
  to: RunModelInfo;
  /** to − from, signed so that a positive value is the direction the claim predicts. */
  effect: number;
  /** One-sided p-value in the predicted direction and in the opposite one; null for exact values. */
  pValue: number | null;
  pValueOpposite: number | null;
  /** How the p-values were computed. */
  test: 'exact-difference' | 'permutation' | 'paired-sign-flip' | 'sign-test';
}

/** What one pool of runs says about one claim. */
export interface Comparison {
  claim: ClaimId;
  probeId: ProbeId;
  framing: Framing;
  mode: RunMode;
  /** The runs counted, most recently changed first. */
  runs: RunInfo[];
  /** Base (or earliest) first. */
  rows: EvidenceRow[];
  steps: Step[];
  /** The significance level each one-sided test of this comparison was held to. */
  alpha: number;
  verdict: Verdict;
  /** Set exactly when the verdict is "not-enough-evidence". */
  gap: EvidenceGap | null;
}

export interface ClaimResult {
  claim: ClaimId;
  verdict: Verdict;
  /** Some comparisons support the claim and others contradict it (the verdict is then "not-enough-evidence"). */
  mixed: boolean;
  comparisons: Comparison[];
  /** Runs of the claim's probes that no comparison counts, with the reason. */
  excluded: { run: RunInfo; reason: Exclusion }[];
}

/** A stored run with what the verdicts read. */
export interface RunEvidence {
  info: RunInfo;
  /** The probe's summary of the stored records (see `summarize`); null without records, and for poem runs. */
  summary: RunSummary | null;
  /** The records could not be summarised (they do not fit the run, e.g. a damaged import). */
  unreadable: boolean;
  /** Poem runs: the blind ratings of their pairs. Empty for other probes. */
  ratings: PoemRating[];
}

// ---------------------------------------------------------------------------------------------------------------
// Pooling

/** The settings that make two runs measure the same thing: everything but the seed and the number of answers. */
const NOT_SETUP = ['seed', 'n', 'rounds'];

function setupKey(info: RunInfo): string {
  const settings = Object.keys(info.params)
    .filter((key) => !NOT_SETUP.includes(key))
    .sort()
    .map((key) => [key, info.params[key]]);
  return JSON.stringify([info.probeId, info.models.map((model) => model.id), settings]);
}

/** A seed for a pool's permutation tests: from its key, so the same runs always give the same p-values. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

interface Pool {
  key: string;
  runs: RunEvidence[];
}

/** The models of `info` a claim compares: base then aligned (for the stages, the ladder), or null when it lacks them. */
function claimModels(claim: ClaimId, info: RunInfo): RunModelInfo[][] | null {
  if (claim === 'stages') {
    const ladder = STAGE_ORDER.map((role) => info.models.find((model) => model.role === role));
    return ladder.every((model): model is RunModelInfo => model !== undefined) ? [ladder] : null;
  }
  const base = info.models.find((model) => model.role === 'base');
  const aligned = info.models.filter((model) => model.role !== 'base');
  return base && aligned.length > 0 ? aligned.map((model) => [base, model]) : null;
}

/** Each model's N in a run, for the minimum-N rule: valid answers, valid lists, rounds played. Null: N does not apply. */
function sizeOf(evidence: RunEvidence, modelId: string): number | null {
  // Poem runs count by their ratings, as a pool (comparePoems).
  if (evidence.info.probeId === 'poem') return null;
  const summary = evidence.summary;
  // A model without a summary (no records yet) has N = 0.
  const sizeIn = <T extends { modelId: string }>(models: readonly T[], size: (model: T) => number | null): number | null => {
    const model = models.find((candidate) => candidate.modelId === modelId);
    return model ? size(model) : 0;
  };
  switch (summary?.probeId) {
    case 'rng-0-10':
      return sizeIn(summary.value.models, (model) => model.validAnswers);
    case 'rng-sequence':
      return sizeIn(summary.value.models, (model) => model.validSequences);
    case 'rps':
    case 'hide-and-seek':
      return sizeIn(summary.value.models, (model) => model.rounds);
    default:
      // No records (poem runs were counted above).
      return 0;
  }
}

function exclusionOf(claim: ClaimId, evidence: RunEvidence): Exclusion | null {
  const models = claimModels(claim, evidence.info);
  if (!models) return 'not-comparable';
  if (!isCurrentVersion(evidence.info)) return 'other-version';
  if (evidence.info.status !== 'complete') return 'not-complete';
  if (evidence.unreadable) return 'unreadable';
  if (evidence.info.params.mode === 'exact') {
    if (selfCheckMismatches(evidence.info.models).length > 0) return 'self-check-failed';
    if (evidence.info.models.some((model) => model.server?.exact === 'top-k')) return 'bounds-only';
  }
  const tooSmall = models.flat().some((model) => {
    const size = sizeOf(evidence, model.id);
    return size !== null && size < CLAIM_RULES[claim].minimumN;
  });
  return tooSmall ? 'too-small' : null;
}

/**
 * The runs of a claim's probes, pooled by setup, and those left out. Exact rng-0-10 runs of one setup read the same
 * logits, so a pool of them keeps one.
 */
function poolRuns(claim: ClaimId, evidence: readonly RunEvidence[]): { pools: Pool[]; excluded: ClaimResult['excluded'] } {
  const pools = new Map<string, Pool>();
  const excluded: ClaimResult['excluded'] = [];
  for (const run of evidence.filter((candidate) => CLAIM_PROBES[claim].includes(candidate.info.probeId))) {
    const reason = exclusionOf(claim, run);
    if (reason) {
      excluded.push({ run: run.info, reason });
      continue;
    }
    const key = setupKey(run.info);
    const pool = pools.get(key) ?? { key, runs: [] };
    const exactNumbers = run.info.probeId === 'rng-0-10' && run.info.params.mode === 'exact';
    if (pool.runs.some((other) => exactNumbers || other.info.params.seed === run.info.params.seed)) {
      excluded.push({ run: run.info, reason: 'repeats-a-run' });
      continue;
    }
    pool.runs.push(run);
    pools.set(key, pool);
  }
  return { pools: [...pools.values()], excluded };
}

// ---------------------------------------------------------------------------------------------------------------
// Each claim's measure, pooled over a pool's runs

interface PooledModel {
  estimate: Estimate;
  otherShare: number | null;
  /** What the tests read: answer counts, a histogram of repeats, or batch scores in run order. */
  data: number[];
}

/** The model's summaries in the pool's runs, in run order; `modelsOf` reads them from a run's summary. */
function modelSummaries<T extends { modelId: string }>(pool: Pool, modelId: string, modelsOf: (summary: RunSummary | null) => readonly T[] | undefined): T[] {
  return pool.runs.flatMap((run) => (modelsOf(run.summary) ?? []).filter((model) => model.modelId === modelId));
}

/** The share of other or invalid answers over a pool: exact P(other), or invalid attempts over all attempts. */
function pooledOtherShare(models: readonly { otherShare: number; attempts: number | null }[]): number {
  const attempts = models.reduce((sum, model) => sum + (model.attempts ?? 0), 0);
  if (attempts === 0) return Math.max(...models.map((model) => model.otherShare));
  return models.reduce((sum, model) => sum + model.otherShare * (model.attempts ?? 0), 0) / attempts;
}

const SEVEN = 7;

function sumCounts(rows: readonly number[][]): number[] {
  return rows.reduce((sum, row) => sum.map((value, i) => value + (row[i] ?? 0)));
}

function pooledRng010(pool: Pool, modelId: string, claim: 'seven' | 'stages'): PooledModel | null {
  const models = modelSummaries(pool, modelId, (summary) => summaryOf(summary, 'rng-0-10')?.models);
  const first = models[0];
  if (!first) return null;
  const otherShare = pooledOtherShare(models);
  if (first.mode === 'exact') {
    const value = claim === 'seven' ? (first.distribution[SEVEN] ?? 0) : expectedChiSquare(chiSquareDistanceOf(first.distribution), first.distribution.length, PAPER_N);
    return { estimate: exactEstimate(value), otherShare, data: first.distribution };
  }
  const counts = sumCounts(models.map((model) => model.counts ?? []));
  const n = counts.reduce((sum, count) => sum + count, 0);
  if (n < 2) return null;
  if (claim === 'seven') {
    const { lo, hi } = dirichletMarginalInterval(counts, SEVEN);
    return { estimate: { value: (counts[SEVEN] ?? 0) / n, lo, hi, n, interval: 'dirichlet-jeffreys-95' }, otherShare, data: counts };
  }
  const { value, lo, hi } = chiSquareAtReferenceN(counts, PAPER_N);
  return { estimate: { value, lo, hi, n, interval: 'u-statistic-95' }, otherShare, data: counts };
}

function pooledRepeats(pool: Pool, modelId: string): PooledModel | null {
  const models = modelSummaries(pool, modelId, (summary) => summaryOf(summary, 'rng-sequence')?.models);
  const histograms = models.flatMap((model) => (model.measures ? [model.measures.repeatCounts] : []));
  if (histograms.length === 0) return null;
  const histogram = sumCounts(histograms);
  const repeats = histogram.flatMap((count, value) => new Array<number>(count).fill(value));
  return {
    estimate: meanEstimate(repeats, [0, SEQUENCE_LENGTH - 1]),
    otherShare: pooledOtherShare(models.map((model) => ({ otherShare: model.otherShare, attempts: model.attempts }))),
    data: histogram,
  };
}

/** Batch scores of each run, in the pool's run order, for the paired test; the pooled estimate is over all batches. */
function pooledGames(pool: Pool, modelId: string): (PooledModel & { byRun: number[][] }) | null {
  const models = modelSummaries(pool, modelId, (summary) => gameSummaryOf(summary)?.models);
  const byRun = models.map((model) => model.measures?.batchScoresPer100 ?? []);
  const batches = byRun.flat();
  if (batches.length === 0) return null;
  const { value, lo, hi } = meanEstimate(batches, [-100, 100]);
  const rounds = models.reduce((sum, model) => sum + model.rounds, 0);
  return {
    estimate: { value, lo, hi, n: rounds, interval: 'batch-means-95' },
    otherShare: pooledOtherShare(models),
    data: batches,
    byRun,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Deciding

/**
 * A step supports the claim when its difference is at least the minimum effect in the predicted direction, the later
 * model is that far beyond the fair value too, and (sampled) its test reaches `alpha`. Exact steps: the effect alone.
 */
function supports(step: Step, rule: ClaimRule, alpha: number, toValue: number): boolean {
  const beyondReference =
    rule.reference === null ||
    (rule.direction === 'higher' ? toValue >= rule.reference + rule.minimumEffect : toValue <= rule.reference - rule.minimumEffect);
  return step.effect >= rule.minimumEffect && beyondReference && (step.pValue === null || step.pValue <= alpha);
}

/** A step contradicts the claim when it goes the other way by at least the minimum effect, and (sampled) significantly. */
function contradicts(step: Step, rule: ClaimRule, alpha: number): boolean {
  return step.effect <= -rule.minimumEffect && (step.pValueOpposite === null || step.pValueOpposite <= alpha);
}

/** Why a step gave no verdict, in the order a reader would check. */
function gapOf(step: Step, rule: ClaimRule, alpha: number): EvidenceGap {
  const significant = (p: number | null) => p === null || p <= alpha;
  if (Math.abs(step.effect) >= rule.minimumEffect && !significant(step.effect > 0 ? step.pValue : step.pValueOpposite)) return 'not-significant';
  return 'small-effect';
}

function signed(rule: ClaimRule, from: number, to: number): number {
  return rule.direction === 'higher' ? to - from : from - to;
}

type Measure = (pool: Pool, modelId: string) => (PooledModel & { byRun?: number[][] }) | null;

const MEASURES: Readonly<Record<Exclude<ClaimId, 'poems'>, Measure>> = {
  seven: (pool, modelId) => pooledRng010(pool, modelId, 'seven'),
  stages: (pool, modelId) => pooledRng010(pool, modelId, 'stages'),
  repeats: pooledRepeats,
  games: pooledGames,
};

/** The one-sided tests of a sampled step, each way. */
function testStep(claim: Exclude<ClaimId, 'poems'>, from: PooledModel & { byRun?: number[][] }, to: PooledModel & { byRun?: number[][] }, seed: number) {
  const rule = CLAIM_RULES[claim];
  if (claim === 'games') {
    // Pairs: the same batch of rounds in the same run, base against aligned.
    const differences = (from.byRun ?? []).flatMap((fromBatches, run) =>
      fromBatches.flatMap((score, batch) => {
        const other = to.byRun?.[run]?.[batch];
        return other === undefined ? [] : [signed(rule, score, other)];
      }),
    );
    const predicted = signFlipTest(differences, { seed });
    const opposite = signFlipTest(differences.map((difference) => -difference), { seed });
    return { pValue: predicted.pValue, pValueOpposite: opposite.pValue, test: 'paired-sign-flip' as const };
  }
  const metric =
    claim === 'seven'
      ? (p: number[]) => p[SEVEN] ?? 0
      : claim === 'repeats'
        ? (p: number[]) => p.reduce((sum, share, repeats) => sum + share * repeats, 0)
        : (p: number[]) => p.length * p.reduce((sum, share) => sum + share * share, 0) - 1;
  // permutationTest asks whether its first sample's metric is the larger.
  const [larger, smaller] = rule.direction === 'higher' ? [to.data, from.data] : [from.data, to.data];
  const predicted = permutationTest(larger, smaller, metric, { seed, draws: PERMUTATION_DRAWS });
  const opposite = permutationTest(smaller, larger, metric, { seed: seed + 1, draws: PERMUTATION_DRAWS });
  return { pValue: predicted.pValue, pValueOpposite: opposite.pValue, test: 'permutation' as const };
}

interface Candidate {
  claim: ClaimId;
  pool: Pool;
  models: RunModelInfo[];
}

function compare(candidate: Candidate, alpha: number): Comparison {
  const { claim, pool, models } = candidate;
  const info = pool.runs[0]!.info;
  const rule = CLAIM_RULES[claim];
  const base = {
    claim,
    probeId: info.probeId,
    framing: info.params.framing,
    mode: info.params.mode,
    runs: pool.runs.map((run) => run.info),
    alpha,
  };
  if (claim === 'poems') return comparePoems(base, pool, models as [RunModelInfo, RunModelInfo], alpha);
  const measured = models.map((model) => MEASURES[claim](pool, model.id));
  const rows: EvidenceRow[] = models.flatMap((model, i) => {
    const one = measured[i];
    return one ? [{ model, estimate: one.estimate, otherShare: one.otherShare }] : [];
  });
  if (rows.length !== models.length) return { ...base, rows, steps: [], verdict: 'not-enough-evidence', gap: 'small-effect' };
  if (rows.some((row) => row.otherShare !== null && row.otherShare > MAX_OTHER_SHARE)) {
    return { ...base, rows, steps: [], verdict: 'not-enough-evidence', gap: 'off-question' };
  }
  const exact = rows.every((row) => row.estimate.interval === 'exact');
  const seed = seedOf(pool.key);
  const steps: Step[] = models.slice(1).map((to, i) => {
    const fromData = measured[i]!;
    const toData = measured[i + 1]!;
    const effect = signed(rule, fromData.estimate.value, toData.estimate.value);
    if (exact) return { from: models[i]!, to, effect, pValue: null, pValueOpposite: null, test: 'exact-difference' as const };
    return { from: models[i]!, to, effect, ...testStep(claim, fromData, toData, seed + 2 * i) };
  });
  // Every step must support the claim, each at the comparison's level (a ladder is supported only if all of it is);
  // any one step may contradict it, so the contradiction's level is shared among the steps.
  const supported = steps.every((step, i) => supports(step, rule, alpha, rows[i + 1]!.estimate.value));
  const contradicted = steps.some((step) => contradicts(step, rule, alpha / steps.length));
  const verdict: Verdict = contradicted ? 'not-supported' : supported ? 'supported' : 'not-enough-evidence';
  if (verdict !== 'not-enough-evidence') return { ...base, rows, steps, verdict, gap: null };
  const pointsAgree = steps.every((step) => step.effect > 0) || steps.every((step) => step.effect < 0);
  if (!pointsAgree) return { ...base, rows, steps, verdict, gap: 'mixed-steps' };
  const gaps = steps.map((step) => gapOf(step, rule, alpha));
  return { ...base, rows, steps, verdict, gap: gaps.includes('not-significant') ? 'not-significant' : 'small-effect' };
}

/** Poems: the reader's blind votes on originality, base poem against aligned poem, ties counted half. */
function comparePoems(
  base: Omit<Comparison, 'rows' | 'steps' | 'verdict' | 'gap'>,
  pool: Pool,
  [baseModel, aligned]: [RunModelInfo, RunModelInfo],
  alpha: number,
): Comparison {
  const rule = CLAIM_RULES.poems;
  const ratings = pool.runs.flatMap((run) => run.ratings);
  const originality = summarizeRatings(ratings, { base: baseModel.id, aligned: aligned.id }).criteria.originality;
  const estimate = originality.baseWinRate;
  if (!estimate || originality.n < rule.minimumN) {
    const rows = estimate ? [{ model: baseModel, estimate, otherShare: null }] : [];
    return { ...base, rows, steps: [], verdict: 'not-enough-evidence', gap: 'no-ratings' };
  }
  const rows: EvidenceRow[] = [{ model: baseModel, estimate, otherShare: null }];
  const decided = originality.baseWins + originality.alignedWins;
  const step: Step = {
    from: aligned,
    to: baseModel,
    effect: estimate.value - 0.5,
    pValue: signTestPValue(originality.baseWins, decided),
    pValueOpposite: signTestPValue(originality.alignedWins, decided),
    test: 'sign-test',
  };
  // The win rate is measured against an even split: its reference check is the effect itself.
  const unreferenced = { ...rule, reference: null };
  const verdict: Verdict = contradicts(step, rule, alpha) ? 'not-supported' : supports(step, unreferenced, alpha, estimate.value) ? 'supported' : 'not-enough-evidence';
  return { ...base, rows, steps: [step], verdict, gap: verdict === 'not-enough-evidence' ? gapOf(step, rule, alpha) : null };
}

/** Several comparisons' verdicts on one claim: any contradiction outweighs none, and a conflict decides nothing. */
export function combineVerdicts(verdicts: readonly Verdict[]): { verdict: Verdict; mixed: boolean } {
  const supported = verdicts.includes('supported');
  const contradicted = verdicts.includes('not-supported');
  if (supported && contradicted) return { verdict: 'not-enough-evidence', mixed: true };
  if (supported) return { verdict: 'supported', mixed: false };
  if (contradicted) return { verdict: 'not-supported', mixed: false };
  return { verdict: 'not-enough-evidence', mixed: false };
}

/** One claim's comparisons and verdict. */
export function assessClaim(claim: ClaimId, evidence: readonly RunEvidence[]): ClaimResult {
  const { pools, excluded } = poolRuns(claim, evidence);
  const candidates: Candidate[] = pools.flatMap((pool) =>
    (claimModels(claim, pool.runs[0]!.info) ?? []).map((models) => ({ claim, pool, models })),
  );
  // Bonferroni over the claim's comparisons; each test is one-sided, and each comparison has two directions.
  const alpha = CLAIM_ALPHA / (2 * Math.max(1, candidates.length));
  const comparisons = candidates.map((candidate) => compare(candidate, alpha));
  return { claim, ...combineVerdicts(comparisons.map((comparison) => comparison.verdict)), comparisons, excluded };
}

/** Every claim's verdict from the stored runs. */
export function assessClaims(evidence: readonly RunEvidence[]): ClaimResult[] {
  return CLAIM_IDS.map((claim) => assessClaim(claim, evidence));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the stored runs and the paper's figures

/** Ratings as stored are checked again: a damaged one cannot be counted, so it is left out. */
function readRatings(stored: readonly { rating: unknown }[]): PoemRating[] {
  return stored.flatMap(({ rating }) => {
    try {
      return [checkRating(rating)];
    } catch {
      return [];
    }
  });
}

/**
 * Reads every stored run and summarises its records as the run's page does. Poem runs are not summarised: their
 * verdict reads the blind ratings only, and their text metrics are slow to compute.
 */
export async function loadRunEvidence(
  store: Pick<RunStore, 'listRuns' | 'getRecords' | 'getRatings'>,
  summaries: Summarize = summarizeHere,
): Promise<RunEvidence[]> {
  const runs = await store.listRuns();
  return Promise.all(
    runs.map(async (info): Promise<RunEvidence> => {
      if (info.probeId === 'poem') return { info, summary: null, unreadable: false, ratings: readRatings(await store.getRatings(info.id)) };
      const records = await store.getRecords(info.id);
      try {
        return { info, summary: await summaries(info, records), unreadable: false, ratings: [] };
      } catch {
        // The run's own page shows why; here the run simply decides nothing.
        return { info, summary: null, unreadable: true, ratings: [] };
      }
    }),
  );
}

/** The paper's figures for a claim, in CLAIM_FIGURES order (ids missing from the file are skipped). */
export function figuresForClaim(figures: readonly PaperFigure[], claim: ClaimId | 'benchmark'): PaperFigure[] {
  return CLAIM_FIGURES[claim].flatMap((id) => figures.filter((figure) => figure.id === id));
}

/** Fetches and checks public/reference/paper-figures.json. */
export async function loadPaperFigures(url: string, fetchFile: (url: string) => Promise<Response> = (target) => fetch(target)): Promise<PaperFigure[]> {
  const response = await fetchFile(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return parsePaperFigures(await response.json());
}

/**
 * Figures shown together: a run of figures that measure the same thing in the same words (one table of the paper,
 * model by model), or a single figure. The page shows a group's words once.
 */
export function groupFigures(figures: readonly PaperFigure[]): PaperFigure[][] {
  const groups: PaperFigure[][] = [];
  for (const figure of figures) {
    const last = groups.at(-1)?.[0];
    const sameTable =
      last !== undefined &&
      figure.value !== null &&
      last.value !== null &&
      last.measure === figure.measure &&
      last.plainWords === figure.plainWords;
    if (sameTable) groups.at(-1)?.push(figure);
    else groups.push([figure]);
  }
  return groups;
}
