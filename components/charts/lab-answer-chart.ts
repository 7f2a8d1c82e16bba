import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { answerChartData, answerHeadline, type AnswerChartData, type AnswerSeries, type ChiSquareFigure, type Interval } from '../../src/app/charts/number-charts.ts';
import { formatFixed, formatNumber, formatPercent, formatPValue, type CountForms } from '../../src/app/format.ts';
import { ANSWERS, PAPER_N, type Rng010Summary } from '../../src/core/probes/rng-0-10/index.ts';
import type { RunModelInfo } from '../../src/core/results/index.ts';
import { intervalWords } from '../text/estimate-text.ts';
import { listText, modelLabel } from '../text/run-text.ts';
import { REFERENCE, round, ruleY, type BarSeries, type LegendEntry } from './marks.ts';
import { NumberChart, type Frame } from './number-chart.ts';

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
export class LabAnswerChart extends NumberChart<Rng010Summary, AnswerChartData> {
  protected readonly probeId = 'rng-0-10' as const;

  /** Room for the fair pick's labels. */
  protected override plotMarginRight = 64;

  protected chartDataOf(summary: Rng010Summary | null, models: readonly RunModelInfo[]): AnswerChartData {
    return answerChartData(summary, models);
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

  protected groups(): number[] {
    return ANSWERS.map((_, answer) => answer);
  }

  protected barSeries(): BarSeries[] {
    return this.chartData.series.map((series) => ({
      kind: series.model.kind,
      bars: series.results?.bars.map((bar) => ({ key: bar.answer, value: bar.share, interval: bar.interval })) ?? null,
    }));
  }

  protected legendEntries(): LegendEntry[] {
    return this.chartData.series.map((series) => this.modelEntry(series.model, otherWords(series)));
  }

  /** A fair pick's share of each number, labelled right of the plot. */
  protected renderReference({ y, left, right }: Frame): SVGTemplateResult {
    const uniformY = round(y(this.chartData.uniformShare));
    return ruleY(
      'uniform',
      uniformY,
      [left, right],
      REFERENCE,
      svg`<text x=${right + 6} y=${uniformY - 7} dominant-baseline="middle">${msg('fair pick')}</text>
        <text x=${right + 6} y=${uniformY + 7} dominant-baseline="middle">${percent(this.chartData.uniformShare)}</text>`,
    );
  }

  protected axisTitles(): { x: string; y: string } {
    return { x: msg('Answer'), y: msg('Share of answers') };
  }

  protected emptyText(): string {
    return msg('No answers yet');
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
