// What of a model is in web-llm's IndexedDB cache. web-llm's own `hasModelInCache` checks only the weights; a
// model is ready offline only when its weights, config, tokenizer and wasm are all there (design.md §2).
// tvmjs's ArtifactIndexedDBCache keeps one database per scope ("webllm/model", "webllm/config", "webllm/wasm"),
// version 1, with an object store "urls" keyed by "url" and records { url, data }.
import {
  deleteChatConfigInCache,
  hasModelInCache,
  type AppConfig,
  type ModelRecord,
} from '@mlc-ai/web-llm';
import { openDB } from 'idb';
import { readWeightList, type Fetch, type WeightListFile } from '../src/engine/bring-your-own-check.ts';
import type { CacheStatus } from '../src/engine/protocol.ts';

type CacheScope = 'webllm/model' | 'webllm/config' | 'webllm/wasm';

interface CachedArtifact {
  url: string;
  data: unknown;
}

/**
 * The base URL web-llm fetches a model's files from (its `cleanModelUrl`): with a trailing slash, and with
 * `resolve/main/` appended unless the URL already names a `/resolve/<revision>/`.
 */
export function modelFilesUrl(model: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/** Opens a scope's database exactly as tvmjs does, so that whichever side opens it first creates it correctly. */
function openScope(scope: CacheScope) {
  return openDB<unknown>(scope, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('urls')) db.createObjectStore('urls', { keyPath: 'url' });
    },
  });
}

async function readCached(scope: CacheScope, url: string): Promise<CachedArtifact | undefined> {
  const db = await openScope(scope);
  try {
    return (await db.get('urls', url)) as CachedArtifact | undefined;
  } finally {
    db.close();
  }
}

async function isCached(scope: CacheScope, url: string): Promise<boolean> {
  return (await readCached(scope, url)) !== undefined;
}

async function putCached(scope: CacheScope, artifact: CachedArtifact): Promise<void> {
  const db = await openScope(scope);
  try {
    await db.put('urls', artifact);
  } finally {
    db.close();
  }
}

/** Whether any file of the folder at `prefix` is in the scope. */
async function holdsAnyUnder(scope: CacheScope, prefix: string): Promise<boolean> {
  const db = await openScope(scope);
  try {
    return (await db.count('urls', IDBKeyRange.bound(prefix, `${prefix}\uffff`))) > 0;
  } finally {
    db.close();
  }
}

async function deleteCached(scope: CacheScope, urls: string[]): Promise<void> {
  const db = await openScope(scope);
  try {
    for (const url of urls) await db.delete('urls', url);
  } finally {
    db.close();
  }
}

/** The tokenizer files a cached config names; tokenizer.json when the config is not cached yet. */
function tokenizerFiles(config: CachedArtifact | undefined): string[] {
  if (!config || !(config.data instanceof ArrayBuffer)) return ['tokenizer.json'];
  try {
    const parsed = JSON.parse(new TextDecoder().decode(config.data)) as { tokenizer_files?: unknown };
    const files = Array.isArray(parsed.tokenizer_files) ? parsed.tokenizer_files.filter((f) => typeof f === 'string') : [];
    return files.length > 0 ? files : ['tokenizer.json'];
  } catch {
    return ['tokenizer.json'];
  }
}

function onlyRecord(appConfig: AppConfig): ModelRecord {
  const record = appConfig.model_list[0];
  if (!record || appConfig.model_list.length !== 1) throw new Error('Cache checks expect an app config with one model.');
  return record;
}

export async function readCacheStatus(appConfig: AppConfig): Promise<CacheStatus> {
  const record = onlyRecord(appConfig);
  const filesUrl = modelFilesUrl(record.model);
  const config = await readCached('webllm/config', new URL('mlc-chat-config.json', filesUrl).href);
  const tokenizerChecks = await Promise.all(
    tokenizerFiles(config).map((file) => isCached('webllm/model', new URL(file, filesUrl).href)),
  );
  const status = {
    weights: await hasModelInCache(record.model_id, appConfig),
    config: config !== undefined,
    tokenizer: tokenizerChecks.some(Boolean),
    wasm: await isCached('webllm/wasm', record.model_lib),
  };
  return { ...status, readyOffline: status.weights && status.config && status.tokenizer && status.wasm };
}

/** Deletes every entry of a scope whose address starts with `prefix`: all the files of one model folder. */
async function deleteUnder(scope: CacheScope, prefix: string): Promise<void> {
  const db = await openScope(scope);
  try {
    const transaction = db.transaction('urls', 'readwrite');
    await transaction.store.delete(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    await transaction.done;
  } finally {
    db.close();
  }
}

/**
 * Deletes everything of a model from the cache, including what a failed download left behind ("repair"). Entries
 * are keyed by their address, so everything under the model's folder goes, whatever is cached: web-llm's own
 * `deleteModelInCache` lists the shards from tensor-cache.json, which a broken download may lack, hold as an error
 * page, or list only in part. The model library (wasm) goes too, unless one of `others` runs on the same library and
 * has files in the cache: a base model runs on its instruct twin's library, and deleting one must not break the
 * other.
 */
export async function deleteFromCache(appConfig: AppConfig, others: readonly AppConfig[] = []): Promise<void> {
  const record = onlyRecord(appConfig);
  const filesUrl = modelFilesUrl(record.model);
  await deleteUnder('webllm/model', filesUrl);
  await deleteUnder('webllm/config', filesUrl);
  for (const other of others.map(onlyRecord)) {
    const otherFiles = modelFilesUrl(other.model);
    if (other.model_lib !== record.model_lib || otherFiles === filesUrl) continue;
    if ((await holdsAnyUnder('webllm/model', otherFiles)) || (await holdsAnyUnder('webllm/config', otherFiles))) return;
  }
  await deleteCached('webllm/wasm', [record.model_lib]);
}

/**
 * Lets web-llm read a folder converted before mlc-llm renamed its weight list: such a folder has only
 * `ndarray-cache.json`, which web-llm 0.2.86 never asks for. The same list (the format did not change: see
 * bring-your-own-check.ts) is put into the cache where web-llm reads `tensor-cache.json` ("webllm/model", stored
 * parsed, as web-llm stores it), so the load finds it there. Anything else about the folder is left to web-llm, which
 * reports it in its own order (config, model library, weights). Returns the old name when it stood in, else null.
 */
export async function provideWeightList(appConfig: AppConfig, fetcher: Fetch): Promise<WeightListFile | null> {
  const filesUrl = modelFilesUrl(onlyRecord(appConfig).model);
  const listUrl = new URL('tensor-cache.json', filesUrl).href;
  if (await isCached('webllm/model', listUrl)) return null;
  const found = await readWeightList(filesUrl, fetcher).catch(() => null);
  if (found?.file !== 'ndarray-cache.json') return null;
  await putCached('webllm/model', { url: listUrl, data: found.list });
  return found.file;
}

/** Removes a cached config, e.g. an HTML page cached in its place, so that the next load fetches it again. */
export async function forgetCachedConfig(appConfig: AppConfig): Promise<void> {
  await deleteChatConfigInCache(onlyRecord(appConfig).model_id, appConfig);
}
