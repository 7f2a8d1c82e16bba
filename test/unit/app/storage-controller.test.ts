import { describe, expect, it } from 'vitest';
import {
  cacheCandidates,
  cacheHealth,
  readModelCache,
  readStorageEstimate,
  StorageController,
  type CacheWorker,
  type StorageAccess,
} from '../../../src/app/storage-controller.ts';
import { bringYourOwnBase } from '../../../src/engine/bring-your-own-base.ts';
import { BRING_YOUR_OWN_TWINS, COMPARISONS } from '../../../src/engine/catalog.ts';
import type { CacheStatus, LoadModelSpec } from '../../../src/engine/protocol.ts';

const READY: CacheStatus = { weights: true, config: true, tokenizer: true, wasm: true, readyOffline: true };
const HALF: CacheStatus = { weights: false, config: true, tokenizer: false, wasm: false, readyOffline: false };
const NONE: CacheStatus = { weights: false, config: false, tokenizer: false, wasm: false, readyOffline: false };

/** A model cache held in a map (web-llm model id → status), behind workers that count their starts and ends. */
class FakeCache {
  started = 0;
  terminated = 0;
  deleted: string[] = [];
  /** The other models named with each delete (web-llm ids). */
  keptFor: string[][] = [];
  failDeleteWith: Error | null = null;

  constructor(readonly statuses: Map<string, CacheStatus>) {}

  startWorker = (): CacheWorker => {
    this.started += 1;
    return {
      cacheStatus: async (spec: LoadModelSpec) => this.statuses.get(spec.modelId) ?? NONE,
      deleteFromCache: async (spec: LoadModelSpec, others: LoadModelSpec[] = []) => {
        if (this.failDeleteWith) throw this.failDeleteWith;
        this.deleted.push(spec.modelId);
        this.keptFor.push(others.map((other) => other.modelId));
        this.statuses.delete(spec.modelId);
        return null;
      },
      terminate: () => {
        this.terminated += 1;
      },
    };
  };
}

function fakeStorage(answer: { persisted: boolean; persist: boolean }): NonNullable<StorageAccess['storage']> {
  return {
    estimate: async () => ({ usage: 2e9, quota: 6e10 }),
    persisted: async () => answer.persisted,
    persist: async () => answer.persist,
  };
}

const MINISTRAL_BASE_F16 = 'Ministral-3-3B-Base-2512-q4f16_1-MLC';
const LLAMA_BASE_F32 = 'Llama-3.1-8B-q4f32_1-MLC';

describe('cache candidates', () => {
  it('are every catalog model and twin in both weight formats, each once', () => {
    const candidates = cacheCandidates();
    const catalog = [...COMPARISONS.flatMap((comparison) => comparison.models), ...BRING_YOUR_OWN_TWINS];
    expect(candidates).toHaveLength(catalog.length * 2);
    expect(new Set(candidates.map((candidate) => candidate.spec.modelId)).size).toBe(candidates.length);
    expect(candidates.map((candidate) => candidate.spec.modelId)).toContain(MINISTRAL_BASE_F16);
  });

  it('include a base the reader brought, in the formats it has', () => {
    const own = bringYourOwnBase({
      weightsUrls: { q4f32: 'https://huggingface.co/you/SmolLM2-360M-q4f32_1-MLC/resolve/main/' },
      twinId: 'smollm2-360m-instruct',
    });
    if (!own.ok) throw new Error('the example base was refused');
    const extra = cacheCandidates([own.model]).filter((candidate) => candidate.model.id === own.model.id);
    expect(extra.map((candidate) => candidate.variant)).toEqual(['q4f32']);
  });
});

describe('cache health', () => {
  it('is ready only with every file, partial with some', () => {
    expect(cacheHealth(READY)).toBe('ready');
    expect(cacheHealth(HALF)).toBe('partial');
    expect(cacheHealth({ ...NONE, wasm: true })).toBe('partial');
    expect(cacheHealth(NONE)).toBe('absent');
  });
});

describe('readModelCache', () => {
  it('lists the models with files in the cache, with their download size, asking one worker that it then ends', async () => {
    const cache = new FakeCache(new Map([[MINISTRAL_BASE_F16, READY], [LLAMA_BASE_F32, HALF]]));
    const found = await readModelCache(cache, cacheCandidates());
    expect(found.map((model) => [model.spec.modelId, model.health])).toEqual([
      [MINISTRAL_BASE_F16, 'ready'],
      [LLAMA_BASE_F32, 'partial'],
    ]);
    expect(found[0]).toMatchObject({ variant: 'q4f16', bytes: COMPARISONS[0]?.models[0]?.variants.q4f16?.downloadBytes, bytesIsEstimate: true });
    expect([cache.started, cache.terminated]).toEqual([1, 1]);
  });

  it('ends its worker when a check fails', async () => {
    const cache = new FakeCache(new Map());
    const failing = {
      startWorker: () => ({ ...cache.startWorker(), cacheStatus: async () => Promise.reject(new Error('The model worker was closed.')) }),
    };
    await expect(readModelCache(failing, cacheCandidates())).rejects.toThrow('closed');
    expect(cache.terminated).toBe(1);
  });
});

describe('readStorageEstimate', () => {
  it('reports usage and quota, or null when the browser does not say', async () => {
    expect(await readStorageEstimate(fakeStorage({ persisted: false, persist: false }))).toEqual({ usageBytes: 2e9, quotaBytes: 6e10 });
    expect(await readStorageEstimate(undefined)).toBe(null);
    expect(await readStorageEstimate({ ...fakeStorage({ persisted: false, persist: false }), estimate: async () => ({}) })).toBe(null);
  });
});

describe('StorageController', () => {
  it('checks the cache, the estimate and persistence, and says when it changed', async () => {
    const cache = new FakeCache(new Map([[MINISTRAL_BASE_F16, READY]]));
    const controller = new StorageController({ startWorker: cache.startWorker, storage: fakeStorage({ persisted: true, persist: true }) });
    let changes = 0;
    controller.addEventListener('change', () => (changes += 1));
    await controller.refresh();
    expect(controller.models.status === 'done' && controller.models.models.map((model) => model.spec.modelId)).toEqual([MINISTRAL_BASE_F16]);
    expect(controller.estimate).toEqual({ usageBytes: 2e9, quotaBytes: 6e10 });
    expect(controller.persisted).toBe(true);
    expect(changes).toBe(2);
  });

  it('deletes a model, then checks every model again', async () => {
    const cache = new FakeCache(new Map([[MINISTRAL_BASE_F16, READY], [LLAMA_BASE_F32, HALF]]));
    const controller = new StorageController({ startWorker: cache.startWorker, storage: undefined });
    await controller.refresh();
    if (controller.models.status !== 'done') throw new Error('not checked');
    const [ministral, llama] = controller.models.models;
    await controller.remove(llama!, 'repaired');
    expect(cache.deleted).toEqual([LLAMA_BASE_F32]);
    expect(controller.lastAction).toEqual({ kind: 'repaired', model: llama });
    expect(controller.models.status === 'done' && controller.models.models).toEqual([ministral]);
    expect(controller.busyModelId).toBe(null);
    // One worker per check, one for the delete, and all of them ended.
    expect([cache.started, cache.terminated]).toEqual([3, 3]);
  });

  it('names every other model with a delete, so the model library the Llama base shares with its twin stays', async () => {
    const cache = new FakeCache(new Map([[LLAMA_BASE_F32, READY]]));
    const controller = new StorageController({ startWorker: cache.startWorker, storage: undefined });
    await controller.refresh();
    if (controller.models.status !== 'done') throw new Error('not checked');
    await controller.remove(controller.models.models[0]!, 'deleted');
    expect(cache.keptFor[0]).toContain('Llama-3.1-8B-Instruct-q4f32_1-MLC');
    expect(cache.keptFor[0]).not.toContain(LLAMA_BASE_F32);
    expect(cache.keptFor[0]).toHaveLength(cacheCandidates().length - 1);
  });

  it('reports a delete that failed in plain words, and keeps the model listed', async () => {
    const cache = new FakeCache(new Map([[MINISTRAL_BASE_F16, READY]]));
    cache.failDeleteWith = new Error('QuotaExceededError: The quota has been exceeded.');
    const controller = new StorageController({ startWorker: cache.startWorker, storage: undefined });
    await controller.refresh();
    if (controller.models.status !== 'done') throw new Error('not checked');
    const model = controller.models.models[0]!;
    await controller.remove(model, 'deleted');
    expect(controller.lastAction).toMatchObject({ kind: 'failed', model, error: { kind: 'quota' } });
    expect(controller.models.status === 'done' && controller.models.models).toHaveLength(1);
  });

  it('shows a failed check as an error with a next step', async () => {
    const controller = new StorageController({
      startWorker: () => {
        throw new Error('Failed to construct \'Worker\'');
      },
      storage: undefined,
    });
    await controller.refresh();
    expect(controller.models).toMatchObject({ status: 'failed', error: { message: expect.any(String), nextStep: expect.any(String) } });
  });

  it('asks the browser to keep the models only when told, and keeps its answer', async () => {
    const answer = { persisted: false, persist: false };
    const controller = new StorageController({ startWorker: new FakeCache(new Map()).startWorker, storage: fakeStorage(answer) });
    await controller.refresh();
    expect([controller.persisted, controller.persistAnswer]).toEqual([false, null]);
    await controller.keepDownloadedModels();
    expect(controller.persistAnswer).toBe(false);
    answer.persist = true;
    await controller.keepDownloadedModels();
    expect([controller.persisted, controller.persistAnswer]).toEqual([true, true]);
  });
});
