// Two tabs of the lab on one database, played by two lab contexts in one page (Web Locks and BroadcastChannel
// work the same between two objects of one page as between two tabs): a run being made in one is neither marked
// as cut off nor resumed by the other, the other hears of its changes, and it can be resumed once it has stopped.
import { expect } from 'chai';
import { deleteDB } from 'idb';
import '../../components/lab-run-page.ts';
import { RunsChangedEvent, RunsChannel, runLocks } from '../../src/app/cross-tab.ts';
import { createLabContext, type LabContext } from '../../src/app/lab-context.ts';
import type { StartWorker } from '../../src/app/lab-session.ts';
import { ModelWorkerClient } from '../../src/engine/client.ts';
import type { StoreChange } from '../../src/store/runs.ts';
import type { Script } from '../fixtures/scripted-backend.ts';
import { runInfo } from '../support/builders.ts';
import { mainLandmark, until } from './support.ts';

const DB = 'test-cross-tab';

function scriptedWorkers(script: Partial<Script>): StartWorker {
  return (model, spec) => {
    const url = new URL('../fixtures/scripted-model.worker.ts', import.meta.url);
    url.searchParams.set('script', JSON.stringify(script));
    return new ModelWorkerClient(new Worker(url, { type: 'module' }), { id: spec.modelId, role: model.role });
  };
}

/** The next `count` changes another tab tells `channel` of. */
function heard(channel: RunsChannel, count: number): Promise<StoreChange[]> {
  const changes: StoreChange[] = [];
  return new Promise((resolve) => {
    const listener = (event: Event): void => {
      if (event instanceof RunsChangedEvent) changes.push(event.change);
      if (changes.length < count) return;
      channel.removeEventListener('runs-changed', listener);
      resolve(changes);
    };
    channel.addEventListener('runs-changed', listener);
  });
}

/** Resolves once the run controller's run has the status. */
function untilStatus(lab: LabContext, status: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (lab.runs.current?.info.status !== status) return;
      lab.runs.removeEventListener('change', check);
      resolve();
    };
    lab.runs.addEventListener('change', check);
    check();
  });
}

/**
 * Resolves once no tab holds the run's lock: a tab lets go of it just after storing the run's last status, as a
 * closed tab does when it goes.
 */
function untilLockFree(runId: string): Promise<void> {
  return navigator.locks.request(`run:${runId}`, () => undefined);
}

describe('the lab in two tabs', () => {
  const contexts: LabContext[] = [];

  async function tab(script: Partial<Script>): Promise<LabContext> {
    const lab = createLabContext({ databaseName: DB, startWorker: scriptedWorkers({ text: '7', ...script }) });
    contexts.push(lab);
    await Promise.all([lab.session.load('ministral-3-3b-base'), lab.session.load('ministral-3-3b-instruct')]);
    return lab;
  }

  beforeEach(() => deleteDB(DB));

  afterEach(async () => {
    for (const lab of contexts.splice(0)) {
      lab.runs.stop();
      for (const model of lab.session.models) lab.session.unload(model.catalog.id);
      lab.otherTabs.close();
      (await lab.store()).close();
    }
  });

  it('keeps a run going on in one tab out of the other’s hands until it stops, then lets the other resume it', async () => {
    // The first tab's models never finish an answer, so its run stays under way until it is stopped.
    const first = await tab({ holdGenerateAfter: 0 });
    const second = await tab({});
    const told = heard(second.otherTabs, 1);
    const runId = await first.runs.start('rng-0-10', { mode: 'sampled', framing: 'native', temperature: 1, seed: 3, n: 4 });
    expect(await told).to.deep.equal([{ runId, what: 'run' }]);

    const secondStore = await second.store();
    expect(await secondStore.markInterrupted(second.locks)).to.deep.equal([]);
    expect((await secondStore.getRun(runId))?.status).to.equal('running');
    let refused: unknown = null;
    try {
      await second.runs.open(runId, { resume: true });
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.contain('This run is going on in another tab');
    expect(second.runs.running).to.equal(false);

    first.runs.stop();
    await untilLockFree(runId);
    expect((await secondStore.getRun(runId))?.status).to.equal('incomplete');

    const finished = untilStatus(second, 'complete');
    await second.runs.open(runId, { resume: true });
    await finished;
    const records = await secondStore.getRecords(runId);
    for (const model of second.runs.current!.info.models) {
      const indices = records.filter((record) => record.modelId === model.id).map((record) => record.index);
      expect(indices).to.deep.equal([0, 1, 2, 3]);
    }
    expect((await secondStore.getRun(runId))?.status).to.equal('complete');
  });

  it('refuses, in plain words, a Resume clicked just as another tab resumed the run', async () => {
    const first = await tab({});
    const second = await tab({});
    const stopped = runInfo('rng-0-10', {
      id: 'run-resumed-elsewhere',
      status: 'incomplete',
      params: { mode: 'sampled', framing: 'native', temperature: 1, seed: 3, n: 4 },
      models: first.session.readyModels().map((model) => ({
        id: model.spec.modelId,
        catalogId: model.catalog.id,
        name: model.catalog.name,
        role: model.catalog.role,
        variant: first.session.variant,
        revision: null,
      })),
    });
    await (await first.store()).saveRun(stopped);
    const page = document.createElement('lab-run-page');
    page.context = second;
    page.runId = stopped.id;
    mainLandmark().append(page);
    try {
      await until(() => page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-resume]')?.disabled === false, page);
      // The other tab has just taken the run to resume it; this tab has not heard of it yet.
      const release = await first.locks.take(stopped.id);
      page.shadowRoot!.querySelector<HTMLButtonElement>('button[data-resume]')!.click();
      await until(() => page.shadowRoot!.querySelector('[role="alert"]') !== null, page);
      const alert = page.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent?.trim()).to.equal(
        'This run is going on in another tab. Let it finish there, or stop it in that tab, then resume it here.',
      );
      expect(alert.querySelector('details')).to.equal(null);
      expect(second.runs.running).to.equal(false);
      expect(await (await second.store()).getRecords(stopped.id)).to.deep.equal([]);
      release?.();
    } finally {
      page.remove();
    }
  });

  it('lets a tab take a run’s lock only while no other tab holds it', async () => {
    const one = runLocks();
    const other = runLocks();
    const release = await one.take('run-a');
    expect(await other.take('run-a')).to.equal(null);
    expect(await one.take('run-a')).to.equal(null);
    const otherRun = await other.take('run-b');
    expect(otherRun).to.be.a('function');
    release?.();
    otherRun?.();
    await untilLockFree('run-a');
    const again = await other.take('run-a');
    expect(again).to.be.a('function');
    again?.();
  });
});

describe('RunsChannel', () => {
  it('tells the other tabs of each run change, and of record changes at most every half second', async () => {
    let now = 0;
    const sender = new RunsChannel('test-runs-channel', () => now);
    const receiver = new RunsChannel('test-runs-channel');
    const told = heard(receiver, 4);
    sender.tell({ runId: 'r', what: 'run' });
    sender.tell({ runId: 'r', what: 'records' });
    now = 100;
    sender.tell({ runId: 'r', what: 'records' });
    now = 600;
    sender.tell({ runId: 'r', what: 'records' });
    sender.tell({ runId: 'r', what: 'run' });
    expect(await told).to.deep.equal([
      { runId: 'r', what: 'run' },
      { runId: 'r', what: 'records' },
      { runId: 'r', what: 'records' },
      { runId: 'r', what: 'run' },
    ]);
    sender.close();
    receiver.close();
  });

  it('ignores messages on its channel that are not run changes', async () => {
    const stranger = new BroadcastChannel('test-runs-channel-2');
    const sender = new RunsChannel('test-runs-channel-2');
    const receiver = new RunsChannel('test-runs-channel-2');
    const told = heard(receiver, 1);
    stranger.postMessage({ runId: 7, what: 'run' });
    stranger.postMessage('<script>');
    sender.tell({ runId: 'real', what: 'ratings' });
    expect(await told).to.deep.equal([{ runId: 'real', what: 'ratings' }]);
    for (const channel of [stranger, sender, receiver]) channel.close();
  });
});
