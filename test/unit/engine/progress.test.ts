import { describe, expect, it } from 'vitest';
import { readProgressReport } from '../../../src/engine/progress.ts';

// The texts are web-llm 0.2.86's own (node_modules/@mlc-ai/web-llm/lib/index.js, fetchTensorCacheInternal,
// the shader loader and MLCEngine.reloadInternal).
describe('readProgressReport', () => {
  it('reads the start of a load as preparing', () => {
    expect(readProgressReport({ progress: 0, text: 'Start to fetch params' })).toEqual({
      phase: 'preparing',
      fraction: 0,
      text: 'Start to fetch params',
    });
  });

  it('reads a download with the MiB fetched', () => {
    const text =
      'Fetching param cache[12/58]: 401MB fetched. 20% completed, 31 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.';
    expect(readProgressReport({ progress: 0.2071, text })).toEqual({
      phase: 'downloading',
      fraction: 0.2071,
      bytesDone: 401 * 2 ** 20,
      text,
    });
  });

  it('reads loading from the cache', () => {
    const text = 'Loading model from cache[58/58]: 1994MB loaded. 100% completed, 4 secs elapsed.';
    expect(readProgressReport({ progress: 1, text })).toMatchObject({ phase: 'reading-cache', fraction: 1, bytesDone: 1994 * 2 ** 20 });
  });

  it('reads shader compilation and the end', () => {
    expect(readProgressReport({ progress: 0.5, text: 'Loading GPU shader modules[40/80]: 50% completed, 2 secs elapsed.' }).phase).toBe(
      'compiling',
    );
    const done = readProgressReport({ progress: 1, text: 'Finish loading on WebGPU - apple' });
    expect(done).toEqual({ phase: 'ready', fraction: 1, text: 'Finish loading on WebGPU - apple' });
  });

  it('clamps odd fractions', () => {
    expect(readProgressReport({ progress: Number.NaN, text: 'x' }).fraction).toBe(0);
    expect(readProgressReport({ progress: 1.5, text: 'x' }).fraction).toBe(1);
  });
});
