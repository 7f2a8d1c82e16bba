import { describe, expect, it } from 'vitest';
import type { SessionModel } from '../../../src/app/lab-session.ts';
import { loadProgressView } from '../../../src/app/load-progress.ts';
import { findModel } from '../../../src/engine/catalog.ts';

function loading(load: SessionModel['load']): SessionModel {
  const catalog = findModel('ministral-3-3b-base')!;
  return { catalog, spec: { modelId: 'm', source: { kind: 'prebuilt', modelId: 'm' }, contextWindowTokens: 2048 }, cache: null, load, client: null };
}

describe('loadProgressView', () => {
  it('is null unless the model is loading', () => {
    expect(loadProgressView(loading({ status: 'not-loaded' }), 'q4f32')).toBeNull();
  });

  it('estimates the time left from the speed so far and the catalog size', () => {
    const total = findModel('ministral-3-3b-base')!.variants.q4f32!.downloadBytes;
    const view = loadProgressView(
      loading({
        status: 'loading',
        startedAt: 0,
        bytesPerSecond: 1e8,
        progress: { phase: 'downloading', fraction: 0.5, bytesDone: 1e9, text: '' },
      }),
      'q4f32',
    );
    expect(view).toEqual({ phase: 'downloading', fraction: 0.5, bytesDone: 1e9, bytesTotal: total, bytesPerSecond: 1e8, secondsLeft: (total - 1e9) / 1e8 });
  });

  it('gives no time left while reading from the cache or before any report', () => {
    expect(loadProgressView(loading({ status: 'loading', startedAt: 0, bytesPerSecond: null, progress: null }), 'q4f32')).toMatchObject({
      phase: 'preparing',
      fraction: 0,
      secondsLeft: null,
    });
    const reading = loadProgressView(
      loading({ status: 'loading', startedAt: 0, bytesPerSecond: 5e8, progress: { phase: 'reading-cache', fraction: 0.2, bytesDone: 4e8, text: '' } }),
      'q4f32',
    );
    expect(reading).toMatchObject({ bytesPerSecond: null, secondsLeft: null });
  });
});
