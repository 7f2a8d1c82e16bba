// The number charts in Chromium: accessible name and description on the SVG, a table with the summary's numbers,
// axe in the light and the dark theme, SVG and PNG export, live updates, the empty state, the paper's figures from
// the app's own file, and a 360px-wide screen.
import { expect } from 'chai';
import '../../components/charts/lab-answer-chart.ts';
import '../../components/charts/lab-repeats-chart.ts';
import type { LabAnswerChart } from '../../components/charts/lab-answer-chart.ts';
import type { LabRepeatsChart } from '../../components/charts/lab-repeats-chart.ts';
import { svgToPng } from '../../components/charts/chart-export.ts';
import { formatNumber, formatPercent } from '../../src/app/format.ts';
import { parsePaperFigures, type PaperFigure } from '../../src/core/reference/paper-figures.ts';
import {
  answerSummary as sampledAnswers,
  BASE_DISTINCT,
  exactAnswerSummary,
  INSTRUCT_DISTINCT,
  MODELS,
  sequenceSummary,
} from '../fixtures/number-chart-runs.ts';
import { emptyPageUnderHeadings, expectNoAxeViolations, prepareLikeIndexHtml, settled } from './support.ts';

/** The app's copy of the paper's figures, as the test server serves the repository. */
const PAPER_FIGURES_URL = '/public/reference/paper-figures.json';

const BASE_COUNTS = [18, 17, 19, 20, 17, 18, 16, 21, 18, 17, 19];
const INSTRUCT_COUNTS = [3, 5, 8, 15, 6, 9, 12, 110, 14, 6, 12];

/** A sampled rng-0-10 summary with these counts per model, of the 200 answers the run asks for. */
const answerSummary = (counts: Record<string, number[]>) => sampledAnswers(counts, { n: 200 });

let figures: PaperFigure[] = [];

// Root hooks: every suite below reads the app's figures once, and starts from the light theme and an empty page.
before(async () => {
  await prepareLikeIndexHtml();
  figures = parsePaperFigures(await (await fetch(PAPER_FIGURES_URL)).json());
});

afterEach(() => {
  delete document.documentElement.dataset.theme;
  document.querySelectorAll('lab-answer-chart, lab-repeats-chart').forEach((chart) => chart.remove());
});

/** A page like the run page around the chart: a main landmark, an h1 and an h2 above the chart's h3. */
async function mount<T extends LabAnswerChart | LabRepeatsChart>(tag: 'lab-answer-chart' | 'lab-repeats-chart', setUp: (chart: T) => void): Promise<T> {
  const chart = document.createElement(tag) as T;
  chart.models = MODELS;
  setUp(chart);
  emptyPageUnderHeadings().append(chart);
  await settled(chart);
  return chart;
}

function shadow(chart: Element): ShadowRoot {
  if (!chart.shadowRoot) throw new Error('The chart has no shadow root.');
  return chart.shadowRoot;
}

function chartSvg(chart: Element): SVGSVGElement {
  const svg = shadow(chart).querySelector<SVGSVGElement>('figure > svg[role="img"]');
  if (!svg) throw new Error('The chart drew no SVG.');
  return svg;
}

function summaryText(chart: Element): string {
  return shadow(chart).querySelector('figcaption p')?.textContent?.trim() ?? '';
}

function tableText(chart: Element): string {
  return shadow(chart).querySelector('figure details table')?.textContent?.replace(/\s+/g, ' ') ?? '';
}

/** Each number in a sentence ("9.1%", "1,500", "3.24"), as written. */
function numbersIn(text: string): string[] {
  return text.match(/\d[\d,.]*%?/g)?.map((token) => token.replace(/[.,]$/, '')) ?? [];
}

function useTheme(theme: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = theme;
}

/** Waits for the paper's figures (fetched) to show. */
async function until(condition: () => boolean, root: Element): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    await settled(root);
    if (condition()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error('The chart never reached the expected state.');
}

async function expectAccessibleInBothThemes(): Promise<void> {
  useTheme('light');
  await expectNoAxeViolations('chart (light)');
  useTheme('dark');
  await expectNoAxeViolations('chart (dark)');
}

/** No element of the chart sticks out of a 360px-wide column (a small phone), with its table open. */
async function expectFitsNarrowScreen(chart: HTMLElement): Promise<void> {
  const column = document.createElement('div');
  column.style.width = '360px';
  chart.replaceWith(column);
  column.append(chart);
  for (const details of shadow(chart).querySelectorAll('details')) details.open = true;
  await settled(chart);
  const right = column.getBoundingClientRect().right;
  const overflowing = [...shadow(chart).querySelectorAll('*')]
    .filter((element) => element.getBoundingClientRect().right > right + 0.5)
    .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}: ${element.textContent?.trim().slice(0, 40)}`);
  expect(overflowing, 'elements wider than a 360px screen').to.deep.equal([]);
}

async function expectStandaloneSvg(chart: LabAnswerChart | LabRepeatsChart): Promise<void> {
  const file = chart.svgFile();
  const parsed = new DOMParser().parseFromString(file, 'image/svg+xml');
  expect(parsed.querySelector('parsererror'), 'the file is well-formed SVG').to.equal(null);
  const root = parsed.documentElement;
  expect(root.tagName).to.equal('svg');
  expect(root.getAttribute('xmlns')).to.equal('http://www.w3.org/2000/svg');
  // The page's background first, then every element of the chart with its computed style inlined, the theme's
  // colours resolved (no custom property is left).
  const background = root.firstElementChild;
  expect(background?.getAttribute('fill')).to.equal(getComputedStyle(document.documentElement).backgroundColor);
  const elements = [root, ...root.querySelectorAll('*')].filter((element) => element !== background);
  expect(elements.every((element) => /fill:/.test(element.getAttribute('style') ?? ''))).to.equal(true);
  expect(elements.some((element) => (element.getAttribute('style') ?? '').includes('var('))).to.equal(false);
  const baseBar = root.querySelector('.series-base rect');
  expect(baseBar?.getAttribute('style')).to.match(/fill:\s*rgb\(/);
  // The legend names the models inside the file.
  expect(root.querySelector('.legend')?.textContent).to.contain('Test 3B Base (base)');

  const [, , width, height] = (chartSvg(chart).getAttribute('viewBox') ?? '').split(' ').map(Number);
  const png = await svgToPng(file, width ?? 0, height ?? 0);
  expect(png.type).to.equal('image/png');
  const signature = [...new Uint8Array(await png.slice(0, 8).arrayBuffer())];
  expect(signature).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
}

describe('<lab-answer-chart>', () => {
  it('names and describes its SVG with the visible title and summary', async () => {
    const chart = await mount<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS });
      element.paperFigures = figures;
    });
    const svg = chartSvg(chart);
    const title = shadow(chart).getElementById(svg.getAttribute('aria-labelledby') ?? '');
    const description = shadow(chart).getElementById(svg.getAttribute('aria-describedby') ?? '');
    expect(title?.tagName).to.equal('H3');
    expect(title?.textContent?.trim()).to.equal('Which number from 0 to 10 each model picks');
    expect(description?.textContent?.trim()).to.equal(summaryText(chart));
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(22);
    expect(shadow(chart).querySelectorAll('.bars .whisker')).to.have.length(22);
  });

  it('states P(7) with its interval and N in one sentence, and the table has every number of it', async () => {
    const summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS });
    const chart = await mount<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = summary;
      element.paperFigures = figures;
    });
    const sentence = summaryText(chart);
    for (const [index, model] of MODELS.entries()) {
      const pSeven = summary.models[index]?.measures?.pSeven;
      if (!pSeven) throw new Error('each model has answers');
      expect(sentence).to.contain(
        `${model.name} says 7 in ${formatPercent(pSeven.value, 1)} of its answers (95% interval ${formatPercent(pSeven.lo, 1)} to ${formatPercent(pSeven.hi, 1)}, N = ${formatNumber(pSeven.n ?? 0)} answers)`,
      );
    }
    expect(sentence).to.match(/a fair pick gives each number 9\.1%\.$/);
    const table = tableText(chart);
    for (const number of numbersIn(sentence)) expect(table, `the table has ${number}`).to.contain(number);
    // The stats beside the chart and the paper's figures, under their source label.
    const beside = shadow(chart).querySelector('.beside')?.textContent ?? '';
    expect(beside).to.contain('JS divergence');
    expect(beside).to.contain('Reported by the paper (secondary source)');
    expect(shadow(chart).querySelector('[data-figure="chi-square-llama-3.1-8b-instruct"]')?.textContent).to.contain('115.1');
    expect(shadow(chart).querySelector('[data-figure="chi-square-aligned-8b-range"]')).to.equal(null);
  });

  it('in exact mode says so instead of an interval, and draws no whiskers', async () => {
    const chart = await mount<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = exactAnswerSummary();
      element.paperFigures = figures;
    });
    expect(summaryText(chart)).to.match(/Test 3B Instruct puts [\d.]+% of its answer probability on 7/);
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(22);
    expect(shadow(chart).querySelectorAll('.bars .whisker')).to.have.length(0);
    const seven = shadow(chart).querySelectorAll('figure details tbody tr')[7]?.textContent ?? '';
    expect(seven).to.contain('exact');
    expect(shadow(chart).querySelector('.beside')?.textContent).to.contain('expected in a sample of N = 1,500; one sample falls between');
  });

  it('redraws when a live run replaces its summary, starting from an empty chart', async () => {
    const chart = await mount<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = null;
      element.paperFigures = figures;
    });
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(0);
    expect(summaryText(chart)).to.equal('No answers yet: the bars appear as the run collects them.');

    // Only the base model has answered so far.
    chart.summary = answerSummary({ 'base-id': BASE_COUNTS.map((count) => Math.ceil(count / 4)) });
    await settled(chart);
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(11);
    expect(summaryText(chart)).to.contain('Test 3B Instruct has no valid answer yet');
    const early = [...shadow(chart).querySelectorAll('.series-base rect')].map((rect) => rect.getAttribute('height'));

    chart.summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS });
    await settled(chart);
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(22);
    expect(summaryText(chart)).to.contain('Test 3B Instruct says 7 in');
    const later = [...shadow(chart).querySelectorAll('.series-base rect')].map((rect) => rect.getAttribute('height'));
    expect(later).not.to.deep.equal(early);
  });

  it('loads the paper’s figures from the app’s file when none are given', async () => {
    const chart = await mount<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = null;
      element.paperFiguresUrl = PAPER_FIGURES_URL;
    });
    await until(() => shadow(chart).querySelector('[data-figure="chi-square-llama-3.1-8b-base"]') !== null, chart);
    expect(shadow(chart).querySelector('.beside')?.textContent).to.contain('Reported by the paper (secondary source)');
  });

  it('says plainly when the paper’s figures cannot be loaded', async () => {
    const chart = await mount<LabAnswerChart>('lab-answer-chart', (element) => {
      element.summary = null;
      element.paperFiguresUrl = '/public/reference/no-such-file.json';
    });
    await until(() => (shadow(chart).querySelector('.beside')?.textContent ?? '').includes('could not be loaded'), chart);
    expect(shadow(chart).querySelector('.beside details')?.textContent).to.contain('404');
  });
});

describe('<lab-repeats-chart>', () => {
  it('names and describes its SVG, and draws bars with whiskers against the chance line', async () => {
    const chart = await mount<LabRepeatsChart>('lab-repeats-chart', (element) => {
      element.summary = sequenceSummary({ 'base-id': BASE_DISTINCT, 'instruct-id': INSTRUCT_DISTINCT });
      element.paperFigures = figures;
    });
    const svg = chartSvg(chart);
    expect(shadow(chart).getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent?.trim()).to.equal(
      'Repeats in a sequence of ten random numbers, against pure chance',
    );
    expect(shadow(chart).getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent?.trim()).to.equal(summaryText(chart));
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(20);
    expect(shadow(chart).querySelectorAll('.bars .whisker')).to.have.length(20);
    expect(shadow(chart).querySelectorAll('.chance circle')).to.have.length(10);
  });

  it('states chance and each model’s mode and mean in one sentence, all in the table, and the verdict in words', async () => {
    const summary = sequenceSummary({ 'base-id': BASE_DISTINCT, 'instruct-id': INSTRUCT_DISTINCT });
    const chart = await mount<LabRepeatsChart>('lab-repeats-chart', (element) => {
      element.summary = summary;
      element.paperFigures = figures;
    });
    const sentence = summaryText(chart);
    expect(sentence).to.contain('Pure chance most often gives 3 repeats per sequence and no repeat only 0.15% of the time');
    const instruct = summary.models[1]?.measures;
    if (!instruct) throw new Error('the instruct model has sequences');
    expect(sentence).to.contain(
      `Test 3B Instruct most often gives 0 (mean ${formatNumber(instruct.meanRepeats.value, 2)}, 95% interval ${formatNumber(instruct.meanRepeats.lo, 2)} to ${formatNumber(instruct.meanRepeats.hi, 2)}, N = 20 sequences)`,
    );
    const table = tableText(chart);
    for (const number of numbersIn(sentence)) expect(table, `the table has ${number}`).to.contain(number);
    const beside = shadow(chart).querySelector('.beside')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(beside).to.contain('Avoids repeats: it repeats far less often than pure chance.');
    expect(beside).to.contain('No clear sign of avoiding repeats.');
    expect(beside).to.contain('a number right after itself 9.1% of the time');
    expect(shadow(chart).querySelector('[data-figure="repeat-mode-aligned"]')?.textContent).to.contain('0');
    expect(shadow(chart).querySelector('[data-figure="chi-square-llama-3.1-8b-base"]')).to.equal(null);
  });

  it('redraws when a live run replaces its summary, starting from an empty chart', async () => {
    const chart = await mount<LabRepeatsChart>('lab-repeats-chart', (element) => {
      element.summary = null;
      element.paperFigures = figures;
    });
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(0);
    expect(shadow(chart).querySelectorAll('.chance circle')).to.have.length(10);
    expect(summaryText(chart)).to.contain('no sequences yet');

    chart.summary = sequenceSummary({ 'base-id': BASE_DISTINCT.slice(0, 5) });
    await settled(chart);
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(10);
    expect(summaryText(chart)).to.contain('Test 3B Instruct has no valid sequence yet');
    const early = summaryText(chart);

    chart.summary = sequenceSummary({ 'base-id': BASE_DISTINCT, 'instruct-id': INSTRUCT_DISTINCT });
    await settled(chart);
    expect(shadow(chart).querySelectorAll('.bars rect')).to.have.length(20);
    expect(summaryText(chart)).not.to.equal(early);
  });
});

/** Each chart with a full run: both models with answers, and the paper's figures. */
const FULL_CHARTS = [
  {
    tag: 'lab-answer-chart',
    mount: () =>
      mount<LabAnswerChart>('lab-answer-chart', (element) => {
        element.summary = answerSummary({ 'base-id': BASE_COUNTS, 'instruct-id': INSTRUCT_COUNTS });
        element.paperFigures = figures;
      }),
  },
  {
    tag: 'lab-repeats-chart',
    mount: () =>
      mount<LabRepeatsChart>('lab-repeats-chart', (element) => {
        element.summary = sequenceSummary({ 'base-id': BASE_DISTINCT, 'instruct-id': INSTRUCT_DISTINCT });
        element.paperFigures = figures;
      }),
  },
];

for (const chart of FULL_CHARTS) {
  describe(`<${chart.tag}>, as every chart`, () => {
    it('has no axe violations in the light and the dark theme', async () => {
      await chart.mount();
      await expectAccessibleInBothThemes();
    });

    it('exports a standalone SVG with inlined styles, and a PNG', async () => {
      await expectStandaloneSvg(await chart.mount());
    });

    it('fits a 360px-wide screen', async () => {
      await expectFitsNarrowScreen(await chart.mount());
    });
  });
}
