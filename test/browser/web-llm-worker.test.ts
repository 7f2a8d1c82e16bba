// The real model worker (web-llm 0.2.86 inside workers/model.worker.ts) in Chromium, up to its network boundary:
// the dev server's fixture routes (test/support/fixture-server.mjs) stand in for the model host. No weights exist
// here, so these tests cover what fails before inference: missing files, wrong files, a download that breaks off and
// its repair, the IndexedDB cache, and the bring-your-own folder check with real fetches. (A full store could not be
// made here: Chromium's DevTools quota override had no effect on IndexedDB in this setup; errors.test.ts and the e2e
// faults test cover the quota path from web-llm's error text on.)
import { expect } from 'chai';
import { openDB } from 'idb';
import { checkWeightsFolder } from '../../src/engine/bring-your-own-check.ts';
import { TWIN_ARCHITECTURE, type TwinArchitecture } from '../../src/engine/catalog.ts';
import { ModelError, ModelWorkerClient, WorkerLogEvent } from '../../src/engine/client.ts';
import { classifyError } from '../../src/engine/errors/words.ts';
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

/** Every address in web-llm's three cache scopes. */
async function allCachedUrls(): Promise<string[]> {
  return [...(await cachedUrls('webllm/model')), ...(await cachedUrls('webllm/config')), ...(await cachedUrls('webllm/wasm'))];
}

describe('a download that breaks off (real worker)', () => {
  afterEach(() => {
    for (const client of clients.splice(0)) client.terminate();
  });

  it('fails as a network failure, leaves the model partly cached, and repair clears all of it', async () => {
    const spec = fixtureModel('broken-download', 'failing.wasm');
    const client = realClient();
    const error = await loadError(spec);
    expect(error.kind).to.equal('network');
    expect(error.detail).to.contain('HTTP 503');
    expect(error.nextStep).to.contain('try again');

    const folder = `${ORIGIN}/fixture-models/broken-download/resolve/main/`;
    const status = await client.cacheStatus(spec);
    expect(status.config, 'the config arrived before the model library failed').to.equal(true);
    expect(status.readyOffline).to.equal(false);

    await client.deleteFromCache(spec);
    expect(await client.cacheStatus(spec)).to.deep.equal({ weights: false, config: false, tokenizer: false, wasm: false, readyOffline: false });
    expect((await allCachedUrls()).filter((url) => url.startsWith(folder))).to.deep.equal([]);
  });

  it('repair clears a folder whose weight list is an error page and whose shards are half there, and nothing else', async () => {
    const spec = fixtureModel('half', 'half.wasm');
    const folder = `${ORIGIN}/fixture-models/half/resolve/main/`;
    const neighbour = `${ORIGIN}/fixture-models/half-other/resolve/main/params_shard_0.bin`;
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    await putCached('webllm/model', `${folder}tensor-cache.json`, '<!doctype html><title>Bad gateway</title>');
    await putCached('webllm/model', `${folder}params_shard_0.bin`, bytes);
    await putCached('webllm/model', `${folder}tokenizer.json`, bytes);
    await putCached('webllm/config', `${folder}mlc-chat-config.json`, bytes);
    await putCached('webllm/wasm', `${ORIGIN}/fixture-libs/half.wasm`, bytes);
    await putCached('webllm/model', neighbour, bytes);

    await realClient().deleteFromCache(spec);
    const left = await allCachedUrls();
    expect(left.filter((url) => url.startsWith(folder) || url.endsWith('/half.wasm'))).to.deep.equal([]);
    expect(left).to.include(neighbour);
  });
});

describe('the bring-your-own folder check (real fetches)', () => {
  const expected = { quantization: 'q4f32_1', architecture: TWIN_ARCHITECTURE['smollm2-360m-instruct'] as TwinArchitecture };
  const folder = (name: string) => `${ORIGIN}/fixture-models/${name}/resolve/main/`;
  const kindOf = (name: string) =>
    checkWeightsFolder(folder(name), expected).then(
      () => 'accepted',
      (error: unknown) => classifyError(error, { addressFromUser: true }).kind,
    );

  it('accepts a complete MLC folder of the twin’s architecture', async () => {
    expect(await kindOf('byo-good')).to.equal('accepted');
  });

  it('refuses an address with nothing there, a web page in place of the config, and a folder without a weight list', async () => {
    expect(await kindOf('missing-config')).to.equal('not-found');
    expect(await kindOf('html-config')).to.equal('bad-model');
    expect(await kindOf('byo-no-list')).to.equal('bad-model');
  });

  it('accepts an older conversion whose weight list is ndarray-cache.json', async () => {
    expect(await kindOf('byo-old')).to.equal('accepted');
  });
});

describe('an older conversion (ndarray-cache.json only) in the real worker', () => {
  afterEach(() => {
    for (const client of clients.splice(0)) client.terminate();
  });

  it('hands web-llm the old weight list under the name it reads before it loads', async () => {
    const spec = fixtureModel('byo-old');
    const folder = `${ORIGIN}/fixture-models/byo-old/resolve/main/`;
    // The model library is missing here, so the load fails after the weight list is in place: as far as it can go.
    const error = await loadError(spec);
    expect(error.kind).to.equal('not-found');
    expect(error.detail).to.contain('missing.wasm');
    const db = await openScope('webllm/model');
    const stored = (await db.get('urls', `${folder}tensor-cache.json`)) as { data: unknown } | undefined;
    db.close();
    const served = (await (await fetch(`${folder}ndarray-cache.json`)).json()) as unknown;
    expect(stored?.data).to.deep.equal(served);
    const fetched = (await (await fetch('/fixture-log')).json()) as string[];
    expect(fetched).to.include('GET /fixture-models/byo-old/resolve/main/ndarray-cache.json');
    await realClient().deleteFromCache(spec);
  });
});

describe('deleting one of two models that share a model library', () => {
  afterEach(() => {
    for (const client of clients.splice(0)) client.terminate();
  });

  const bytes = new Uint8Array([1, 2, 3]).buffer;
  const config = new TextEncoder().encode(JSON.stringify({ tokenizer_files: ['tokenizer.json'] })).buffer;

  async function cacheWhole(name: string, lib: string): Promise<LoadModelSpec> {
    const spec = fixtureModel(name, lib);
    const files = `${ORIGIN}/fixture-models/${name}/resolve/main/`;
    await putCached('webllm/model', `${files}tensor-cache.json`, { records: [{ dataPath: 'params_shard_0.bin' }] });
    await putCached('webllm/model', `${files}params_shard_0.bin`, bytes);
    await putCached('webllm/model', `${files}tokenizer.json`, bytes);
    await putCached('webllm/config', `${files}mlc-chat-config.json`, config);
    await putCached('webllm/wasm', `${ORIGIN}/fixture-libs/${lib}`, bytes);
    return spec;
  }

  it('keeps the library while the other model is cached, and deletes it with the last model that uses it', async () => {
    const base = await cacheWhole('shared-base', 'shared.wasm');
    const twin = await cacheWhole('shared-twin', 'shared.wasm');
    const client = realClient();

    await client.deleteFromCache(base, [twin]);
    expect((await client.cacheStatus(base)).readyOffline).to.equal(false);
    expect(await client.cacheStatus(twin), 'the twin still loads offline').to.deep.equal({
      weights: true,
      config: true,
      tokenizer: true,
      wasm: true,
      readyOffline: true,
    });

    await client.deleteFromCache(twin, [base]);
    expect(await cachedUrls('webllm/wasm')).to.not.include(`${ORIGIN}/fixture-libs/shared.wasm`);
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
