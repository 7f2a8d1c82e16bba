// The app's own IndexedDB database (design.md §6): runs, their records, blind ratings and settings. web-llm keeps
// its model caches in databases of its own. Records are keyed by (run, model, index), so writing a record twice
// (a retry, a resume, a second tab) stores it once.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RecordBase } from '../core/probes/probe.ts';
import type { RunInfo } from '../core/results/index.ts';

export const LAB_DB_NAME = 'base-vs-aligned-lab';
/** Raise this, and add a step to `upgrade`, whenever the stores change: existing runs must survive every upgrade. */
export const LAB_DB_VERSION = 1;

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
  runs: { key: string; value: RunInfo; indexes: { 'by-updated': string } };
  records: { key: [string, string, number]; value: StoredRecord; indexes: { 'by-run': string } };
  ratings: { key: [string, string]; value: StoredRating; indexes: { 'by-run': string } };
  settings: { key: string; value: { key: string; value: unknown } };
}

export type LabDatabase = IDBPDatabase<LabSchema>;

export function openLabDatabase(name = LAB_DB_NAME): Promise<LabDatabase> {
  return openDB<LabSchema>(name, LAB_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
        db.createObjectStore('records', { keyPath: ['runId', 'modelId', 'index'] }).createIndex('by-run', 'runId');
        db.createObjectStore('ratings', { keyPath: ['runId', 'pairId'] }).createIndex('by-run', 'runId');
        db.createObjectStore('settings', { keyPath: 'key' });
      }
    },
  });
}
