// What the two number-probe charts (lab-answer-chart, lab-repeats-chart) share on top of the chart frame: the
// run's models and summary, one grouped bar per model and group with its interval, a legend inside the SVG (so an
// exported file names its series), the headline numbers beside the chart, and the paper's reported figures beside
// those, under their source label and never mixed in.
import { css, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { property } from 'lit/decorators.js';
import { tickStep } from 'd3-array';
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { figurePlainWords, figureSource } from '../../src/app/figure-text.ts';
import { chartFigures, defaultPaperFiguresUrl, PaperFiguresLoader, type ChartModel, type FigureGroup } from '../../src/app/charts/number-charts.ts';
import { formatNumber, formatPercent } from '../../src/app/format.ts';
import type { PaperFigure } from '../../src/core/reference/paper-figures.ts';
import type { RunModelInfo } from '../../src/core/results/index.ts';
import { modelLabel } from '../text/run-text.ts';
import { LabChart } from './lab-chart.ts';
import { bandTicks, barSwatch, groupedBars, gridY, legend, LEGEND_ROW, round, xAxis, yAxis, type BarSeries, type LegendEntry } from './marks.ts';

const WIDTH = 600;
const PLOT_HEIGHT = 220;
const MARGIN = { left: 52, bottom: 44 };
/** Space above the legend, and between the legend and the plot. */
const LEGEND_TOP = 4;
const LEGEND_GAP = 14;

/** Where the bars sit in the chart's SVG, and their scales. */
export interface Frame {
  plotTop: number;
  plotBottom: number;
  left: number;
  right: number;
  /** The groups along the axis (answers, repeat counts). */
  x: ScaleBand<number>;
  y: ScaleLinear<number, number>;
}

/** What a number chart's data has in common: a series per model, and the top of the value axis before rounding. */
interface NumberChartData {
  series: readonly { model: ChartModel }[];
  maxValue: number;
}

/** Percent tick labels with as many decimals as the tick step needs (d3 steps are 1, 2 or 5 × 10^k). */
export function percentTick(value: number, step: number): string {
  return formatPercent(value, Math.max(0, -Math.floor(Math.log10(step * 100) + 1e-9)));
}

/** The label over the paper's figures: how firmly they are on record. */
function figuresSourceWords(group: FigureGroup): string {
  return group.reliability === 'quoted-from-paper' ? msg('Reported by the paper (quoted)') : msg('Reported by the paper (secondary source)');
}

function figureSide(figure: PaperFigure): string {
  switch (figure.modelKind) {
    case 'base':
      return msg('base');
    case 'aligned':
      return msg('aligned');
    case null:
      return '—';
  }
}

/** The chart of a number probe: the frame, plus the models, headline numbers and the paper's figures beside it. */
export abstract class NumberChart<Summary, Data extends NumberChartData> extends LabChart {
  static override styles = [
    ...LabChart.styles,
    css`
      .layout {
        display: flex;
        flex-wrap: wrap;
        gap: 0 2rem;
        align-items: flex-start;
      }

      .layout > figure {
        flex: 3 1 30rem;
        min-width: 0;
      }

      .beside {
        flex: 1 1 16rem;
        min-width: 0;
      }

      .beside h4 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }

      .beside h4:not(:first-child) {
        margin-top: 1.25rem;
      }

      .model-name {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 600;
        margin: 0.75rem 0 0.25rem;
      }

      .model-name svg {
        flex: none;
        width: 1rem;
        height: 0.875rem;
        max-width: none;
      }

      dl {
        margin: 0;
        display: grid;
        gap: 0.15rem;
      }

      dt {
        color: var(--lab-text-muted);
        font-size: 0.875rem;
      }

      dd {
        margin: 0 0 0.35rem;
      }

      .interval {
        display: block;
        color: var(--lab-text-muted);
        font-size: 0.875rem;
      }

      td .interval {
        font-size: 0.8125rem;
      }

      svg .note {
        fill: var(--lab-text-muted);
      }

      svg .empty {
        fill: var(--lab-text-muted);
        font-size: 14px;
      }

      .verdict {
        font-weight: 600;
      }

      .figures caption {
        text-align: left;
        font-size: 0.875rem;
        color: var(--lab-text-muted);
      }

      .muted {
        color: var(--lab-text-muted);
      }
    `,
  ];

  /** The run's models (RunInfo.models), in the run's order: names, roles and the ids the summary uses. */
  @property({ attribute: false }) models: readonly RunModelInfo[] = [];

  /** The paper's figures (parsed); when null, the chart loads them from `paperFiguresUrl`. */
  @property({ attribute: false }) paperFigures: readonly PaperFigure[] | null = null;

  @property({ attribute: false }) paperFiguresUrl = defaultPaperFiguresUrl();

  /** The run's summary; null before the first record. Replace it (a new object) to redraw. */
  @property({ attribute: false }) summary: Summary | null = null;

  private readonly figures = new PaperFiguresLoader(this);

  protected chartData: Data = this.chartDataOf(null, []);

  /** The chart's data from the summary and the run's models (src/app/charts/number-charts.ts). */
  protected abstract chartDataOf(summary: Summary | null, models: readonly RunModelInfo[]): Data;

  /** The groups along the x axis, in order (answers 0 … 10, repeat counts 0 … 9). */
  protected abstract groups(): number[];

  /** Each model's bars; a model without results keeps its place. */
  protected abstract barSeries(): BarSeries[];

  /** The legend's entries: one per model, then any for the reference the chart draws. */
  protected abstract legendEntries(): LegendEntry[];

  /** What the chart compares the bars with (a fair pick's share, pure chance), drawn over them. */
  protected abstract renderReference(frame: Frame): SVGTemplateResult;

  /** The axes' titles, and what the empty chart says. */
  protected abstract axisTitles(): { x: string; y: string };
  protected abstract emptyText(): string;

  /** Room right of the plot, for the reference's labels. */
  protected plotMarginRight = 16;

  /** The probe whose figures the chart shows. */
  protected abstract readonly probeId: 'rng-0-10' | 'rng-sequence';

  /** The headline numbers, model by model, as a short list beside the chart. */
  protected abstract renderHeadline(): TemplateResult;

  /** What the paper's figures beside this chart measure, e.g. "χ² from uniform". */
  protected abstract figuresCaption(): string;

  /** How the chart's own numbers compare with the paper's figures, said below them; null when nothing needs saying. */
  protected abstract figuresNote(): string | null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('summary') || changed.has('models')) this.chartData = this.chartDataOf(this.summary, this.models);
    if (changed.has('paperFigures') || changed.has('paperFiguresUrl')) void this.figures.use(this.paperFigures, this.paperFiguresUrl);
  }

  override render() {
    return html`
      <div class="layout">
        ${super.render()}
        <div class="beside">${this.renderHeadline()} ${this.renderPaperFigures()}</div>
      </div>
    `;
  }

  protected chartSize(): { width: number; height: number } {
    const { plotBottom } = this.frame();
    return { width: WIDTH, height: plotBottom + MARGIN.bottom };
  }

  protected frame(): Frame {
    const plotTop = LEGEND_TOP + this.legendEntries().length * LEGEND_ROW + LEGEND_GAP;
    const plotBottom = plotTop + PLOT_HEIGHT;
    const [left, right] = [MARGIN.left, WIDTH - this.plotMarginRight];
    const x = scaleBand<number>().domain(this.groups()).range([left, right]).paddingInner(0.2).paddingOuter(0.1);
    const y = scaleLinear().domain([0, this.chartData.maxValue]).nice(5).range([plotBottom, plotTop]);
    return { plotTop, plotBottom, left, right, x, y };
  }

  protected renderMarks(): SVGTemplateResult[] {
    const frame = this.frame();
    const { plotTop, plotBottom, left, right, x, y } = frame;
    const [, top] = y.domain() as [number, number];
    const step = tickStep(0, top, 5);
    const ticks = y.ticks(5);
    const series = this.barSeries();
    const titles = this.axisTitles();
    return [
      legend(this.legendEntries(), { x: 0, y: LEGEND_TOP }),
      gridY(ticks.map((tick) => y(tick)), left, right),
      yAxis({ ticks: ticks.map((tick) => ({ at: y(tick), label: percentTick(tick, step) })), left, top: plotTop, bottom: plotBottom, title: titles.y }),
      groupedBars(series, x, y),
      this.renderReference(frame),
      xAxis({ ticks: bandTicks(x, (group) => formatNumber(group)), y: plotBottom, left, right, title: titles.x }),
      series.some((one) => one.bars)
        ? svg``
        : svg`<text class="empty" x=${round((left + right) / 2)} y=${round((plotTop + plotBottom) / 2)} text-anchor="middle">${this.emptyText()}</text>`,
    ];
  }

  /** A model's legend entry: its swatch, its name and role, and a note (its other or invalid answers). */
  protected modelEntry(model: ChartModel, note: string | null): LegendEntry {
    return { swatch: barSwatch(model.kind), label: modelLabel(model), note };
  }

  /** A model's name with its swatch, above its numbers. */
  protected renderModelName(model: ChartModel): TemplateResult {
    return html`<p class="model-name">
      <svg viewBox="0 0 16 14" aria-hidden="true">${barSwatch(model.kind)}</svg>
      <span>${modelLabel(model)}</span>
    </p>`;
  }

  private renderPaperFigures(): TemplateResult {
    const state = this.figures.state;
    if (state.status === 'loading') return html`<p class="muted">${msg('Loading what the paper reported…')}</p>`;
    if (state.status === 'failed') {
      return html`
        <p>${msg('What the paper reported could not be loaded, so it is not shown here. Your own results are not affected.')}</p>
        <p>${msg('Reload the page to try again.')}</p>
        <details>
          <summary>${msg('Technical detail')}</summary>
          <p><code>${state.detail}</code></p>
        </details>
      `;
    }
    const groups = chartFigures(state.value, this.probeId);
    if (groups.length === 0) return html``;
    return html`${groups.map(
      (group) => html`
        <h4>${figuresSourceWords(group)}</h4>
        <table class="figures">
          <caption>
            ${this.figuresCaption()}
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Model')}</th>
              <th scope="col">${msg('Side')}</th>
              <th scope="col">${msg('Reported')}</th>
              <th scope="col">${msg('N')}</th>
            </tr>
          </thead>
          <tbody>
            ${group.figures.map(
              (figure) => html`<tr data-figure=${figure.id}>
                <td>${figure.model ?? '—'}</td>
                <td>${figureSide(figure)}</td>
                <td>${figure.value?.kind === 'number' ? formatNumber(figure.value.value, 1) : '—'}</td>
                <td>${figure.n === null ? msg('not known') : formatNumber(figure.n)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${this.figuresNote() ? html`<p class="muted">${this.figuresNote()}</p>` : nothing}
        <details>
          <summary>${msg('Where these figures come from')}</summary>
          ${[...new Set(group.figures.map(figurePlainWords))].map((words) => html`<p>${words}</p>`)}
          ${[...new Set(group.figures.map(figureSource))].map((source) => html`<p>${source}</p>`)}
        </details>
      `,
    )}`;
  }
}
