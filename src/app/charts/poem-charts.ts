// The data behind the poem views: the text metrics per model with a comparison of base and aligned on each, and
// the blind ratings' win rates per contest beside the paper's figures. Plain values, so the elements only word them.
import {
  METRIC_NAMES,
  PAPER_SPEARMAN,
  RATING_CRITERIA,
  summarizeRatings,
  type CriterionSummary,
  type IdentificationSummary,
  type PoemEstimate,
  type PoemMetricName,
  type PoemRating,
  type PoemSummary,
  type RatingCorrelation,
  type RatingCriterion,
} from '../../core/probes/poem/index.ts';
import type { RunInfo } from '../../core/results/index.ts';
import { chartModel, type ChartModel } from './game-charts.ts';

// ---------------------------------------------------------------------------------------------------------------
// Text metrics

/** Length and MATTR describe single poems, not how a model's poems differ from each other. */
const PER_POEM_METRICS: readonly PoemMetricName[] = ['words', 'mattr'];

/** The order of the metrics table: the measures across a model's poems first, then length and MATTR. */
export const POEM_METRIC_ORDER: readonly PoemMetricName[] = [
  ...METRIC_NAMES.filter((metric) => !PER_POEM_METRICS.includes(metric)),
  ...PER_POEM_METRICS,
];

/**
 * Which way a metric points to more varied poems: distinct-n, MATTR and novelty grow with variety; compression ratio,
 * self-BLEU and long n-gram repetition grow with repetition. Length says nothing about variety (null).
 */
export const MORE_VARIED_WHEN: Readonly<Record<PoemMetricName, 'higher' | 'lower' | null>> = {
  distinct1: 'higher',
  distinct2: 'higher',
  compressionRatio: 'lower',
  selfBleu: 'lower',
  longNgramRepetition: 'lower',
  novelty: 'higher',
  words: null,
  mattr: 'higher',
};

export type VarietyVerdict =
  /** The intervals do not overlap: `moreVaried` wrote the more varied poems on this metric. */
  | { kind: 'more-varied'; moreVaried: string }
  /** The intervals overlap. */
  | { kind: 'no-clear-difference' }
  /** One of the two has no value yet (fewer than two topics with poems). */
  | { kind: 'not-enough-data' }
  /** Length: not a measure of variety. */
  | { kind: 'not-a-variety-measure' };

export interface PoemComparison {
  /** The base model (or, in a run without one, the first model). */
  reference: ChartModel;
  other: ChartModel;
  verdict: VarietyVerdict;
}

export interface PoemMetricRow {
  metric: PoemMetricName;
  moreVariedWhen: 'higher' | 'lower' | null;
  /** One per model, in run order; null until two topics have a value. */
  estimates: (PoemEstimate | null)[];
  comparisons: PoemComparison[];
}

export interface PoemMetricsModel extends ChartModel {
  /** Poems written, empty ones included. */
  poems: number;
  empty: number;
  cutAtLength: number;
}

export interface PoemMetricsData {
  models: PoemMetricsModel[];
  /** Novelty is left out when no reference corpus was given. */
  rows: PoemMetricRow[];
  /** The public-domain poems novelty was measured against; null when they were not available. */
  noveltyCorpus: { texts: number } | null;
}

export function intervalsOverlap(a: Pick<PoemEstimate, 'lo' | 'hi'>, b: Pick<PoemEstimate, 'lo' | 'hi'>): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

function verdictOf(
  metric: PoemMetricName,
  reference: { model: ChartModel; estimate: PoemEstimate | null },
  other: { model: ChartModel; estimate: PoemEstimate | null },
): VarietyVerdict {
  const direction = MORE_VARIED_WHEN[metric];
  if (direction === null) return { kind: 'not-a-variety-measure' };
  if (!reference.estimate || !other.estimate) return { kind: 'not-enough-data' };
  if (intervalsOverlap(reference.estimate, other.estimate)) return { kind: 'no-clear-difference' };
  const referenceHigher = reference.estimate.value > other.estimate.value;
  const referenceMoreVaried = direction === 'higher' ? referenceHigher : !referenceHigher;
  return { kind: 'more-varied', moreVaried: referenceMoreVaried ? reference.model.id : other.model.id };
}

export function poemMetricsData(summary: PoemSummary | null, models: RunInfo['models']): PoemMetricsData {
  const chartModels = models.map(chartModel);
  const own = chartModels.map((model) => summary?.models.find((candidate) => candidate.modelId === model.id) ?? null);
  const referenceIndex = Math.max(0, chartModels.findIndex((model) => model.kind === 'base'));
  const metrics = POEM_METRIC_ORDER.filter((metric) => metric !== 'novelty' || summary?.noveltyCorpus);
  const rows = metrics.map((metric): PoemMetricRow => {
    const estimates = own.map((model) => model?.metrics[metric] ?? null);
    const reference = chartModels[referenceIndex];
    const comparisons = reference
      ? chartModels.flatMap((other, i): PoemComparison[] =>
          i === referenceIndex
            ? []
            : [
                {
                  reference,
                  other,
                  verdict: verdictOf(
                    metric,
                    { model: reference, estimate: estimates[referenceIndex] ?? null },
                    { model: other, estimate: estimates[i] ?? null },
                  ),
                },
              ],
        )
      : [];
    return { metric, moreVariedWhen: MORE_VARIED_WHEN[metric], estimates, comparisons };
  });
  return {
    models: chartModels.map((model, i) => ({
      ...model,
      poems: own[i]?.poems ?? 0,
      empty: own[i]?.empty ?? 0,
      cutAtLength: own[i]?.cutAtLength ?? 0,
    })),
    rows,
    noveltyCorpus: summary?.noveltyCorpus ? { texts: summary.noveltyCorpus.texts } : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Blind ratings

/** One contest: the base model against one aligned model (a run with several aligned models has several). */
export interface RatingContest {
  base: ChartModel;
  aligned: ChartModel;
}

/** The run's base model against each of its aligned models; none without a base model or an aligned one. */
export function ratingContests(models: RunInfo['models']): RatingContest[] {
  const chartModels = models.map(chartModel);
  const base = chartModels.find((model) => model.kind === 'base');
  if (!base) return [];
  return chartModels.filter((model) => model.kind !== 'base').map((aligned) => ({ base, aligned }));
}

/**
 * The paper's rating figures, from secondary summaries (public/reference/paper-figures.json, ids
 * "poem-originality-wins-base", "poem-rho-originality-preference", "poem-rho-pleasantness-preference"): not checked
 * against the paper.
 */
export const PAPER_RATINGS = {
  /** The base model won on originality against each of the 4 aligned versions, in 720 comparisons in all. */
  originalityContestsWonByBase: { count: 4, outOf: 4, comparisons: 720 },
  spearman: PAPER_SPEARMAN,
  reliability: 'secondary-source',
} as const;

export interface RatingCorrelationRow {
  criterion: 'originality' | 'pleasantness';
  /** The reader's own Spearman ρ between this criterion and overall preference. */
  yours: RatingCorrelation;
  paper: number;
}

export interface RatingContestData extends RatingContest {
  ratings: number;
  baseOnLeft: number;
  /** How often the reader told which poem the base model wrote: whether the rating was blind. */
  identification: IdentificationSummary;
  /** In RATING_CRITERIA order. */
  criteria: (CriterionSummary & { criterion: RatingCriterion })[];
  correlations: RatingCorrelationRow[];
}

export function ratingChartData(ratings: readonly PoemRating[], models: RunInfo['models']): RatingContestData[] {
  return ratingContests(models).map((contest) => {
    const summary = summarizeRatings(ratings, { base: contest.base.id, aligned: contest.aligned.id });
    return {
      ...contest,
      ratings: summary.ratings,
      baseOnLeft: summary.baseOnLeft,
      identification: summary.identification,
      criteria: RATING_CRITERIA.map((criterion) => ({ criterion, ...summary.criteria[criterion] })),
      correlations: [
        { criterion: 'originality', yours: summary.correlations.originalityPreference, paper: PAPER_SPEARMAN.originalityPreference },
        { criterion: 'pleasantness', yours: summary.correlations.pleasantnessPreference, paper: PAPER_SPEARMAN.pleasantnessPreference },
      ],
    };
  });
}
