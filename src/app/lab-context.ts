// What the pages share: the session (GPU verdict, comparison, models), the run controller and the store. lab-app
// creates one and hands it to each page as a property.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openLabDatabase } from '../store/lab-db.ts';
import { RunStore } from '../store/runs.ts';
import { LabSession, type StartWorker } from './lab-session.ts';
import { RunController } from './run-controller.ts';
import { workerSummaries, type Summarize } from './summaries.ts';

export interface LabContext {
  session: LabSession;
  runs: RunController;
  store: () => Promise<RunStore>;
  /** Probe summaries, computed off the main thread. */
  summaries: Summarize;
}

export function createLabContext(options: { startWorker?: StartWorker; databaseName?: string; summaries?: Summarize } = {}): LabContext {
  let opened: Promise<RunStore> | null = null;
  const store = (): Promise<RunStore> => (opened ??= openLabDatabase(options.databaseName).then((db) => new RunStore(db)));
  const session = new LabSession({ startWorker: options.startWorker });
  const summaries = options.summaries ?? workerSummaries();
  return { session, runs: new RunController(session, store, summaries), store, summaries };
}

/**
 * Re-renders a host whenever one of the given objects says it changed. The objects are read again before each
 * update: a page's context can arrive after it is connected (a lazily loaded element is upgraded in place, and Lit
 * applies properties set before the upgrade only at its first update).
 */
export class ChangeController implements ReactiveController {
  private readonly onChange = (): void => this.host.requestUpdate();
  private sources: EventTarget[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly sourcesOf: () => (EventTarget | undefined)[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    for (const source of this.sources) source.removeEventListener('change', this.onChange);
    this.sources = [];
  }

  private follow(): void {
    const current = this.sourcesOf().filter((source): source is EventTarget => source !== undefined);
    if (current.length === this.sources.length && current.every((source, index) => source === this.sources[index])) return;
    this.hostDisconnected();
    this.sources = current;
    for (const source of current) source.addEventListener('change', this.onChange);
  }
}
