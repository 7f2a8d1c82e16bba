import { describe, expect, it } from 'vitest';
import { LatestLoad } from '../../../src/app/latest-load.ts';

/** A promise settled by hand, to finish loads in any order. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LatestLoad', () => {
  it('keeps only the latest load’s result, however the loads finish', async () => {
    let updates = 0;
    const load = new LatestLoad<string>({ requestUpdate: () => void updates++ });
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = load.run(() => older.promise);
    const second = load.run(() => newer.promise);
    newer.resolve('new');
    await second;
    expect(load.state).toEqual({ status: 'done', value: 'new' });
    older.resolve('old');
    await first;
    expect(load.value).toBe('new');
    expect(updates).toBe(3);
  });

  it('tells a failure in words, and a value set at once drops a load under way', async () => {
    const load = new LatestLoad<number>({ requestUpdate: () => undefined });
    await load.run(() => Promise.reject(new Error('The file is missing.')));
    expect(load.state).toEqual({ status: 'failed', detail: 'The file is missing.' });
    const slow = deferred<number>();
    const running = load.run(() => slow.promise);
    load.set(7);
    slow.resolve(1);
    await running;
    expect(load.state).toEqual({ status: 'done', value: 7 });
  });

  it('refreshes without going back to loading, and a newer load still wins', async () => {
    const load = new LatestLoad<string>({ requestUpdate: () => undefined });
    await load.run(() => Promise.resolve('first'));
    const slow = deferred<string>();
    const refreshing = load.refresh(() => slow.promise);
    expect(load.state).toEqual({ status: 'done', value: 'first' });
    await load.refresh(() => Promise.resolve('newer'));
    slow.resolve('older');
    await refreshing;
    expect(load.value).toBe('newer');
  });
});
