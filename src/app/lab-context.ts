// What the pages share: the session (GPU verdict, comparison, models), the run controller and the store. lab-app
// creates one and hands it to each page as a property.
import type { ReactiveControllerHost } from 'lit';
import { LAB_DB_NAME, openLabDatabase } from '../store/lab-db.ts';
import { RunStore, type RunLocks } from '../store/runs.ts';
import { DatabaseNotice, RunsChannel, runLocks } from './cross-tab.ts';
import { EventController } from './event-controller.ts';
import { LabSession, type StartWorker } from './lab-session.ts';
import { ModelSpeeds } from './model-speed.ts';
import { RunController } from './run-controller.ts';
import { RunLibrary } from './run-library.ts';
import { workerSummaries, type Summarize } from './summaries.ts';

export interface LabContext {
  session: LabSession;
  runs: RunController;
  /** The stored runs, as pages list, read, export, delete, resume and import them. */
  library: RunLibrary;
  store: () => Promise<RunStore>;
  /** Probe summaries, computed off the main thread. */
  summaries: Summarize;
  /** Which tab is making which run (cross-tab.ts). */
  locks: RunLocks;
  /** Runs changed by the lab's other tabs. */
  otherTabs: RunsChannel;
  /** The database connection as other tabs affect it. */
  database: DatabaseNotice;
  /** This machine's speed for each model, for the time a run should take (issue 16). */
  speeds: ModelSpeeds;
}

export interface LabContextOptions {
  startWorker?: StartWorker;
  databaseName?: string;
  summaries?: Summarize;
  locks?: RunLocks;
}

export function createLabContext(options: LabContextOptions = {}): LabContext {
  // Tabs that share a database share a channel (a test's own database keeps its contexts apart from others).
  const otherTabs = new RunsChannel(`${options.databaseName ?? LAB_DB_NAME}:runs`);
  const database = new DatabaseNotice();
  const locks = options.locks ?? runLocks();
  let opened: Promise<RunStore> | null = null;
  const store = (): Promise<RunStore> =>
    (opened ??= openLabDatabase(options.databaseName, {
      blocked: () => database.set('blocked'),
      closedForUpgrade: () => database.set('closed-for-upgrade'),
    }).then(async (db) => {
      if (database.state === 'blocked') database.set('open');
      const runStore = new RunStore(db, (change) => otherTabs.tell(change));
      // Before anything reads the runs: a run still marked "running" that no tab is making was cut off (a closed
      // or crashed tab, a reload) and is shown as resumable. A failure here leaves the runs as they are.
      await runStore.markInterrupted(locks).catch(() => undefined);
      return runStore;
    }));
  const session = new LabSession({ startWorker: options.startWorker });
  const summaries = options.summaries ?? workerSummaries();
  const speeds = new ModelSpeeds(store, () => (session.gpu.status === 'done' ? session.gpu.facts.adapter : null));
  const runs = new RunController(session, store, locks, summaries, speeds);
  const library = new RunLibrary(store, runs, summaries);
  return { session, runs, library, store, summaries, locks, otherTabs, database, speeds };
}

/** Re-renders a host whenever one of the given objects says it changed. */
export class ChangeController extends EventController {
  constructor(host: ReactiveControllerHost, sourcesOf: () => (EventTarget | undefined)[]) {
    super(host, sourcesOf, 'change', () => host.requestUpdate());
  }
}
