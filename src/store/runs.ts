// Runs and their records in the lab's database. A record is written as soon as it is made (design.md §6), so a
// closed tab loses at most the one in flight and a run can be resumed from what is stored.
import type { RecordBase } from '../core/probes/probe.ts';
import type { RunExport, RunInfo, RunStatus } from '../core/results/index.ts';
import type { LabDatabase, StoredRating, StoredRecord } from './lab-db.ts';

/** What a write changed: a run's own entry (status, deletion, import), its records, or its ratings. */
export interface StoreChange {
  runId: string;
  what: 'run' | 'records' | 'ratings';
}

/**
 * The runs' locks, held by whichever tab is making a run (src/app/cross-tab.ts). `take` resolves with a function
 * that releases the lock, or with null when another holder has it.
 */
export interface RunLocks {
  take(runId: string): Promise<(() => void) | null>;
}

export class RunStore {
  /** @param changed told after each write has been committed, e.g. to tell the lab's other tabs. */
  constructor(
    private readonly db: LabDatabase,
    private readonly changed: (change: StoreChange) => void = () => undefined,
  ) {}

  /** Closes the database connection (tests, and before deleting the database). */
  close(): void {
    this.db.close();
  }

  async saveRun(run: RunInfo): Promise<void> {
    await this.db.put('runs', run);
    this.changed({ runId: run.id, what: 'run' });
  }

  getRun(id: string): Promise<RunInfo | undefined> {
    return this.db.get('runs', id);
  }

  /** All runs, the most recently changed first. */
  async listRuns(): Promise<RunInfo[]> {
    return (await this.db.getAllFromIndex('runs', 'by-updated')).reverse();
  }

  async setStatus(id: string, status: RunStatus, now = new Date()): Promise<void> {
    const tx = this.db.transaction('runs', 'readwrite');
    const run = await tx.store.get(id);
    if (run) await tx.store.put({ ...run, status, updatedAt: now.toISOString() });
    await tx.done;
    if (run) this.changed({ runId: id, what: 'run' });
  }

  /**
   * Marks runs stored as "running" that no tab is making any more as "incomplete", and returns their ids: called
   * when the lab starts, so a run cut off by a closed or crashed tab shows up as resumable instead of as running
   * forever. A run whose lock another tab holds is going on there and is left alone. Each run is checked again
   * while its lock is held, so a run that finished in between keeps its status.
   */
  async markInterrupted(locks: RunLocks, now = new Date()): Promise<string[]> {
    const marked: string[] = [];
    for (const runId of await this.db.getAllKeysFromIndex('runs', 'by-status', 'running')) {
      const release = await locks.take(runId);
      if (!release) continue;
      try {
        const tx = this.db.transaction('runs', 'readwrite');
        const run = await tx.store.get(runId);
        if (run?.status === 'running') {
          await tx.store.put({ ...run, status: 'incomplete', updatedAt: now.toISOString() });
          marked.push(runId);
        }
        await tx.done;
      } finally {
        release();
      }
    }
    for (const runId of marked) this.changed({ runId, what: 'run' });
    return marked;
  }

  /** Writes records in one transaction: all of them or, if the browser refuses, none. */
  async addRecords(runId: string, records: readonly RecordBase[]): Promise<void> {
    const tx = this.db.transaction('records', 'readwrite', { durability: 'relaxed' });
    await Promise.all([
      ...records.map((record) => tx.store.put({ runId, modelId: record.modelId, index: record.index, record } satisfies StoredRecord)),
      tx.done,
    ]);
    this.changed({ runId, what: 'records' });
  }

  /** A run's records, each model's in index order. */
  async getRecords(runId: string): Promise<RecordBase[]> {
    const stored = await this.db.getAllFromIndex('records', 'by-run', runId);
    return stored.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index).map(({ record }) => record);
  }

  /** A value the lab keeps for this browser, outside any run (e.g. a model's self-check on this GPU). */
  async getSetting(key: string): Promise<unknown> {
    return (await this.db.get('settings', key))?.value;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await this.db.put('settings', { key, value });
  }

  /** Stores a blind rating of a run's pair (a second vote on the same pair replaces the first). */
  async saveRating(runId: string, pairId: string, rating: unknown, now = new Date()): Promise<void> {
    await this.db.put('ratings', { runId, pairId, rating, ratedAt: now.toISOString() } satisfies StoredRating);
    this.changed({ runId, what: 'ratings' });
  }

  /** A run's ratings, in the order they were made. */
  async getRatings(runId: string): Promise<StoredRating[]> {
    const ratings = await this.db.getAllFromIndex('ratings', 'by-run', runId);
    return ratings.sort((a, b) => a.ratedAt.localeCompare(b.ratedAt));
  }

  /** Deletes a run with its records and ratings, in one transaction. */
  async deleteRun(runId: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'records', 'ratings'], 'readwrite');
    const deletions: Promise<unknown>[] = [tx.objectStore('runs').delete(runId)];
    for (const storeName of ['records', 'ratings'] as const) {
      const keys = await tx.objectStore(storeName).index('by-run').getAllKeys(runId);
      for (const key of keys) deletions.push(tx.objectStore(storeName).delete(key));
    }
    await Promise.all([...deletions, tx.done]);
    this.changed({ runId, what: 'run' });
  }

  /**
   * Stores an imported run whole, in one transaction, so that a failure leaves nothing behind. A run whose id is
   * already stored is refused rather than merged.
   */
  async importRun(run: RunExport): Promise<void> {
    const tx = this.db.transaction(['runs', 'records'], 'readwrite');
    if (await tx.objectStore('runs').get(run.run.id)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(`A run with the id ${run.run.id} is already in this browser.`);
    }
    await Promise.all([
      tx.objectStore('runs').add(run.run),
      ...run.records.map((record) =>
        tx.objectStore('records').add({ runId: run.run.id, modelId: record.modelId, index: record.index, record }),
      ),
      tx.done,
    ]);
    this.changed({ runId: run.run.id, what: 'run' });
  }
}
