// The app's own IndexedDB database (design.md §6): runs, their records, blind ratings and settings. web-llm keeps
// its model caches in databases of its own. Records are keyed by (run, model, index), so writing a record twice
// (a retry, a resume, a second tab) stores it once.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RecordBase } from '../core/probes/probe.ts';
import type { RunInfo, RunStatus } from '../core/results/index.ts';

export const LAB_DB_NAME = 'base-vs-aligned-lab';
/**
 * Raise this, and add a step to `upgrade`, whenever the stores change: existing runs must survive every upgrade
 * (test/browser/lab-db-upgrade.test.ts opens a database of each earlier version).
 * 1: runs, records, ratings, settings. 2: runs by status, so the lab finds runs cut off while running without
 * reading every run.
 */
export const LAB_DB_VERSION = 2;

export interface StoredRecord {
  runId: string;
  modelId: string;
  index: number;
  record: RecordBase;
}

export interface StoredRating {
  runId: string;
  pairId: string;
  rating: unknown;
  ratedAt: string;
}

export interface LabSchema extends DBSchema {
  runs: { key: string; value: RunInfo; indexes: { 'by-updated': string; 'by-status': RunStatus } };
  records: { key: [string, string, number]; value: StoredRecord; indexes: { 'by-run': string } };
  ratings: { key: [string, string]; value: StoredRating; indexes: { 'by-run': string } };
  settings: { key: string; value: { key: string; value: unknown } };
}

export type LabDatabase = IDBPDatabase<LabSchema>;

/** What happens to the connection because of another tab. */
export interface LabDatabaseEvents {
  /**
   * Another tab still has the database open at an older version, so this one waits to upgrade it until that tab
   * is closed or reloaded.
   */
  blocked?: () => void;
  /**
   * Another tab (a newer version of the lab) wants to upgrade the database: this connection has been closed so the
   * upgrade can go ahead, and this tab has to be reloaded to use the database again.
   */
  closedForUpgrade?: () => void;
}

export function openLabDatabase(name = LAB_DB_NAME, events: LabDatabaseEvents = {}): Promise<LabDatabase> {
  return openDB<LabSchema>(name, LAB_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
        db.createObjectStore('records', { keyPath: ['runId', 'modelId', 'index'] }).createIndex('by-run', 'runId');
        db.createObjectStore('ratings', { keyPath: ['runId', 'pairId'] }).createIndex('by-run', 'runId');
        db.createObjectStore('settings', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        transaction.objectStore('runs').createIndex('by-status', 'status');
      }
    },
    blocked() {
      events.blocked?.();
    },
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase).close();
      events.closedForUpgrade?.();
    },
  });
}
