import { describe, expect, it } from 'vitest';
import {
  MORE_VARIED_WHEN,
  PAPER_RATINGS,
  intervalsOverlap,
  poemMetricsData,
  ratingChartData,
  ratingContests,
} from '../../../src/app/charts/poem-charts.ts';
import {
  METRIC_NAMES,
  type PoemEstimate,
  type PoemMetricName,
  type PoemModelSummary,
  type PoemRating,
  type PoemSummary,
  type Vote,
} from '../../../src/core/probes/poem/index.ts';
import type { RunInfo } from '../../../src/core/results/index.ts';
import { MODELS, poemRating, poemSummary } from '../../fixtures/game-poem-runs.ts';

function estimate(value: number, lo: number, hi: number): PoemEstimate {
  return { value, lo, hi, n: 6, interval: 'prompt-bootstrap-95' };
}

function modelSummary(modelId: string, metrics: Partial<Record<PoemMetricName, PoemEstimate>>): PoemModelSummary {
  return {
    modelId,
    poems: 18,
    empty: 1,
    cutAtLength: 2,
    perPrompt: [],
    metrics: Object.fromEntries(METRIC_NAMES.map((name) => [name, metrics[name] ?? null])) as PoemModelSummary['metrics'],
  };
}

const [BASE, INSTRUCT] = MODELS as [RunInfo['models'][number], RunInfo['models'][number]];
const REASONING: RunInfo['models'][number] = { ...INSTRUCT, id: 'reasoning-1b', name: 'Test Reasoning', role: 'reasoning' };

describe('intervalsOverlap', () => {
  it('counts touching intervals as overlapping', () => {
    expect(intervalsOverlap({ lo: 0.1, hi: 0.2 }, { lo: 0.2, hi: 0.3 })).toBe(true);
    expect(intervalsOverlap({ lo: 0.1, hi: 0.2 }, { lo: 0.21, hi: 0.3 })).toBe(false);
    expect(intervalsOverlap({ lo: 0.5, hi: 0.6 }, { lo: 0.1, hi: 0.4 })).toBe(false);
  });
});

describe('poemMetricsData', () => {
  // The instruct model comes first in this run: the comparison still takes the base model as its reference.
  const models = [INSTRUCT, BASE];
  const summary: PoemSummary = {
    models: [
      modelSummary(INSTRUCT.id, {
        distinct1: estimate(0.5, 0.4, 0.6),
        selfBleu: estimate(0.3, 0.2, 0.4),
        compressionRatio: estimate(2.1, 1.9, 2.3),
        words: estimate(40, 35, 45),
        mattr: estimate(0.9, 0.85, 0.95),
      }),
      modelSummary(BASE.id, {
        distinct1: estimate(0.8, 0.7, 0.9),
        selfBleu: estimate(0.1, 0.05, 0.15),
        compressionRatio: estimate(2.0, 1.8, 2.2),
        words: estimate(20, 15, 25),
        mattr: estimate(0.7, 0.65, 0.75),
      }),
    ],
    noveltyCorpus: null,
  };

  it('says which poems are more varied only where the intervals do not overlap, in the direction of each metric', () => {
    const data = poemMetricsData(summary, models);
    const verdict = (metric: PoemMetricName) => data.rows.find((row) => row.metric === metric)?.comparisons[0]?.verdict;
    // Higher distinct-1 is more varied: base.
    expect(verdict('distinct1')).toEqual({ kind: 'more-varied', moreVaried: BASE.id });
    // Lower self-BLEU is more varied: base.
    expect(verdict('selfBleu')).toEqual({ kind: 'more-varied', moreVaried: BASE.id });
    // Higher MATTR is more varied: instruct.
    expect(verdict('mattr')).toEqual({ kind: 'more-varied', moreVaried: INSTRUCT.id });
    expect(verdict('compressionRatio')).toEqual({ kind: 'no-clear-difference' });
    expect(verdict('words')).toEqual({ kind: 'not-a-variety-measure' });
    expect(verdict('distinct2')).toEqual({ kind: 'not-enough-data' });
    const comparison = data.rows[0]?.comparisons[0];
    expect([comparison?.reference.id, comparison?.other.id]).toEqual([BASE.id, INSTRUCT.id]);
  });

  it('keeps the metrics table order, the estimates in model order, and leaves novelty out without a corpus', () => {
    const data = poemMetricsData(summary, models);
    expect(data.rows.map((row) => row.metric)).toEqual(['distinct1', 'distinct2', 'compressionRatio', 'selfBleu', 'longNgramRepetition', 'words', 'mattr']);
    expect(data.rows[0]?.estimates.map((e) => e?.value)).toEqual([0.5, 0.8]);
    expect(data.rows.map((row) => row.moreVariedWhen)).toEqual(data.rows.map((row) => MORE_VARIED_WHEN[row.metric]));
    expect(data.models.map((model) => [model.id, model.kind, model.poems, model.empty, model.cutAtLength])).toEqual([
      [INSTRUCT.id, 'aligned', 18, 1, 2],
      [BASE.id, 'base', 18, 1, 2],
    ]);
    expect(data.noveltyCorpus).toBeNull();
  });

  it('compares the base model with each aligned model', () => {
    const three: PoemSummary = { ...summary, models: [...summary.models, modelSummary(REASONING.id, { distinct1: estimate(0.2, 0.1, 0.3) })] };
    const row = poemMetricsData(three, [INSTRUCT, BASE, REASONING]).rows[0];
    expect(row?.comparisons.map((c) => [c.reference.id, c.other.id, c.verdict])).toEqual([
      [BASE.id, INSTRUCT.id, { kind: 'more-varied', moreVaried: BASE.id }],
      [BASE.id, REASONING.id, { kind: 'more-varied', moreVaried: BASE.id }],
    ]);
  });

  it('shows novelty with its corpus size when there is one', () => {
    const data = poemMetricsData(poemSummary(), MODELS);
    expect(data.noveltyCorpus).toEqual({ texts: 2 });
    expect(data.rows.some((row) => row.metric === 'novelty')).toBe(true);
  });

  it('has empty models and no estimates before the first poem', () => {
    const data = poemMetricsData(null, MODELS);
    expect(data.models.map((model) => model.poems)).toEqual([0, 0]);
    expect(data.rows.every((row) => row.estimates.every((e) => e === null))).toBe(true);
    expect(data.rows.find((row) => row.metric === 'distinct1')?.comparisons[0]?.verdict).toEqual({ kind: 'not-enough-data' });
  });
});

describe('ratingContests', () => {
  it('pits the base model against each aligned one, and has none without a base model', () => {
    expect(ratingContests([INSTRUCT, BASE, REASONING]).map((c) => [c.base.id, c.aligned.id])).toEqual([
      [BASE.id, INSTRUCT.id],
      [BASE.id, REASONING.id],
    ]);
    expect(ratingContests([INSTRUCT, REASONING])).toEqual([]);
  });
});

describe('ratingChartData', () => {
  function rating(i: number, baseLeft: boolean, originality: Vote, pleasantness: Vote, preference: Vote): PoemRating {
    return poemRating(`pair-${i}`, i, baseLeft ? [BASE.id, INSTRUCT.id] : [INSTRUCT.id, BASE.id], { originality, pleasantness, preference });
  }

  it('gives win rates with ties as halves and "both bad" outside N, beside the paper figures', () => {
    const ratings = [
      rating(1, true, 'left', 'right', 'right'),
      rating(2, false, 'right', 'left', 'tie'),
      rating(3, true, 'tie', 'both-bad', 'left'),
    ];
    const [contest] = ratingChartData(ratings, MODELS);
    expect(contest).toMatchObject({ ratings: 3, baseOnLeft: 2 });
    const originality = contest?.criteria.find((c) => c.criterion === 'originality');
    // Base won pairs 1 and 2 and tied pair 3: (2 + ½) / 3.
    expect(originality).toMatchObject({ baseWins: 2, alignedWins: 0, ties: 1, bothBad: 0, n: 3 });
    expect(originality?.baseWinRate?.value).toBeCloseTo(2.5 / 3, 12);
    const pleasantness = contest?.criteria.find((c) => c.criterion === 'pleasantness');
    expect(pleasantness).toMatchObject({ baseWins: 0, alignedWins: 2, ties: 0, bothBad: 1, n: 2 });
    expect(contest?.criteria.map((c) => c.criterion)).toEqual(['originality', 'pleasantness', 'preference']);
    expect(contest?.correlations.map((row) => [row.criterion, row.paper, row.yours.rho])).toEqual([
      ['originality', -0.08, null],
      ['pleasantness', 0.34, null],
    ]);
    expect(PAPER_RATINGS.originalityContestsWonByBase).toEqual({ count: 4, outOf: 4, comparisons: 720 });
  });
});
