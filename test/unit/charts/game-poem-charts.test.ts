// @vitest-environment jsdom
// Snapshot tests of the game and poem charts, as Observable Plot tests its marks: each chart is rendered from fixed
// data and its SVG (the poem metrics: its table) is compared, normalised, with a committed file in __snapshots__.
import { describe, expect, it } from 'vitest';
import type { LitElement } from 'lit';
import '../../../components/charts/lab-exploitability-chart.ts';
import '../../../components/charts/lab-move-chart.ts';
import '../../../components/lab-poem-metrics.ts';
import '../../../components/charts/lab-score-chart.ts';
import { exploitabilityChartData, moveChartData, scoreChartData, type GameRun } from '../../../src/app/charts/game-charts.ts';
import { poemMetricsData } from '../../../src/app/charts/poem-charts.ts';
import { MODELS, hideAndSeekSampledRun, poemRecord, poemRecords, poemSummary, rpsExactRun } from '../../fixtures/game-poem-runs.ts';
import { snapshotMarkup } from './snapshot-markup.ts';

/**
 * Markup as a stable string: Lit's comment markers gone, numbers rounded to 2 decimals, generated ids replaced,
 * white space collapsed, and one tag per line so that a diff points at the mark that changed.
 */
async function render<T extends LitElement>(tag: string, data: unknown, properties: Record<string, unknown> = {}): Promise<T> {
  const element = document.createElement(tag) as T;
  Object.assign(element, { data, ...properties });
  document.body.replaceChildren(element);
  await element.updateComplete;
  return element;
}

async function svgOf(tag: string, data: unknown, properties: Record<string, unknown> = {}): Promise<string> {
  const element = await render(tag, data, properties);
  const svg = element.shadowRoot?.querySelector('svg');
  if (!svg) throw new Error(`${tag} drew no SVG`);
  return snapshotMarkup(svg.outerHTML);
}

async function tableOf(data: unknown): Promise<string> {
  const element = await render('lab-poem-metrics', data);
  const section = element.shadowRoot?.querySelector('section');
  if (!section) throw new Error('lab-poem-metrics drew nothing');
  return snapshotMarkup(section.outerHTML);
}

/** The poem run with one base poem rewritten: its metrics change. */
function changedPoems() {
  const records = poemRecords().map((record) =>
    record.modelId === MODELS[0]!.id && record.index === 0 ? poemRecord(record.modelId, 0, 'The sea is vast and blue and deep') : record,
  );
  return poemMetricsData(poemSummary(records), MODELS);
}

const rps: GameRun = rpsExactRun();
const hiding: GameRun = hideAndSeekSampledRun();

describe('game and poem chart snapshots', () => {
  it('lab-move-chart, exact mode: stacked policies per round', async () => {
    await expect(await svgOf('lab-move-chart', moveChartData(rps))).toMatchFileSnapshot('./__snapshots__/move-chart-exact.svg');
  });

  it('lab-move-chart, sampled mode: one mark per round', async () => {
    await expect(await svgOf('lab-move-chart', moveChartData(hiding))).toMatchFileSnapshot('./__snapshots__/move-chart-sampled.svg');
  });

  it('lab-score-chart: running net score with the random player and the zero line', async () => {
    await expect(await svgOf('lab-score-chart', scoreChartData(rps))).toMatchFileSnapshot('./__snapshots__/score-chart.svg');
  });

  it('lab-exploitability-chart: exploitability per state, last-round view', async () => {
    await expect(await svgOf('lab-exploitability-chart', exploitabilityChartData(rps))).toMatchFileSnapshot(
      './__snapshots__/exploitability-chart.svg',
    );
  });

  it('lab-exploitability-chart, hide-and-seek: found-rates, last-outcome view', async () => {
    const markup = await svgOf('lab-exploitability-chart', exploitabilityChartData(hiding), { view: 'last-outcome' });
    await expect(markup).toMatchFileSnapshot('./__snapshots__/exploitability-hide-and-seek.svg');
  });

  it('lab-poem-metrics: the metrics table', async () => {
    await expect(await tableOf(poemMetricsData(poemSummary(), MODELS))).toMatchFileSnapshot('./__snapshots__/poem-metrics.html');
  });

  it('change when the data changes', async () => {
    const pairs: [string, () => Promise<string>, () => Promise<string>][] = [
      ['moves', () => svgOf('lab-move-chart', moveChartData(rps)), () => svgOf('lab-move-chart', moveChartData(rpsExactRun(11)))],
      ['score', () => svgOf('lab-score-chart', scoreChartData(rps)), () => svgOf('lab-score-chart', scoreChartData(rpsExactRun(11)))],
      [
        'exploitability',
        () => svgOf('lab-exploitability-chart', exploitabilityChartData(rps)),
        () => svgOf('lab-exploitability-chart', exploitabilityChartData(rpsExactRun(11))),
      ],
      ['poem metrics', () => tableOf(poemMetricsData(poemSummary(), MODELS)), () => tableOf(changedPoems())],
    ];
    for (const [name, before, after] of pairs) {
      expect(await before(), name).not.toBe(await after());
    }
  });

  it('the snapshot form rounds numbers and numbers generated ids alike', () => {
    expect(snapshotMarkup('<rect x="10.123456" y="-3.456"></rect>  <text id="chart-12-title">0.5</text>')).toBe(
      '<rect x="10.12" y="-3.46">\n</rect>\n<text id="chart-N-title">0.5</text>',
    );
  });
});

describe('game and poem charts before the first record', () => {
  const empty = (run: GameRun): GameRun => ({ ...run, records: [], summary: null });

  it.each([
    ['lab-move-chart', () => moveChartData(empty(rps)), 'No rounds yet: the chart fills in as the models play.'],
    ['lab-score-chart', () => scoreChartData(empty(rps)), 'No rounds yet: the lines grow as the models play.'],
    ['lab-exploitability-chart', () => exploitabilityChartData(empty(hiding)), 'No rounds yet: the bars appear as the models play.'],
    ['lab-poem-metrics', () => poemMetricsData(null, MODELS), 'No poems yet: the table fills in as the models write.'],
  ])('%s says that nothing is there yet', async (tag, data, summary) => {
    const element = await render(tag, data());
    const paragraphs = [...(element.shadowRoot?.querySelectorAll('p') ?? [])].map((p) => p.textContent?.trim());
    expect(paragraphs).toContain(summary);
  });
});
