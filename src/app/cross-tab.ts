// The lab open in several tabs at once. Each run has a Web Lock ("run:<id>") held by the tab making it, for as long
// as it is made: another tab neither marks it as cut off nor resumes it, and the browser frees the lock when the
// tab closes or crashes. A BroadcastChannel tells the other tabs when runs change, so their History, Run and Claims
// pages show what is stored now. And the database connection reports another tab's upgrade (this tab must reload) or
// an older tab in the way of this tab's upgrade.
import type { ReactiveControllerHost } from 'lit';
import type { RunLocks, StoreChange } from '../store/runs.ts';
import { EventController } from './event-controller.ts';

function lockName(runId: string): string {
  return `run:${runId}`;
}

/**
 * Run locks from the browser's lock manager. Without one (an old browser, or the lab served over plain http from
 * another machine, where browsers leave Web Locks out), the locks only keep this tab from making a run twice.
 */
export function runLocks(manager: LockManager | undefined = globalThis.navigator?.locks): RunLocks {
  if (!manager) return tabOnlyLocks();
  return {
    take: (runId) =>
      new Promise((resolve, reject) => {
        manager
          .request(lockName(runId), { ifAvailable: true }, (lock) => {
            if (!lock) {
              resolve(null);
              return undefined;
            }
            // The lock is held until the promise returned here settles: until `release` is called.
            return new Promise<void>((release) => resolve(() => release()));
          })
          .catch(reject);
      }),
  };
}

function tabOnlyLocks(): RunLocks {
  const held = new Set<string>();
  return {
    take: async (runId) => {
      if (held.has(runId)) return null;
      held.add(runId);
      return () => held.delete(runId);
    },
  };
}

/** A run changed in another tab. */
export class RunsChangedEvent extends Event {
  constructor(readonly change: StoreChange) {
    super('runs-changed');
  }
}

/** How often at most another tab hears that a run's records changed: it reads the run again each time. */
const RECORDS_NOTICE_INTERVAL_MS = 500;

/**
 * Tells the lab's other tabs when this tab changes a run, and fires `runs-changed` when another tab does. A run's
 * own changes (start, status, deletion) are told at once; record changes at most every half second, since a run's
 * end is always followed by a status change.
 */
export class RunsChannel extends EventTarget {
  private readonly channel: BroadcastChannel | null;
  private readonly lastRecordsNotice = new Map<string, number>();
  private closed = false;

  constructor(name: string, private readonly now: () => number = () => performance.now()) {
    super();
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const change = storeChangeOf(event.data);
      if (change) this.dispatchEvent(new RunsChangedEvent(change));
    });
  }

  tell(change: StoreChange): void {
    if (this.closed) return;
    if (change.what === 'records') {
      const last = this.lastRecordsNotice.get(change.runId);
      if (last !== undefined && this.now() - last < RECORDS_NOTICE_INTERVAL_MS) return;
      this.lastRecordsNotice.set(change.runId, this.now());
    } else {
      this.lastRecordsNotice.delete(change.runId);
    }
    this.channel?.postMessage(change);
  }

  close(): void {
    this.closed = true;
    this.channel?.close();
  }
}

function storeChangeOf(data: unknown): StoreChange | null {
  if (typeof data !== 'object' || data === null) return null;
  const { runId, what } = data as Record<string, unknown>;
  if (typeof runId !== 'string' || (what !== 'run' && what !== 'records' && what !== 'ratings')) return null;
  return { runId, what };
}

/** Calls `onChange` whenever another tab changes a run, for as long as the host is connected. */
export class RunsChangedController extends EventController {
  constructor(host: ReactiveControllerHost, channelOf: () => RunsChannel | undefined, onChange: (change: StoreChange) => void) {
    super(host, () => [channelOf()], 'runs-changed', (event) => {
      if (event instanceof RunsChangedEvent) onChange(event.change);
    });
  }
}

/**
 * The database connection as other tabs affect it: open; waiting for an older tab to close ("blocked"); or closed
 * so that a newer version of the lab in another tab could upgrade it ("closed-for-upgrade": reload to go on).
 */
export type DatabaseState = 'open' | 'blocked' | 'closed-for-upgrade';

export class DatabaseNotice extends EventTarget {
  state: DatabaseState = 'open';

  set(state: DatabaseState): void {
    if (state === this.state) return;
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * Wraps a page's read of stored runs so that reads never overlap: a call while one is under way asks for one more
 * read after it (another tab's changes can arrive faster than a run is read), and the last call always sees the
 * last change.
 */
export function oneReadAtATime(read: () => Promise<void>): () => Promise<void> {
  let reading: Promise<void> | null = null;
  let again = false;
  return () => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          again = false;
          await read();
        } while (again);
      } finally {
        reading = null;
      }
    })();
    return reading;
  };
}
