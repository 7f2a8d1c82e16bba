// What the two number-probe charts (lab-answer-chart, lab-repeats-chart) share on top of the chart frame: the
// run's models, a legend inside the SVG (so an exported file names its series), the headline numbers beside the
// chart, and the paper's reported figures beside those, under their source label and never mixed in.
import { css, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { property } from 'lit/decorators.js';
import type { ScaleBand, ScaleLinear } from 'd3-scale';
import { figurePlainWords, figureSource } from '../../src/app/figure-text.ts';
import { chartFigures, defaultPaperFiguresUrl, PaperFiguresLoader, type ChartModel, type FigureGroup } from '../../src/app/charts/number-charts.ts';
import { formatNumber, formatPercent } from '../../src/app/format.ts';
import type { PaperFigure } from '../../src/core/reference/paper-figures.ts';
import type { RunModelInfo } from '../../src/core/results/index.ts';
import { modelLabel } from '../text/run-text.ts';
import { LabChart, seriesColor, seriesFill } from './lab-chart.ts';

/** Percent tick labels with as many decimals as the tick step needs (d3 steps are 1, 2 or 5 × 10^k). */
export function percentTick(value: number, step: number): string {
  return formatPercent(value, Math.max(0, -Math.floor(Math.log10(step * 100) + 1e-9)));
}

/** SVG coordinates to two decimals: enough for any screen, and short markup in exported files. */
export const round = (value: number): number => Math.round(value * 100) / 100;

/** Where a grouped bar chart's plot sits in its SVG, and its scales. */
export interface Frame {
  plotTop: number;
  plotBottom: number;
  /** The groups along the axis (answers, repeat counts). */
  x: ScaleBand<number>;
  /** The models within a group. */
  inner: ScaleBand<number>;
  y: ScaleLinear<number, number>;
}

/** A legend row's height in SVG units. */
export const LEGEND_ROW = 18;

/** One legend row: a swatch, the label, and a muted note after it. */
export function legendRow(y: number, swatch: SVGTemplateResult, label: string, note: string | null): SVGTemplateResult {
  return svg`
    <g transform="translate(0 ${y})">
      ${swatch}
      <text x="22" y="10" dominant-baseline="middle">${label}${note ? svg`<tspan class="note" dx="8">${note}</tspan>` : nothing}</text>
    </g>
  `;
}

/** The swatch of a model's bars: its pattern and its outline. */
export function seriesSwatch(model: ChartModel): SVGTemplateResult {
  return svg`<rect x="0" y="3" width="16" height="14" fill=${seriesFill(model.kind)} stroke=${seriesColor(model.kind)}></rect>`;
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
export abstract class NumberChart extends LabChart {
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

  private readonly figures = new PaperFiguresLoader(this);

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
    if (changed.has('paperFigures') || changed.has('paperFiguresUrl')) this.figures.use(this.paperFigures, this.paperFiguresUrl);
  }

  override render() {
    return html`
      <div class="layout">
        ${super.render()}
        <div class="beside">${this.renderHeadline()} ${this.renderPaperFigures()}</div>
      </div>
    `;
  }

  /** A model's name with its swatch, above its numbers. */
  protected renderModelName(model: ChartModel): TemplateResult {
    return html`<p class="model-name">
      <svg viewBox="0 0 16 14" aria-hidden="true">${seriesSwatch(model)}</svg>
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
    const groups = chartFigures(state.figures, this.probeId);
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
