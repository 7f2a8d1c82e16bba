// The data behind the charts of the two number probes (rng-0-10 and rng-sequence): plain values taken from a
// probe's summary and the run's models, so the chart elements only draw and word them. Also the paper's reported
// figures for those charts, loaded from the app's copy of public/reference/paper-figures.json (with the Claims
// page's loader).
import { chartModels, seriesKindOf, type ChartModel } from './chart-models.ts';
import type { ReactiveControllerHost } from 'lit';
import type { Estimate, Reliability, RunMode } from '../../core/probes/probe.ts';
import { ANSWERS, type Rng010Measures, type Rng010ModelSummary, type Rng010Summary } from '../../core/probes/rng-0-10/index.ts';
import { CHANCE, type ChanceReference, type RngSequenceModelSummary, type RngSequenceSummary } from '../../core/probes/rng-sequence/index.ts';
import { figuresForProbe, type PaperFigure } from '../../core/reference/paper-figures.ts';
import type { RunModelInfo } from '../../core/results/index.ts';
import { loadPaperFigures } from '../claims.ts';
import { LatestLoad, type LoadState } from '../latest-load.ts';

export interface Interval {
  lo: number;
  hi: number;
}

// ---------------------------------------------------------------------------------------------------------------
// rng-0-10: the answer distribution

/** One bar: the share of a model's answers that were `answer`. */
export interface AnswerBar {
  answer: number;
  share: number;
  /** The 95% interval (sampled mode); null for a share read exactly from the model's probabilities. */
  interval: Interval | null;
}

/** χ² from uniform as the chart reports it: on the paper's scale, a sample of N = 1,500 (design.md §4). */
export interface ChiSquareFigure {
  /** The χ² a sample of 1,500 answers would show on average: exact, or estimated from the run with its interval. */
  atPaperN: Estimate;
  /** Exact mode: where one sample's χ² falls 95 times in 100 (the paper's figure is one sample). Sampled: null. */
  sampleRange: Interval | null;
  /**
   * Sampled mode: χ² of the answers collected, at their own N, and the exact multinomial test of them against a fair
   * pick (Monte Carlo where the outcomes are too many to list). Exact: null.
   */
  measured: { statistic: number; n: number; pValue: number; test: 'exact' | 'monte-carlo' } | null;
}

export interface AnswerSeries {
  model: ChartModel;
  /** Null until the model has a valid answer (the run has just started, or every answer so far was invalid). */
  results: {
    mode: RunMode;
    /** Eleven bars, for 0 … 10. */
    bars: AnswerBar[];
    pSeven: Estimate;
    jsToUniform: Estimate;
    chiSquare: ChiSquareFigure;
    /** Valid answers behind the bars; null in exact mode (no sample). */
    validAnswers: number | null;
  } | null;
  /** Exact mode: P(anything outside 0 … 10). Sampled mode: the share of invalid answers. */
  otherShare: number;
  /** Sampled mode: all answers asked for, valid or not; exact mode: null. */
  attempts: number | null;
}

export interface AnswerChartData {
  series: AnswerSeries[];
  /** 1/11: a fair pick's share of each number. */
  uniformShare: number;
  /** The top of the value axis before rounding: the largest bar, whisker or the uniform share. */
  maxValue: number;
}

function chiSquareFigure(measures: Rng010Measures): ChiSquareFigure {
  const fit = measures.goodnessOfFit;
  return {
    atPaperN: measures.chiSquareAtPaperN,
    sampleRange: measures.chiSquareSampleRange,
    measured: fit
      ? { statistic: fit.chiSquare.statistic, n: fit.chiSquare.n, pValue: fit.multinomial.pValue, test: fit.multinomial.method }
      : null,
  };
}

function answerSeries(model: ChartModel, summary: Rng010ModelSummary | undefined): AnswerSeries {
  const measures = summary?.measures;
  if (!summary || !measures) {
    return { model, results: null, otherShare: summary?.otherShare ?? 0, attempts: summary?.attempts ?? null };
  }
  const intervals = measures.answerIntervals;
  return {
    model,
    results: {
      mode: summary.mode,
      bars: ANSWERS.map((_, answer) => ({
        answer,
        share: summary.distribution[answer] ?? 0,
        interval: intervals?.[answer] ?? null,
      })),
      pSeven: measures.pSeven,
      jsToUniform: measures.jsToUniform,
      chiSquare: chiSquareFigure(measures),
      validAnswers: summary.validAnswers,
    },
    otherShare: summary.otherShare,
    attempts: summary.attempts,
  };
}

/** The answer chart's data: one series per model of the run, in the run's order (a summary may still be null). */
export function answerChartData(summary: Rng010Summary | null, models: readonly RunModelInfo[]): AnswerChartData {
  const uniformShare = summary?.uniformShare ?? 1 / ANSWERS.length;
  const series = chartModels(models).map((model) =>
    answerSeries(
      model,
      summary?.models.find((candidate) => candidate.modelId === model.id),
    ),
  );
  const values = series.flatMap((one) => one.results?.bars.map((bar) => Math.max(bar.share, bar.interval?.hi ?? 0)) ?? []);
  return { series, uniformShare, maxValue: Math.max(uniformShare, ...values) };
}

/** The numbers of the answer chart's one-sentence summary (its words live in the element, through msg()). */
export interface AnswerHeadline {
  /** Each model with answers: its P(7). */
  models: { model: ChartModel; pSeven: Estimate }[];
  /** Models without a valid answer yet. */
  waiting: ChartModel[];
  uniformShare: number;
}

export function answerHeadline(data: AnswerChartData): AnswerHeadline {
  return {
    models: data.series.flatMap((one) => (one.results ? [{ model: one.model, pSeven: one.results.pSeven }] : [])),
    waiting: data.series.filter((one) => !one.results).map((one) => one.model),
    uniformShare: data.uniformShare,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// rng-sequence: repeats per sequence

/** One bar: the share of a model's sequences with `repeats` repeats, with its 95% (Wilson) interval. */
export interface RepeatsBar {
  repeats: number;
  share: number;
  interval: Interval;
  count: number;
}

export interface RepeatsSeries {
  model: ChartModel;
  /** Null until the model has a valid sequence. */
  results: {
    mode: RunMode;
    /** Ten bars, for 0 … 9 repeats. */
    bars: RepeatsBar[];
    modeRepeats: number;
    meanRepeats: Estimate;
    pNoRepeats: Estimate;
    adjacentRepeatRate: Estimate;
    /** The model repeats far less than chance (the probe's verdict, see SequenceMeasures.avoidsRepeats). */
    avoidsRepeats: boolean;
    validSequences: number;
  } | null;
  /** Exact mode: the mean P(anything outside 0 … 10) per number. Sampled mode: the share of invalid sequences. */
  otherShare: number;
  /** All sequences attempted, valid or not. */
  attempts: number;
  /** The run's mode as this model's summary reports it (needed to word `otherShare` before any valid sequence). */
  mode: RunMode | null;
}

export interface RepeatsChartData {
  series: RepeatsSeries[];
  /** A fair source: the exact distribution of repeats in ten draws from 0 … 10, and its headline numbers. */
  chance: Pick<ChanceReference, 'repeatHistogram' | 'modeRepeats' | 'meanRepeats' | 'pNoRepeats' | 'adjacentRepeatRate'>;
  /** The top of the value axis before rounding: the largest bar, whisker or chance share. */
  maxValue: number;
}

function repeatsSeries(model: ChartModel, summary: RngSequenceModelSummary | undefined): RepeatsSeries {
  const base = { model, otherShare: summary?.otherShare ?? 0, attempts: summary?.attempts ?? 0, mode: summary?.mode ?? null };
  const measures = summary?.measures;
  if (!summary || !measures) return { ...base, results: null };
  return {
    ...base,
    results: {
      mode: summary.mode,
      bars: measures.repeatShares.map((share, repeats) => ({
        repeats,
        share: share.value,
        interval: { lo: share.lo, hi: share.hi },
        count: measures.repeatCounts[repeats] ?? 0,
      })),
      modeRepeats: measures.modeRepeats,
      meanRepeats: measures.meanRepeats,
      pNoRepeats: measures.pNoRepeats,
      adjacentRepeatRate: measures.adjacentRepeatRate,
      avoidsRepeats: measures.avoidsRepeats,
      validSequences: measures.sequences,
    },
  };
}

/** The repeats chart's data: one series per model of the run, in the run's order, against chance. */
export function repeatsChartData(summary: RngSequenceSummary | null, models: readonly RunModelInfo[]): RepeatsChartData {
  const chance = summary?.chance ?? CHANCE;
  const series = chartModels(models).map((model) =>
    repeatsSeries(
      model,
      summary?.models.find((candidate) => candidate.modelId === model.id),
    ),
  );
  const values = series.flatMap((one) => one.results?.bars.map((bar) => Math.max(bar.share, bar.interval.hi)) ?? []);
  return {
    series,
    chance: {
      repeatHistogram: chance.repeatHistogram,
      modeRepeats: chance.modeRepeats,
      meanRepeats: chance.meanRepeats,
      pNoRepeats: chance.pNoRepeats,
      adjacentRepeatRate: chance.adjacentRepeatRate,
    },
    maxValue: Math.max(...chance.repeatHistogram, ...values),
  };
}

/** The numbers of the repeats chart's one-sentence summary. */
export interface RepeatsHeadline {
  chanceMode: number;
  chancePNoRepeats: number;
  /** Each model with sequences: its most common repeat count and mean repeats. */
  models: { model: ChartModel; modeRepeats: number; meanRepeats: Estimate }[];
  waiting: ChartModel[];
}

export function repeatsHeadline(data: RepeatsChartData): RepeatsHeadline {
  return {
    chanceMode: data.chance.modeRepeats,
    chancePNoRepeats: data.chance.pNoRepeats,
    models: data.series.flatMap((one) =>
      one.results ? [{ model: one.model, modeRepeats: one.results.modeRepeats, meanRepeats: one.results.meanRepeats }] : [],
    ),
    waiting: data.series.filter((one) => !one.results).map((one) => one.model),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The paper's reported figures beside a chart

/** What each chart reports that the paper also reported (PaperFigure.measure). */
export const CHART_MEASURES: Readonly<Record<'rng-0-10' | 'rng-sequence', readonly string[]>> = {
  'rng-0-10': ['chi-square-from-uniform'],
  'rng-sequence': ['repeat-mode'],
};

/** Figures of one reliability, shown under one label. */
export interface FigureGroup {
  reliability: Reliability;
  figures: PaperFigure[];
}

/**
 * The paper's numbers to show beside a chart: the probe's figures on a measure the chart reports, one per model,
 * grouped by reliability (quoted before secondary). Ranges are left out: they restate the per-model numbers
 * listed beside them. Claims in words only are the Claims page's.
 */
export function chartFigures(figures: readonly PaperFigure[], probeId: 'rng-0-10' | 'rng-sequence'): FigureGroup[] {
  const shown = figuresForProbe(figures, probeId).filter(
    (figure) => CHART_MEASURES[probeId].includes(figure.measure) && figure.value?.kind === 'number',
  );
  const order: Reliability[] = ['quoted-from-paper', 'secondary-source'];
  return order
    .map((reliability) => ({ reliability, figures: shown.filter((figure) => figure.reliability === reliability) }))
    .filter((group) => group.figures.length > 0);
}

/** The app's copy of the paper's figures, next to index.html, so it is found from whatever path the app is served. */
export function defaultPaperFiguresUrl(): string {
  return new URL('reference/paper-figures.json', document.baseURI).href;
}

/**
 * The paper's figures for a chart element: the figures it was given, or else the file at its URL, loaded once per
 * URL (a live run replaces the chart's summary a few times a second; the figures do not change with it). The latest
 * load wins, as for every page's loaded state (LatestLoad).
 */
export class PaperFiguresLoader {
  private readonly figures: LatestLoad<readonly PaperFigure[]>;
  private loadedUrl: string | null = null;

  constructor(
    host: Pick<ReactiveControllerHost, 'requestUpdate'>,
    private readonly fetchFile?: (url: string) => Promise<Response>,
  ) {
    this.figures = new LatestLoad(host);
  }

  get state(): LoadState<readonly PaperFigure[]> {
    return this.figures.state;
  }

  /** Call when the element's given figures or URL change (from willUpdate); resolves once this load has settled. */
  async use(given: readonly PaperFigure[] | null, url: string): Promise<void> {
    if (given) {
      this.loadedUrl = null;
      this.figures.set(given);
      return;
    }
    if (url === this.loadedUrl) return;
    this.loadedUrl = url;
    await this.figures.run(() => loadPaperFigures(url, this.fetchFile));
  }
}

export { chartModels, seriesKindOf, type ChartModel };
