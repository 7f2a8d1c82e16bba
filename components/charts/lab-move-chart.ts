import { html, nothing, svg, type SVGTemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { scaleBand, scaleLinear } from 'd3-scale';
import { area, curveStepAfter, stack, type SeriesPoint } from 'd3-shape';
import type { MoveChartData, MoveRound, MoveSeries } from '../../src/app/charts/game-charts.ts';
import { formatNumber, formatPercent } from '../../src/app/format.ts';
import { gameName, moveName, roundsText } from '../text/game-text.ts';
import { modelLabel } from '../text/run-text.ts';
import type { SeriesKind } from '../../src/app/charts/chart-models.ts';
import { LabChart, seriesColor, seriesFill } from './lab-chart.ts';
import { xAxis } from './marks.ts';

const WIDTH = 640;
const MARGIN = { left: 104, right: 16 };
/** The model's name above its panel. */
const PANEL_TITLE = 22;
/** An exact-mode panel: the policy stacked from 0 to 1. */
const POLICY_HEIGHT = 110;
/** A sampled-mode panel: one row per move. */
const ROW_HEIGHT = 16;
const PANEL_GAP = 18;
const AXIS_HEIGHT = 40;
/** A move's band is labelled where it is at least this tall. */
const MIN_LABEL_HEIGHT = 13;

/** Bands of the stacked policy: the same fill as the model (so base stays solid, aligned hatched), at falling opacity. */
function bandOpacity(move: number, moves: number): number {
  return 0.9 - (0.65 * move) / Math.max(1, moves - 1);
}

/** A played move's mark: the shape also tells base, aligned and reasoning apart. */
function moveMark(kind: SeriesKind, x: number, y: number): SVGTemplateResult {
  const colour = seriesColor(kind);
  if (kind === 'base') return svg`<circle cx=${x} cy=${y} r="2.6" fill=${colour}></circle>`;
  if (kind === 'aligned') return svg`<rect x=${x - 2.4} y=${y - 2.4} width="4.8" height="4.8" fill=${colour}></rect>`;
  return svg`<path d="M${x},${y - 3.2}L${x + 3.2},${y}L${x},${y + 3.2}L${x - 3.2},${y}Z" fill=${colour}></path>`;
}

/**
 * rps and hide-and-seek: what each model did round by round. In exact mode, the policy read from its logits each
 * round, stacked from 0 to 100% (one band per move, labelled in the band); in sampled mode, the move it played, one
 * mark per round in the row of that move. One panel per model, named above it.
 */
@customElement('lab-move-chart')
@localized()
export class LabMoveChart extends LabChart {
  @property({ attribute: false }) data: MoveChartData = { probeId: 'rps', mode: 'exact', moves: [], plannedRounds: 0, series: [] };

  private panelHeight(): number {
    return this.data.mode === 'exact' ? POLICY_HEIGHT : ROW_HEIGHT * this.data.moves.length + 4;
  }

  private lastRound(): number {
    return Math.max(1, this.data.plannedRounds, ...this.data.series.map((series) => series.rounds.length));
  }

  private move(move: number): string {
    return moveName(this.data.probeId, this.data.moves, move);
  }

  protected chartTitle(): string {
    return this.data.mode === 'exact'
      ? msg(str`How each model would play, round by round (${gameName(this.data.probeId)})`)
      : msg(str`What each model played, round by round (${gameName(this.data.probeId)})`);
  }

  protected chartSummary(): string {
    const played = this.data.series.filter((series) => series.rounds.length > 0);
    if (played.length === 0) return msg('No rounds yet: the chart fills in as the models play.');
    const sentences = played.map((series) => this.seriesSentence(series));
    const fair = formatPercent(1 / Math.max(1, this.data.moves.length), 0);
    return [...sentences, msg(str`An unpredictable player gives each move ${fair}.`)].join(' ');
  }

  private seriesSentence(series: MoveSeries): string {
    const favourite = series.favourite ?? 0;
    const share = formatPercent(series.meanPolicy[favourite] ?? 0, 0);
    const rounds = roundsText(series.rounds.length);
    const move = this.move(favourite);
    const main =
      this.data.mode === 'exact'
        ? msg(str`${series.name} put ${share} of its probability on ${move} on average over ${rounds}.`)
        : msg(str`${series.name} played ${move} in ${share} of ${rounds}.`);
    if (series.invalid === 0) return main;
    return `${main} ${msg(str`${formatNumber(series.invalid)} of its answers named no move and were asked again.`)}`;
  }

  protected chartSize() {
    const panels = Math.max(1, this.data.series.length);
    return { width: WIDTH, height: panels * (PANEL_TITLE + this.panelHeight() + PANEL_GAP) + AXIS_HEIGHT };
  }

  protected fileName(): string {
    return `${this.data.probeId}-moves`;
  }

  protected renderMarks() {
    const x = scaleLinear()
      .domain([0, this.lastRound()])
      .range([MARGIN.left, WIDTH - MARGIN.right]);
    const { height } = this.chartSize();
    const ticks = x.ticks(8).filter((tick) => Number.isInteger(tick));
    const axisTop = height - AXIS_HEIGHT;
    return [
      ...this.data.series.map((series, index) => {
        const top = index * (PANEL_TITLE + this.panelHeight() + PANEL_GAP);
        return svg`<g class="panel" aria-hidden="true">
          <text x=${MARGIN.left} y=${top + 14} font-weight="600">${modelLabel(series)}</text>
          ${this.renderPanel(series, x, top + PANEL_TITLE)}
        </g>`;
      }),
      xAxis({
        ticks: ticks.map((tick) => ({ at: x(tick), label: formatNumber(tick) })),
        y: axisTop,
        left: MARGIN.left,
        right: WIDTH - MARGIN.right,
        title: msg('Round'),
        tickMarks: true,
      }),
    ];
  }

  private renderPanel(series: MoveSeries, x: (round: number) => number, top: number): SVGTemplateResult {
    const bottom = top + this.panelHeight();
    if (series.rounds.length === 0) {
      return svg`<text x=${MARGIN.left} y=${top + 16} class="empty">${msg('No rounds yet')}</text>`;
    }
    return this.data.mode === 'exact' ? this.renderPolicy(series, x, top, bottom) : this.renderPlayed(series, x, top);
  }

  private renderPolicy(series: MoveSeries, x: (round: number) => number, top: number, bottom: number): SVGTemplateResult {
    const moves = this.data.moves.map((_, move) => move);
    const y = scaleLinear().domain([0, 1]).range([bottom, top]);
    // Round r's policy fills the slot from r − 1 to r; the last round is repeated so its slot closes.
    const rounds = series.rounds.filter((round): round is MoveRound & { policy: number[] } => round.policy !== null);
    const slots = [...rounds.map((round) => ({ x: round.round - 1, policy: round.policy })), ...rounds.slice(-1).map((round) => ({ x: round.round, policy: round.policy }))];
    type Slot = { x: number; policy: number[] };
    const layers = stack<Slot, number>()
      .keys(moves)
      .value((slot, move) => slot.policy[move] ?? 0)(slots);
    const band = area<SeriesPoint<Slot>>()
      .x((point) => x(point.data.x))
      .y0((point) => y(point[0]))
      .y1((point) => y(point[1]))
      .curve(curveStepAfter);
    const labels = layers.flatMap((layer) => {
      // The label goes where the band is tallest; of slots about as tall, the one nearest the middle of the rounds.
      const heights = layer.slice(0, -1).map((point) => y(point[0]) - y(point[1]));
      const tallest = Math.max(0, ...heights);
      if (tallest < MIN_LABEL_HEIGHT) return [];
      const centre = (heights.length - 1) / 2;
      const slot = heights.reduce(
        (best, height, index) => (height >= tallest - 1 && Math.abs(index - centre) < Math.abs(best - centre) ? index : best),
        heights.indexOf(tallest),
      );
      const point = layer[slot] as SeriesPoint<Slot>;
      const middle = (x(slot) + x(slot + 1)) / 2;
      return [
        svg`<text x=${middle} y=${(y(point[0]) + y(point[1])) / 2} text-anchor="middle" dominant-baseline="middle" font-weight="600"
          paint-order="stroke" stroke="var(--lab-bg)" stroke-width="3" stroke-linejoin="round">${this.move(layer.key)}</text>`,
      ];
    });
    const kind = series.kind;
    return svg`
      ${[0, 0.5, 1].map(
        (tick) => svg`<text x=${MARGIN.left - 6} y=${y(tick)} text-anchor="end" dominant-baseline="middle">${formatPercent(tick, 0)}</text>`,
      )}
      ${layers.map(
        (layer) => svg`<path class="band" d=${band(layer) ?? ''} fill=${seriesFill(kind)} fill-opacity=${bandOpacity(layer.key, moves.length)}
          stroke="var(--lab-bg)" stroke-width="0.5"></path>`,
      )}
      <rect x=${MARGIN.left} y=${top} width=${WIDTH - MARGIN.right - MARGIN.left} height=${bottom - top} fill="none" stroke=${seriesColor(kind)}></rect>
      ${labels}`;
  }

  private renderPlayed(series: MoveSeries, x: (round: number) => number, top: number): SVGTemplateResult {
    const y = scaleBand<number>()
      .domain(this.data.moves.map((_, move) => move))
      .range([top, top + ROW_HEIGHT * this.data.moves.length]);
    const centre = (move: number) => (y(move) ?? top) + y.bandwidth() / 2;
    return svg`
      ${this.data.moves.map(
        (_, move) => svg`<line class="row" x1=${MARGIN.left} x2=${WIDTH - MARGIN.right} y1=${centre(move)} y2=${centre(move)}
            stroke="var(--lab-chart-grid)"></line>
          <text x=${MARGIN.left - 6} y=${centre(move)} text-anchor="end" dominant-baseline="middle">${this.move(move)}</text>`,
      )}
      ${series.rounds.map((round) => moveMark(series.kind, x(round.round - 0.5), centre(round.move)))}`;
  }

  protected renderTable() {
    const { series, mode } = this.data;
    const rounds = Math.max(0, ...series.map((s) => s.rounds.length));
    const moves = this.data.moves.map((_, move) => move);
    const perModel = mode === 'exact' ? moves.length + 1 : 1;
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${msg('Moves by round, as a table')}>
      <table>
        <thead>
          <tr>
            <th scope="col" rowspan=${mode === 'exact' ? 2 : 1}>${msg('Round')}</th>
            ${series.map((s) => html`<th scope="colgroup" colspan=${perModel}>${s.name}</th>`)}
          </tr>
          ${mode === 'exact'
            ? html`<tr>
                ${series.map(
                  () => html`${moves.map((move) => html`<th scope="col">${msg(str`P(${this.move(move)})`)}</th>`)}
                    <th scope="col">${msg('Played')}</th>`,
                )}
              </tr>`
            : nothing}
        </thead>
        <tbody>
          ${Array.from({ length: rounds }, (_, index) => html`<tr>
            <th scope="row">${formatNumber(index + 1)}</th>
            ${series.map((s) => this.tableCells(s.rounds[index], moves))}
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private tableCells(round: MoveRound | undefined, moves: number[]) {
    const played = round ? this.move(round.move) : '—';
    if (this.data.mode !== 'exact') return html`<td>${played}</td>`;
    return html`${moves.map((move) => html`<td>${round?.policy ? formatPercent(round.policy[move] ?? 0, 1) : '—'}</td>`)}<td>${played}</td>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-move-chart': LabMoveChart;
  }
}
