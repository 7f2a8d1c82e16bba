// The Lab page on scripted model workers: choose, load (with progress, cancel and errors), run, and the run stored.
import { expect } from 'chai';
import { deleteDB } from 'idb';
import '../../components/lab-lab-page.ts';
import type { LabLabPage } from '../../components/lab-lab-page.ts';
import { createLabContext, type LabContext } from '../../src/app/lab-context.ts';
import type { StartWorker } from '../../src/app/lab-session.ts';
import { ModelWorkerClient } from '../../src/engine/client.ts';
import type { Script } from '../fixtures/scripted-backend.ts';
import { deepQuery, expectNoAxeViolations, mainLandmark, prepareLikeIndexHtml, settled, until } from './support.ts';

const DB = 'test-lab-page';

/** Model workers with the scripted backend; each model's script may differ. */
function scriptedWorkers(scriptFor: (modelId: string) => Partial<Script>): StartWorker {
  return (model, spec) => {
    const url = new URL('../fixtures/scripted-model.worker.ts', import.meta.url);
    url.searchParams.set('script', JSON.stringify(scriptFor(spec.modelId)));
    return new ModelWorkerClient(new Worker(url, { type: 'module' }), { id: spec.modelId, role: model.role });
  };
}

function buttonsIn(page: LabLabPage, cardIndex: number): HTMLButtonElement[] {
  const cards = [...page.shadowRoot!.querySelectorAll('lab-model-card')];
  return [...(cards[cardIndex]?.shadowRoot?.querySelectorAll('button') ?? [])];
}

describe('<lab-lab-page>', () => {
  let context: LabContext;
  let page: LabLabPage;

  before(prepareLikeIndexHtml);

  async function mount(scriptFor: (modelId: string) => Partial<Script>): Promise<void> {
    await deleteDB(DB);
    context = createLabContext({ startWorker: scriptedWorkers(scriptFor), databaseName: DB });
    page = document.createElement('lab-lab-page');
    page.context = context;
    mainLandmark().append(page);
    await settled(page);
  }

  afterEach(async () => {
    context.runs.stop();
    for (const model of context.session.models) context.session.unload(model.catalog.id);
    page.remove();
    (await context.store()).close();
  });

  it('names the download on the load button, shows progress, and reports a load from the cache', async () => {
    await mount((modelId) => ({ cached: /Base/.test(modelId), holdLoadAfter: /Instruct/.test(modelId) ? 2 : undefined }));
    const [baseButton] = buttonsIn(page, 0);
    expect(baseButton?.textContent?.trim()).to.match(/^Download .+GB and load$/);
    baseButton!.click();
    buttonsIn(page, 1)[0]!.click();
    const baseCard = page.shadowRoot!.querySelectorAll('lab-model-card')[0]!;
    await until(() => deepQuery(baseCard, '.ready') !== null, page);
    expect(deepQuery(baseCard, '.ready')?.textContent).to.contain('cache');

    const instructCard = page.shadowRoot!.querySelectorAll('lab-model-card')[1]!;
    // The scripted download holds after its second report, "Fetching param cache[1/2]".
    // Announced politely (a status region that does not speak on every report), and shown.
    await until(() => deepQuery(instructCard, '[role="status"]')?.textContent?.includes('Downloading') === true, page);
    expect(instructCard.shadowRoot!.textContent).to.contain('Downloading the weights');
    expect(deepQuery(instructCard, 'progress')).to.not.equal(null);
    const cancel = buttonsIn(page, 1).find((button) => button.textContent?.trim() === 'Cancel');
    cancel!.click();
    await until(() => context.session.models[1]?.load.status === 'not-loaded', page);
  });

  it('shows a failed load in plain words with the technical detail behind a disclosure', async () => {
    await mount(() => ({ failLoadWith: 'TypeError: Failed to fetch' }));
    buttonsIn(page, 0)[0]!.click();
    await until(() => context.session.models[0]?.load.status === 'failed', page);
    const card = page.shadowRoot!.querySelectorAll('lab-model-card')[0]!;
    const error = deepQuery(card, 'lab-error-message')!;
    expect(error.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('Failed to fetch');
    expect(error.shadowRoot!.querySelector('details summary')?.textContent).to.equal('Technical detail');
    expect(buttonsIn(page, 0).some((button) => button.textContent?.trim() === 'Try again')).to.equal(true);
  });

  it('runs rng-0-10 on the loaded models, stores each record and says when it is finished', async () => {
    const probabilities = (modelId: string): Record<string, number> => (/Base/.test(modelId) ? { '3': 0.5, '7': 0.1 } : { '7': 0.8 });
    await mount((modelId) => ({ cached: true, answerProbabilities: probabilities(modelId) }));
    buttonsIn(page, 0)[0]!.click();
    buttonsIn(page, 1)[0]!.click();
    await until(() => context.session.readyModels().length === 2, page);
    const form = page.shadowRoot!.querySelector('lab-run-form')!;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => page.shadowRoot!.querySelector('.status')?.textContent?.includes('Finished') === true, page);
    const run = context.runs.current!;
    expect(run.info.status).to.equal('complete');
    expect(run.records).to.have.length(2);
    const stored = await (await context.store()).getRecords(run.info.id);
    expect(stored).to.have.length(2);
    expect(page.shadowRoot!.querySelector('lab-run-view')).to.not.equal(null);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme`, async () => {
      document.documentElement.dataset.theme = theme;
      await mount(() => ({}));
      await expectNoAxeViolations(`lab page (${theme})`);
      delete document.documentElement.dataset.theme;
    });
  }
});
