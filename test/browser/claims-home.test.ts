// The Claims page on runs stored in a test database, and the home page: verdicts, links, the paper's figures beside
// them, "What this means in practice", and axe in the light and the dark theme.
import { expect } from 'chai';
import { deleteDB } from 'idb';
import '../../components/lab-claims-page.ts';
import '../../components/lab-home-page.ts';
import type { LabClaimsPage } from '../../components/lab-claims-page.ts';
import type { LabHomePage } from '../../components/lab-home-page.ts';
import { createLabContext, type LabContext } from '../../src/app/lab-context.ts';
import { hrefFor, hrefForCheck, hrefForRun } from '../../src/app/router.ts';
import type { ModelRole } from '../../src/core/model.ts';
import { RUNNABLE_PROBES, type ProbeId } from '../../src/core/probes/index.ts';
import type { PoemRating } from '../../src/core/probes/poem/ratings.ts';
import type { Rng010Record } from '../../src/core/probes/rng-0-10/index.ts';
import type { RunInfo } from '../../src/core/results/index.ts';
import { poemRating } from '../fixtures/game-poem-runs.ts';
import { runInfo } from '../support/builders.ts';
import { expectNoAxeViolations, mainLandmark, prepareLikeIndexHtml, settled } from './support.ts';

const DB = 'test-claims-home';
/** The app's copy of the paper's figures, as the test server serves the repository. */
const PAPER_FIGURES_URL = '/public/reference/paper-figures.json';

const modelId = (role: ModelRole): string => `Test-${role}-q4f32_1-MLC`;

function run(id: string, probeId: RunInfo['probeId'], roles: readonly ModelRole[], updatedAt: string): RunInfo {
  return runInfo(probeId, {
    id,
    updatedAt,
    params: { mode: probeId === 'poem' ? 'sampled' : 'exact', framing: 'native', temperature: 1, seed: 1, n: 1500 },
    models: roles.map((role) => ({ id: modelId(role), catalogId: `test-${role}`, name: `Test 3B ${role}`, role, variant: 'q4f32', revision: null })),
  });
}

/** Every number 1/11 except "7", which gets `seven`. */
function distribution(role: ModelRole, seven: number): Rng010Record {
  const probabilities = Array.from({ length: 11 }, (_, value) => (value === 7 ? seven : (1 - seven) / 10));
  return { probeId: 'rng-0-10', modelId: modelId(role), index: 0, kind: 'distribution', probabilities, other: 0, forwardPasses: 2, prefillTokens: 40 };
}

/** A blind vote in which the base poem was judged the more original. */
function baseMoreOriginal(i: number): PoemRating {
  const baseLeft = i % 2 === 0;
  const sides: [string, string] = baseLeft ? [modelId('base'), modelId('instruct')] : [modelId('instruct'), modelId('base')];
  const votes = { originality: baseLeft ? 'left' : 'right', pleasantness: 'tie', preference: 'tie' } as const;
  return poemRating(`${modelId('base')}#${i}|${modelId('instruct')}#${i}`, i, sides, votes);
}

/** Waits for asynchronous loads (IndexedDB, fetch) to show on the page. */
async function until(condition: () => boolean, root: Element): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    await settled(root);
    if (condition()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error('The page never reached the expected state.');
}

/** Checks that no element of a page sticks out of a 360px-wide column (a small phone). */
async function expectFitsNarrowScreen(page: HTMLElement): Promise<void> {
  const column = document.createElement('div');
  column.style.width = '360px';
  page.replaceWith(column);
  column.append(page);
  await settled(page);
  const right = column.getBoundingClientRect().right;
  const overflowing = [...page.shadowRoot!.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > right + 0.5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.trim().slice(0, 40)}`);
  expect(overflowing, 'elements wider than a 360px screen').to.deep.equal([]);
  column.replaceWith(page);
}

function useTheme(theme: 'light' | 'dark'): void {
  document.documentElement.dataset.theme = theme;
}

/** The checks every page gets: it fits a 360px-wide screen, and axe finds nothing in either theme. */
function itFitsAndPassesAxe(name: string, mounted: () => Promise<HTMLElement>): void {
  it('fits a 360px-wide screen', async () => {
    await expectFitsNarrowScreen(await mounted());
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme`, async () => {
      useTheme(theme);
      await mounted();
      await expectNoAxeViolations(`${name} (${theme})`);
    });
  }
}

describe('<lab-claims-page>', () => {
  let context: LabContext;
  let page: LabClaimsPage;

  before(prepareLikeIndexHtml);

  beforeEach(async () => {
    await deleteDB(DB);
    context = createLabContext({ databaseName: DB });
    const store = await context.store();
    // Base, instruct and reasoning: both aligned models say "7" more than the base (the 7-claim holds twice), but
    // the reasoning model is closer to a fair pick than the instruct one (the stage-wise claim fails).
    const ladder = run('ladder-run', 'rng-0-10', ['base', 'instruct', 'reasoning'], '2026-03-01T10:05:00.000Z');
    await store.saveRun(ladder);
    await store.addRecords(ladder.id, [distribution('base', 1 / 11), distribution('instruct', 0.5), distribution('reasoning', 0.2)]);
    // A poem run whose pairs the reader rated: the base poem more original 20 times out of 20.
    const poems = run('poem-run', 'poem', ['base', 'instruct'], '2026-03-01T10:10:00.000Z');
    await store.saveRun(poems);
    for (let i = 0; i < 20; i++) {
      const rating = baseMoreOriginal(i);
      await store.saveRating(poems.id, rating.pairId, rating);
    }
  });

  afterEach(async () => {
    page.remove();
    (await context.store()).close();
    await deleteDB(DB);
    delete document.documentElement.dataset.theme;
  });

  async function mount(): Promise<void> {
    page = document.createElement('lab-claims-page');
    page.context = context;
    page.paperFiguresUrl = PAPER_FIGURES_URL;
    mainLandmark().append(page);
    await until(() => page.shadowRoot!.querySelector('[data-claim]') !== null && page.shadowRoot!.querySelector('[data-figure]') !== null, page);
  }

  function claimSection(claim: string): HTMLElement {
    const section = page.shadowRoot!.querySelector<HTMLElement>(`section[data-claim="${claim}"]`);
    if (!section) throw new Error(`No section for the claim "${claim}".`);
    return section;
  }

  /** The claim's own verdict: the first badge of its section (the runs' badges follow). */
  function verdictOf(claim: string): string | undefined {
    return claimSection(claim).querySelector<HTMLElement>('[data-verdict]')?.dataset.verdict;
  }

  it('gives each claim its verdict on the stored runs, with the numbers, N and links to the runs', async () => {
    await mount();
    expect(page.shadowRoot!.querySelector('h1')?.getAttribute('tabindex')).to.equal('-1');
    expect(verdictOf('seven')).to.equal('supported');
    expect(verdictOf('stages')).to.equal('not-supported');
    expect(verdictOf('poems')).to.equal('supported');
    expect(verdictOf('repeats')).to.equal('not-enough-evidence');
    expect(verdictOf('games')).to.equal('not-enough-evidence');
    expect(claimSection('seven').querySelector('[data-verdict]')?.textContent?.trim()).to.contain('Supported');

    // One comparison per aligned model of the ladder run, each naming its mode and framing and linking to the run.
    const sevenComparisons = [...claimSection('seven').querySelectorAll<HTMLElement>('li[data-comparison]')];
    expect(sevenComparisons).to.have.length(2);
    expect(sevenComparisons[0]?.querySelector(`a[href="${hrefForRun('ladder-run')}"]`)).to.not.equal(null);
    expect(sevenComparisons[0]?.textContent).to.contain('exact mode; native framing');
    expect(sevenComparisons[0]?.textContent).to.contain('Test 3B instruct: P(“7”) 0.500 (exact');
    expect(sevenComparisons[0]?.textContent).to.contain('outside the answers: 0.0%');
    const poemComparison = claimSection('poems').querySelector('li[data-comparison="poem"]');
    expect(poemComparison?.querySelector(`a[href="${hrefForRun('poem-run')}"]`)).to.not.equal(null);
    expect(poemComparison?.textContent?.replace(/\s+/g, ' ')).to.match(/Test 3B base: Base poem judged more original 100% \(95% interval \d+% to 100%, N = 20\)/);
    expect(poemComparison?.textContent).to.contain('one-sided sign test');

    // Without runs, the claim says so; each claim states its rule.
    expect(claimSection('games').textContent).to.contain('You have no rock-paper-scissors or hide-and-seek run');
    for (const claim of ['seven', 'repeats', 'games', 'poems', 'stages']) {
      expect(claimSection(claim).querySelector('.rule')?.textContent, claim).to.contain('Supported when');
    }
    expect(page.shadowRoot!.textContent).to.contain('not a replication of the paper');
  });

  it("shows the paper's figures beside each claim, labelled by how firmly they are on record, and the claim it cannot test", async () => {
    await mount();
    const quoted = claimSection('seven').querySelector('[data-figure="abstract-aligned-prefer-seven"]');
    expect(quoted?.closest('li')?.textContent).to.contain('Quoted from the paper');
    // χ² measures distance from a fair pick, so it sits with the stage-wise claim: every row, at both sizes.
    expect(claimSection('seven').querySelector('[data-figure^="chi-square"]')).to.equal(null);
    const secondary = claimSection('stages').querySelector('[data-figure="chi-square-llama-3.1-8b-base"]');
    expect(secondary?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Llama 3.1 8B Base 13.9 1,500');
    expect(secondary?.closest('li')?.textContent).to.contain('Secondary source, not checked against the paper');
    const stageTables = claimSection('stages').querySelectorAll('table');
    expect(stageTables).to.have.length(1);
    expect(stageTables[0]?.querySelectorAll('tbody tr')).to.have.length(10);
    expect(claimSection('stages').querySelector('[data-figure="chi-square-tulu-3-70b-full"]')).to.not.equal(null);
    const untestable = page.shadowRoot!.querySelector('section[aria-labelledby="untestable-heading"]');
    expect(untestable?.querySelector('h2')?.textContent).to.equal('A claim this lab cannot test');
    expect(untestable?.querySelector('[data-figure="abstract-benchmark-trade-off"]')).to.not.equal(null);
  });

  it("says in plain words when the paper's figures cannot be loaded, and still gives the verdicts", async () => {
    page = document.createElement('lab-claims-page');
    page.context = context;
    page.paperFiguresUrl = '/public/reference/no-such-file.json';
    mainLandmark().append(page);
    await until(() => page.shadowRoot!.querySelector('[data-claim]') !== null && page.shadowRoot!.textContent!.includes('could not be loaded'), page);
    expect(verdictOf('seven')).to.equal('supported');
    expect(claimSection('seven').querySelector('details summary')?.textContent).to.equal('Technical detail');
  });

  it('judges the claims again when another tab changes the stored runs', async () => {
    await mount();
    expect(verdictOf('seven')).to.equal('supported');
    const otherTab = createLabContext({ databaseName: DB });
    try {
      await (await otherTab.store()).deleteRun('ladder-run');
      await until(() => verdictOf('seven') === 'not-enough-evidence', page);
      expect(claimSection('seven').textContent).to.contain('You have no');
    } finally {
      otherTab.otherTabs.close();
      (await otherTab.store()).close();
    }
  });

  it('judges the claims again when this tab’s run starts or ends, not at each record', async () => {
    await mount();
    let reads = 0;
    const evidence = context.library.evidence.bind(context.library);
    context.library.evidence = () => {
      reads++;
      return evidence();
    };
    context.runs.dispatchEvent(new Event('change'));
    await settled(page);
    expect(reads, 'a change that leaves the run as it was').to.equal(0);
    // A fair pair replaces the ladder, and this tab's run controller takes it up (as when a run starts or ends here).
    const store = await context.store();
    const fair = run('fair-run', 'rng-0-10', ['base', 'instruct'], '2026-03-01T10:20:00.000Z');
    await store.saveRun(fair);
    await store.addRecords(fair.id, [distribution('base', 1 / 11), distribution('instruct', 1 / 11)]);
    await store.deleteRun('ladder-run');
    await context.runs.open(fair.id, { resume: false });
    await until(() => verdictOf('seven') === 'not-enough-evidence', page);
    expect(reads).to.equal(1);
  });

  itFitsAndPassesAxe('claims page', async () => {
    await mount();
    return page;
  });
});

describe('<lab-home-page>', () => {
  let page: LabHomePage;

  before(prepareLikeIndexHtml);

  async function mount(): Promise<void> {
    page = document.createElement('lab-home-page');
    mainLandmark().append(page);
    await settled(page);
  }

  afterEach(() => {
    page.remove();
    delete document.documentElement.dataset.theme;
  });

  it('says what the findings mean in practice and points to the lab’s own measurements', async () => {
    await mount();
    const section = page.shadowRoot!.querySelector('section[aria-labelledby="practice-heading"]');
    expect(section?.querySelector('h2')?.textContent).to.equal('What this means in practice');
    expect(section?.textContent).to.contain('brainstorming');
    expect(section?.textContent).to.contain('randomised strategies');
    expect(section?.textContent).to.contain('following instructions');
    expect(section?.querySelector(`a[href="${hrefFor('claims')}"]`)).to.not.equal(null);
  });

  it('marks a claim "Ready to run", with a link that checks it in the Lab, exactly when one of its experiments is runnable', async () => {
    // RUNNABLE_PROBES belongs to the lead; the test adds a probe for its own duration only, and puts the set back.
    const runnable = RUNNABLE_PROBES as Set<ProbeId>;
    const before = new Set(runnable);
    runnable.add('rng-0-10');
    runnable.delete('rng-sequence');
    try {
      await mount();
      const card = (claim: string) => page.shadowRoot!.querySelector<HTMLElement>(`li[data-claim="${claim}"]`)!;
      expect(card('seven').querySelector('.status')?.textContent).to.equal('Ready to run');
      expect(card('seven').querySelector(`a[href="${hrefForCheck('seven')}"]`)?.textContent).to.equal('Check this claim');
      expect(card('repeats').querySelector('.status')?.textContent).to.equal('Not yet runnable');
      expect(card('repeats').querySelector('a[data-check]')).to.equal(null);
    } finally {
      runnable.clear();
      for (const probe of before) runnable.add(probe);
    }
  });

  itFitsAndPassesAxe('home page', async () => {
    await mount();
    return page;
  });
});
