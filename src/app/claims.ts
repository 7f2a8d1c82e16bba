// The Claims page's verdicts: does each claim of West & Potts (2025) hold for the runs stored in this browser? Each
// rule sets a model's interval against another model's interval or a reference value and decides only when they do
// not overlap, so a point estimate alone never decides. A verdict is about the user's own models and runs, not a
// replication of the paper. The page states every rule in words; keep them in step with `decideAgainst` below.
import type { ModelRole } from '../core/model.ts';
import type { GameSummary } from '../core/probes/game-probe.ts';
import type { ProbeId } from '../core/probes/index.ts';
import { checkRating, summarizeRatings, type PoemRating } from '../core/probes/poem/ratings.ts';
import type { Estimate } from '../core/probes/probe.ts';
import type { Rng010Summary } from '../core/probes/rng-0-10/index.ts';
import { CHANCE } from '../core/probes/rng-sequence/analysis.ts';
import type { RngSequenceSummary } from '../core/probes/rng-sequence/index.ts';
import { parsePaperFigures, type PaperFigure } from '../core/reference/paper-figures.ts';
import type { RunInfo, RunModelInfo } from '../core/results/index.ts';
import type { RunStore } from '../store/runs.ts';
import { summarizeHere, type Summarize } from './summaries.ts';

/**
 * The claims the lab can test: the home page's four (seven, repeats, games, poems) and the stage-wise one. The paper's
 * benchmark trade-off is not here: testing it needs leaderboard scores for many models, which the lab does not measure.
 */
export const CLAIM_IDS = ['seven', 'repeats', 'games', 'poems', 'stages'] as const;
export type ClaimId = (typeof CLAIM_IDS)[number];

export type Verdict = 'supported' | 'not-supported' | 'not-enough-evidence';

/** The number each claim's verdict reads. */
export type ClaimMeasure = 'p-seven' | 'mean-repeats' | 'net-score' | 'originality-win-rate' | 'distance-from-uniform';

/** The experiments whose runs speak to each claim. */
export const CLAIM_PROBES: Readonly<Record<ClaimId, readonly ProbeId[]>> = {
  seven: ['rng-0-10'],
  repeats: ['rng-sequence'],
  games: ['rps', 'hide-and-seek'],
  poems: ['poem'],
  stages: ['rng-0-10'],
};

export const CLAIM_MEASURES: Readonly<Record<ClaimId, ClaimMeasure>> = {
  seven: 'p-seven',
  repeats: 'mean-repeats',
  games: 'net-score',
  poems: 'originality-win-rate',
  stages: 'distance-from-uniform',
};

/**
 * What a fair player gets on each claim's measure: P("7") = 1/11; 3.24 repeats in ten fair draws from 0 … 10; a net
 * score of 0 for uniform play; an even split of blind votes; distance 0 from uniform.
 */
export const CLAIM_REFERENCES: Readonly<Record<ClaimId, number>> = {
  seven: 1 / 11,
  repeats: CHANCE.meanRepeats,
  games: 0,
  poems: 0.5,
  stages: 0,
};

/** The paper's reported figures shown beside each claim (ids in public/reference/paper-figures.json), in order. */
export const CLAIM_FIGURES: Readonly<Record<ClaimId | 'benchmark', readonly string[]>> = {
  seven: ['abstract-aligned-prefer-seven', 'seven-bias-starts-in-base', 'chi-square-llama-3.1-8b-base', 'chi-square-aligned-8b-range'],
  repeats: ['aligned-avoid-repeats', 'repeat-mode-llama-3.1-base', 'repeat-mode-aligned'],
  games: [
    'abstract-predictable-in-game-states',
    'rps-net-score-llama-3.1-70b-base',
    'rps-net-score-llama-3.1-70b-instruct',
    'hide-and-seek-score-llama-3.1-70b-base',
    'hide-and-seek-score-llama-3.1-70b-instruct',
  ],
  poems: ['abstract-pleasant-over-original', 'poem-originality-wins-base', 'poem-rho-originality-preference', 'poem-rho-pleasantness-preference'],
  stages: [
    'chi-square-llama-3.1-8b-base',
    'chi-square-tulu-3-8b-sft',
    'chi-square-tulu-3-8b-dpo',
    'chi-square-tulu-3-8b-full',
    'chi-square-llama-3.1-70b-base',
    'chi-square-tulu-3-70b-sft',
    'chi-square-tulu-3-70b-dpo',
    'chi-square-tulu-3-70b-full',
  ],
  benchmark: ['abstract-benchmark-trade-off'],
};

/** The checkpoints of the stage-wise claim, in training order: each later one has had more training after the base. */
export const STAGE_ORDER: readonly ModelRole[] = ['base', 'instruct', 'reasoning'];

/**
 * Why a run gives no verdict either way. "no-data": a model has no valid answers (or rounds) yet. "unreadable": the
 * stored records could not be summarised. "no-ratings": no blind ratings of the pair yet. "overlap": the intervals
 * overlap.
 */
export type EvidenceGap = 'no-data' | 'unreadable' | 'no-ratings' | 'overlap';

/** One number behind a verdict. */
export interface EvidenceRow {
  /** The model the number is about; for poem ratings, the base model. */
  model: RunModelInfo;
  /** For poem ratings: the aligned model the base model's poems were rated against. Otherwise null. */
  against: RunModelInfo | null;
  /** Null when the run has nothing to measure yet. */
  estimate: Estimate | null;
}

/** What one run says about one claim, for one aligned model (or, for the stage-wise claim, one ladder of models). */
export interface Assessment {
  claim: ClaimId;
  run: RunInfo;
  measure: ClaimMeasure;
  /** Base first, then the aligned model(s) in training order. */
  rows: EvidenceRow[];
  verdict: Verdict;
  /** Set exactly when the verdict is "not-enough-evidence". */
  gap: EvidenceGap | null;
}

export interface ClaimResult {
  claim: ClaimId;
  verdict: Verdict;
  /** Some runs support the claim and others contradict it (the verdict is then "not-enough-evidence"). */
  mixed: boolean;
  /** In the order of the runs given (the most recently changed first, as the store lists them). */
  assessments: Assessment[];
}

/** A stored run with what the verdicts read. */
export interface RunEvidence {
  info: RunInfo;
  /** The probe's summary of the stored records (see `summarize`); null without records, and for poem runs. */
  summary: unknown;
  /** The records could not be summarised (they do not fit the run, e.g. a damaged import). */
  unreadable: boolean;
  /** Poem runs: the blind ratings of their pairs. Empty for other probes. */
  ratings: PoemRating[];
}

/** The interval of a fixed reference value: the value itself. */
type Bound = Pick<Estimate, 'lo' | 'hi'>;

function asBound(value: Estimate | number): Bound {
  return typeof value === 'number' ? { lo: value, hi: value } : value;
}

/**
 * The core rule. `direction` is the side the claim predicts for `subject`: "above" (e.g. the aligned model's P(7))
 * or "below" (e.g. its net score). Supported when the subject's interval lies wholly beyond every other interval on
 * that side; not supported when it lies at or beyond any one of them on the other side; otherwise (an overlap) not
 * enough evidence. Reference values are intervals of width 0. Exact values (from the logits) are intervals of width
 * 0 too, so two exact values always decide.
 */
export function decideAgainst(subject: Estimate, others: readonly (Estimate | number)[], direction: 'above' | 'below'): Verdict {
  const beyond = (a: Bound, b: Bound): boolean => (direction === 'above' ? a.lo > b.hi : a.hi < b.lo);
  const atOrShort = (a: Bound, b: Bound): boolean => (direction === 'above' ? a.hi <= b.lo : a.lo >= b.hi);
  const bounds = others.map(asBound);
  if (bounds.every((other) => beyond(subject, other))) return 'supported';
  if (bounds.some((other) => atOrShort(subject, other))) return 'not-supported';
  return 'not-enough-evidence';
}

/** Several runs' verdicts on one claim: any contradiction outweighs none, and a conflict decides nothing. */
export function combineVerdicts(verdicts: readonly Verdict[]): { verdict: Verdict; mixed: boolean } {
  const supported = verdicts.includes('supported');
  const contradicted = verdicts.includes('not-supported');
  if (supported && contradicted) return { verdict: 'not-enough-evidence', mixed: true };
  if (supported) return { verdict: 'supported', mixed: false };
  if (contradicted) return { verdict: 'not-supported', mixed: false };
  return { verdict: 'not-enough-evidence', mixed: false };
}

function baseOf(run: RunInfo): RunModelInfo | undefined {
  return run.models.find((model) => model.role === 'base');
}

function alignedOf(run: RunInfo): RunModelInfo[] {
  return run.models.filter((model) => model.role !== 'base');
}

/** An assessment from estimates that may be missing: missing ones give no verdict, and say why. */
function assess(
  claim: ClaimId,
  evidence: RunEvidence,
  rows: EvidenceRow[],
  decide: (estimates: Estimate[]) => Verdict,
  missing: EvidenceGap = 'no-data',
): Assessment {
  const base = { claim, run: evidence.info, measure: CLAIM_MEASURES[claim], rows };
  const estimates = rows.map((row) => row.estimate);
  if (!estimates.every((estimate): estimate is Estimate => estimate !== null)) {
    return { ...base, verdict: 'not-enough-evidence', gap: evidence.unreadable ? 'unreadable' : missing };
  }
  const verdict = decide(estimates);
  return { ...base, verdict, gap: verdict === 'not-enough-evidence' ? 'overlap' : null };
}

/**
 * Base against each aligned model of a run, on a per-model estimate. The summary types are the probe's own:
 * `summarize` dispatches on the run's probe id, which the callers have checked.
 */
function pairwise(
  claim: ClaimId,
  evidence: RunEvidence,
  estimateOf: (modelId: string) => Estimate | null,
  direction: 'above' | 'below',
): Assessment[] {
  const base = baseOf(evidence.info);
  if (!base || !CLAIM_PROBES[claim].includes(evidence.info.probeId)) return [];
  return alignedOf(evidence.info).map((aligned) =>
    assess(
      claim,
      evidence,
      [
        { model: base, against: null, estimate: estimateOf(base.id) },
        { model: aligned, against: null, estimate: estimateOf(aligned.id) },
      ],
      ([baseEstimate, alignedEstimate]) =>
        decideAgainst(alignedEstimate as Estimate, [baseEstimate as Estimate, CLAIM_REFERENCES[claim]], direction),
    ),
  );
}

/** Seven: the aligned model's P("7") lies above both 1/11 and the base model's. */
function assessSeven(evidence: RunEvidence): Assessment[] {
  const summary = evidence.summary as Rng010Summary | null;
  const pSeven = (modelId: string) => summary?.models.find((model) => model.modelId === modelId)?.measures?.pSeven ?? null;
  return pairwise('seven', evidence, pSeven, 'above');
}

/** Repeats: the aligned model's mean repeats per list of ten lies below both chance's 3.24 and the base model's. */
function assessRepeats(evidence: RunEvidence): Assessment[] {
  const summary = evidence.summary as RngSequenceSummary | null;
  const meanRepeats = (modelId: string) => summary?.models.find((model) => model.modelId === modelId)?.measures?.meanRepeats ?? null;
  return pairwise('repeats', evidence, meanRepeats, 'below');
}

/** Games: the aligned model's net score per 100 rounds lies below both uniform play's 0 and the base model's. */
function assessGames(evidence: RunEvidence): Assessment[] {
  const summary = evidence.summary as GameSummary | null;
  const netScore = (modelId: string) => summary?.models.find((model) => model.modelId === modelId)?.measures?.netScorePer100 ?? null;
  return pairwise('games', evidence, netScore, 'below');
}

/** Poems: in the reader's blind votes, the base model's originality win rate against the aligned one lies above ½. */
function assessPoems(evidence: RunEvidence): Assessment[] {
  const base = baseOf(evidence.info);
  if (!base || evidence.info.probeId !== 'poem') return [];
  return alignedOf(evidence.info).map((aligned) => {
    const ratings = summarizeRatings(evidence.ratings, { base: base.id, aligned: aligned.id });
    const row: EvidenceRow = { model: base, against: aligned, estimate: ratings.criteria.originality.baseWinRate };
    return assess('poems', evidence, [row], ([winRate]) => decideAgainst(winRate as Estimate, [CLAIM_REFERENCES.poems], 'above'), 'no-ratings');
  });
}

/**
 * Stages: in a run with a base, an instruct and a reasoning model, each later checkpoint's distance from a fair pick
 * (total variation) lies above the one before it. Not supported when a later one's lies at or below its predecessor's.
 */
function assessStages(evidence: RunEvidence): Assessment[] {
  if (evidence.info.probeId !== 'rng-0-10') return [];
  const ladder = STAGE_ORDER.map((role) => evidence.info.models.find((model) => model.role === role));
  if (!ladder.every((model): model is RunModelInfo => model !== undefined)) return [];
  const summary = evidence.summary as Rng010Summary | null;
  const rows = ladder.map((model) => ({
    model,
    against: null,
    estimate: summary?.models.find((candidate) => candidate.modelId === model.id)?.measures?.totalVariation ?? null,
  }));
  return [
    assess('stages', evidence, rows, (estimates) => {
      const steps = estimates.slice(1).map((later, i) => decideAgainst(later, [estimates[i] as Estimate], 'above'));
      if (steps.includes('not-supported')) return 'not-supported';
      return steps.every((step) => step === 'supported') ? 'supported' : 'not-enough-evidence';
    }),
  ];
}

const ASSESSORS: Readonly<Record<ClaimId, (evidence: RunEvidence) => Assessment[]>> = {
  seven: assessSeven,
  repeats: assessRepeats,
  games: assessGames,
  poems: assessPoems,
  stages: assessStages,
};

/**
 * Every claim's verdict from the stored runs. A run speaks to a claim only if it has a base model and an aligned one
 * (for the stage-wise claim: a base, an instruct and a reasoning model).
 */
export function assessClaims(evidence: readonly RunEvidence[]): ClaimResult[] {
  return CLAIM_IDS.map((claim) => {
    const assessments = evidence.flatMap(ASSESSORS[claim]);
    return { claim, ...combineVerdicts(assessments.map((assessment) => assessment.verdict)), assessments };
  });
}

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
