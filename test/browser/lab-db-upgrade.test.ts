// Database upgrades keep existing runs: a database written with the frozen version-1 schema (lab-db-v1.ts) is
// opened by the app, which upgrades it and finds every run, record, rating and setting as it was. And the
// connection gives way to another tab's upgrade, and says when an older tab is in the way of its own.
import { expect } from 'chai';
import { deleteDB } from 'idb';
import type { RecordBase } from '../../src/core/probes/probe.ts';
import type { RunInfo } from '../../src/core/results/index.ts';
import { runLocks } from '../../src/app/cross-tab.ts';
import { LAB_DB_VERSION, openLabDatabase } from '../../src/store/lab-db.ts';
import { RunStore } from '../../src/store/runs.ts';
import { openVersion1 } from './lab-db-v1.ts';

const DB = 'test-lab-db-upgrade';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run(id: string, status: RunInfo['status'], updatedAt: string): RunInfo {
  return {
    id,
    probeId: 'rng-0-10',
    specVersion: '1.0.0',
    appVersion: '0.1.0',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt,
    status,
    params: { mode: 'sampled', framing: 'native', temperature: 1, seed: 7, n: 3 },
    models: [
      { id: 'base-model', catalogId: 'ministral-3-3b-base', name: 'Base', role: 'base', variant: 'q4f32', revision: null },
      { id: 'instruct-model', catalogId: 'ministral-3-3b-instruct', name: 'Instruct', role: 'instruct', variant: 'q4f32', revision: 'abc123' },
    ],
    gpu: { vendor: 'google', architecture: 'swiftshader', description: '' },
  };
}

function record(modelId: string, index: number): RecordBase {
  return { probeId: 'rng-0-10', modelId, index };
}

const RUNS = [
  run('complete-run', 'complete', '2026-01-03T00:00:00.000Z'),
  run('incomplete-run', 'incomplete', '2026-01-02T00:00:00.000Z'),
  run('cut-off-run', 'running', '2026-01-04T00:00:00.000Z'),
  run('failed-run', 'failed', '2026-01-01T00:00:00.000Z'),
];
const RECORDS = RUNS.flatMap((info) =>
  info.models.flatMap((model) => [0, 1, 2].map((index) => ({ runId: info.id, modelId: model.id, index, record: record(model.id, index) }))),
);
const RATINGS = [
  { runId: 'complete-run', pairId: 'pair-1', rating: { originality: 'left' }, ratedAt: '2026-01-05T00:00:00.000Z' },
  { runId: 'complete-run', pairId: 'pair-2', rating: { originality: 'right' }, ratedAt: '2026-01-06T00:00:00.000Z' },
];

async function writeVersion1(name: string): Promise<void> {
  const db = await openVersion1(name);
  const tx = db.transaction(['runs', 'records', 'ratings', 'settings'], 'readwrite');
  for (const info of RUNS) tx.objectStore('runs').put(info);
  for (const stored of RECORDS) tx.objectStore('records').put(stored);
  for (const rating of RATINGS) tx.objectStore('ratings').put(rating);
  tx.objectStore('settings').put({ key: 'theme', value: 'dark' });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

describe('upgrading the lab database', () => {
  beforeEach(() => deleteDB(DB));

  it('keeps every run, record, rating and setting written by version 1', async () => {
    await writeVersion1(DB);
    const db = await openLabDatabase(DB);
    try {
      expect(db.version).to.equal(LAB_DB_VERSION);
      const store = new RunStore(db);
      expect((await store.listRuns()).map((info) => info.id)).to.deep.equal(['cut-off-run', 'complete-run', 'incomplete-run', 'failed-run']);
      for (const info of RUNS) {
        expect(await store.getRun(info.id)).to.deep.equal(info);
        expect(await store.getRecords(info.id)).to.deep.equal(
          RECORDS.filter((stored) => stored.runId === info.id).map((stored) => stored.record),
        );
      }
      expect(await store.getRatings('complete-run')).to.deep.equal(RATINGS);
      expect(await db.get('settings', 'theme')).to.deep.equal({ key: 'theme', value: 'dark' });
      expect(await db.count('records')).to.equal(RECORDS.length);
    } finally {
      db.close();
    }
  });

  it('finds the runs of version 1 by status, so a run cut off before the upgrade becomes resumable', async () => {
    await writeVersion1(DB);
    const db = await openLabDatabase(DB);
    try {
      expect(await db.getAllKeysFromIndex('runs', 'by-status', 'running')).to.deep.equal(['cut-off-run']);
      const store = new RunStore(db);
      expect(await store.markInterrupted(runLocks())).to.deep.equal(['cut-off-run']);
      expect((await store.getRun('cut-off-run'))?.status).to.equal('incomplete');
      expect(await store.getRecords('cut-off-run')).to.have.length(6);
    } finally {
      db.close();
    }
  });

  it('closes its connection when another tab upgrades the database, and says so', async () => {
    let closedForUpgrade = 0;
    const db = await openLabDatabase(DB, { closedForUpgrade: () => closedForUpgrade++ });
    // A newer lab in another tab: its upgrade goes ahead because this connection closes.
    const newer = await request(indexedDB.open(DB, LAB_DB_VERSION + 1));
    expect(closedForUpgrade).to.equal(1);
    expect(newer.version).to.equal(LAB_DB_VERSION + 1);
    newer.close();
    let refused: unknown = null;
    try {
      db.transaction('runs');
    } catch (error) {
      refused = error;
    }
    expect((refused as DOMException | null)?.name).to.equal('InvalidStateError');
  });

  it('says when an older tab keeps the database open at version 1, and opens once that tab is gone', async () => {
    // An older lab in another tab that does not give way (it predates the code that closes on an upgrade).
    const older = await openVersion1(DB);
    let reportBlocked = (): void => undefined;
    const blocked = new Promise<void>((resolve) => (reportBlocked = resolve));
    const opening = openLabDatabase(DB, { blocked: () => reportBlocked() });
    await blocked;
    older.close();
    const db = await opening;
    expect(db.version).to.equal(LAB_DB_VERSION);
    db.close();
  });
});
