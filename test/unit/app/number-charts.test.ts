// The number charts' data adapters against values worked out by hand (and, for the Dirichlet marginals, against
// jstat's Beta quantiles): rng-0-10 in sampled and exact mode, rng-sequence, the paper's figures and their loader.
import { readFileSync } from 'node:fs';
import { answerIntervals } from '../../../src/core/probes/rng-0-10/index.ts';
import { describe, expect, it, vi } from 'vitest';
import {
  answerChartData,
  answerHeadline,
  chartFigures,
  chartModels,
  PaperFiguresLoader,
  repeatsChartData,
  repeatsHeadline,
  seriesKindOf,
} from '../../../src/app/charts/number-charts.ts';
import { RNG_0_10, type Rng010Record } from '../../../src/core/probes/rng-0-10/index.ts';
import { RNG_SEQUENCE, type RngSequenceRecord } from '../../../src/core/probes/rng-sequence/index.ts';
import { parsePaperFigures, type PaperFigure } from '../../../src/core/reference/paper-figures.ts';
import { wilsonInterval } from '../../../src/core/stats/index.ts';
import { jStat } from '../core/stats/jstat-reference.ts';
import { MODELS } from '../../support/builders.ts';

const IDS = MODELS.map((model) => model.id);

function answer(modelId: string, index: number, value: number | null): Rng010Record {
  return {
    probeId: 'rng-0-10',
    modelId,
    index,
    kind: 'sample',
    text: String(value),
    answer: value,
    invalid: value === null ? 'no-answer' : null,
  };
}

function sequence(modelId: string, index: number, numbers: number[]): RngSequenceRecord {
  return { probeId: 'rng-sequence', modelId, index, kind: 'sample', text: numbers.join(', '), numbers, invalid: null };
}

describe('models as charts draw them', () => {
  it('draws base as base, instruct as aligned and reasoning as reasoning', () => {
    expect(seriesKindOf('base')).toBe('base');
    expect(seriesKindOf('instruct')).toBe('aligned');
    expect(seriesKindOf('reasoning')).toBe('reasoning');
    expect(chartModels(MODELS)).toEqual([
      { id: 'base-id', name: 'Test 3B Base', role: 'base', kind: 'base' },
      { id: 'instruct-id', name: 'Test 3B Instruct', role: 'instruct', kind: 'aligned' },
    ]);
  });
});

describe('answerChartData (rng-0-10)', () => {
  it('before the first record: every model waiting, and an axis that still reaches the fair share', () => {
    const data = answerChartData(null, MODELS);
    expect(data.series.map((series) => [series.model.name, series.results])).toEqual([
      ['Test 3B Base', null],
      ['Test 3B Instruct', null],
    ]);
    expect(data.uniformShare).toBeCloseTo(1 / 11, 15);
    expect(data.maxValue).toBeCloseTo(1 / 11, 15);
    expect(answerHeadline(data)).toEqual({ models: [], waiting: data.series.map((series) => series.model), uniformShare: data.uniformShare });
  });

  it('sampled: shares of the valid answers, the invalid share as "other", χ² estimated for N = 1,500 without bias', () => {
    // Base answered 7, 7, 3, (invalid), 10: four valid answers; the instruct model has none yet.
    const params = { ...RNG_0_10.defaultParams, mode: 'sampled' as const, n: 4 };
    const records = [answer('base-id', 0, 7), answer('base-id', 1, 7), answer('base-id', 2, 3), answer('base-id', 3, null), answer('base-id', 4, 10)];
    const summary = RNG_0_10.summarize(records, params, IDS);
    const data = answerChartData(summary, MODELS);
    const [base, instruct] = data.series;
    const results = base?.results;
    if (!results) throw new Error('the base model has answers');
    expect(results.mode).toBe('sampled');
    expect(results.bars.map((bar) => bar.share)).toEqual([0, 0, 0, 0.25, 0, 0, 0, 0.5, 0, 0, 0.25]);
    expect(results.validAnswers).toBe(4);
    expect(base?.otherShare).toBeCloseTo(1 / 5, 15);
    expect(base?.attempts).toBe(5);
    // χ² = Σ o² / e − n with e = 4/11: (4 + 1 + 1) · 11/4 − 4 = 12.5. For N = 1,500 it is estimated without bias as
    // 10 + (12.5 − 10) · 1,499 / 3 (not 12.5 / 4 · 1,500, which inflates a fair source's noise 375-fold).
    expect(results.chiSquare.atPaperN.value).toBeCloseTo(10 + (2.5 * 1499) / 3, 9);
    expect(results.chiSquare.atPaperN).toMatchObject({ n: 4, interval: 'u-statistic-95' });
    expect(results.chiSquare.sampleRange).toBeNull();
    expect(results.chiSquare.measured?.n).toBe(4);
    expect(results.chiSquare.measured?.statistic).toBeCloseTo(12.5, 12);
    // Its test against a fair pick is the exact multinomial test: four answers have few enough outcomes to list.
    expect(results.chiSquare.measured).toMatchObject({ test: 'exact', pValue: summary.models[0]?.measures?.goodnessOfFit?.multinomial.pValue });
    // The bar of 7 carries the headline's own interval, so the whisker and the sentence agree.
    expect(results.bars[7]?.interval).toEqual({ lo: results.pSeven.lo, hi: results.pSeven.hi });
    expect(results.pSeven.value).toBe(0.5);
    expect(results.pSeven.n).toBe(4);
    expect(instruct?.results).toBeNull();
    expect(data.maxValue).toBe(Math.max(...results.bars.map((bar) => Math.max(bar.share, bar.interval?.hi ?? 0))));
    expect(data.maxValue).toBeGreaterThan(0.5);
    const headline = answerHeadline(data);
    expect(headline.models).toEqual([{ model: base?.model, pSeven: results.pSeven }]);
    expect(headline.waiting).toEqual([instruct?.model]);
  });

  it('sampled: each answer’s whisker is the Jeffreys posterior marginal, Beta(c + ½, n − c + 5), computed exactly', () => {
    const counts = [30, 20, 25, 10, 40, 35, 15, 150, 28, 22, 25];
    const n = counts.reduce((sum, count) => sum + count, 0);
    const intervals = answerIntervals(counts);
    for (const [index, count] of counts.entries()) {
      // The marginal of Dirichlet(counts + ½) for one answer is Beta(c + ½, n − c + 10 · ½).
      expect(intervals[index]?.lo).toBeCloseTo(jStat.beta.inv(0.025, count + 0.5, n - count + 5), 9);
      expect(intervals[index]?.hi).toBeCloseTo(jStat.beta.inv(0.975, count + 0.5, n - count + 5), 9);
    }
  });

  it('exact: shares renormalised over 0 … 10 with no whiskers, P(other) as read, χ² expected at N = 1,500', () => {
    const probabilities = Array.from({ length: 11 }, (_, value) => (value === 7 ? 0.4 : 0.04));
    const record: Rng010Record = {
      probeId: 'rng-0-10',
      modelId: 'instruct-id',
      index: 0,
      kind: 'distribution',
      probabilities,
      other: 0.2,
      forwardPasses: 3,
      prefillTokens: 60,
    };
    const summary = RNG_0_10.summarize([record], RNG_0_10.defaultParams, IDS);
    const data = answerChartData(summary, MODELS);
    const results = data.series[1]?.results;
    if (!results) throw new Error('the instruct model has a distribution');
    // 0.4 / 0.8 = 0.5 for 7 and 0.04 / 0.8 = 0.05 for each other answer.
    expect(results.bars[7]?.share).toBeCloseTo(0.5, 12);
    expect(results.bars[0]?.share).toBeCloseTo(0.05, 12);
    expect(results.bars.every((bar) => bar.interval === null)).toBe(true);
    expect(results.pSeven).toEqual({ value: results.bars[7]?.share, lo: results.bars[7]?.share, hi: results.bars[7]?.share, n: null, interval: 'exact' });
    expect(data.series[1]?.otherShare).toBe(0.2);
    expect(data.series[1]?.attempts).toBeNull();
    expect(results.chiSquare.measured).toBeNull();
    const measures = summary.models[1]?.measures;
    expect(results.chiSquare.atPaperN).toEqual(measures?.chiSquareAtPaperN);
    expect(results.chiSquare.atPaperN.interval).toBe('exact');
    expect(results.chiSquare.sampleRange?.lo).toBeLessThan(results.chiSquare.atPaperN.value);
    expect(results.chiSquare.sampleRange?.hi).toBeGreaterThan(results.chiSquare.atPaperN.value);
    expect(results.validAnswers).toBeNull();
    expect(data.maxValue).toBeCloseTo(0.5, 12);
  });

  it('matches summaries to models by id, in the run’s order', () => {
    const params = { ...RNG_0_10.defaultParams, mode: 'sampled' as const, n: 1 };
    const summary = RNG_0_10.summarize([answer('instruct-id', 0, 7)], params, IDS);
    const data = answerChartData(summary, [...MODELS].reverse());
    expect(data.series.map((series) => series.model.id)).toEqual(['instruct-id', 'base-id']);
    expect(data.series[0]?.results?.bars[7]?.share).toBe(1);
    expect(data.series[1]?.results).toBeNull();
  });
});

describe('repeatsChartData (rng-sequence)', () => {
  // 0 repeats (ten different numbers); 5 repeats and 5 equal neighbours; 7 repeats (only 1, 2 and 3) and none adjacent.
  const SEQUENCES = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [0, 0, 1, 1, 2, 2, 3, 3, 4, 4],
    [1, 2, 3, 1, 2, 3, 1, 2, 3, 1],
  ];

  it('before the first record: the exact chance distribution only', () => {
    const data = repeatsChartData(null, MODELS);
    expect(data.series.every((series) => series.results === null && series.mode === null)).toBe(true);
    expect(data.chance.repeatHistogram).toHaveLength(10);
    expect(data.chance.repeatHistogram.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    // Ten different numbers of eleven: 11! / (1! · 11^10) = 39,916,800 / 25,937,424,601.
    expect(data.chance.pNoRepeats).toBeCloseTo(39916800 / 25937424601, 15);
    expect(data.chance.modeRepeats).toBe(3);
    expect(data.chance.adjacentRepeatRate).toBeCloseTo(1 / 11, 15);
    expect(data.maxValue).toBe(Math.max(...data.chance.repeatHistogram));
    expect(repeatsHeadline(data)).toEqual({
      chanceMode: 3,
      chancePNoRepeats: data.chance.pNoRepeats,
      models: [],
      waiting: data.series.map((series) => series.model),
    });
  });

  it('gives each repeat count’s share with its Wilson interval, the mode, mean and rates', () => {
    const params = { ...RNG_SEQUENCE.defaultParams, mode: 'sampled' as const, n: 3 };
    const records = SEQUENCES.map((numbers, index) => sequence('instruct-id', index, numbers));
    const data = repeatsChartData(RNG_SEQUENCE.summarize(records, params, IDS), MODELS);
    const [base, instruct] = data.series;
    expect(base?.results).toBeNull();
    const results = instruct?.results;
    if (!results) throw new Error('the instruct model has sequences');
    expect(results.bars.map((bar) => bar.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
    expect(results.bars[5]?.share).toBeCloseTo(1 / 3, 15);
    expect(results.bars[5]?.interval).toEqual(wilsonInterval(1, 3));
    expect(results.bars[1]?.interval).toEqual(wilsonInterval(0, 3));
    // Ties between 0, 5 and 7 go to the smallest; mean (0 + 5 + 7) / 3 = 4; five equal neighbours of 27 pairs.
    expect(results.modeRepeats).toBe(0);
    expect(results.meanRepeats.value).toBeCloseTo(4, 12);
    expect(results.meanRepeats.n).toBe(3);
    expect(results.pNoRepeats.value).toBeCloseTo(1 / 3, 15);
    expect(results.adjacentRepeatRate.value).toBeCloseTo(5 / 27, 15);
    expect(results.adjacentRepeatRate.n).toBe(27);
    expect(results.validSequences).toBe(3);
    expect(instruct?.mode).toBe('sampled');
    expect(instruct?.attempts).toBe(3);
    expect(instruct?.otherShare).toBe(0);
    // Three lists with a mean of 4 repeats: the primary measure gives no sign of avoiding repeats.
    expect(results.avoidsRepeats).toBe(false);
    expect(data.maxValue).toBeCloseTo(wilsonInterval(1, 3).hi, 15);
    expect(repeatsHeadline(data).models).toEqual([{ model: instruct?.model, modeRepeats: 0, meanRepeats: results.meanRepeats }]);
    expect(repeatsHeadline(data).waiting).toEqual([base?.model]);
  });
});

describe('the paper’s figures beside the charts', () => {
  const file = JSON.parse(readFileSync(new URL('../../../public/reference/paper-figures.json', import.meta.url), 'utf8')) as unknown;
  const figures = parsePaperFigures(file);

  it('shows rng-0-10 the per-model χ² figures (not the ranges that restate them)', () => {
    const groups = chartFigures(figures, 'rng-0-10');
    expect(groups.map((group) => group.reliability)).toEqual(['secondary-source']);
    const shown = groups[0]?.figures ?? [];
    expect(shown.map((figure) => figure.id)).toEqual(figures.filter((figure) => figure.id.startsWith('chi-square-') && !figure.id.endsWith('-range')).map((figure) => figure.id));
    expect(shown.find((figure) => figure.id === 'chi-square-llama-3.1-8b-instruct')?.value).toEqual({ kind: 'number', value: 115.1 });
  });

  it('shows rng-sequence the most common repeat counts only', () => {
    const groups = chartFigures(figures, 'rng-sequence');
    expect(groups.flatMap((group) => group.figures.map((figure) => [figure.id, figure.value]))).toEqual([
      ['repeat-mode-llama-3.1-base', { kind: 'number', value: 3 }],
      ['repeat-mode-aligned', { kind: 'number', value: 0 }],
    ]);
  });

  it('puts quoted figures under their own label, before secondary ones, and never another probe’s', () => {
    const figure = (id: string, reliability: PaperFigure['reliability'], probeIds: PaperFigure['probeIds']): PaperFigure => ({
      id,
      measure: 'repeat-mode',
      plainWords: 'x',
      probeIds,
      model: 'M',
      modelKind: 'base',
      value: { kind: 'number', value: 1 },
      n: null,
      reliability,
      source: 's',
      ja: { plainWords: 'x', source: 's' },
    });
    const groups = chartFigures(
      [figure('a', 'secondary-source', ['rng-sequence']), figure('b', 'quoted-from-paper', ['rng-sequence']), figure('c', 'quoted-from-paper', ['poem'])],
      'rng-sequence',
    );
    expect(groups.map((group) => [group.reliability, group.figures.map((one) => one.id)])).toEqual([
      ['quoted-from-paper', ['b']],
      ['secondary-source', ['a']],
    ]);
  });

  it('loads once per address, keeps only the latest load, and prefers figures it is given', async () => {
    const host = { requestUpdate: vi.fn() };
    const pending = new Map<string, (response: Response) => void>();
    const fetchFile = vi.fn((url: string) => new Promise<Response>((resolve) => pending.set(url, resolve)));
    const loader = new PaperFiguresLoader(host, fetchFile);

    const first = loader.use(null, 'first.json');
    void loader.use(null, 'first.json');
    expect(fetchFile).toHaveBeenCalledTimes(1);
    expect(loader.state).toEqual({ status: 'loading' });

    const second = loader.use(null, 'second.json');
    pending.get('second.json')?.(new Response('', { status: 500, statusText: 'Server Error' }));
    await second;
    // The first load ends after the second: it was replaced, so it changes nothing.
    pending.get('first.json')?.(new Response(JSON.stringify(file)));
    await first;
    expect(loader.state).toEqual({ status: 'failed', detail: 'second.json answered 500 Server Error' });

    void loader.use(figures.slice(0, 1), 'second.json');
    expect(loader.state).toEqual({ status: 'done', value: figures.slice(0, 1) });
    expect(fetchFile).toHaveBeenCalledTimes(2);
  });
});
