import { expect } from 'chai';
import { deleteDB } from 'idb';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../components/charts/lab-exploitability-chart.ts';
import '../../components/charts/lab-move-chart.ts';
import '../../components/lab-poem-metrics.ts';
import '../../components/lab-poem-rating.ts';
import '../../components/charts/lab-score-chart.ts';
import type { LabPoemRating, PoemRatingSavedEvent } from '../../components/lab-poem-rating.ts';
import { exploitabilityChartData, moveChartData, scoreChartData } from '../../src/app/charts/game-charts.ts';
import { poemMetricsData } from '../../src/app/charts/poem-charts.ts';
import { createLabContext, type LabContext } from '../../src/app/lab-context.ts';
import { planRatings, ratingOf } from '../../src/app/rating-controller.ts';
import { checkRating, type PoemRating, type PoemRecord } from '../../src/core/probes/poem/index.ts';
import { MODELS, hideAndSeekSampledRun, poemRecord, poemRecords, poemSummary, rpsExactRun } from '../fixtures/game-poem-runs.ts';
import { expectNoAxeViolations, mainLandmark, prepareLikeIndexHtml, runPageHeadings, settled } from './support.ts';

const DB = 'game-poem-charts-test';
const RUN_ID = 'poem-run-1';

declare global {
  interface Window {
    /** Set by the onerror of a poem that is written as HTML: it must stay unset. */
    poemInjected?: boolean;
  }
}

/** Mounts elements as a page would hold them: under the page's h1 and a section's h2 (the charts' titles are h3). */
function pageShell(): HTMLElement {
  const main = mainLandmark();
  if (!main.querySelector('h1')) main.append(...runPageHeadings());
  return main;
}

function useTheme(theme: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = theme;
}

async function mount<T extends LitElement>(tag: string, properties: Record<string, unknown>): Promise<T> {
  const element = document.createElement(tag) as T;
  Object.assign(element, properties);
  pageShell().append(element);
  await settled(element);
  return element;
}

/** The accessible name of a chart's SVG: the text of the element its aria-labelledby points at. */
function svgName(element: LitElement): string {
  const svg = element.shadowRoot!.querySelector('svg')!;
  expect(svg.getAttribute('role')).to.equal('img');
  return element.shadowRoot!.getElementById(svg.getAttribute('aria-labelledby')!)!.textContent!.trim();
}

function svgDescription(element: LitElement): string {
  const svg = element.shadowRoot!.querySelector('svg')!;
  return element.shadowRoot!.getElementById(svg.getAttribute('aria-describedby')!)!.textContent!.trim();
}

function tableRows(element: LitElement): string[][] {
  const table = element.shadowRoot!.querySelector('table')!;
  return [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()));
}

describe('game charts', () => {
  before(prepareLikeIndexHtml);

  afterEach(() => {
    mainLandmark().replaceChildren();
    delete document.documentElement.dataset.theme;
  });

  it('lab-move-chart: named by its title, summarised with the numbers and N, and given as a table', async () => {
    const chart = await mount<LitElement>('lab-move-chart', { data: moveChartData(rpsExactRun()) });
    expect(svgName(chart)).to.equal('How each model would play, round by round (rock-paper-scissors)');
    const summary = svgDescription(chart);
    expect(summary).to.contain('Test Instruct put 94% of its probability on rock on average over 12 rounds.');
    expect(summary).to.contain('An unpredictable player gives each move 33%.');
    const rows = tableRows(chart);
    expect(rows[0]).to.deep.equal(['Round', 'Test Base', 'Test Instruct']);
    expect(rows[1]).to.deep.equal(['P(rock)', 'P(paper)', 'P(scissors)', 'Played', 'P(rock)', 'P(paper)', 'P(scissors)', 'Played']);
    expect(rows[2]).to.deep.equal(['1', '30.0%', '35.0%', '35.0%', 'rock', '94.0%', '4.0%', '2.0%', 'rock']);
    expect(rows).to.have.length(2 + 12);
    // Each move's band is labelled in words, not told apart by shade alone.
    const labels = [...chart.shadowRoot!.querySelectorAll('svg text')].map((text) => text.textContent);
    expect(labels).to.include.members(['rock', 'paper', 'scissors']);
  });

  it('lab-score-chart: net scores with intervals and the random player, and both tables', async () => {
    const chart = await mount<LitElement>('lab-score-chart', { data: scoreChartData(hideAndSeekSampledRun()) });
    expect(svgName(chart)).to.equal('Running net score against the opponent (hide-and-seek)');
    expect(svgDescription(chart)).to.match(/Test Instruct scored −33\.3 \(95% interval −[\d.]+ to [−+][\d.]+, N = 9 rounds\) per 100 rounds\./);
    expect(svgDescription(chart)).to.contain('a random player against the same opponent scored');
    const totals = tableRows(chart);
    expect(totals[0]).to.deep.equal(['Player', 'Rounds', 'Not found', 'Found', 'Net score per 100 rounds']);
    expect(totals[1]?.slice(0, 4)).to.deep.equal(['Test Base (base)', '9', '9', '0']);
    expect(chart.shadowRoot!.querySelectorAll('table')).to.have.length(2);
  });

  it('lab-exploitability-chart: states in words, predictable states marked in words, and a view picker', async () => {
    const chart = await mount<LitElement>('lab-exploitability-chart', { data: exploitabilityChartData(rpsExactRun()) });
    expect(svgName(chart)).to.contain('How exploitable each model is in each game state');
    expect(svgName(chart)).to.contain('states: Both moves of the previous round');
    expect(svgDescription(chart)).to.contain('Against Test Instruct, a best responder would win 0.92 (exact, no sampling noise) per round on average over 12 rounds.');
    expect(svgDescription(chart)).to.contain(
      'Test Instruct is almost fully predictable in 3 of the 3 states it played in: the first round, after rock vs rock, and after rock vs paper.',
    );
    expect(svgDescription(chart)).to.contain('Test Base is not almost fully predictable in any of the 4 states it played in.');
    const marked = [...chart.shadowRoot!.querySelectorAll('svg text')].filter((text) => text.textContent!.includes('almost fully predictable'));
    expect(marked.length).to.be.greaterThan(0);
    expect(tableRows(chart).find((row) => row[0] === 'after rock vs rock')).to.deep.equal([
      'after rock vs rock',
      '0.05 (exact, no sampling noise); 4 rounds; likeliest: paper 35%',
      '0.92 (exact, no sampling noise); 2 rounds; likeliest: rock 94%; almost fully predictable',
    ]);
    // H(move | state) of (0.94, 0.04, 0.02) in every state: 0.38 bits of the 1.58 of an unpredictable player.
    const entropy = tableRows(chart).find((row) => row[0]!.startsWith('Uncertainty of the next move'));
    expect(entropy?.[0]).to.contain('1.58 = unpredictable');
    expect(entropy?.[2]).to.equal('0.38 (exact, no sampling noise)');
    const select = chart.shadowRoot!.querySelector('select')!;
    expect(select.labels?.[0]?.textContent).to.contain('Game states by');
    select.value = 'last-outcome';
    select.dispatchEvent(new Event('change'));
    await settled(chart);
    expect(svgName(chart)).to.contain('states: The model’s result in the previous round');
    expect(tableRows(chart).map((row) => row[0])).to.include('after a tie');
  });

  it('lab-exploitability-chart, hide-and-seek: found-rate against 1 in k, with its interval and N', async () => {
    const chart = await mount<LitElement>('lab-exploitability-chart', { data: exploitabilityChartData(hideAndSeekSampledRun()) });
    expect(svgDescription(chart)).to.match(/The seeker found Test Instruct in 56% of rounds \(95% interval \d+% to \d+%, N = 9 rounds\)\./);
    expect(svgDescription(chart)).to.contain('A hider who picks at random is found in 33% of rounds.');
    const foundTable = chart.shadowRoot!.querySelectorAll('table')[1]!;
    expect(foundTable.querySelector('caption')?.textContent).to.equal('How often the seeker found each hider');
  });

  it('fits a 360-pixel-wide screen', async () => {
    await setViewport({ width: 360, height: 800 });
    try {
      await mount<LitElement>('lab-move-chart', { data: moveChartData(rpsExactRun()) });
      await mount<LitElement>('lab-score-chart', { data: scoreChartData(rpsExactRun()) });
      await mount<LitElement>('lab-exploitability-chart', { data: exploitabilityChartData(hideAndSeekSampledRun()) });
      await mount<LitElement>('lab-poem-metrics', { data: poemMetricsData(poemSummary(), MODELS) });
      const main = mainLandmark();
      expect(main.scrollWidth).to.be.at.most(main.clientWidth);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme`, async () => {
      useTheme(theme);
      for (const [tag, data] of [
        ['lab-move-chart', moveChartData(hideAndSeekSampledRun())],
        ['lab-score-chart', scoreChartData(rpsExactRun())],
        ['lab-exploitability-chart', exploitabilityChartData(hideAndSeekSampledRun())],
        ['lab-poem-metrics', poemMetricsData(poemSummary(), MODELS)],
      ] as const) {
        const element = await mount<LitElement>(tag, { data });
        // The tables too: open their disclosures.
        element.shadowRoot!.querySelectorAll('details').forEach((details) => (details.open = true));
      }
      await expectNoAxeViolations(`game and poem charts (${theme})`);
    });
  }
});

describe('<lab-poem-metrics>', () => {
  before(prepareLikeIndexHtml);

  afterEach(() => mainLandmark().replaceChildren());

  it('shows each metric per model with its interval and N, and which poems are more varied', async () => {
    const element = await mount<LitElement>('lab-poem-metrics', { data: poemMetricsData(poemSummary(), MODELS) });
    const root = element.shadowRoot!;
    expect(root.querySelector('h3')?.textContent).to.equal('How varied each model’s poems are');
    expect(root.querySelector('.summary')?.textContent).to.contain('Test Base: 6 poems; Test Instruct: 6 poems (3 topics).');
    const distinct = [...root.querySelectorAll('tbody tr')].find((row) => row.textContent!.includes('distinct-1'))!;
    const cells = [...distinct.querySelectorAll('td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells[0]).to.match(/^0\.\d{3} 95% interval 0\.\d{3} to 0\.\d{3}, N = 3 topics$/);
    expect(cells[2]).to.equal("Test Base's poems (the intervals do not overlap).");
    expect(root.textContent).to.contain('Novelty counts the word sequences of 3 to 6 words found in none of 2 public-domain poems.');
  });
});

describe('<lab-poem-rating>', () => {
  let context: LabContext;

  before(prepareLikeIndexHtml);

  beforeEach(async () => {
    await deleteDB(DB);
    context = createLabContext({ databaseName: DB });
  });

  afterEach(async () => {
    mainLandmark().replaceChildren();
    (await context.store()).close();
    await deleteDB(DB);
    delete document.documentElement.dataset.theme;
    delete window.poemInjected;
  });

  async function mountRating(records: PoemRecord[] = poemRecords()): Promise<LabPoemRating> {
    const element = document.createElement('lab-poem-rating');
    Object.assign(element, { context, runId: RUN_ID, records, models: MODELS });
    pageShell().append(element);
    await element.updateComplete;
    await element.ratingsLoaded;
    await settled(element);
    return element;
  }

  /** The focused element inside the rating view's shadow root. */
  function focused(element: LabPoemRating): Element | null {
    return element.shadowRoot!.activeElement;
  }

  /** Answers every question of the pair on screen by clicking, and submits. */
  async function vote(element: LabPoemRating, answers: Record<string, string>): Promise<PoemRatingSavedEvent> {
    const saved = new Promise<PoemRatingSavedEvent>((resolve) => element.addEventListener('poem-rating-saved', resolve, { once: true }));
    for (const [name, value] of Object.entries(answers)) {
      element.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!.click();
    }
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const event = await saved;
    await settled(element);
    return event;
  }

  const ALL_LEFT = { originality: 'left', pleasantness: 'left', preference: 'left', baseGuess: 'left' };

  it('is rated with the keyboard alone, and names no model after a vote: tab to the radios, arrow keys, submit, next pair', async () => {
    const element = await mountRating();
    const root = element.shadowRoot!;
    const heading = root.querySelector<HTMLElement>('.pair-heading')!;
    expect(heading.textContent).to.match(/Pair 1 of 6: poems about “.+”/);
    // No model is named before the vote.
    expect(root.textContent).not.to.contain('Test Base (base)');
    heading.focus();

    await sendKeys({ press: 'Tab' });
    expect((focused(element) as HTMLInputElement).name).to.equal('originality');
    await sendKeys({ press: 'ArrowRight' });
    expect((focused(element) as HTMLInputElement).value).to.equal('right');
    await sendKeys({ press: 'Tab' });
    expect((focused(element) as HTMLInputElement).name).to.equal('pleasantness');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect((focused(element) as HTMLInputElement).name).to.equal('preference');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    expect((focused(element) as HTMLInputElement).name).to.equal('baseGuess');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    expect(focused(element)?.textContent?.trim()).to.equal('Submit vote');

    const saved = new Promise<PoemRatingSavedEvent>((resolve) => element.addEventListener('poem-rating-saved', resolve, { once: true }));
    await sendKeys({ press: 'Enter' });
    const event = await saved;
    await settled(element);
    expect(event.rating).to.include({ originality: 'right', pleasantness: 'left', preference: 'tie', baseGuess: 'right' });
    expect(event.runId).to.equal(RUN_ID);

    // Straight on to the next pair: no author, no win rate, nothing that says whether the guess was right.
    expect(focused(element)).to.equal(root.querySelector('.pair-heading'));
    expect(root.querySelector('.pair-heading')?.textContent).to.match(/Pair 2 of 6/);
    expect(root.querySelector('[aria-live="polite"]')?.textContent).to.contain('Your vote is saved.');
    for (const model of MODELS) expect(root.textContent).not.to.contain(model.name);
    expect(root.textContent).not.to.contain('(right)');
    expect(root.textContent).to.contain('Your results appear here once you have rated every pair.');
    expect([...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].some((radio) => radio.checked)).to.equal(false);
  });

  it('reveals who wrote which, the win rates and how often the guess was right only when every pair is rated', async () => {
    const element = await mountRating();
    const root = element.shadowRoot!;
    const events: PoemRatingSavedEvent[] = [];
    for (let pair = 0; pair < 6; pair++) {
      expect(root.textContent).not.to.contain('Who wrote which poem');
      events.push(await vote(element, ALL_LEFT));
    }
    expect(focused(element)).to.equal(root.querySelector('.done-heading'));
    expect(root.querySelector('.done-heading')?.textContent).to.equal('Who wrote which poem');
    const rows = [...root.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')].map((row) => row.textContent!.replace(/\s+/g, ' '));
    expect(rows).to.have.length(6);
    events.forEach(({ rating }, i) => {
      const [left, right] = [rating.leftModelId, rating.rightModelId].map((id) => MODELS.find((model) => model.id === id)!.name);
      expect(rows[i]).to.contain(left).and.contain(right);
      expect(rows[i]).to.contain(rating.leftModelId === MODELS[0]!.id ? 'Poem A (right)' : 'Poem A (wrong)');
    });
    // The plan puts the base poem on the left in half the pairs: always guessing "Poem A" is right 3 times in 6.
    expect(root.textContent).to.contain('Your guess named the base model’s poem in 3 of 6 pairs: 50%');
    expect(root.textContent).to.contain('nothing here shows that the poems gave their authors away');
    expect(root.textContent).to.contain('The base model won in 4 of 4 contests.');
    expect(root.textContent).to.contain('−0.08');
    expect(root.textContent).to.contain('+0.34');
  });

  it('stores the vote in the test database and reads it back in a new view', async () => {
    const first = await mountRating();
    const { rating } = await vote(first, { originality: 'left', pleasantness: 'both-bad', preference: 'right', baseGuess: 'right' });
    const stored = await (await context.store()).getRatings(RUN_ID);
    expect(stored).to.have.length(1);
    expect(checkRating(stored[0]!.rating)).to.deep.equal(rating);
    first.remove();

    const second = await mountRating();
    expect(second.shadowRoot!.querySelector('.pair-heading')?.textContent).to.match(/Pair 2 of 6/);
    expect(second.shadowRoot!.textContent).not.to.contain('1 pair rated.');
  });

  it('counts votes stored before the lab asked for a guess, and says they have none', async () => {
    const plan = planRatings(poemRecords(), MODELS, RUN_ID);
    const store = await context.store();
    for (const pair of plan) {
      const old: Partial<PoemRating> = ratingOf(pair, { originality: 'left', pleasantness: 'left', preference: 'left', baseGuess: 'left' });
      delete old.baseGuess;
      await store.saveRating(RUN_ID, pair.pairId, old);
    }
    const element = await mountRating();
    expect(element.shadowRoot!.textContent).to.contain('6 pairs rated.');
    expect(element.shadowRoot!.textContent).to.contain('These votes were made without a guess of which poem the base model wrote.');
  });

  it('asks for every answer before it stores anything', async () => {
    const element = await mountRating();
    element.shadowRoot!.querySelector<HTMLInputElement>('input[name="originality"][value="tie"]')!.click();
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settled(element);
    expect(element.shadowRoot!.querySelector('.problem')?.textContent).to.contain('Answer all four questions');
    expect((focused(element) as HTMLInputElement).name).to.equal('pleasantness');
    expect(await (await context.store()).getRatings(RUN_ID)).to.have.length(0);
  });

  it('shows a poem that contains HTML as text and runs nothing', async () => {
    const attack = '<img src=x onerror="window.poemInjected = true">\n<script>window.poemInjected = true</script>';
    const records = [poemRecord(MODELS[0]!.id, 0, attack, ['the sea']), poemRecord(MODELS[1]!.id, 0, 'A quiet sea', ['the sea'])];
    const element = await mountRating(records);
    const poems = [...element.shadowRoot!.querySelectorAll('.poem')].map((poem) => poem.textContent);
    expect(poems).to.include(attack);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.poems script')).to.equal(null);
    // An image that fails to load the same address: once it has failed, an injected one would have fired too.
    const control = new Image();
    await new Promise((resolve) => {
      control.addEventListener('error', resolve, { once: true });
      control.src = 'x';
    });
    expect(window.poemInjected).to.equal(undefined);
  });

  it('explains when no pair can be made', async () => {
    const element = await mountRating(poemRecords().filter((record) => record.modelId === MODELS[1]!.id));
    expect(element.shadowRoot!.textContent).to.contain('No pairs yet');
    element.models = [MODELS[1]!];
    await settled(element);
    expect(element.shadowRoot!.textContent).to.contain('Blind rating needs poems from a base model and an aligned model');
  });

  it('fits a 360-pixel-wide screen', async () => {
    await setViewport({ width: 360, height: 800 });
    try {
      const element = await mountRating();
      const main = mainLandmark();
      expect(main.scrollWidth).to.be.at.most(main.clientWidth);
      expect(element.getBoundingClientRect().width).to.be.at.most(360);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations before and after a vote in the ${theme} theme`, async () => {
      useTheme(theme);
      const element = await mountRating();
      await expectNoAxeViolations(`rating view (${theme})`);
      await vote(element, ALL_LEFT);
      await expectNoAxeViolations(`rating view after a vote (${theme})`);
      for (let pair = 1; pair < 6; pair++) await vote(element, ALL_LEFT);
      await expectNoAxeViolations(`rating view with every pair rated (${theme})`);
    });
  }
});
