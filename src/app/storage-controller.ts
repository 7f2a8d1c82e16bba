// The Storage page's state: which models are in this browser's model cache (web-llm's, asked through a model
// worker), how much space the site uses, deleting or repairing a model's files, and asking the browser to keep them
// (conventions.md "Cache management UI"). Tells its page to re-render with a "change" event.
import { BRING_YOUR_OWN_TWINS, COMPARISONS, type CatalogModel } from '../engine/catalog.ts';
import type { ModelWorkerClient } from '../engine/client.ts';
import { type LabError } from '../engine/errors/kinds.ts';
import { classifyError } from '../engine/errors/words.ts';
import type { WeightVariant } from '../engine/preflight.ts';
import type { CacheStatus, LoadModelSpec, StorageEstimate } from '../engine/protocol.ts';
import { requestPersistentStorage } from '../engine/storage.ts';
import { loadSpecFor, startModelWorker } from './model-workers.ts';

/** The part of a model worker the cache checks use. */
export type CacheWorker = Pick<ModelWorkerClient, 'cacheStatus' | 'deleteFromCache' | 'terminate'>;

/** What the Storage page reaches outside the page: a model worker to ask, and the browser's storage manager. */
export interface StorageAccess {
  startWorker: (model: CatalogModel, spec: LoadModelSpec) => CacheWorker;
  storage: Pick<StorageManager, 'estimate' | 'persist' | 'persisted'> | undefined;
}

export function defaultStorageAccess(): StorageAccess {
  return { startWorker: startModelWorker, storage: globalThis.navigator?.storage };
}

const VARIANTS: readonly WeightVariant[] = ['q4f16', 'q4f32'];

/** One weight format of one model: what the cache can hold. */
export interface CacheCandidate {
  model: CatalogModel;
  variant: WeightVariant;
  spec: LoadModelSpec;
}

/**
 * Every model the lab can load, in both weight formats: the comparisons' models, the bring-your-own twins, and any
 * other model in `extra` (the session's own base, when the reader brought one). Each web-llm model id once.
 */
export function cacheCandidates(extra: readonly CatalogModel[] = []): CacheCandidate[] {
  const models = [...COMPARISONS.flatMap((comparison) => comparison.models), ...BRING_YOUR_OWN_TWINS, ...extra];
  const seen = new Set<string>();
  const candidates: CacheCandidate[] = [];
  for (const model of models) {
    for (const variant of VARIANTS) {
      const spec = loadSpecFor(model, variant);
      if (!spec || seen.has(spec.modelId)) continue;
      seen.add(spec.modelId);
      candidates.push({ model, variant, spec });
    }
  }
  return candidates;
}

/** "ready": loads offline. "partial": some files are there but not all, e.g. after a download that broke off. */
export type CacheHealth = 'ready' | 'partial' | 'absent';

export function cacheHealth(status: CacheStatus): CacheHealth {
  if (status.readyOffline) return 'ready';
  return status.weights || status.config || status.tokenizer || status.wasm ? 'partial' : 'absent';
}

export interface CachedModel extends CacheCandidate {
  status: CacheStatus;
  health: Exclude<CacheHealth, 'absent'>;
  /** What its weights take to download, from the catalog: what deleting them frees, about. */
  bytes: number | null;
  bytesIsEstimate: boolean;
}

/** The candidates with anything in the cache, asked of one worker, which is then ended. */
export async function readModelCache(access: Pick<StorageAccess, 'startWorker'>, candidates: readonly CacheCandidate[]): Promise<CachedModel[]> {
  const first = candidates[0];
  if (!first) return [];
  const worker = access.startWorker(first.model, first.spec);
  try {
    const statuses = await Promise.all(candidates.map((candidate) => worker.cacheStatus(candidate.spec)));
    return candidates.flatMap((candidate, i) => {
      const status = statuses[i] as CacheStatus;
      const health = cacheHealth(status);
      if (health === 'absent') return [];
      const variant = candidate.model.variants[candidate.variant];
      return [{ ...candidate, status, health, bytes: variant?.downloadBytes ?? null, bytesIsEstimate: variant?.downloadBytesIsEstimate ?? true }];
    });
  } finally {
    worker.terminate();
  }
}

/**
 * Deletes everything of a model from the cache (also what a broken download left), with a worker then ended. Every
 * other model the lab knows (and `extra`) is named, so that a model library they share stays.
 */
export async function deleteModelCache(
  access: Pick<StorageAccess, 'startWorker'>,
  candidate: CacheCandidate,
  extra: readonly CatalogModel[] = [],
): Promise<void> {
  const others = cacheCandidates(extra)
    .map((other) => other.spec)
    .filter((spec) => spec.modelId !== candidate.spec.modelId);
  const worker = access.startWorker(candidate.model, candidate.spec);
  try {
    await worker.deleteFromCache(candidate.spec, others);
  } finally {
    worker.terminate();
  }
}

/** The browser's estimate of what this site stores and may store; null when the browser does not say. */
export async function readStorageEstimate(storage: StorageAccess['storage']): Promise<StorageEstimate | null> {
  const estimate = await storage?.estimate?.().catch(() => undefined);
  if (!estimate || estimate.usage === undefined || !estimate.quota) return null;
  return { usageBytes: estimate.usage, quotaBytes: estimate.quota };
}

export type ModelsState =
  | { status: 'checking' }
  | { status: 'done'; models: CachedModel[] }
  | { status: 'failed'; error: LabError };

/** The outcome of the last delete or repair, for the page's live region. */
export type CacheAction =
  | { kind: 'deleted' | 'repaired'; model: CachedModel }
  | { kind: 'failed'; model: CachedModel; error: LabError };

/** null: not asked yet (or the browser cannot say); true / false: the browser's answer. */
export type Persistence = boolean | null;

export class StorageController extends EventTarget {
  models: ModelsState = { status: 'checking' };
  estimate: StorageEstimate | null = null;
  /** Whether the browser keeps this site's data (as it says before any request). */
  persisted: Persistence = null;
  /** The browser's answer to the reader's "Keep downloaded models", once asked. */
  persistAnswer: Persistence = null;
  /** The web-llm model id of the model being deleted or repaired. */
  busyModelId: string | null = null;
  lastAction: CacheAction | null = null;

  constructor(
    private readonly access: StorageAccess,
    private readonly extraModels: () => readonly CatalogModel[] = () => [],
  ) {
    super();
  }

  /** Checks the cache, the estimate and persistence again. */
  async refresh(): Promise<void> {
    this.models = { status: 'checking' };
    this.changed();
    const [models, estimate, persisted] = await Promise.all([
      readModelCache(this.access, cacheCandidates(this.extraModels())).then(
        (found): ModelsState => ({ status: 'done', models: found }),
        (error: unknown): ModelsState => ({ status: 'failed', error: classifyError(error) }),
      ),
      readStorageEstimate(this.access.storage),
      this.access.storage?.persisted?.().catch(() => null) ?? Promise.resolve(null),
    ]);
    this.models = models;
    this.estimate = estimate;
    this.persisted = persisted;
    this.changed();
  }

  /** Deletes a model's files ("delete"), or clears a partly downloaded model so its next load starts clean ("repair"). */
  async remove(model: CachedModel, kind: 'deleted' | 'repaired'): Promise<void> {
    if (this.busyModelId !== null) return;
    this.busyModelId = model.spec.modelId;
    this.lastAction = null;
    this.changed();
    try {
      await deleteModelCache(this.access, model, this.extraModels());
      this.lastAction = { kind, model };
    } catch (error) {
      this.lastAction = { kind: 'failed', model, error: classifyError(error) };
    } finally {
      this.busyModelId = null;
    }
    // Models can share files (a base model runs on its twin's wasm), so every model is checked again.
    await this.refresh();
  }

  /** Asks the browser to keep this site's data; only ever on the reader's click. */
  async keepDownloadedModels(): Promise<void> {
    // requestPersistentStorage uses only persist() and persisted(), which StorageAccess has.
    const storage = this.access.storage as StorageManager | undefined;
    this.persistAnswer = await requestPersistentStorage(storage).catch(() => false);
    if (this.persistAnswer) this.persisted = true;
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
