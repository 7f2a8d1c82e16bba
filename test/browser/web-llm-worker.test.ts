// The real model worker (web-llm 0.2.86 inside workers/model.worker.ts) in Chromium, up to its network boundary:
// the dev server's fixture routes (test/support/fixture-server.mjs) stand in for the model host. No weights exist
// here, so these tests cover what fails before inference: missing files, wrong files, and the IndexedDB cache.
import { expect } from 'chai';
import { openDB } from 'idb';
import { ModelError, ModelWorkerClient, WorkerLogEvent } from '../../src/engine/client.ts';
import type { LoadModelSpec } from '../../src/engine/protocol.ts';

const ORIGIN = location.origin;
const clients: ModelWorkerClient[] = [];
const workerErrors: string[] = [];

function realClient(): ModelWorkerClient {
  const worker = new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module' });
  const client = new ModelWorkerClient(worker, { id: 'fixture', role: 'base' });
  client.addEventListener(WorkerLogEvent.eventName, (event) => {
    const log = event as WorkerLogEvent;
    if (log.level === 'error') workerErrors.push(log.message);
  });
  clients.push(client);
  return client;
}

function fixtureModel(name: string, lib = 'missing.wasm'): LoadModelSpec {
  return {
    modelId: `fixture-${name}`,
    source: {
      kind: 'self-hosted',
      weightsUrl: `${ORIGIN}/fixture-models/${name}/resolve/main/`,
      libUrl: `${ORIGIN}/fixture-libs/${lib}`,
    },
    contextWindowTokens: 2048,
  };
}

async function loadError(spec: LoadModelSpec): Promise<ModelError> {
  try {
    await realClient().load(spec);
  } catch (error) {
    expect(error).to.be.instanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('Expected the load to fail.');
}

type Scope = 'webllm/model' | 'webllm/config' | 'webllm/wasm';

/** Opens a web-llm cache database the way tvmjs does (version 1, store "urls" keyed by "url"). */
function openScope(scope: Scope) {
  return openDB(scope, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('urls')) db.createObjectStore('urls', { keyPath: 'url' });
    },
  });
}

async function cachedUrls(scope: Scope): Promise<string[]> {
  const db = await openScope(scope);
  const keys = (await db.getAllKeys('urls')).map(String);
  db.close();
  return keys;
}

async function putCached(scope: Scope, url: string, data: unknown): Promise<void> {
  const db = await openScope(scope);
  await db.put('urls', { url, data });
  db.close();
}

describe('the web-llm model worker', () => {
  beforeEach(() => {
    workerErrors.length = 0;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.terminate();
  });

  it('finds the SwiftShader adapter that the other tests rely on', async () => {
    expect(await navigator.gpu.requestAdapter()).to.not.equal(null);
  });

  it('reports a missing config as not found, naming the file', async () => {
    const error = await loadError(fixtureModel('missing-config'));
    expect(error.kind).to.equal('not-found');
    expect(error.detail).to.contain('mlc-chat-config.json');
    expect(error.detail).to.contain('HTTP 404');
    expect(error.nextStep).to.not.equal('');
    expect(workerErrors).to.deep.equal([]);
  });

  it('reports a missing wasm as not found', async () => {
    const error = await loadError(fixtureModel('missing-wasm'));
    expect(error.kind).to.equal('not-found');
    expect(error.detail).to.contain('/fixture-libs/missing.wasm');
    expect(workerErrors).to.deep.equal([]);
  });

  it('reports an HTML page served in place of the config as a bad model, and does not keep it cached', async () => {
    const error = await loadError(fixtureModel('html-config'));
    expect(error.kind).to.equal('bad-model');
    expect(error.detail).to.match(/not valid JSON|Unexpected token/);
    expect(error.message).to.not.equal('');
    const configUrl = `${ORIGIN}/fixture-models/html-config/resolve/main/mlc-chat-config.json`;
    expect(await cachedUrls('webllm/config')).to.not.include(configUrl);
    expect(workerErrors).to.deep.equal([]);
  });

  it('says a model is ready offline only when weights, config, tokenizer and wasm are cached, and deletes them', async () => {
    const spec = fixtureModel('cached', 'cached.wasm');
    const files = `${ORIGIN}/fixture-models/cached/resolve/main/`;
    const wasmUrl = `${ORIGIN}/fixture-libs/cached.wasm`;
    const client = realClient();
    expect(await client.cacheStatus(spec)).to.deep.equal({
      weights: false,
      config: false,
      tokenizer: false,
      wasm: false,
      readyOffline: false,
    });

    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const config = new TextEncoder().encode(JSON.stringify({ tokenizer_files: ['tokenizer.json'] })).buffer;
    await putCached('webllm/model', `${files}tensor-cache.json`, { records: [{ dataPath: 'params_shard_0.bin' }] });
    await putCached('webllm/model', `${files}params_shard_0.bin`, bytes);
    await putCached('webllm/config', `${files}mlc-chat-config.json`, config);
    await putCached('webllm/model', `${files}tokenizer.json`, bytes);
    expect((await client.cacheStatus(spec)).readyOffline, 'everything but the wasm').to.equal(false);
    await putCached('webllm/wasm', wasmUrl, bytes);
    expect(await client.cacheStatus(spec)).to.deep.equal({
      weights: true,
      config: true,
      tokenizer: true,
      wasm: true,
      readyOffline: true,
    });

    await client.deleteFromCache(spec);
    expect((await client.cacheStatus(spec)).readyOffline).to.equal(false);
    const remaining = [...(await cachedUrls('webllm/model')), ...(await cachedUrls('webllm/config')), ...(await cachedUrls('webllm/wasm'))];
    expect(remaining.filter((url) => url.startsWith(files) || url === wasmUrl)).to.deep.equal([]);
  });

  it('reports the browser storage estimate', async () => {
    const estimate = await realClient().storageEstimate();
    expect(estimate?.quotaBytes).to.be.greaterThan(0);
  });
});

describe('persistent storage', () => {
  it('asks the browser to keep the model cache and reports its answer', async () => {
    const { requestPersistentStorage } = await import('../../src/engine/storage.ts');
    const granted = await requestPersistentStorage();
    expect(granted).to.equal(await navigator.storage.persisted());
    expect(await requestPersistentStorage(undefined)).to.be.a('boolean');
  });

  it('says no when the browser has no storage manager', async () => {
    const { requestPersistentStorage } = await import('../../src/engine/storage.ts');
    expect(await requestPersistentStorage({} as StorageManager)).to.equal(false);
  });
});
