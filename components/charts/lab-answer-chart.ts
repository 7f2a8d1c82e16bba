import { html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { tickStep } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { answerChartData, answerHeadline, type AnswerChartData, type AnswerSeries, type ChiSquareFigure, type Interval } from '../../src/app/charts/number-charts.ts';
import { formatFixed, formatNumber, formatPercent, formatPValue, type CountForms } from '../../src/app/format.ts';
import { ANSWERS, PAPER_N, type Rng010Summary } from '../../src/core/probes/rng-0-10/index.ts';
import { seriesColor, seriesFill } from './lab-chart.ts';
import { intervalWords } from '../text/estimate-text.ts';
import { listText, modelLabel } from '../text/run-text.ts';
import { LEGEND_ROW, legendRow, NumberChart, percentTick, round, seriesSwatch, type Frame } from './number-chart.ts';

const WIDTH = 600;
const PLOT_HEIGHT = 220;
const MARGIN = { left: 52, right: 64, bottom: 44 };
/** Space above the legend, and between the legend and the plot. */
const LEGEND_TOP = 4;
const LEGEND_GAP = 14;

const percent = (value: number): string => formatPercent(value, 1);
const ANSWERS_COUNTED: CountForms = { one: (n) => msg(str`${n} answer`), other: (n) => msg(str`${n} answers`) };
/** Shares of answers, e.g. P("7"): N counts valid answers. */
const SHARE = { format: percent, counted: ANSWERS_COUNTED };
/** Distance from uniform, three decimals. */
const DIVERGENCE = { format: (value: number) => formatFixed(value, 3), counted: ANSWERS_COUNTED };

function intervalRange(interval: Interval): string {
  return `${percent(interval.lo)}–${percent(interval.hi)}`;
}

/**
 * The χ² on the paper's scale in words: exact mode gives what a sample of 1,500 would show on average and where one
 * sample (such as the paper's) falls; sampled mode the estimate for 1,500 from the run's own answers, with its
 * interval and the test at the run's own N.
 */
function chiSquareWords(chi: ChiSquareFigure): string {
  const paperN = formatNumber(PAPER_N);
  const range = chi.sampleRange;
  if (range) {
    return msg(str`expected in a sample of N = ${paperN}; one sample falls between ${formatNumber(range.lo, 1)} and ${formatNumber(range.hi, 1)}`);
  }
  const estimated = msg(str`estimated for N = ${paperN}: ${intervalWords(chi.atPaperN, { format: (value) => formatNumber(value, 1), counted: ANSWERS_COUNTED })}`);
  const measured = chi.measured;
  if (!measured) return estimated;
  return msg(
    str`${estimated}; at N = ${formatNumber(measured.n)}: ${formatNumber(measured.statistic, 1)}; exact test against a fair pick: p = ${formatPValue(measured.pValue)}`,
  );
}

/**
 * P(other) in words: in exact mode the mass on anything else, in sampled mode the invalid answers; null while a
 * model has neither answers nor attempts.
 */
function otherWords(series: AnswerSeries): string | null {
  if (!series.results && !series.attempts) return null;
  return series.attempts === null
    ? msg(str`outside 0 to 10: ${percent(series.otherShare)}`)
    : msg(str`invalid: ${percent(series.otherShare)} of ${formatNumber(series.attempts)}`);
}

/**
 * rng-0-10's answer distribution: for each number 0 … 10 one bar per model (base solid, aligned hatched, reasoning
 * dotted) with its 95% interval in sampled mode, the share a fair pick gives each number, each model's share of
 * other answers, and its headline numbers (P("7"), distance from uniform, χ²) beside the paper's reported χ².
 */
@customElement('lab-answer-chart')
@localized()
export class LabAnswerChart extends NumberChart {
  /** The run's rng-0-10 summary; null before the first record. Replace it (a new object) to redraw. */
  @property({ attribute: false }) summary: Rng010Summary | null = null;

  protected readonly probeId = 'rng-0-10' as const;

  private chartData: AnswerChartData = answerChartData(null, []);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('summary') || changed.has('models')) this.chartData = answerChartData(this.summary, this.models);
  }

  protected chartTitle(): string {
    return msg('Which number from 0 to 10 each model picks');
  }

  protected chartSummary(): string {
    const headline = answerHeadline(this.chartData);
    if (headline.models.length === 0) return msg('No answers yet: the bars appear as the run collects them.');
    const clauses = [
      ...headline.models.map(({ model, pSeven }) =>
        pSeven.interval === 'exact'
          ? msg(str`${model.name} puts ${percent(pSeven.value)} of its answer probability on 7`)
          : msg(str`${model.name} says 7 in ${percent(pSeven.value)} of its answers (${intervalWords(pSeven, SHARE)})`),
      ),
      ...headline.waiting.map((model) => msg(str`${model.name} has no valid answer yet`)),
    ];
    return msg(str`${listText(clauses)}; a fair pick gives each number ${percent(headline.uniformShare)}.`);
  }

  protected chartSize(): { width: number; height: number } {
    const { plotTop } = this.frame();
    return { width: WIDTH, height: plotTop + PLOT_HEIGHT + MARGIN.bottom };
  }

  protected fileName(): string {
    return 'rng-0-10-answers';
  }

  protected figuresCaption(): string {
    return msg('χ² from uniform over the answers');
  }

  protected figuresNote(): string {
    return msg(
      str`Each reported χ² is one sample of N = ${formatNumber(PAPER_N)}. The lab’s χ² is what a sample of that size would show on average: exact in exact mode (beside the range one sample falls in), and in sampled mode estimated without bias from your run’s answers, whatever their number, with its interval. A χ² scaled from fewer answers (χ² × ${formatNumber(PAPER_N)} / N) would inflate the noise, so the lab does not show one.`,
    );
  }

  private frame(): Frame {
    const plotTop = LEGEND_TOP + this.chartData.series.length * LEGEND_ROW + LEGEND_GAP;
    const plotBottom = plotTop + PLOT_HEIGHT;
    const x = scaleBand<number>()
      .domain(ANSWERS.map((_, answer) => answer))
      .range([MARGIN.left, WIDTH - MARGIN.right])
      .paddingInner(0.2)
      .paddingOuter(0.1);
    const inner = scaleBand<number>()
      .domain(this.chartData.series.map((_, index) => index))
      .range([0, x.bandwidth()])
      .padding(0.08);
    const y = scaleLinear().domain([0, this.chartData.maxValue]).nice(5).range([plotBottom, plotTop]);
    return { plotTop, plotBottom, x, inner, y };
  }

  protected renderMarks(): SVGTemplateResult[] {
    const frame = this.frame();
    const { plotTop, plotBottom, x, y } = frame;
    const [, top] = y.domain() as [number, number];
    const step = tickStep(0, top, 5);
    const left = MARGIN.left;
    const right = WIDTH - MARGIN.right;
    const uniformY = round(y(this.chartData.uniformShare));
    const hasBars = this.chartData.series.some((series) => series.results);
    return [
      svg`<g class="legend">${this.chartData.series.map((series, index) =>
        legendRow(LEGEND_TOP + index * LEGEND_ROW, seriesSwatch(series.model), modelLabel(series.model), otherWords(series)),
      )}</g>`,
      svg`<g class="grid">${y.ticks(5).map(
        (tick) => svg`
          <line x1=${left} x2=${right} y1=${round(y(tick))} y2=${round(y(tick))}></line>
          <text x=${left - 6} y=${round(y(tick))} text-anchor="end" dominant-baseline="middle">${percentTick(tick, step)}</text>`,
      )}</g>`,
      svg`<g class="bars">${this.chartData.series.map((series, index) => this.renderSeries(series, index, frame))}</g>`,
      svg`<g class="uniform">
        <line x1=${left} x2=${right} y1=${uniformY} y2=${uniformY} stroke="var(--lab-chart-uniform)" stroke-width="1.5" stroke-dasharray="6 4"></line>
        <text x=${right + 6} y=${uniformY - 7} dominant-baseline="middle">${msg('fair pick')}</text>
        <text x=${right + 6} y=${uniformY + 7} dominant-baseline="middle">${percent(this.chartData.uniformShare)}</text>
      </g>`,
      svg`<g class="axis x-axis">
        <line x1=${left} x2=${right} y1=${plotBottom} y2=${plotBottom}></line>
        ${ANSWERS.map(
          (_, answer) =>
            svg`<text x=${round((x(answer) ?? 0) + x.bandwidth() / 2)} y=${plotBottom + 16} text-anchor="middle">${formatNumber(answer)}</text>`,
        )}
        <text x=${round((left + right) / 2)} y=${plotBottom + 36} text-anchor="middle">${msg('Answer')}</text>
        <text transform="translate(14 ${round((plotTop + plotBottom) / 2)}) rotate(-90)" text-anchor="middle">${msg('Share of answers')}</text>
      </g>`,
      hasBars
        ? svg``
        : svg`<text class="empty" x=${round((left + right) / 2)} y=${round((plotTop + plotBottom) / 2)} text-anchor="middle">${msg('No answers yet')}</text>`,
    ];
  }

  private renderSeries(series: AnswerSeries, index: number, { x, inner, y }: Frame): SVGTemplateResult {
    if (!series.results) return svg``;
    const width = inner.bandwidth();
    const cap = Math.min(6, width * 0.6) / 2;
    const [bottom] = y.range() as [number, number];
    return svg`<g class="series series-${series.model.kind}">${series.results.bars.map((bar) => {
      const x0 = (x(bar.answer) ?? 0) + (inner(index) ?? 0);
      const centre = round(x0 + width / 2);
      const top = round(y(bar.share));
      return svg`
        <rect x=${round(x0)} y=${top} width=${round(width)} height=${round(bottom - top)}
          fill=${seriesFill(series.model.kind)} stroke=${seriesColor(series.model.kind)}></rect>
        ${bar.interval
          ? svg`<path class="whisker" fill="none" stroke="currentColor" stroke-width="1.25"
              d="M${centre},${round(y(bar.interval.lo))}V${round(y(bar.interval.hi))}M${round(centre - cap)},${round(y(bar.interval.lo))}H${round(centre + cap)}M${round(centre - cap)},${round(y(bar.interval.hi))}H${round(centre + cap)}"></path>`
          : nothing}
      `;
    })}</g>`;
  }

  protected renderTable(): TemplateResult {
    const series = this.chartData.series;
    const uniform = percent(this.chartData.uniformShare);
    const perModel = (cell: (one: AnswerSeries & { results: NonNullable<AnswerSeries['results']> }) => TemplateResult | string) =>
      series.map((one) => html`<td>${one.results ? cell({ ...one, results: one.results }) : '—'}</td>`);
    return html`
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Answer')}</th>
            ${series.map((one) => html`<th scope="col">${modelLabel(one.model)}</th>`)}
            <th scope="col">${msg('Fair pick')}</th>
          </tr>
        </thead>
        <tbody>
          ${ANSWERS.map(
            (_, answer) => html`<tr>
              <th scope="row">${formatNumber(answer)}</th>
              ${perModel((one) => {
                const bar = one.results.bars[answer];
                if (!bar) return '—';
                return html`${percent(bar.share)}<span class="interval">${bar.interval ? intervalRange(bar.interval) : msg('exact')}</span>`;
              })}
              <td>${uniform}</td>
            </tr>`,
          )}
        </tbody>
        <tbody>
          <tr>
            <th scope="row">${msg('Other or invalid answers')}</th>
            ${series.map((one) => html`<td>${otherWords(one) ?? '—'}</td>`)}
            <td>—</td>
          </tr>
          <tr>
            <th scope="row">${msg('Distance from uniform (JS divergence)')}</th>
            ${perModel(
              (one) =>
                html`${formatFixed(one.results.jsToUniform.value, 3)}<span class="interval"
                    >${intervalWords(one.results.jsToUniform, DIVERGENCE)}</span
                  >`,
            )}
            <td>${formatFixed(0, 3)}</td>
          </tr>
          <tr>
            <th scope="row">${msg(str`χ² from uniform at N = ${formatNumber(PAPER_N)}`)}</th>
            ${perModel((one) => html`${formatNumber(one.results.chiSquare.atPaperN.value, 1)}<span class="interval">${chiSquareWords(one.results.chiSquare)}</span>`)}
            <td>—</td>
          </tr>
          <tr>
            <th scope="row">${msg('Valid answers (N)')}</th>
            ${perModel((one) => (one.results.validAnswers === null ? msg('exact: no sample') : formatNumber(one.results.validAnswers)))}
            <td>—</td>
          </tr>
        </tbody>
      </table>
    `;
  }

  protected renderHeadline(): TemplateResult {
    return html`
      <h4>${msg('Headline numbers')}</h4>
      ${this.chartData.series.map(
        (series) => html`
          ${this.renderModelName(series.model)}
          ${series.results
            ? html`<dl>
                <dt>${msg('Says “7”')}</dt>
                <dd>
                  ${percent(series.results.pSeven.value)}
                  <span class="interval">${intervalWords(series.results.pSeven, SHARE)}</span>
                </dd>
                <dt>${msg('Distance from uniform (JS divergence)')}</dt>
                <dd>
                  ${formatFixed(series.results.jsToUniform.value, 3)}
                  <span class="interval">${intervalWords(series.results.jsToUniform, DIVERGENCE)}</span>
                </dd>
                <dt>${msg(str`χ² from uniform at N = ${formatNumber(PAPER_N)}`)}</dt>
                <dd>
                  ${formatNumber(series.results.chiSquare.atPaperN.value, 1)}
                  <span class="interval">${chiSquareWords(series.results.chiSquare)}</span>
                </dd>
                <dt>${series.attempts === null ? msg('Other answers (not 0 to 10)') : msg('Invalid answers')}</dt>
                <dd>${otherWords(series)}</dd>
              </dl>`
            : html`<p class="muted">${msg('No valid answers yet.')} ${otherWords(series) ?? nothing}</p>`}
        `,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-answer-chart': LabAnswerChart;
  }
}
