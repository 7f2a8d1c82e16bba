// The session's way out of each fault, with the real client and worker server in one thread (in-process-worker.ts)
// and scripted backends that fail as web-llm does.
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/app/lab-session.ts';
import { cacheHealth } from '../../../src/app/storage-controller.ts';
import { bringYourOwnBase } from '../../../src/engine/bring-your-own-base.ts';
import { findComparison, type CatalogModel, type Comparison } from '../../../src/engine/catalog.ts';
import { ModelError, ModelWorkerClient } from '../../../src/engine/client.ts';
import { needsReload } from '../../../src/engine/errors/kinds.ts';
import type { GpuFacts } from '../../../src/engine/preflight.ts';
import type { CacheStatus, LoadModelSpec } from '../../../src/engine/protocol.ts';
import { InProcessWorker } from '../../fixtures/in-process-worker.ts';
import { gpuAdapter } from '../../support/builders.ts';
import { ScriptedBackend, type Script } from '../../fixtures/scripted-backend.ts';

const BASE = 'ministral-3-3b-base';
const INSTRUCT = 'ministral-3-3b-instruct';
const READY: CacheStatus = { weights: true, config: true, tokenizer: true, wasm: true, readyOffline: true };
const MODEL_NOT_LOADED = 'ModelNotLoadedError: Model not loaded before trying to complete the request.';

/** A scripted backend whose cache answers per model, from a map shared by every worker (as the browser's cache is). */
class CachingBackend extends ScriptedBackend {
  constructor(
    script: Partial<Script>,
    private readonly cache: Map<string, CacheStatus>,
  ) {
    super(script);
  }

  override async cacheStatus(model?: LoadModelSpec): Promise<CacheStatus> {
    const found = model ? this.cache.get(model.modelId) : undefined;
    return found ?? { weights: false, config: false, tokenizer: false, wasm: false, readyOffline: false };
  }

  override async deleteFromCache(model?: LoadModelSpec): Promise<void> {
    if (model) this.cache.delete(model.modelId);
  }
}

/** A session whose workers run scripted backends in process: `scripts` by catalog id, `cache` by web-llm id. */
function harness(options: { fetcher?: typeof fetch; readGpu?: () => Promise<GpuFacts> } = {}) {
  const scripts = new Map<string, Partial<Script>>();
  const cache = new Map<string, CacheStatus>();
  const workers: { model: string; worker: InProcessWorker; client: ModelWorkerClient }[] = [];
  const fetcher = options.fetcher ?? (async () => new Response('Not Found', { status: 404 }));
  const session = new LabSession({
    startWorker: (model: CatalogModel, spec: LoadModelSpec) => {
      const worker = new InProcessWorker(new CachingBackend(scripts.get(model.id) ?? {}, cache), fetcher);
      const client = new ModelWorkerClient(worker, { id: spec.modelId, role: model.role });
      workers.push({ model: model.id, worker, client });
      return client;
    },
    storage: { estimate: async () => ({ usage: 1.9e9, quota: 2e9 }), persisted: async () => false, persist: async () => false },
    ...(options.readGpu ? { readGpu: options.readGpu } : {}),
  });
  const loaded = (id: string) => {
    const client = session.model(id)?.client;
    if (!client) throw new Error(`${id} is not loaded.`);
    return client;
  };
  return { session, scripts, cache, workers, loaded };
}

const generate = { prompt: 'Pick a number:', temperature: 1, seed: 1, maxTokens: 4 };

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => null,
    (raw: unknown) => raw,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('a GPU device lost after the model loaded', () => {
  it('fails the request as a lost device, ends the worker, and the model loads again in a new one', async () => {
    const { session, scripts, workers, loaded } = harness();
    scripts.set(BASE, { failRequestsAfter: 1, failRequestsWith: MODEL_NOT_LOADED });
    await session.load(BASE);
    const client = loaded(BASE);
    await client.generate(generate);

    const error = await rejection(client.generate(generate));
    expect(error.kind).toBe('device-lost');
    const state = session.model(BASE)?.load;
    expect(state?.status).toBe('failed');
    if (state?.status !== 'failed') return;
    expect(state.error.message).toContain('Ministral 3 3B Base');
    expect(state.error.nextStep).toContain('smaller comparison');
    expect(needsReload(state.error)).toBe(true);
    expect(session.readyModels()).toEqual([]);
    expect(workers.find((entry) => entry.client === client)?.worker.terminated).toBe(true);

    scripts.set(BASE, {});
    await session.load(BASE);
    expect(session.model(BASE)?.load.status).toBe('ready');
    expect(loaded(BASE)).not.toBe(client);
    await loaded(BASE).generate(generate);
  });

  it('is not mistaken for a lost device when the model was never loaded', async () => {
    const client = new ModelWorkerClient(new InProcessWorker(new ScriptedBackend()), { id: 'never-loaded', role: 'base' });
    expect((await rejection(client.generate(generate))).kind).toBe('internal');
  });
});

describe('a load clicked while the GPU check is under way', () => {
  it('waits for the check and loads the weights it chose (here q4f16), instead of being dropped with the old models', async () => {
    let answer!: (facts: GpuFacts) => void;
    const { session, workers } = harness({ readGpu: () => new Promise((resolve) => (answer = resolve)) });
    const checked = session.checkGpu();
    const loading = session.load(BASE);
    answer({ hasWebGpuApi: true, adapterRequestError: null, adapter: gpuAdapter() });
    await Promise.all([checked, loading]);
    expect(session.variant).toBe('q4f16');
    const model = session.model(BASE);
    expect(model?.load.status).toBe('ready');
    expect(model?.spec.modelId).toContain('q4f16');
    // One worker, for the chosen weights: none was started for the 32-bit weights and left behind.
    expect(workers).toHaveLength(1);
    expect(workers[0]?.client).toBe(model?.client);
  });
});

describe('a model that has loaded', () => {
  it('knows what of it is cached by the time it shows as ready, so an Unload right after cannot leave an old answer', async () => {
    const { session, cache } = harness();
    const model = session.model(BASE);
    if (!model) throw new Error('No base model in the default comparison.');
    cache.set(model.spec.modelId, READY);
    const cacheWhenReady: (CacheStatus | null)[] = [];
    session.addEventListener('change', () => {
      if (model.load.status === 'ready') cacheWhenReady.push(model.cache);
    });
    await session.load(BASE);
    expect(cacheWhenReady[0]).toEqual(READY);
  });
});

describe('a model worker that crashes', () => {
  it('rejects what was in flight in plain words, reports the crash, and a reload starts a new worker', async () => {
    const { session, scripts, workers, loaded } = harness();
    scripts.set(BASE, { holdGenerateAfter: 0 });
    await session.load(BASE);
    const client = loaded(BASE);
    const inFlight = client.generate(generate);
    const worker = workers.find((entry) => entry.client === client)?.worker;
    worker?.crash('Uncaught RuntimeError: unreachable');

    const error = await rejection(inFlight);
    expect(error.kind).toBe('worker-crashed');
    expect(error.message).toContain('stopped unexpectedly');
    expect((await rejection(client.generate(generate))).kind).toBe('worker-crashed');
    const state = session.model(BASE)?.load;
    expect(state?.status === 'failed' && state.error.message).toContain('Ministral 3 3B Base');
    expect(worker?.terminated).toBe(true);

    scripts.set(BASE, {});
    await session.load(BASE);
    expect(session.model(BASE)?.load.status).toBe('ready');
    expect(loaded(BASE)).not.toBe(client);
  });
});

describe('a full store during a download', () => {
  it('shows the storage estimate and offers the other cached models, which it deletes through the storage controller', async () => {
    const { session, scripts, cache } = harness();
    const failing = session.model(BASE)?.spec.modelId ?? '';
    scripts.set(BASE, {
      failLoadWith: `Error: Failed to store https://huggingface.co/mlc-ai/${failing}/resolve/main/params_shard_3.bin with error: QuotaExceededError: Quota exceeded.`,
    });
    cache.set('Llama-3.1-8B-q4f32_1-MLC', READY);
    cache.set(failing, { ...READY, weights: false, readyOffline: false });

    await session.load(BASE);
    const state = session.model(BASE)?.load;
    expect(state?.status).toBe('failed');
    if (state?.status !== 'failed') return;
    expect(state.error.kind).toBe('quota');
    expect(state.error.message).toContain('1.9 GB of 2 GB used');
    expect(state.error.nextStep).toContain('Llama 3.1 8B Base');
    expect(state.deletable?.map((model) => model.spec.modelId)).toEqual(['Llama-3.1-8B-q4f32_1-MLC']);

    await session.deleteToMakeRoom(BASE, state.deletable?.[0] as NonNullable<typeof state.deletable>[number]);
    expect(cache.has('Llama-3.1-8B-q4f32_1-MLC')).toBe(false);
    const after = session.model(BASE)?.load;
    expect(after?.status === 'failed' && after.deletable).toEqual([]);
    expect(cache.has(failing)).toBe(true);
  });
});

describe('a download that fails half way', () => {
  it('keeps what was downloaded for a retry, and Repair clears all of it so the next load starts clean', async () => {
    const { session, scripts, cache } = harness();
    const modelId = session.model(BASE)?.spec.modelId ?? '';
    scripts.set(BASE, {
      failLoadWith: `Error: Failed to store https://huggingface.co/mlc-ai/${modelId}/resolve/main/params_shard_12.bin with error: TypeError: Failed to fetch`,
    });
    cache.set(modelId, { weights: false, config: true, tokenizer: true, wasm: true, readyOffline: false });

    await session.load(BASE);
    const model = session.model(BASE);
    expect(model?.load.status === 'failed' && model.load.error.kind).toBe('network');
    expect(model?.load.status === 'failed' && model.load.error.nextStep).toContain('try again');
    expect(model?.cache && cacheHealth(model.cache)).toBe('partial');

    await session.repair(BASE);
    expect(cache.has(modelId)).toBe(false);
    expect(session.model(BASE)?.load).toEqual({ status: 'not-loaded', repaired: true });
    expect(session.model(BASE)?.cache && cacheHealth(session.model(BASE)?.cache as CacheStatus)).toBe('absent');
  });
});

describe('a bring-your-own base', () => {
  const FOLDER = 'https://example.test/you/SmolLM2-360M-q4f32_1-MLC/resolve/main/';
  const own = bringYourOwnBase({ twinId: 'smollm2-360m-instruct', weightsUrls: { q4f32: FOLDER } });
  if (!own.ok) throw new Error('The test comparison must be valid.');
  const files: Record<string, string> = {
    'mlc-chat-config.json': JSON.stringify({ model_type: 'llama', quantization: 'q4f32_1', vocab_size: 49152, tokenizer_files: ['tokenizer.json'] }),
    'tensor-cache.json': JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin' }] }),
    'tokenizer.json': '{}',
  };
  const host = (async (url: string) => {
    const body = url.startsWith(FOLDER) ? files[url.slice(FOLDER.length)] : undefined;
    return new Response(body ?? 'Not Found', { status: body === undefined ? 404 : 200 });
  }) as typeof fetch;

  it('at an address with nothing there is refused before any worker starts, with the message inline', async () => {
    const { session, workers } = harness();
    session.selectComparison(own.comparison);
    await session.load(own.model.id);
    const state = session.model(own.model.id)?.load;
    expect(state?.status === 'failed' && state.error.kind).toBe('not-found');
    expect(state?.status === 'failed' && state.error.nextStep).toContain('/resolve/<revision>/');
    expect(workers.filter((entry) => entry.model === own.model.id && !entry.worker.terminated)).toEqual([]);
    expect(workers.some((entry) => entry.client.id.startsWith('your-') && entry.worker.terminated === false)).toBe(false);
  });

  it('whose tokenizer differs from its twin’s is refused once both have loaded, and no run can use it', async () => {
    const { session, scripts } = harness({ fetcher: host });
    session.selectComparison(own.comparison);
    scripts.set(own.model.id, { tokenIdOffset: 1 });
    await session.load(own.model.id);
    expect(session.model(own.model.id)?.load).toMatchObject({ status: 'ready', waitingForTwin: true });
    expect(session.readyModels()).toEqual([]);

    await session.load('smollm2-360m-instruct');
    const state = session.model(own.model.id)?.load;
    expect(state?.status === 'failed' && state.error.kind).toBe('bad-model');
    expect(state?.status === 'failed' && state.error.message).toContain('splits text into tokens differently');
    expect(session.readyModels().map((model) => model.catalog.id)).toEqual(['smollm2-360m-instruct']);
  });

  it('whose tokenizer matches its twin’s may run once both have loaded', async () => {
    const { session } = harness({ fetcher: host });
    session.selectComparison(own.comparison);
    await session.load('smollm2-360m-instruct');
    await session.load(own.model.id);
    expect(session.readyModels().map((model) => model.catalog.id)).toEqual([own.model.id, 'smollm2-360m-instruct']);
  });

  it('of another vocabulary is refused before it downloads', async () => {
    files['mlc-chat-config.json'] = JSON.stringify({ model_type: 'llama', vocab_size: 32000, tokenizer_files: ['tokenizer.json'] });
    const { session, workers } = harness({ fetcher: host });
    session.selectComparison(own.comparison);
    await session.load(own.model.id);
    const state = session.model(own.model.id)?.load;
    expect(state?.status === 'failed' && state.error.kind).toBe('bad-model');
    expect(workers.some((entry) => entry.model === own.model.id && !entry.worker.terminated)).toBe(false);
  });
});

describe('the Llama 3.1 8B base (weights that are not in web-llm’s prebuilt list)', () => {
  const LLAMA_BASE = 'llama-3.1-8b-base';
  const FOLDER = 'https://huggingface.co/mlc-ai/Llama-3.1-8B-q4f32_1-MLC/resolve/main/';
  const CONFIG = JSON.stringify({ model_type: 'llama', quantization: 'q4f32_1', vocab_size: 128256, tokenizer_files: ['tokenizer.json'] });
  const SHARDS = JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin' }] });
  const llama = findComparison('llama-3.1-8b') as Comparison;

  /** The model host, serving `files` under the base's folder; it records what was asked. */
  function llamaHost(files: Record<string, string>) {
    const asked: string[] = [];
    const fetcher = (async (url: string) => {
      asked.push(url);
      const body = url.startsWith(FOLDER) ? files[url.slice(FOLDER.length)] : undefined;
      return new Response(body ?? 'Not Found', { status: body === undefined ? 404 : 200 });
    }) as typeof fetch;
    return { fetcher, asked };
  }

  it('has its folder checked before it downloads, and a folder with no weight list is refused in plain words', async () => {
    const { fetcher, asked } = llamaHost({ 'mlc-chat-config.json': CONFIG, 'tokenizer.json': '{}' });
    const { session } = harness({ fetcher });
    session.selectComparison(llama);
    await session.load(LLAMA_BASE);
    expect(asked).toContain(`${FOLDER}mlc-chat-config.json`);
    const state = session.model(LLAMA_BASE)?.load;
    expect(state?.status === 'failed' && state.error.kind).toBe('bad-model');
    expect(state?.status === 'failed' && state.error.message).toContain('neither tensor-cache.json nor ndarray-cache.json');
  });

  it('loads from a folder converted before the weight list was renamed (ndarray-cache.json only)', async () => {
    const { fetcher } = llamaHost({ 'mlc-chat-config.json': CONFIG, 'ndarray-cache.json': SHARDS, 'tokenizer.json': '{}' });
    const { session } = harness({ fetcher });
    session.selectComparison(llama);
    await session.load(LLAMA_BASE);
    expect(session.model(LLAMA_BASE)?.load.status).toBe('ready');
  });

  it('is refused when its folder holds another architecture than the instruct model’s library', async () => {
    const qwen = JSON.stringify({ model_type: 'qwen2', vocab_size: 151936, tokenizer_files: ['tokenizer.json'] });
    const { fetcher } = llamaHost({ 'mlc-chat-config.json': qwen, 'tensor-cache.json': SHARDS, 'tokenizer.json': '{}' });
    const { session } = harness({ fetcher });
    session.selectComparison(llama);
    await session.load(LLAMA_BASE);
    const state = session.model(LLAMA_BASE)?.load;
    expect(state?.status === 'failed' && state.error.detail).toContain('Model type does not match');
  });

  it('is not checked when it is whole in the browser’s cache, so it loads offline', async () => {
    const { fetcher, asked } = llamaHost({});
    const { session, cache } = harness({ fetcher });
    session.selectComparison(llama);
    cache.set('Llama-3.1-8B-q4f32_1-MLC', READY);
    await session.load(LLAMA_BASE);
    expect(asked).toEqual([]);
    expect(session.model(LLAMA_BASE)?.load.status).toBe('ready');
  });
});

describe('the instruct model', () => {
  it('is unaffected by a fault in the base model’s worker', async () => {
    const { session, scripts, workers, loaded } = harness();
    scripts.set(BASE, { holdGenerateAfter: 0 });
    await session.load(BASE);
    await session.load(INSTRUCT);
    workers.find((entry) => entry.client === loaded(BASE))?.worker.crash('boom');
    expect(session.model(BASE)?.load.status).toBe('failed');
    expect(session.readyModels().map((model) => model.catalog.id)).toEqual([INSTRUCT]);
    await loaded(INSTRUCT).generate(generate);
  });
});
