// One way for a page to hold state it loads asynchronously: the state of the latest load only, so that a slow,
// older load (an earlier run id, URL or context) never overwrites a newer one; the host re-renders when it settles.
import type { ReactiveControllerHost } from 'lit';

export type LoadState<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'failed'; detail: string };

export class LatestLoad<T> {
  state: LoadState<T> = { status: 'loading' };
  /** Each load gets a number; only the latest may settle the state. */
  private latest = 0;

  constructor(private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>) {}

  /** Starts a load that replaces any under way; resolves when it has settled (or been replaced). */
  run(load: () => Promise<T>): Promise<void> {
    this.state = { status: 'loading' };
    this.host.requestUpdate();
    return this.refresh(load);
  }

  /**
   * Loads again while the page keeps showing what it has (no "loading" in between, e.g. when stored data changed
   * under a page already drawn); like `run`, only the latest load settles the state.
   */
  async refresh(load: () => Promise<T>): Promise<void> {
    const thisLoad = ++this.latest;
    let settled: LoadState<T>;
    try {
      settled = { status: 'done', value: await load() };
    } catch (error) {
      settled = { status: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
    if (thisLoad !== this.latest) return;
    this.state = settled;
    this.host.requestUpdate();
  }

  /** The value now, when it is known without loading: any load under way is dropped. */
  set(value: T): void {
    this.latest++;
    this.state = { status: 'done', value };
    this.host.requestUpdate();
  }

  get value(): T | null {
    return this.state.status === 'done' ? this.state.value : null;
  }
}
