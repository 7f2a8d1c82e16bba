import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { exploitabilityChartData, gameRunOf, moveChartData, scoreChartData } from '../src/app/charts/game-charts.ts';
import { poemMetricsData, type PoemMetricsData } from '../src/app/charts/poem-charts.ts';
import { formatPercent } from '../src/app/format.ts';
import type { LabContext } from '../src/app/lab-context.ts';
import { LatestLoad } from '../src/app/latest-load.ts';
import { loadPoemCorpus } from '../src/app/poem-corpus.ts';
import type { RunState } from '../src/app/run-controller.ts';
import { summaryOf } from '../src/app/run-summary.ts';
import { summarizePoemMetrics, type PoemParams, type PoemRecord } from '../src/core/probes/poem/index.ts';
import { MAX_OTHER_SHARE } from '../src/core/probes/shared.ts';
import type { NgramIndex } from '../src/core/text/index.ts';
import './charts/lab-answer-chart.ts';
import './charts/lab-exploitability-chart.ts';
import './charts/lab-move-chart.ts';
import './lab-poem-metrics.ts';
import './lab-poem-rating.ts';
import './charts/lab-repeats-chart.ts';
import './charts/lab-score-chart.ts';
import './lab-headline-table.ts';
import { pageStyles } from './styles/shared.ts';
import { listText } from './text/run-text.ts';

/** A run's results: the charts of its probe and its headline numbers, from its live or stored state. */
@customElement('lab-run-view')
@localized()
export class LabRunView extends LitElement {
  static override styles = [
    pageStyles,
    css`
      /* One column no wider than the page: a chart's own minimum width must not widen it on a phone. */
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1.5rem;
      }

      .problem {
        border-left: 0.35rem solid var(--lab-warn);
        background: var(--lab-warn-surface);
      }
    `,
  ];

  @property({ attribute: false }) state: RunState | null = null;
  /** Needed for the blind rating of poems, which stores votes. */
  @property({ attribute: false }) context: LabContext | null = null;
  /** The public-domain poems novelty is measured against, loaded with the first poem run shown. */
  private readonly poemCorpus = new LatestLoad<NgramIndex>(this);
  /** A poem run's text metrics, computed when its records or the corpus change, not at every render. */
  private poemMetrics: PoemMetricsData | null = null;
  /** What the poem metrics were computed from: the run controller appends to one records array, so its length counts. */
  private poemMetricsFor: { records: unknown; count: number; corpus: NgramIndex | null } | null = null;
  private corpusAsked = false;

  protected override willUpdate(): void {
    const state = this.state;
    if (state?.info.probeId !== 'poem') return;
    // Novelty needs the corpus; the other metrics show at once and novelty joins them when it has loaded.
    if (!this.corpusAsked) {
      this.corpusAsked = true;
      void this.poemCorpus.run(loadPoemCorpus);
    }
    const corpus = this.poemCorpus.value;
    const made = this.poemMetricsFor;
    if (made?.records === state.records && made.count === state.records.length && made.corpus === corpus) return;
    this.poemMetricsFor = { records: state.records, count: state.records.length, corpus };
    const records = state.records as PoemRecord[];
    const summary = records.length > 0
      ? summarizePoemMetrics(records, state.info.params as unknown as PoemParams, state.info.models.map((model) => model.id), corpus)
      : null;
    this.poemMetrics = poemMetricsData(summary, state.info.models);
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    return html`${this.renderOffQuestion(state)}${this.renderCharts(state)}<lab-headline-table .state=${state}></lab-headline-table>`;
  }

  /**
   * Models most of whose answers fall outside the answer set: their numbers are shown, but they do not measure the
   * question, and the Claims page draws no verdict from them (src/core/probes/shared.ts, MAX_OTHER_SHARE).
   */
  private renderOffQuestion(state: RunState) {
    const summaries: readonly { modelId: string; measuresTheQuestion?: boolean }[] = state.summary?.value.models ?? [];
    const names = summaries
      .filter((summary) => summary.measuresTheQuestion === false)
      .map((summary) => state.info.models.find((model) => model.id === summary.modelId)?.name ?? summary.modelId);
    if (names.length === 0) return nothing;
    return html`<div class="card problem" role="note" data-off-question>
      <p>
        ${msg(
          str`Most of what ${listText(names)} said here is not an answer to the question (more than ${formatPercent(MAX_OTHER_SHARE, 0)} outside the answer set, or invalid). Its numbers below do not measure the question, and the Claims page draws no verdict from them. The other framing may help.`,
        )}
      </p>
    </div>`;
  }

  private renderCharts(state: RunState) {
    switch (state.info.probeId) {
      case 'rng-0-10':
        return html`<lab-answer-chart .summary=${summaryOf(state.summary, 'rng-0-10')} .models=${state.info.models}></lab-answer-chart>`;
      case 'rng-sequence':
        return html`<lab-repeats-chart .summary=${summaryOf(state.summary, 'rng-sequence')} .models=${state.info.models}></lab-repeats-chart>`;
      case 'rps':
      case 'hide-and-seek': {
        const run = gameRunOf(state);
        return html`
          <lab-score-chart .data=${scoreChartData(run)}></lab-score-chart>
          <lab-exploitability-chart .data=${exploitabilityChartData(run)}></lab-exploitability-chart>
          <lab-move-chart .data=${moveChartData(run)}></lab-move-chart>
        `;
      }
      case 'poem':
        return this.renderPoems(state);
    }
  }

  private renderPoems(state: RunState) {
    const records = state.records as PoemRecord[];
    return html`
      <lab-poem-metrics .data=${this.poemMetrics}></lab-poem-metrics>
      ${state.info.status === 'running'
        ? nothing
        : html`<lab-poem-rating .context=${this.context} runId=${state.info.id} .records=${records} .models=${state.info.models}></lab-poem-rating>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-view': LabRunView;
  }
}
