// Faults on the real web-llm path, in Chromium, against the dev server's fixture model host
// (test/support/fixture-server.mjs): a download that breaks off and its repair, and the bring-your-own folder check
// with real fetches. No weights exist here, so each fault strikes before inference. (A full store could not be made
// here: Chromium's DevTools quota override had no effect on IndexedDB in this setup; errors.test.ts and the e2e
// test cover the quota path from web-llm's error text on.)
import { expect } from 'chai';
import { openDB } from 'idb';
import { checkWeightsFolder } from '../../src/engine/bring-your-own-check.ts';
import { TWIN_ARCHITECTURE, type TwinArchitecture } from '../../src/engine/catalog.ts';
import { ModelError, ModelWorkerClient } from '../../src/engine/client.ts';
import { classifyError } from '../../src/engine/errors.ts';
import type { LoadModelSpec } from '../../src/engine/protocol.ts';

const ORIGIN = location.origin;
const clients: ModelWorkerClient[] = [];

function realClient(): ModelWorkerClient {
  const worker = new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module' });
  const client = new ModelWorkerClient(worker, { id: 'fixture', role: 'base' });
  clients.push(client);
  return client;
}

function fixtureModel(name: string, lib: string): LoadModelSpec {
  return {
    modelId: `fixture-${name}`,
    source: { kind: 'self-hosted', weightsUrl: `${ORIGIN}/fixture-models/${name}/resolve/main/`, libUrl: `${ORIGIN}/fixture-libs/${lib}` },
    contextWindowTokens: 2048,
  };
}

async function loadError(client: ModelWorkerClient, spec: LoadModelSpec): Promise<ModelError> {
  try {
    await client.load(spec);
  } catch (error) {
    expect(error).to.be.instanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('Expected the load to fail.');
}

type Scope = 'webllm/model' | 'webllm/config' | 'webllm/wasm';

function openScope(scope: Scope) {
  return openDB(scope, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('urls')) db.createObjectStore('urls', { keyPath: 'url' });
    },
  });
}

async function cachedUrls(): Promise<string[]> {
  const urls: string[] = [];
  for (const scope of ['webllm/model', 'webllm/config', 'webllm/wasm'] as const) {
    const db = await openScope(scope);
    urls.push(...(await db.getAllKeys('urls')).map(String));
    db.close();
  }
  return urls;
}

async function putCached(scope: Scope, url: string, data: unknown): Promise<void> {
  const db = await openScope(scope);
  await db.put('urls', { url, data });
  db.close();
}

afterEach(() => {
  for (const client of clients.splice(0)) client.terminate();
});

describe('a download that breaks off (real worker)', () => {
  it('fails as a network failure, leaves the model partly cached, and repair clears all of it', async () => {
    const spec = fixtureModel('broken-download', 'failing.wasm');
    const client = realClient();
    const error = await loadError(client, spec);
    expect(error.kind).to.equal('network');
    expect(error.detail).to.contain('HTTP 503');
    expect(error.nextStep).to.contain('try again');

    const folder = `${ORIGIN}/fixture-models/broken-download/resolve/main/`;
    const status = await client.cacheStatus(spec);
    expect(status.config, 'the config arrived before the model library failed').to.equal(true);
    expect(status.readyOffline).to.equal(false);

    await client.deleteFromCache(spec);
    expect(await client.cacheStatus(spec)).to.deep.equal({ weights: false, config: false, tokenizer: false, wasm: false, readyOffline: false });
    expect((await cachedUrls()).filter((url) => url.startsWith(folder))).to.deep.equal([]);
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
    const left = await cachedUrls();
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

  it('refuses an address with nothing there, a web page in place of the config, and an old conversion without tensor-cache.json', async () => {
    expect(await kindOf('missing-config')).to.equal('not-found');
    expect(await kindOf('html-config')).to.equal('bad-model');
    expect(await kindOf('byo-old')).to.equal('bad-model');
  });
});
