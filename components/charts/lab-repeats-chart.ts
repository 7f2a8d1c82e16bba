import { html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { tickStep } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { repeatsChartData, repeatsHeadline, type RepeatsChartData, type RepeatsSeries } from '../../src/app/charts/number-charts.ts';
import { countText, formatNumber, formatPercent, type CountForms } from '../../src/app/format.ts';
import type { RngSequenceSummary } from '../../src/core/probes/rng-sequence/index.ts';
import { seriesColor, seriesFill } from './lab-chart.ts';
import { intervalWords } from '../text/estimate-text.ts';
import { listText, modelLabel } from '../text/run-text.ts';
import { LEGEND_ROW, legendRow, NumberChart, percentTick, round, seriesSwatch, type Frame } from './number-chart.ts';

const WIDTH = 600;
const PLOT_HEIGHT = 220;
const MARGIN = { left: 52, right: 16, bottom: 44 };
const LEGEND_TOP = 4;
const LEGEND_GAP = 14;

const percent = (value: number): string => formatPercent(value, 1);
/** P(no repeats) by chance is 0.15%: two decimals keep it from reading as 0.2%. */
const smallPercent = (value: number): string => formatPercent(value, 2);
const repeats = (value: number): string => formatNumber(value, 2);

/**
 * The non-valid share in words: exact mode's mass outside 0 … 10 per number, sampled mode's invalid sequences;
 * null before the model's first sequence.
 */
function otherWords(series: RepeatsSeries): string | null {
  if (series.attempts === 0) return null;
  return series.mode === 'exact'
    ? msg(str`outside 0 to 10, per number: ${percent(series.otherShare)}`)
    : msg(str`invalid: ${percent(series.otherShare)} of ${formatNumber(series.attempts)}`);
}

const SEQUENCES: CountForms = { one: (n) => msg(str`${n} sequence`), other: (n) => msg(str`${n} sequences`) };
const PAIRS: CountForms = { one: (n) => msg(str`${n} pair`), other: (n) => msg(str`${n} pairs`) };

/** Per-sequence measures: N counts sequences. */
const MEAN_REPEATS = { format: repeats, counted: SEQUENCES };
const NO_REPEATS = { format: smallPercent, counted: SEQUENCES };
/** The adjacent-repeat rate: its N counts pairs of neighbours (nine per sequence), not sequences. */
const ADJACENT = { format: percent, counted: PAIRS };

function verdictWords(avoidsRepeats: boolean): string {
  return avoidsRepeats
    ? msg('Avoids repeats: it repeats far less often than pure chance.')
    : msg('No clear sign of avoiding repeats.');
}

/**
 * rng-sequence's repeats per sequence of ten numbers: for each count 0 … 9 one bar per model with its 95% interval,
 * against the exact distribution of a fair source (a line), with each model's most common count, mean repeats,
 * P(no repeats) and rate of a number right after itself, each against chance, and the plain verdict.
 */
@customElement('lab-repeats-chart')
@localized()
export class LabRepeatsChart extends NumberChart {
  /** The run's rng-sequence summary; null before the first record. Replace it (a new object) to redraw. */
  @property({ attribute: false }) summary: RngSequenceSummary | null = null;

  protected readonly probeId = 'rng-sequence' as const;

  private chartData: RepeatsChartData = repeatsChartData(null, []);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('summary') || changed.has('models')) this.chartData = repeatsChartData(this.summary, this.models);
  }

  protected chartTitle(): string {
    return msg('Repeats in a sequence of ten random numbers, against pure chance');
  }

  protected chartSummary(): string {
    const headline = repeatsHeadline(this.chartData);
    const noRepeat = smallPercent(headline.chancePNoRepeats);
    const chance = countText(headline.chanceMode, {
      one: (n) => msg(str`Pure chance most often gives ${n} repeat per sequence and no repeat only ${noRepeat} of the time`),
      other: (n) => msg(str`Pure chance most often gives ${n} repeats per sequence and no repeat only ${noRepeat} of the time`),
    });
    if (headline.models.length === 0) return msg(str`${chance}; no sequences yet: the bars appear as the run collects them.`);
    const clauses = [
      ...headline.models.map(({ model, modeRepeats, meanRepeats }) =>
        msg(
          str`${model.name} most often gives ${formatNumber(modeRepeats)} (mean ${repeats(meanRepeats.value)}, ${intervalWords(meanRepeats, MEAN_REPEATS)})`,
        ),
      ),
      ...headline.waiting.map((model) => msg(str`${model.name} has no valid sequence yet`)),
    ];
    return msg(str`${chance}; ${listText(clauses)}.`);
  }

  protected chartSize(): { width: number; height: number } {
    const { plotTop } = this.frame();
    return { width: WIDTH, height: plotTop + PLOT_HEIGHT + MARGIN.bottom };
  }

  protected fileName(): string {
    return 'rng-sequence-repeats';
  }

  protected figuresCaption(): string {
    return msg('Most common number of repeats in a sequence of ten');
  }

  protected figuresNote(): string {
    return msg(
      'Secondary sources report the most common number of repeats; the paper’s own measure is not known. The lab decides on the mean number of repeats, chosen before any run, and shows the most common number beside it.',
    );
  }

  private frame(): Frame {
    // One legend row per model, and one for the chance line.
    const plotTop = LEGEND_TOP + (this.chartData.series.length + 1) * LEGEND_ROW + LEGEND_GAP;
    const plotBottom = plotTop + PLOT_HEIGHT;
    const x = scaleBand<number>()
      .domain(this.chartData.chance.repeatHistogram.map((_, count) => count))
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
    const series = this.chartData.series;
    const chance = this.chartData.chance.repeatHistogram.map((share, count) => ({
      x: round((x(count) ?? 0) + x.bandwidth() / 2),
      y: round(y(share)),
    }));
    const chancePath = line<{ x: number; y: number }>()
      .x((point) => point.x)
      .y((point) => point.y)(chance);
    const chanceSwatch = svg`
      <line x1="0" x2="16" y1="10" y2="10" stroke="var(--lab-chart-uniform)" stroke-width="1.5" stroke-dasharray="4 3"></line>
      <circle cx="8" cy="10" r="3" fill="var(--lab-chart-uniform)"></circle>`;
    return [
      svg`<g class="legend">
        ${series.map((one, index) => legendRow(LEGEND_TOP + index * LEGEND_ROW, seriesSwatch(one.model), modelLabel(one.model), otherWords(one)))}
        ${legendRow(LEGEND_TOP + series.length * LEGEND_ROW, chanceSwatch, msg('Pure chance: ten fair draws from 0 to 10'), null)}
      </g>`,
      svg`<g class="grid">${y.ticks(5).map(
        (tick) => svg`
          <line x1=${left} x2=${right} y1=${round(y(tick))} y2=${round(y(tick))}></line>
          <text x=${left - 6} y=${round(y(tick))} text-anchor="end" dominant-baseline="middle">${percentTick(tick, step)}</text>`,
      )}</g>`,
      svg`<g class="bars">${series.map((one, index) => this.renderSeries(one, index, frame))}</g>`,
      svg`<g class="chance">
        <path d=${chancePath ?? ''} fill="none" stroke="var(--lab-chart-uniform)" stroke-width="1.5" stroke-dasharray="6 4"></path>
        ${chance.map((point) => svg`<circle cx=${point.x} cy=${point.y} r="3" fill="var(--lab-chart-uniform)"></circle>`)}
      </g>`,
      svg`<g class="axis x-axis">
        <line x1=${left} x2=${right} y1=${plotBottom} y2=${plotBottom}></line>
        ${this.chartData.chance.repeatHistogram.map(
          (_, count) =>
            svg`<text x=${round((x(count) ?? 0) + x.bandwidth() / 2)} y=${plotBottom + 16} text-anchor="middle">${formatNumber(count)}</text>`,
        )}
        <text x=${round((left + right) / 2)} y=${plotBottom + 36} text-anchor="middle">${msg('Repeats in the sequence (10 minus the number of different numbers)')}</text>
        <text transform="translate(14 ${round((plotTop + plotBottom) / 2)}) rotate(-90)" text-anchor="middle">${msg('Share of sequences')}</text>
      </g>`,
      series.some((one) => one.results)
        ? svg``
        : svg`<text class="empty" x=${round((left + right) / 2)} y=${round((plotTop + plotBottom) / 2)} text-anchor="middle">${msg('No sequences yet')}</text>`,
    ];
  }

  private renderSeries(series: RepeatsSeries, index: number, { x, inner, y }: Frame): SVGTemplateResult {
    if (!series.results) return svg``;
    const width = inner.bandwidth();
    const cap = Math.min(6, width * 0.6) / 2;
    const [bottom] = y.range() as [number, number];
    return svg`<g class="series series-${series.model.kind}">${series.results.bars.map((bar) => {
      const x0 = (x(bar.repeats) ?? 0) + (inner(index) ?? 0);
      const centre = round(x0 + width / 2);
      const top = round(y(bar.share));
      const lo = round(y(bar.interval.lo));
      const hi = round(y(bar.interval.hi));
      return svg`
        <rect x=${round(x0)} y=${top} width=${round(width)} height=${round(bottom - top)}
          fill=${seriesFill(series.model.kind)} stroke=${seriesColor(series.model.kind)}></rect>
        <path class="whisker" fill="none" stroke="currentColor" stroke-width="1.25"
          d="M${centre},${lo}V${hi}M${round(centre - cap)},${lo}H${round(centre + cap)}M${round(centre - cap)},${hi}H${round(centre + cap)}"></path>
      `;
    })}</g>`;
  }

  protected renderTable(): TemplateResult {
    const { series, chance } = this.chartData;
    type WithResults = RepeatsSeries & { results: NonNullable<RepeatsSeries['results']> };
    const perModel = (cell: (one: WithResults) => TemplateResult | string) =>
      series.map((one) => html`<td>${one.results ? cell({ ...one, results: one.results }) : '—'}</td>`);
    const estimate = (value: string, words: string) => html`${value}<span class="interval">${words}</span>`;
    return html`
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Repeats')}</th>
            ${series.map((one) => html`<th scope="col">${modelLabel(one.model)}</th>`)}
            <th scope="col">${msg('Pure chance')}</th>
          </tr>
        </thead>
        <tbody>
          ${chance.repeatHistogram.map(
            (share, count) => html`<tr>
              <th scope="row">${formatNumber(count)}</th>
              ${perModel((one) => {
                const bar = one.results.bars[count];
                if (!bar) return '—';
                return estimate(
                  percent(bar.share),
                  msg(str`${percent(bar.interval.lo)}–${percent(bar.interval.hi)}; ${countText(bar.count, SEQUENCES)}`),
                );
              })}
              <td>${count === 0 ? smallPercent(share) : percent(share)}</td>
            </tr>`,
          )}
        </tbody>
        <tbody>
          <tr>
            <th scope="row">${msg('Most common number of repeats')}</th>
            ${perModel((one) => formatNumber(one.results.modeRepeats))}
            <td>${formatNumber(chance.modeRepeats)}</td>
          </tr>
          <tr>
            <th scope="row">${msg('Mean repeats')}</th>
            ${perModel((one) => estimate(repeats(one.results.meanRepeats.value), intervalWords(one.results.meanRepeats, MEAN_REPEATS)))}
            <td>${repeats(chance.meanRepeats)}</td>
          </tr>
          <tr>
            <th scope="row">${msg('No repeat at all')}</th>
            ${perModel((one) => estimate(smallPercent(one.results.pNoRepeats.value), intervalWords(one.results.pNoRepeats, NO_REPEATS)))}
            <td>${smallPercent(chance.pNoRepeats)}</td>
          </tr>
          <tr>
            <th scope="row">${msg('A number right after itself')}</th>
            ${perModel((one) =>
              estimate(percent(one.results.adjacentRepeatRate.value), intervalWords(one.results.adjacentRepeatRate, ADJACENT)),
            )}
            <td>${percent(chance.adjacentRepeatRate)}</td>
          </tr>
          <tr>
            <th scope="row">${msg('Avoids repeats')}</th>
            ${perModel((one) => (one.results.avoidsRepeats ? msg('yes') : msg('no clear sign')))}
            <td>—</td>
          </tr>
          <tr>
            <th scope="row">${msg('Other or invalid')}</th>
            ${series.map((one) => html`<td>${otherWords(one) ?? '—'}</td>`)}
            <td>—</td>
          </tr>
          <tr>
            <th scope="row">${msg('Valid sequences (N)')}</th>
            ${perModel((one) => formatNumber(one.results.validSequences))}
            <td>—</td>
          </tr>
        </tbody>
      </table>
    `;
  }

  /** What pure chance gives, for the headline numbers. */
  private chanceWords(): string {
    const chance = this.chartData.chance;
    const [mean, none, adjacent] = [repeats(chance.meanRepeats), smallPercent(chance.pNoRepeats), percent(chance.adjacentRepeatRate)];
    return countText(chance.modeRepeats, {
      one: (n) =>
        msg(str`Pure chance: most often ${n} repeat, ${mean} on average, no repeat in ${none} of sequences, a number right after itself ${adjacent} of the time.`),
      other: (n) =>
        msg(str`Pure chance: most often ${n} repeats, ${mean} on average, no repeat in ${none} of sequences, a number right after itself ${adjacent} of the time.`),
    });
  }

  protected renderHeadline(): TemplateResult {
    const series = this.chartData.series;
    return html`
      <h4>${msg('Headline numbers')}</h4>
      <p class="muted">${this.chanceWords()}</p>
      ${series.map(
        (one) => html`
          ${this.renderModelName(one.model)}
          ${one.results
            ? html`<p class="verdict">${verdictWords(one.results.avoidsRepeats)}</p>
                <dl>
                  <dt>${msg('Most common number of repeats')}</dt>
                  <dd>${formatNumber(one.results.modeRepeats)}</dd>
                  <dt>${msg('Mean repeats')}</dt>
                  <dd>
                    ${repeats(one.results.meanRepeats.value)}
                    <span class="interval">${intervalWords(one.results.meanRepeats, MEAN_REPEATS)}</span>
                  </dd>
                  <dt>${msg('No repeat at all')}</dt>
                  <dd>
                    ${smallPercent(one.results.pNoRepeats.value)}
                    <span class="interval">${intervalWords(one.results.pNoRepeats, NO_REPEATS)}</span>
                  </dd>
                  <dt>${msg('A number right after itself')}</dt>
                  <dd>
                    ${percent(one.results.adjacentRepeatRate.value)}
                    <span class="interval">${intervalWords(one.results.adjacentRepeatRate, ADJACENT)}</span>
                  </dd>
                  <dt>${one.mode === 'exact' ? msg('Other answers per number') : msg('Invalid sequences')}</dt>
                  <dd>${otherWords(one)}</dd>
                </dl>`
            : html`<p class="muted">${msg('No valid sequences yet.')} ${otherWords(one) ?? nothing}</p>`}
        `,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-repeats-chart': LabRepeatsChart;
  }
}
