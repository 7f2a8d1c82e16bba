// @vitest-environment jsdom
// Snapshots of the number charts' SVG, as Observable Plot tests its marks: each chart is drawn from fixed data and
// its SVG, normalised (Lit's markers dropped, generated ids replaced, numbers rounded to two decimals, whitespace
// collapsed), is compared with a committed file. A second drawing with one bar changed must differ, so the
// snapshot cannot pass whatever is drawn.
import { afterEach, describe, expect, it } from 'vitest';
import '../../../components/charts/lab-answer-chart.ts';
import '../../../components/charts/lab-repeats-chart.ts';
import type { LabAnswerChart } from '../../../components/charts/lab-answer-chart.ts';
import type { LabRepeatsChart } from '../../../components/charts/lab-repeats-chart.ts';
import { answerSummary, BASE_DISTINCT, INSTRUCT_DISTINCT, MODELS, sequenceSummary } from '../../fixtures/number-chart-runs.ts';
import { snapshotMarkup } from './snapshot-markup.ts';

const BASE_COUNTS = [12, 14, 13, 15, 13, 14, 12, 16, 13, 14, 14];
const INSTRUCT_COUNTS = [2, 3, 5, 10, 4, 6, 8, 80, 9, 3, 5];

/** The chart's SVG as a stable string. */
function normalisedSvg(chart: Element): string {
  const svg = chart.shadowRoot?.querySelector('figure > svg[role="img"]');
  if (!svg) throw new Error('The chart drew no SVG.');
  return snapshotMarkup(svg.outerHTML);
}

async function drawn<T extends LabAnswerChart | LabRepeatsChart>(tag: 'lab-answer-chart' | 'lab-repeats-chart', setUp: (chart: T) => void): Promise<T> {
  const chart = document.createElement(tag) as T;
  chart.models = MODELS;
  // The paper's figures are given, so nothing is fetched.
  chart.paperFigures = [];
  setUp(chart);
  document.body.append(chart);
  await chart.updateComplete;
  return chart;
}

function rectHeights(chart: Element, selector: string): string[] {
  return [...(chart.shadowRoot?.querySelectorAll(`${selector} rect`) ?? [])].map((rect) => rect.getAttribute('height') ?? '');
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<lab-answer-chart> SVG', () => {
  it('matches the committed snapshot', async () => {
    const chart = await drawn<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS }, { invalid: 3 });
    });
    expect(chart.shadowRoot?.querySelectorAll('.bars rect')).toHaveLength(22);
    await expect(normalisedSvg(chart)).toMatchFileSnapshot('./__snapshots__/lab-answer-chart.svg');
  });

  it('changes when one bar changes height', async () => {
    const chart = await drawn<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS }, { invalid: 3 });
    });
    const before = normalisedSvg(chart);
    const heightsBefore = rectHeights(chart, '.series-aligned');
    chart.summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS.map((count, value) => (value === 3 ? count + 6 : count)) }, { invalid: 3 });
    await chart.updateComplete;
    expect(normalisedSvg(chart)).not.toBe(before);
    const heightsAfter = rectHeights(chart, '.series-aligned');
    expect(heightsAfter[3]).not.toBe(heightsBefore[3]);
  });

  it('draws axes, the fair-pick line and no bars before the first answer', async () => {
    const chart = await drawn<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = null;
    });
    expect(chart.shadowRoot?.querySelectorAll('.bars rect')).toHaveLength(0);
    expect(chart.shadowRoot?.querySelectorAll('.uniform line')).toHaveLength(1);
    expect(chart.shadowRoot?.querySelector('figcaption p')?.textContent).toBe('No answers yet: the bars appear as the run collects them.');
  });
});

describe('<lab-repeats-chart> SVG', () => {
  it('matches the committed snapshot', async () => {
    const chart = await drawn<LabRepeatsChart>('lab-repeats-chart', (element) => {
      element.summary = sequenceSummary({ 'base-id': BASE_DISTINCT, 'instruct-id': INSTRUCT_DISTINCT });
    });
    expect(chart.shadowRoot?.querySelectorAll('.bars rect')).toHaveLength(20);
    expect(chart.shadowRoot?.querySelectorAll('.chance circle')).toHaveLength(10);
    await expect(normalisedSvg(chart)).toMatchFileSnapshot('./__snapshots__/lab-repeats-chart.svg');
  });

  it('changes when one bar changes height', async () => {
    const chart = await drawn<LabRepeatsChart>('lab-repeats-chart', (element) => {
      element.summary = sequenceSummary({ 'base-id': BASE_DISTINCT, 'instruct-id': INSTRUCT_DISTINCT });
    });
    const before = normalisedSvg(chart);
    const heightsBefore = rectHeights(chart, '.series-base');
    // One base sequence moves from 3 repeats (7 distinct) to 4 (6 distinct).
    chart.summary = sequenceSummary({ 'base-id': BASE_DISTINCT.map((distinct, index) => (index === 0 ? 6 : distinct)), 'instruct-id': INSTRUCT_DISTINCT });
    await chart.updateComplete;
    expect(normalisedSvg(chart)).not.toBe(before);
    const heightsAfter = rectHeights(chart, '.series-base');
    expect(heightsAfter[3]).not.toBe(heightsBefore[3]);
    expect(heightsAfter[4]).not.toBe(heightsBefore[4]);
  });
});
