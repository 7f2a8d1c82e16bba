import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { PoemComparison, PoemMetricRow, PoemMetricsData } from '../src/app/charts/poem-charts.ts';
import { countText, formatFixed, formatNumber, type CountForms } from '../src/app/format.ts';
import type { PoemEstimate, PoemMetricName } from '../src/core/probes/poem/index.ts';
import { intervalWords } from './text/estimate-text.ts';
import { modelLabel } from './text/run-text.ts';
import { dataTableStyles, pageStyles } from './styles/shared.ts';

let nextId = 0;

const TOPICS: CountForms = { one: (n) => msg(str`${n} topic`), other: (n) => msg(str`${n} topics`) };

function metricName(metric: PoemMetricName): string {
  switch (metric) {
    case 'distinct1':
      return msg('Distinct words (distinct-1)');
    case 'distinct2':
      return msg('Distinct word pairs (distinct-2)');
    case 'compressionRatio':
      return msg('Compression ratio');
    case 'selfBleu':
      return msg('Self-BLEU (how alike the poems are)');
    case 'longNgramRepetition':
      return msg('Repeated phrases of 4 to 6 words');
    case 'novelty':
      return msg('Novelty against public-domain poems');
    case 'words':
      return msg('Length (words)');
    case 'mattr':
      return msg('Word variety within a poem (MATTR)');
  }
}

function howToRead(row: PoemMetricRow): string {
  if (row.moreVariedWhen === 'higher') return msg('higher = more varied');
  if (row.moreVariedWhen === 'lower') return msg('lower = more varied');
  return msg('not a measure of variety');
}

function valueText(metric: PoemMetricName, value: number): string {
  if (metric === 'words') return formatNumber(value, 1);
  return formatFixed(value, metric === 'compressionRatio' ? 2 : 3);
}

/**
 * poem: the text metrics of each model's poems as a table, each with its 95% interval (a bootstrap over topics) and
 * its N (topics), and on each metric which model's poems are more varied, said only where the intervals do not
 * overlap. Table first, with the same title and one-sentence summary as the charts.
 */
@customElement('lab-poem-metrics')
@localized()
export class LabPoemMetrics extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    css`
      section {
        margin: 0 0 1.5rem;
      }

      h3 {
        margin: 0 0 0.25rem;
      }

      .summary,
      .note {
        color: var(--lab-text-muted);
      }


      .how {
        display: block;
        font-weight: 400;
        font-size: 0.875rem;
        color: var(--lab-text-muted);
      }

      .interval {
        display: block;
        font-size: 0.875rem;
        color: var(--lab-text-muted);
      }

      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
    `,
  ];

  @property({ attribute: false }) data: PoemMetricsData = { models: [], rows: [], noveltyCorpus: null };

  private readonly ids = { title: `poem-metrics-${nextId}-title`, summary: `poem-metrics-${nextId++}-summary` };

  override render() {
    return html`<section>
      <h3 id=${this.ids.title}>${msg('How varied each model’s poems are')}</h3>
      <p class="summary" id=${this.ids.summary}>${this.summary()}</p>
      ${this.data.models.some((model) => model.poems > 0) ? this.renderTable() : nothing}
      <p class="note">${this.note()}</p>
    </section>`;
  }

  private summary(): string {
    const { models, rows } = this.data;
    if (!models.some((model) => model.poems > 0)) return msg('No poems yet: the table fills in as the models write.');
    const counts = models
      .map((model) => countText(model.poems, { one: (n) => msg(str`${model.name}: ${n} poem`), other: (n) => msg(str`${model.name}: ${n} poems`) }))
      .join('; ');
    const topics = Math.max(0, ...rows.flatMap((row) => row.estimates.map((estimate) => estimate?.n ?? 0)));
    const comparisons = (rows[0]?.comparisons ?? []).map((comparison, index) => this.comparisonSentence(comparison, index));
    const withTopics = countText(topics, { one: (n) => msg(str`${counts} (${n} topic).`), other: (n) => msg(str`${counts} (${n} topics).`) });
    return [withTopics, ...comparisons].join(' ');
  }

  /** The tally over the measures of one comparison (base against one aligned model). */
  private comparisonSentence(comparison: PoemComparison, index: number): string {
    const measured = this.data.rows.filter((row) => row.moreVariedWhen !== null);
    const verdicts = measured.map((row) => row.comparisons[index]?.verdict);
    const more = (id: string) => verdicts.filter((verdict) => verdict?.kind === 'more-varied' && verdict.moreVaried === id).length;
    const waiting = verdicts.filter((verdict) => verdict?.kind === 'not-enough-data').length;
    if (waiting === measured.length) return msg('Each measure needs poems on at least two topics from each model.');
    const { reference, other } = comparison;
    return countText(measured.length, {
      one: (n) =>
        msg(
          str`${reference.name}'s poems are more varied on ${formatNumber(more(reference.id))} of ${n} measure and ${other.name}'s on ${formatNumber(more(other.id))}; the rest show no clear difference yet.`,
        ),
      other: (n) =>
        msg(
          str`${reference.name}'s poems are more varied on ${formatNumber(more(reference.id))} of ${n} measures and ${other.name}'s on ${formatNumber(more(other.id))}; the rest show no clear difference yet.`,
        ),
    });
  }

  private note(): string {
    const intervals = msg('Intervals are 95% bootstrap intervals over topics; N is the number of topics.');
    const corpus = this.data.noveltyCorpus;
    const novelty = corpus
      ? countText(corpus.texts, {
          one: (n) => msg(str`Novelty counts the word sequences of 3 to 6 words not found in ${n} public-domain poem.`),
          other: (n) => msg(str`Novelty counts the word sequences of 3 to 6 words found in none of ${n} public-domain poems.`),
        })
      : msg('Novelty against public-domain poems is not shown: the reference poems are not loaded.');
    return `${intervals} ${novelty}`;
  }

  private renderTable() {
    const { models, rows } = this.data;
    return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby=${this.ids.title}>
      <table aria-describedby=${this.ids.summary}>
        <thead>
          <tr>
            <th scope="col">${msg('Measure')}</th>
            ${models.map((model) => html`<th scope="col">${modelLabel(model)}</th>`)}
            <th scope="col">${msg('Which poems are more varied')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <th scope="row">${metricName(row.metric)}<span class="how">${howToRead(row)}</span></th>
              ${row.estimates.map((estimate) => html`<td class="number">${this.estimateText(row.metric, estimate)}</td>`)}
              <td>${this.comparisons(row)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private estimateText(metric: PoemMetricName, estimate: PoemEstimate | null) {
    if (!estimate) return msg('not enough poems yet');
    return html`${valueText(metric, estimate.value)}
      <span class="interval">${intervalWords(estimate, { format: (value) => valueText(metric, value), counted: TOPICS })}</span>`;
  }

  private comparisons(row: PoemMetricRow) {
    if (row.comparisons.length === 0) return '—';
    if (row.comparisons.length === 1) return this.verdictText(row.comparisons[0] as PoemComparison);
    return html`<ul>
      ${row.comparisons.map((comparison) => html`<li>${comparison.reference.name} / ${comparison.other.name}: ${this.verdictText(comparison)}</li>`)}
    </ul>`;
  }

  private verdictText(comparison: PoemComparison): string {
    const verdict = comparison.verdict;
    switch (verdict.kind) {
      case 'more-varied': {
        const model = [comparison.reference, comparison.other].find((candidate) => candidate.id === verdict.moreVaried);
        return msg(str`${model?.name ?? verdict.moreVaried}'s poems (the intervals do not overlap).`);
      }
      case 'no-clear-difference':
        return msg('No clear difference (the intervals overlap).');
      case 'not-enough-data':
        return msg('Not enough poems yet.');
      case 'not-a-variety-measure':
        return msg('Not a measure of variety.');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-poem-metrics': LabPoemMetrics;
  }
}
