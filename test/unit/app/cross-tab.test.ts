import { describe, expect, it } from 'vitest';
import { oneReadAtATime, runLocks } from '../../../src/app/cross-tab.ts';

describe('oneReadAtATime', () => {
  it('never overlaps reads, and reads once more after calls made during a read', async () => {
    const finishers: (() => void)[] = [];
    let reads = 0;
    let readStarted = (): void => undefined;
    const nextRead = (): Promise<void> => new Promise((resolve) => (readStarted = resolve));
    const load = oneReadAtATime(
      () =>
        new Promise<void>((resolve) => {
          reads++;
          finishers.push(resolve);
          readStarted();
        }),
    );
    const first = load();
    const second = load();
    const third = load();
    expect(reads).toBe(1);
    const secondRead = nextRead();
    finishers.shift()?.();
    // The calls made during the first read are answered by one more read, not by one each.
    await secondRead;
    expect(reads).toBe(2);
    finishers.shift()?.();
    await Promise.all([first, second, third]);
    expect(reads).toBe(2);
    const fourth = load();
    expect(reads).toBe(3);
    finishers.shift()?.();
    await fourth;
  });
});

describe('run locks without Web Locks', () => {
  it('still keep this tab from making one run twice at once', async () => {
    const locks = runLocks(undefined);
    const release = await locks.take('run');
    expect(await locks.take('run')).toBe(null);
    expect(await locks.take('other run')).toBeTypeOf('function');
    release?.();
    expect(await locks.take('run')).toBeTypeOf('function');
  });
});
