import { html, svg } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { ScoreChartData, ScorePoint, ScoreSeries } from '../../src/app/charts/game-charts.ts';
import { formatNumber } from '../../src/app/format.ts';
import type { Estimate } from '../../src/core/probes/probe.ts';
import { estimateWords, type EstimateWording } from '../text/estimate-text.ts';
import { gameName, ROUNDS } from '../text/game-text.ts';
import { modelLabel } from '../text/run-text.ts';
import type { SeriesKind } from '../../src/app/charts/chart-models.ts';
import { LabChart, seriesColor } from './lab-chart.ts';
import { gridY, legend, LEGEND_ROW, lineSwatch, round, ruleY, xAxis, yAxis, type LegendEntry, type RuleStyle } from './marks.ts';

const WIDTH = 640;
const PLOT_HEIGHT = 260;
const MARGIN = { top: 16, right: 16, left: 56 };
const AXIS_HEIGHT = 40;
/** A uniform random player against the same opponent: dotted, round dots, so it differs from every model's line. */
const RANDOM_PLAYER: RuleStyle = { stroke: 'var(--lab-chart-uniform)', width: 1.5, dash: '1 4', linecap: 'round' };

/** Lines differ by dash as well as colour: base solid, aligned dashed, reasoning dotted. */
function dashOf(kind: SeriesKind): string {
  return kind === 'base' ? 'none' : kind === 'aligned' ? '7 4' : '2 3';
}

function lineStyle(kind: SeriesKind): RuleStyle {
  return { stroke: seriesColor(kind), width: 2, dash: dashOf(kind) };
}

/** A signed score, e.g. "+12", "−3", "0". */
function signed(value: number, digits = 0): string {
  const text = formatNumber(Math.abs(value), digits);
  if (Number(value.toFixed(digits)) === 0) return formatNumber(0);
  return value > 0 ? `+${text}` : `−${text}`;
}

/** A net score per 100 rounds, signed, over the rounds played. */
const PER_HUNDRED: EstimateWording = { format: (value) => signed(value, 1), counted: ROUNDS };

/**
 * rps and hide-and-seek: each model's running net score against the opponent, round by round, beside the zero line
 * and a uniform random player against the same opponent (its average slope, and the wedge of its 95% interval).
 */
@customElement('lab-score-chart')
@localized()
export class LabScoreChart extends LabChart {
  @property({ attribute: false }) data: ScoreChartData = { probeId: 'rps', moves: 3, plannedRounds: 0, series: [], control: null };

  /** Hide-and-seek has no ties: a round is a win when the model is not found, a loss when it is. */
  private hiding(): boolean {
    return this.data.probeId === 'hide-and-seek';
  }

  private lastRound(): number {
    return Math.max(1, this.data.plannedRounds, this.data.control?.rounds ?? 0, ...this.data.series.map((s) => s.rounds));
  }

  protected chartTitle(): string {
    return msg(str`Running net score against the opponent (${gameName(this.data.probeId)})`);
  }

  protected chartSummary(): string {
    const played = this.data.series.filter((series) => series.netScorePer100 !== null);
    if (played.length === 0) return msg('No rounds yet: the lines grow as the models play.');
    const sentences = played.map((series) =>
      msg(str`${series.name} scored ${estimateWords(series.netScorePer100 as Estimate, PER_HUNDRED)} per 100 rounds.`),
    );
    const control = this.data.control;
    const reference = control
      ? msg(
          str`Random play scores 0 in expectation; a random player against the same opponent scored ${estimateWords(control.netScorePer100, PER_HUNDRED)} per 100 rounds.`,
        )
      : msg('Random play scores 0 in expectation.');
    return [...sentences, reference].join(' ');
  }

  protected chartSize() {
    const entries = this.data.series.length + (this.data.control ? 1 : 0);
    return { width: WIDTH, height: MARGIN.top + PLOT_HEIGHT + AXIS_HEIGHT + entries * LEGEND_ROW + 8 };
  }

  protected fileName(): string {
    return `${this.data.probeId}-net-score`;
  }

  protected renderMarks() {
    const { series, control } = this.data;
    const last = this.lastRound();
    const x = scaleLinear().domain([0, last]).range([MARGIN.left, WIDTH - MARGIN.right]);
    const wedge = control
      ? {
          end: control.rounds,
          value: (control.netScorePer100.value / 100) * control.rounds,
          lo: (control.netScorePer100.lo / 100) * control.rounds,
          hi: (control.netScorePer100.hi / 100) * control.rounds,
        }
      : null;
    const totals = series.flatMap((s) => s.points.map((point) => point.total));
    const low = Math.min(0, ...totals, wedge?.lo ?? 0);
    const high = Math.max(0, ...totals, wedge?.hi ?? 0);
    const y = scaleLinear()
      .domain(low === high ? [-1, 1] : [low, high])
      .nice()
      .range([MARGIN.top + PLOT_HEIGHT, MARGIN.top]);
    const path = line<ScorePoint>()
      .x((point) => x(point.round))
      .y((point) => y(point.total));
    const yTicks = y.ticks(6);
    const xTicks = x.ticks(8).filter((tick) => Number.isInteger(tick));
    const [left, right] = [MARGIN.left, WIDTH - MARGIN.right];
    const axisTop = MARGIN.top + PLOT_HEIGHT;
    const legendTop = axisTop + AXIS_HEIGHT;
    const entries: LegendEntry[] = series.map((s) => {
      const score = s.netScorePer100 ? signed(s.netScorePer100.value, 1) : '—';
      return { swatch: lineSwatch(lineStyle(s.kind)), label: msg(str`${modelLabel(s)}: ${score} per 100 rounds`) };
    });
    if (control) {
      entries.push({
        swatch: lineSwatch(RANDOM_PLAYER),
        label: msg(str`Random player (shaded: its 95% interval): ${signed(control.netScorePer100.value, 1)} per 100 rounds`),
      });
    }
    return [
      gridY(yTicks.map((tick) => y(tick)), left, right),
      yAxis({ ticks: yTicks.map((tick) => ({ at: y(tick), label: signed(tick) })), left, top: MARGIN.top, bottom: axisTop, title: msg('Net score so far') }),
      xAxis({ ticks: xTicks.map((tick) => ({ at: x(tick), label: formatNumber(tick) })), y: axisTop, left, right, title: msg('Round'), tickMarks: true }),
      ruleY('zero', y(0), [left, right], { stroke: 'var(--lab-text-muted)' }, svg`<text x=${left + 4} y=${round(y(0) - 5)}>${msg('0 = even')}</text>`),
      ...(wedge
        ? [
            svg`<g class="control" aria-hidden="true">
            <path d="M${x(0)},${y(0)}L${x(wedge.end)},${y(wedge.hi)}L${x(wedge.end)},${y(wedge.lo)}Z"
              fill=${RANDOM_PLAYER.stroke} fill-opacity="0.1"></path>
            <line x1=${x(0)} y1=${y(0)} x2=${x(wedge.end)} y2=${y(wedge.value)}
              stroke=${RANDOM_PLAYER.stroke} stroke-width=${RANDOM_PLAYER.width} stroke-dasharray=${RANDOM_PLAYER.dash} stroke-linecap=${RANDOM_PLAYER.linecap}></line>
          </g>`,
          ]
        : []),
      svg`<g class="lines" aria-hidden="true">
        ${series.map(
          (s) => svg`<path class="score-line" d=${path(s.points) ?? ''} fill="none" stroke=${seriesColor(s.kind)} stroke-width="2"
            stroke-dasharray=${dashOf(s.kind)}></path>`,
        )}
      </g>`,
      legend(entries, { x: left, y: legendTop, swatchWidth: 28 }),
    ];
  }

  protected renderTable() {
    const { series, control } = this.data;
    const rounds = Math.max(0, ...series.map((s) => s.points.length - 1));
    return html`<table>
        <caption>${msg('Totals')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Player')}</th>
            <th scope="col">${msg('Rounds')}</th>
            ${this.hiding()
              ? html`<th scope="col">${msg('Not found')}</th>
                  <th scope="col">${msg('Found')}</th>`
              : html`<th scope="col">${msg('Won')}</th>
                  <th scope="col">${msg('Tied')}</th>
                  <th scope="col">${msg('Lost')}</th>`}
            <th scope="col">${msg('Net score per 100 rounds')}</th>
          </tr>
        </thead>
        <tbody>
          ${series.map((s) => this.totalsRow(modelLabel(s), s))}
          ${control ? this.totalsRow(msg('Random player'), control) : null}
        </tbody>
      </table>
      <table>
        <caption>${msg('Net score after each round')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Round')}</th>
            ${series.map((s) => html`<th scope="col">${s.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${Array.from({ length: rounds }, (_, index) => html`<tr>
            <th scope="row">${formatNumber(index + 1)}</th>
            ${series.map((s) => {
              const point = s.points[index + 1];
              return html`<td>${point ? signed(point.total, 2) : '—'}</td>`;
            })}
          </tr>`)}
        </tbody>
      </table>`;
  }

  private totalsRow(name: string, totals: Pick<ScoreSeries, 'rounds' | 'wins' | 'ties' | 'losses'> & { netScorePer100: Estimate | null }) {
    return html`<tr>
      <th scope="row">${name}</th>
      <td>${formatNumber(totals.rounds)}</td>
      <td>${formatNumber(totals.wins)}</td>
      ${this.hiding() ? null : html`<td>${formatNumber(totals.ties)}</td>`}
      <td>${formatNumber(totals.losses)}</td>
      <td>${totals.netScorePer100 ? estimateWords(totals.netScorePer100, PER_HUNDRED) : '—'}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-score-chart': LabScoreChart;
  }
}
