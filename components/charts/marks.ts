// The marks charts are drawn from, in the spirit of Observable Plot's: each takes plain numbers (positions, ticks,
// labels) and returns one SVG group. Every group is decorative (aria-hidden): a chart's accessible name, its text
// summary and its data table carry what the marks show (lab-chart.ts), so a screen reader never meets tick labels.
import { nothing, svg, type SVGTemplateResult } from 'lit';
import { scaleBand, type ScaleBand, type ScaleLinear } from 'd3-scale';
import type { SeriesKind } from '../../src/app/charts/chart-models.ts';
import { seriesColor, seriesFill } from './lab-chart.ts';

/** SVG coordinates to two decimals: enough for any screen, and short markup in exported files. */
export const round = (value: number): number => Math.round(value * 100) / 100;

/** A tick: where it stands along its axis (SVG units) and what it says. */
export interface Tick {
  at: number;
  label: string;
}

/** Horizontal grid lines across the plot, one per y position. */
export function gridY(ys: readonly number[], left: number, right: number): SVGTemplateResult {
  return svg`<g class="grid" aria-hidden="true">${ys.map((y) => svg`<line x1=${left} x2=${right} y1=${round(y)} y2=${round(y)}></line>`)}</g>`;
}

/** Vertical grid lines down the plot, one per x position. */
export function gridX(xs: readonly number[], top: number, bottom: number): SVGTemplateResult {
  return svg`<g class="grid" aria-hidden="true">${xs.map((x) => svg`<line x1=${round(x)} x2=${round(x)} y1=${top} y2=${bottom}></line>`)}</g>`;
}

/** A y axis left of the plot at `left`: tick labels, and its title turned along it between `top` and `bottom`. */
export function yAxis(options: { ticks: readonly Tick[]; left: number; top: number; bottom: number; title?: string }): SVGTemplateResult {
  const { ticks, left, top, bottom, title } = options;
  return svg`<g class="axis y-axis" aria-hidden="true">
    ${ticks.map((tick) => svg`<text x=${left - 6} y=${round(tick.at)} text-anchor="end" dominant-baseline="middle">${tick.label}</text>`)}
    ${title ? svg`<text transform="translate(14 ${round((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">${title}</text>` : nothing}
  </g>`;
}

/**
 * An x axis along `y` (under the plot, or over it with `side: 'top'`): a base line from `left` to `right` unless
 * `line` is false, a tick mark per tick where `tickMarks` (a continuous scale; a band scale's labels need none), the
 * labels, and its title under them (or, over the plot, after the last tick at `titleX`).
 */
export function xAxis(options: {
  ticks: readonly Tick[];
  y: number;
  left: number;
  right: number;
  title?: string;
  tickMarks?: boolean;
  line?: boolean;
  side?: 'bottom' | 'top';
  titleX?: number;
}): SVGTemplateResult {
  const { ticks, y, left, right, title, tickMarks = false, line = true, side = 'bottom' } = options;
  const labelY = side === 'bottom' ? y + 16 : y - 10;
  const titleAt = side === 'bottom' ? { x: round((left + right) / 2), y: y + 34, anchor: 'middle' } : { x: options.titleX ?? right, y: labelY, anchor: 'start' };
  return svg`<g class="axis x-axis" aria-hidden="true">
    ${line ? svg`<line x1=${left} x2=${right} y1=${y} y2=${y}></line>` : nothing}
    ${ticks.map(
      (tick) => svg`${tickMarks ? svg`<line x1=${round(tick.at)} x2=${round(tick.at)} y1=${y} y2=${y + 4}></line>` : nothing}
        <text x=${round(tick.at)} y=${labelY} text-anchor="middle">${tick.label}</text>`,
    )}
    ${title ? svg`<text x=${titleAt.x} y=${titleAt.y} text-anchor=${titleAt.anchor}>${title}</text>` : nothing}
  </g>`;
}

/** The ticks of a band scale, at the middle of each band. */
export function bandTicks(x: ScaleBand<number>, label: (key: number) => string): Tick[] {
  return x.domain().map((key) => ({ at: (x(key) ?? 0) + x.bandwidth() / 2, label: label(key) }));
}

/** A legend entry: its swatch (drawn in a 16 × 20 box, or wider), its label and a muted note after it. */
export interface LegendEntry {
  swatch: SVGTemplateResult;
  label: string;
  note?: string | null;
}

/** A legend row's height in SVG units. */
export const LEGEND_ROW = 18;

/**
 * A legend at (x, y): one entry per row, or side by side `columnWidth` apart. Inside the SVG, so that an exported
 * file names its series.
 */
export function legend(entries: readonly LegendEntry[], options: { x: number; y: number; swatchWidth?: number; columnWidth?: number }): SVGTemplateResult {
  const { x, y, swatchWidth = 16, columnWidth } = options;
  return svg`<g class="legend" aria-hidden="true">${entries.map((entry, index) => {
    const [dx, dy] = columnWidth === undefined ? [0, index * LEGEND_ROW] : [index * columnWidth, 0];
    return svg`<g transform="translate(${x + dx} ${y + dy})">
      ${entry.swatch}
      <text x=${swatchWidth + 6} y="10" dominant-baseline="middle">${entry.label}${entry.note ? svg`<tspan class="note" dx="8">${entry.note}</tspan>` : nothing}</text>
    </g>`;
  })}</g>`;
}

/** The swatch of a series' bars: its pattern and its outline. */
export function barSwatch(kind: SeriesKind): SVGTemplateResult {
  return svg`<rect x="0" y="3" width="16" height="14" fill=${seriesFill(kind)} stroke=${seriesColor(kind)}></rect>`;
}

/** A bar of a grouped bar chart: its group, its height, and its 95% interval where it has one. */
export interface Bar {
  key: number;
  value: number;
  interval: { lo: number; hi: number } | null;
}

/** One series of bars; null bars draw nothing (a model with no results yet) but keep the series' place. */
export interface BarSeries {
  kind: SeriesKind;
  bars: readonly Bar[] | null;
}

/** The band of each series within a group. */
export function innerBands(x: ScaleBand<number>, series: number): ScaleBand<number> {
  return scaleBand<number>()
    .domain(Array.from({ length: series }, (_, index) => index))
    .range([0, x.bandwidth()])
    .padding(0.08);
}

/**
 * Grouped bars: for each group of `x`, one bar per series side by side, in the series' fill (base solid, aligned
 * hatched, reasoning dotted), with a whisker for its interval.
 */
export function groupedBars(series: readonly BarSeries[], x: ScaleBand<number>, y: ScaleLinear<number, number>): SVGTemplateResult {
  const inner = innerBands(x, series.length);
  const width = inner.bandwidth();
  const cap = Math.min(6, width * 0.6) / 2;
  const [bottom] = y.range() as [number, number];
  return svg`<g class="bars" aria-hidden="true">${series.map((one, index) => {
    if (!one.bars) return nothing;
    return svg`<g class="series series-${one.kind}">${one.bars.map((bar) => {
      const x0 = (x(bar.key) ?? 0) + (inner(index) ?? 0);
      const centre = round(x0 + width / 2);
      const top = round(y(bar.value));
      return svg`
        <rect x=${round(x0)} y=${top} width=${round(width)} height=${round(bottom - top)} fill=${seriesFill(one.kind)} stroke=${seriesColor(one.kind)}></rect>
        ${bar.interval ? whisker(centre, round(y(bar.interval.lo)), round(y(bar.interval.hi)), cap) : nothing}
      `;
    })}</g>`;
  })}</g>`;
}

function whisker(x: number, lo: number, hi: number, cap: number): SVGTemplateResult {
  return svg`<path class="whisker" fill="none" stroke="currentColor" stroke-width="1.25"
    d="M${x},${lo}V${hi}M${round(x - cap)},${lo}H${round(x + cap)}M${round(x - cap)},${hi}H${round(x + cap)}"></path>`;
}

/** How a reference line is drawn: its colour, and its dashes so that it differs from the data by more than colour. */
export interface RuleStyle {
  stroke: string;
  width?: number;
  dash?: string;
  /** Round caps turn a "1 4" dash into dots. */
  linecap?: 'butt' | 'round';
}

/** A horizontal reference line (a fair pick's share, the zero of a score) from `left` to `right`, with its labels. */
export function ruleY(
  className: string,
  y: number,
  [left, right]: readonly [number, number],
  style: RuleStyle,
  labels: SVGTemplateResult | typeof nothing = nothing,
): SVGTemplateResult {
  return svg`<g class=${className} aria-hidden="true">
    <line x1=${left} x2=${right} y1=${round(y)} y2=${round(y)} stroke=${style.stroke} stroke-width=${style.width ?? 1.5} stroke-dasharray=${style.dash ?? 'none'}></line>
    ${labels}
  </g>`;
}

/** A vertical reference line (chance, on a rate axis) from `top` to `bottom`, with its labels. */
export function ruleX(
  x: number,
  [top, bottom]: readonly [number, number],
  style: RuleStyle,
  labels: SVGTemplateResult | typeof nothing = nothing,
): SVGTemplateResult {
  return svg`<line class="rule" x1=${round(x)} x2=${round(x)} y1=${top} y2=${bottom} stroke=${style.stroke} stroke-width=${style.width ?? 1.5} stroke-dasharray=${style.dash ?? 'none'}></line>
    ${labels}`;
}

/** The reference a chart compares the models with (a fair pick, pure chance, a random player): dashed, in its own colour. */
export const REFERENCE: RuleStyle = { stroke: 'var(--lab-chart-uniform)', width: 1.5, dash: '6 4' };

/** A line swatch for a legend: `style`'s line across the swatch box. */
export function lineSwatch(style: RuleStyle, width = 28): SVGTemplateResult {
  return svg`<line x1="0" x2=${width} y1="10" y2="10" stroke=${style.stroke} stroke-width=${style.width ?? 1.5} stroke-dasharray=${style.dash ?? 'none'}
    stroke-linecap=${style.linecap ?? 'butt'}></line>`;
}
