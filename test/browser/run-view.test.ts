// A run's results say when a model's numbers do not measure the question: most of its answers fell outside the
// answer set (P(other) above one half), so the Claims page draws no verdict from them.
import { expect } from 'chai';
import '../../components/lab-run-view.ts';
import type { LabRunView } from '../../components/lab-run-view.ts';
import type { RunState } from '../../src/app/run-controller.ts';
import { RNG_0_10, type Rng010Record } from '../../src/core/probes/rng-0-10/index.ts';
import type { RunInfo } from '../../src/core/results/index.ts';
import { MODELS, POEM_PARAMS, poemRecords, poemSummary } from '../fixtures/game-poem-runs.ts';
import { mainLandmark, prepareLikeIndexHtml, settled } from './support.ts';

function stateWith(other: number): RunState {
  const info: RunInfo = {
    id: 'run',
    probeId: 'rng-0-10',
    specVersion: RNG_0_10.version,
    appVersion: '0.0.0-test',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    status: 'complete',
    params: { ...RNG_0_10.defaultParams },
    models: [{ id: 'instruct', catalogId: 'test-instruct', name: 'Test Instruct', role: 'instruct', variant: 'q4f32', revision: null }],
    gpu: null,
  };
  const probabilities = Array.from({ length: 11 }, () => (1 - other) / 11);
  const record: Rng010Record = { probeId: 'rng-0-10', modelId: 'instruct', index: 0, kind: 'distribution', probabilities, other, forwardPasses: 12, prefillTokens: 300 };
  return { info, records: [record], summary: { probeId: 'rng-0-10', value: RNG_0_10.summarize([record], RNG_0_10.defaultParams, ['instruct']) }, progress: 1, error: null };
}

describe('<lab-run-view>', () => {
  let view: LabRunView;

  before(prepareLikeIndexHtml);
  afterEach(() => view.remove());

  async function mount(other: number): Promise<void> {
    view = document.createElement('lab-run-view');
    view.state = stateWith(other);
    mainLandmark().append(view);
    await settled(view);
  }

  it('says that a model whose answers mostly fall outside the answer set does not measure the question', async () => {
    await mount(0.6);
    const note = view.shadowRoot!.querySelector('[data-off-question]');
    expect(note?.textContent?.replace(/\s+/g, ' ')).to.contain('Most of what Test Instruct said here is not an answer to the question');
  });

  it('says nothing of the kind when most of the probability is on the answers', async () => {
    await mount(0.1);
    expect(view.shadowRoot!.querySelector('[data-off-question]')).to.equal(null);
  });

  it('recomputes the poem metrics as a live run adds poems to its records', async () => {
    const all = poemRecords();
    const records = all.slice(0, 2);
    view = document.createElement('lab-run-view');
    view.state = {
      info: { ...stateWith(0).info, probeId: 'poem', params: { ...POEM_PARAMS }, models: MODELS },
      records,
      summary: { probeId: 'poem', value: poemSummary(records) },
      progress: 0.5,
      error: null,
    };
    mainLandmark().append(view);
    await settled(view);
    const metrics = () => JSON.stringify(view.shadowRoot!.querySelector('lab-poem-metrics')!.data);
    const before = metrics();
    // The run controller appends to the same array and asks for a new render.
    records.push(...all.slice(2));
    view.requestUpdate();
    await settled(view);
    expect(metrics()).to.not.equal(before);
  });
});
