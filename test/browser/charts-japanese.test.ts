// Every chart in Japanese: its title, its one-sentence summary and its table's column headers come out in the
// reader's language, and switching back to English re-renders the same element in place (no state lost).
import { expect } from 'chai';
import type { LitElement } from 'lit';
import '../../components/charts/lab-answer-chart.ts';
import '../../components/charts/lab-exploitability-chart.ts';
import '../../components/charts/lab-move-chart.ts';
import '../../components/lab-poem-metrics.ts';
import '../../components/charts/lab-repeats-chart.ts';
import '../../components/charts/lab-score-chart.ts';
import { exploitabilityChartData, moveChartData, scoreChartData } from '../../src/app/charts/game-charts.ts';
import { poemMetricsData } from '../../src/app/charts/poem-charts.ts';
import { showLanguage } from '../../src/app/locale.ts';
import { RNG_0_10, type Rng010Record } from '../../src/core/probes/rng-0-10/index.ts';
import { RNG_SEQUENCE, type RngSequenceRecord } from '../../src/core/probes/rng-sequence/index.ts';
import { MODELS, hideAndSeekSampledRun, poemSummary, rpsExactRun } from '../fixtures/game-poem-runs.ts';
import { emptyPageUnderHeadings, expectNoAxeViolations, mainLandmark, prepareLikeIndexHtml, settled } from './support.ts';

/** Japanese script: hiragana, katakana or kanji. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** English words of three letters or more: left-over source text (model names are removed before this check). */
const ENGLISH_WORD = /\b[A-Za-z]{3,}\b/;
const IDS = MODELS.map((model) => model.id);

function answerSummary() {
  const records: Rng010Record[] = MODELS.flatMap((model, modelIndex) =>
    Array.from({ length: 40 }, (_, index) => {
      const answer = modelIndex === 0 ? index % 11 : index % 3 === 0 ? 3 : 7;
      return { probeId: 'rng-0-10', modelId: model.id, index, kind: 'sample', text: String(answer), answer, invalid: null } as const;
    }),
  );
  return RNG_0_10.summarize(records, { ...RNG_0_10.defaultParams, mode: 'sampled', n: 40 }, IDS);
}

function sequenceSummary() {
  const records: RngSequenceRecord[] = MODELS.flatMap((model, modelIndex) =>
    Array.from({ length: 10 }, (_, index) => {
      const distinct = modelIndex === 0 ? 6 + (index % 3) : 10;
      const numbers = Array.from({ length: 10 }, (_, position) => (position + index) % distinct);
      return { probeId: 'rng-sequence', modelId: model.id, index, kind: 'sample', text: numbers.join(', '), numbers, invalid: null } as const;
    }),
  );
  return RNG_SEQUENCE.summarize(records, { ...RNG_SEQUENCE.defaultParams, mode: 'sampled', n: 10 }, IDS);
}

interface ChartCase {
  tag: string;
  properties: () => Record<string, unknown>;
}

const CHARTS: ChartCase[] = [
  { tag: 'lab-answer-chart', properties: () => ({ models: MODELS, summary: answerSummary(), paperFigures: [] }) },
  { tag: 'lab-repeats-chart', properties: () => ({ models: MODELS, summary: sequenceSummary(), paperFigures: [] }) },
  { tag: 'lab-move-chart', properties: () => ({ data: moveChartData(rpsExactRun()) }) },
  { tag: 'lab-score-chart', properties: () => ({ data: scoreChartData(hideAndSeekSampledRun()) }) },
  { tag: 'lab-exploitability-chart', properties: () => ({ data: exploitabilityChartData(rpsExactRun()) }) },
  { tag: 'lab-poem-metrics', properties: () => ({ data: poemMetricsData(poemSummary(), MODELS) }) },
];

async function mount(chart: ChartCase): Promise<LitElement> {
  const element = document.createElement(chart.tag) as LitElement;
  Object.assign(element, chart.properties());
  emptyPageUnderHeadings().append(element);
  await settled(element);
  return element;
}

/** The chart's parts a reader sees as words: title, summary, column headers. */
function words(element: LitElement): { title: string; summary: string; headers: string[] } {
  const root = element.shadowRoot!;
  const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    title: text(root.querySelector('h3')),
    summary: text(root.querySelector('figcaption p, p.summary')),
    headers: [...root.querySelectorAll('thead th')].map(text),
  };
}

/** Removes what stays the same in every language: model names and identifiers such as N, χ², P(7). */
function withoutNames(text: string): string {
  return MODELS.reduce((rest, model) => rest.replaceAll(model.name, ''), text).replace(/\b(JS|JSD|N|P|Kendall|Spearman|ngram|MTLD|TTR)\b/g, '');
}

describe('charts in Japanese', () => {
  before(prepareLikeIndexHtml);

  afterEach(() => mainLandmark().replaceChildren());

  after(() => showLanguage('en', { remember: false }));

  for (const chart of CHARTS) {
    it(`${chart.tag}: title, summary and table headers in Japanese, and back to English in place`, async () => {
      await showLanguage('ja', { remember: false });
      const element = await mount(chart);
      const japanese = words(element);
      expect(japanese.title, 'title').to.match(JAPANESE);
      expect(japanese.summary, 'summary').to.match(JAPANESE);
      expect(withoutNames(japanese.summary), 'summary').not.to.match(ENGLISH_WORD);
      expect(japanese.headers.length, 'table headers').to.be.greaterThan(0);
      for (const header of japanese.headers.map(withoutNames)) {
        expect(header, 'table header').not.to.match(ENGLISH_WORD);
      }
      expect(japanese.headers.some((header) => JAPANESE.test(header)), 'some header is Japanese').to.equal(true);
      expect(document.documentElement.lang).to.equal('ja');
      await expectNoAxeViolations(`${chart.tag} in Japanese`);

      await showLanguage('en', { remember: false });
      await settled(element);
      expect(element.isConnected, 'the same element, re-rendered').to.equal(true);
      const english = words(element);
      expect(english.summary).not.to.match(JAPANESE);
      expect(english.headers.join(' ')).not.to.match(JAPANESE);
    });
  }
});
