// The frame every chart shares (design.md §7, conventions.md "Accessibility of charts"): a visible title that is
// also the SVG's accessible name, a one-sentence text summary, the data as a table behind a disclosure, and SVG
// and PNG downloads. The SVG carries its own <title> and <desc>, so a downloaded file keeps its name and summary. A chart element extends this class and supplies those four things from plain data.
import { LitElement, css, html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { SeriesKind } from '../../src/app/charts/chart-models.ts';
import { dataTableStyles, pageStyles } from '../styles/shared.ts';
import { downloadFile, serializeSvg, svgToPng } from './chart-export.ts';

let nextChartId = 0;


/** The fill for a series: solid for base, hatched for aligned, dotted for reasoning (the patterns are in `seriesPatterns`). */
export function seriesFill(kind: SeriesKind): string {
  return kind === 'base' ? 'var(--lab-chart-base)' : `url(#pattern-${kind})`;
}

export function seriesColor(kind: SeriesKind): string {
  return kind === 'base' ? 'var(--lab-chart-base)' : kind === 'aligned' ? 'var(--lab-chart-instruct)' : 'var(--lab-chart-reasoning)';
}

/** SVG <defs> with the hatching of aligned series and the dots of reasoning ones. */
export function seriesPatterns(): SVGTemplateResult {
  return svg`
    <defs>
      <pattern id="pattern-aligned" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="var(--lab-chart-instruct)" fill-opacity="0.35"></rect>
        <line x1="0" y1="0" x2="0" y2="6" stroke="var(--lab-chart-instruct)" stroke-width="3"></line>
      </pattern>
      <pattern id="pattern-reasoning" patternUnits="userSpaceOnUse" width="6" height="6">
        <rect width="6" height="6" fill="var(--lab-chart-reasoning)" fill-opacity="0.35"></rect>
        <circle cx="3" cy="3" r="1.6" fill="var(--lab-chart-reasoning)"></circle>
      </pattern>
    </defs>
  `;
}

export abstract class LabChart extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    css`
      figure {
        margin: 0 0 1.5rem;
      }

      figcaption h3 {
        margin: 0 0 0.25rem;
      }

      figcaption p {
        margin: 0 0 0.5rem;
        color: var(--lab-text-muted);
      }

      svg {
        display: block;
        width: 100%;
        height: auto;
        max-width: 48rem;
        font-family: var(--lab-font);
        font-size: 12px;
        color: var(--lab-text);
        overflow: visible;
      }

      svg text {
        fill: currentColor;
      }

      .grid line {
        stroke: var(--lab-chart-grid);
      }

      .axis path,
      .axis line {
        stroke: var(--lab-text-muted);
      }

      /* A chart's table holds numbers: right-aligned, but for the row names in the first column. */
      th,
      td {
        text-align: right;
      }

      th:first-child,
      td:first-child {
        text-align: left;
      }

      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        margin-top: 0.5rem;
      }

      .actions button {
        background: transparent;
        color: var(--lab-accent);
        border-color: var(--lab-border);
        font-size: 0.875rem;
        padding: 0.2rem 0.7rem;
      }
    `,
  ];

  private readonly chartId = `chart-${nextChartId++}`;

  /** The chart's title, which is also its accessible name. */
  protected abstract chartTitle(): string;
  /** One sentence that says what the chart shows (for everyone, and as the SVG's description). */
  protected abstract chartSummary(): string;
  /** The chart's width and height in SVG units (its viewBox). */
  protected abstract chartSize(): { width: number; height: number };
  /** The marks, inside the chart's <svg>. */
  protected abstract renderMarks(): SVGTemplateResult | SVGTemplateResult[];
  /** The same data as a table, with a caption-less <table> (the title names it). */
  protected abstract renderTable(): TemplateResult;
  /** The file name (without extension) for downloads. */
  protected abstract fileName(): string;

  override render() {
    const { width, height } = this.chartSize();
    const titleId = `${this.chartId}-title`;
    const summaryId = `${this.chartId}-summary`;
    return html`
      <figure>
        <figcaption>
          <h3 id=${titleId}>${this.chartTitle()}</h3>
          <p id=${summaryId}>${this.chartSummary()}</p>
        </figcaption>
        <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby=${titleId} aria-describedby=${summaryId}>
          <title>${this.chartTitle()}</title>
          <desc>${this.chartSummary()}</desc>
          ${seriesPatterns()} ${this.renderMarks()}
        </svg>
        <details>
          <summary>${msg('Show the data as a table')}</summary>
          ${this.renderTable()}
        </details>
        <div class="actions">
          <button type="button" @click=${this.downloadSvg}>${msg('Download SVG')}</button>
          <button type="button" @click=${this.downloadPng}>${msg('Download PNG')}</button>
        </div>
      </figure>
    `;
  }

  /** The chart as a standalone SVG file. */
  svgFile(): string {
    const element = this.renderRoot.querySelector('svg');
    if (!element) return '';
    return serializeSvg(element, getComputedStyle(document.documentElement).backgroundColor);
  }

  private downloadSvg(): void {
    downloadFile(new Blob([this.svgFile()], { type: 'image/svg+xml' }), `${this.fileName()}.svg`);
  }

  private async downloadPng(): Promise<void> {
    const { width, height } = this.chartSize();
    downloadFile(await svgToPng(this.svgFile(), width, height), `${this.fileName()}.png`);
  }
}

