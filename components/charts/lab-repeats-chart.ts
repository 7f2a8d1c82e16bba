import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { line } from 'd3-shape';
import { repeatsChartData, repeatsHeadline, type RepeatsChartData, type RepeatsSeries } from '../../src/app/charts/number-charts.ts';
import { countText, formatNumber, formatPercent, type CountForms } from '../../src/app/format.ts';
import type { RngSequenceSummary } from '../../src/core/probes/rng-sequence/index.ts';
import type { RunModelInfo } from '../../src/core/results/index.ts';
import { intervalWords } from '../text/estimate-text.ts';
import { listText, modelLabel } from '../text/run-text.ts';
import { lineSwatch, REFERENCE, round, type BarSeries, type LegendEntry } from './marks.ts';
import { NumberChart, type Frame } from './number-chart.ts';

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
export class LabRepeatsChart extends NumberChart<RngSequenceSummary, RepeatsChartData> {
  protected readonly probeId = 'rng-sequence' as const;

  protected chartDataOf(summary: RngSequenceSummary | null, models: readonly RunModelInfo[]): RepeatsChartData {
    return repeatsChartData(summary, models);
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

  protected groups(): number[] {
    return this.chartData.chance.repeatHistogram.map((_, count) => count);
  }

  protected barSeries(): BarSeries[] {
    return this.chartData.series.map((series) => ({
      kind: series.model.kind,
      bars: series.results?.bars.map((bar) => ({ key: bar.repeats, value: bar.share, interval: bar.interval })) ?? null,
    }));
  }

  /** One entry per model, and one for the chance line. */
  protected legendEntries(): LegendEntry[] {
    const chanceSwatch = svg`${lineSwatch({ ...REFERENCE, dash: '4 3' }, 16)}<circle cx="8" cy="10" r="3" fill=${REFERENCE.stroke}></circle>`;
    return [
      ...this.chartData.series.map((series) => this.modelEntry(series.model, otherWords(series))),
      { swatch: chanceSwatch, label: msg('Pure chance: ten fair draws from 0 to 10') },
    ];
  }

  /** The exact distribution of repeats under pure chance: a dashed line through a dot per count. */
  protected renderReference({ x, y }: Frame): SVGTemplateResult {
    const chance = this.chartData.chance.repeatHistogram.map((share, count) => ({
      x: round((x(count) ?? 0) + x.bandwidth() / 2),
      y: round(y(share)),
    }));
    const chancePath = line<{ x: number; y: number }>()
      .x((point) => point.x)
      .y((point) => point.y)(chance);
    return svg`<g class="chance" aria-hidden="true">
      <path d=${chancePath ?? ''} fill="none" stroke=${REFERENCE.stroke} stroke-width=${REFERENCE.width} stroke-dasharray=${REFERENCE.dash}></path>
      ${chance.map((point) => svg`<circle cx=${point.x} cy=${point.y} r="3" fill=${REFERENCE.stroke}></circle>`)}
    </g>`;
  }

  protected axisTitles(): { x: string; y: string } {
    return { x: msg('Repeats in the sequence (10 minus the number of different numbers)'), y: msg('Share of sequences') };
  }

  protected emptyText(): string {
    return msg('No sequences yet');
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
