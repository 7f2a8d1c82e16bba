// The lab's IndexedDB store on real IndexedDB: runs, records written one at a time, runs cut off while running
// (and not while another tab makes them), deletes and all-or-nothing imports.
import { expect } from 'chai';
import { deleteDB } from 'idb';
import type { RecordBase } from '../../src/core/probes/probe.ts';
import type { RunExport, RunInfo } from '../../src/core/results/index.ts';
import { openLabDatabase } from '../../src/store/lab-db.ts';
import { RunStore, type StoreChange } from '../../src/store/runs.ts';
import { runLocks } from '../../src/app/cross-tab.ts';

const DB = 'test-run-store';

function run(id: string, updatedAt: string, status: RunInfo['status'] = 'complete'): RunInfo {
  return {
    id,
    probeId: 'rng-0-10',
    specVersion: '1.0.0',
    appVersion: '0.1.0',
    createdAt: updatedAt,
    updatedAt,
    status,
    params: { mode: 'exact', framing: 'native', temperature: 1, seed: 1, n: 1500 },
    models: [{ id: 'base-model', catalogId: 'ministral-3-3b-base', name: 'Base', role: 'base', variant: 'q4f32', revision: null }],
    gpu: null,
  };
}

function record(modelId: string, index: number): RecordBase {
  return { probeId: 'rng-0-10', modelId, index };
}

describe('RunStore', () => {
  let store: RunStore;
  let db: Awaited<ReturnType<typeof openLabDatabase>>;

  beforeEach(async () => {
    await deleteDB(DB);
    db = await openLabDatabase(DB);
    store = new RunStore(db);
  });

  afterEach(() => db.close());

  it('lists runs newest first and keeps records in model and index order, once each', async () => {
    await store.saveRun(run('old', '2026-01-01T00:00:00.000Z'));
    await store.saveRun(run('new', '2026-02-01T00:00:00.000Z'));
    expect((await store.listRuns()).map((r) => r.id)).to.deep.equal(['new', 'old']);

    await store.addRecords('new', [record('b', 1), record('a', 0)]);
    await store.addRecords('new', [record('b', 0), record('b', 1)]);
    expect(await store.getRecords('new')).to.deep.equal([record('a', 0), record('b', 0), record('b', 1)]);
    expect(await store.getRecords('old')).to.deep.equal([]);
  });

  it('marks runs cut off while running as incomplete', async () => {
    await store.saveRun(run('cut', '2026-01-01T00:00:00.000Z', 'running'));
    await store.saveRun(run('done', '2026-01-01T00:00:00.000Z', 'complete'));
    expect(await store.markInterrupted(runLocks(), new Date('2026-03-01T00:00:00.000Z'))).to.deep.equal(['cut']);
    expect((await store.getRun('cut'))?.status).to.equal('incomplete');
    expect((await store.getRun('cut'))?.updatedAt).to.equal('2026-03-01T00:00:00.000Z');
    expect((await store.getRun('done'))?.status).to.equal('complete');
  });

  it('leaves a run alone while another tab holds its lock, and marks it once the lock is free', async () => {
    await store.saveRun(run('elsewhere', '2026-01-01T00:00:00.000Z', 'running'));
    const otherTab = runLocks();
    const release = await otherTab.take('elsewhere');
    expect(release).to.be.a('function');
    expect(await store.markInterrupted(runLocks())).to.deep.equal([]);
    expect((await store.getRun('elsewhere'))?.status).to.equal('running');
    release?.();
    expect(await store.markInterrupted(runLocks())).to.deep.equal(['elsewhere']);
    expect((await store.getRun('elsewhere'))?.status).to.equal('incomplete');
  });

  it('tells what each write changed, once it is committed', async () => {
    const changes: StoreChange[] = [];
    const told = new RunStore(db, (change) => changes.push(change));
    await told.saveRun(run('r', '2026-01-01T00:00:00.000Z', 'running'));
    await told.addRecords('r', [record('a', 0)]);
    await told.saveRating('r', 'p1', { vote: 'left' });
    await told.setStatus('r', 'complete');
    await told.setStatus('not-stored', 'complete');
    await told.deleteRun('r');
    expect(changes).to.deep.equal([
      { runId: 'r', what: 'run' },
      { runId: 'r', what: 'records' },
      { runId: 'r', what: 'ratings' },
      { runId: 'r', what: 'run' },
      { runId: 'r', what: 'run' },
    ]);
  });

  it('deletes a run with its records and ratings, and nothing else', async () => {
    await store.saveRun(run('gone', '2026-01-01T00:00:00.000Z'));
    await store.saveRun(run('kept', '2026-01-01T00:00:00.000Z'));
    await store.addRecords('gone', [record('a', 0)]);
    await store.addRecords('kept', [record('a', 0)]);
    await store.saveRating('gone', 'pair-1', { vote: 'left' });
    await store.deleteRun('gone');
    expect(await store.getRun('gone')).to.equal(undefined);
    expect(await store.getRecords('gone')).to.deep.equal([]);
    expect(await store.getRatings('gone')).to.deep.equal([]);
    expect(await store.getRecords('kept')).to.have.length(1);
  });

  it('imports a run whole, and refuses a second import of the same id without changing anything', async () => {
    const exported: RunExport = {
      format: 'base-vs-aligned-run',
      schemaVersion: 1,
      run: run('imported', '2026-01-01T00:00:00.000Z'),
      records: [record('a', 0), record('a', 1)],
    };
    await store.importRun(exported);
    expect(await store.getRecords('imported')).to.have.length(2);
    let refused: unknown = null;
    try {
      await store.importRun({ ...exported, records: [record('a', 0), record('a', 1), record('a', 2)] });
    } catch (error) {
      refused = error;
    }
    expect(String(refused)).to.contain('already in this browser');
    expect(await store.getRecords('imported')).to.have.length(2);
  });

  it('stores ratings and reads them back in order', async () => {
    await store.saveRating('r', 'p2', { vote: 'right' }, new Date('2026-01-02T00:00:00.000Z'));
    await store.saveRating('r', 'p1', { vote: 'left' }, new Date('2026-01-01T00:00:00.000Z'));
    expect((await store.getRatings('r')).map((rating) => rating.pairId)).to.deep.equal(['p1', 'p2']);
  });
});
