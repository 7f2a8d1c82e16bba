// The lab's working state, shared by its pages: the WebGPU verdict, the chosen comparison and its models (each in
// its own worker, with its load state), and the run in progress. Pages read it and call its methods; it tells them
// to re-render with a "change" event. Runs and records go to IndexedDB as they are made.
import { compareTokenizers } from '../engine/bring-your-own-check.ts';
import type { CatalogModel, Comparison } from '../engine/catalog.ts';
import { bringYourOwnTwinOf, COMPARISONS, DEFAULT_COMPARISON_ID, findComparison, QUANTIZATION, TWIN_ARCHITECTURE } from '../engine/catalog.ts';
import type { ModelWorkerClient } from '../engine/client.ts';
import { ModelLostEvent, WorkerCrashEvent } from '../engine/client.ts';
import { classifyError, type ErrorContext, type LabError } from '../engine/errors.ts';
import { readGpuFacts } from '../engine/gpu-facts.ts';
import { decidePreflight, type GpuFacts, type PreflightVerdict, type WeightVariant } from '../engine/preflight.ts';
import type { CacheStatus, LoadModelSpec, LoadProgress, LoadResult } from '../engine/protocol.ts';
import { loadSpecFor, startModelWorker } from './model-workers.ts';
import type { PendingSetup } from './share.ts';
import { deleteModelCache, StorageController, type CachedModel, type StorageAccess } from './storage-controller.ts';

export type ModelLoadState =
  /** `repaired`: its cached files were just cleared, so the next load downloads everything afresh. */
  | { status: 'not-loaded'; repaired?: boolean }
  | { status: 'loading'; progress: LoadProgress | null; startedAt: number; bytesPerSecond: number | null }
  /**
   * `waitingForTwin`: a bring-your-own base that loaded but is not yet known to split text as its instruct twin
   * does; no run may use it until the twin has loaded too and the two agree.
   */
  | { status: 'ready'; result: LoadResult; waitingForTwin?: boolean }
  /** `deletable`: after a full store, the other models in the cache, which the reader may delete to make room. */
  | { status: 'failed'; error: LabError; deletable?: CachedModel[] };

export interface SessionModel {
  catalog: CatalogModel;
  spec: LoadModelSpec;
  cache: CacheStatus | null;
  load: ModelLoadState;
  client: ModelWorkerClient | null;
}

export type GpuState = { status: 'checking' } | { status: 'done'; facts: GpuFacts; verdict: PreflightVerdict };

/** Loads a model in a fresh worker; tests replace it. */
export type StartWorker = (model: CatalogModel, spec: LoadModelSpec) => ModelWorkerClient;


export class LabSession extends EventTarget {
  gpu: GpuState = { status: 'checking' };
  comparison: Comparison = findComparison(DEFAULT_COMPARISON_ID) ?? (COMPARISONS[0] as Comparison);
  /** The weight format this GPU takes; q4f32 until the preflight says otherwise (it runs everywhere). */
  variant: WeightVariant = 'q4f32';
  models: SessionModel[] = [];
  /**
   * An experiment handed over from a shared run ("Run this on my GPU"): the Lab page preselects its comparison,
   * models and parameters, then clears it. Null when there is none.
   */
  pendingSetup: PendingSetup | null = null;

  /** The model cache and the storage estimate, for the way out of a full store. */
  readonly storage: StorageController;

  private readonly startWorker: StartWorker;
  private readonly loadControllers = new Map<string, AbortController>();

  constructor(options: { startWorker?: StartWorker; storage?: StorageAccess['storage'] } = {}) {
    super();
    this.startWorker = options.startWorker ?? startModelWorker;
    const storage = 'storage' in options ? options.storage : globalThis.navigator?.storage;
    this.storage = new StorageController({ startWorker: this.startWorker, storage }, () => this.models.map((model) => model.catalog));
    this.models = this.modelsOf(this.comparison);
  }

  /** Reads the WebGPU facts once, picks the weight format, and looks up what is cached. */
  async checkGpu(): Promise<void> {
    const facts = await readGpuFacts();
    const verdict = decidePreflight(facts);
    this.gpu = { status: 'done', facts, verdict };
    if (verdict.status === 'ready') this.variant = verdict.variant;
    this.models = this.modelsOf(this.comparison);
    this.changed();
  }

  selectComparison(comparison: Comparison): void {
    // By identity: a bring-your-own or server comparison made afresh (other weights, other server models) replaces the old.
    if (comparison === this.comparison) return;
    for (const model of this.models) this.release(model);
    this.comparison = comparison;
    this.models = this.modelsOf(comparison);
    this.changed();
  }

  model(id: string): SessionModel | undefined {
    return this.models.find((model) => model.catalog.id === id);
  }

  /** Asks a (temporary) worker what of each model is cached. */
  async refreshCacheStatus(): Promise<void> {
    await Promise.all(
      this.models.map(async (model) => {
        model.cache = await this.cacheStatusOf(model);
      }),
    );
    this.changed();
  }

  /** Loads a model into its own worker; progress and failures land in its load state. */
  async load(id: string): Promise<void> {
    const model = this.model(id);
    if (!model || model.load.status === 'loading' || model.load.status === 'ready') return;
    const controller = new AbortController();
    this.loadControllers.set(id, controller);
    const startedAt = performance.now();
    model.load = { status: 'loading', progress: null, startedAt, bytesPerSecond: null };
    this.changed();
    try {
      const client = model.client ?? this.startWorker(model.catalog, model.spec);
      model.client = client;
      const onLost = (event: Event): void => this.onModelLost(model, client, (event as WorkerCrashEvent | ModelLostEvent).error);
      client.addEventListener(WorkerCrashEvent.eventName, onLost);
      client.addEventListener(ModelLostEvent.eventName, onLost);
      await this.checkBringYourOwnFiles(model, client);
      if (controller.signal.aborted) throw new DOMException('The load was cancelled.', 'AbortError');
      const result = await client.load(model.spec, {
        signal: controller.signal,
        onProgress: (progress) => {
          const seconds = (performance.now() - startedAt) / 1000;
          const bytesPerSecond = progress.phase === 'downloading' && progress.bytesDone && seconds > 0 ? progress.bytesDone / seconds : null;
          model.load = { status: 'loading', progress, startedAt, bytesPerSecond };
          this.changed();
        },
      });
      model.load = { status: 'ready', result, waitingForTwin: this.twinOf(model) !== null };
      this.changed();
      model.cache = await client.cacheStatus(model.spec).catch(() => model.cache);
      await this.checkTokenizersAgainstTwin();
    } catch (error) {
      this.release(model);
      const labError = classifyError(error, this.errorContext(model));
      if (labError.kind === 'aborted') {
        model.load = { status: 'not-loaded' };
      } else {
        model.load = { status: 'failed', error: labError };
        this.changed();
        await this.afterFailedLoad(model, labError);
      }
    } finally {
      this.loadControllers.delete(id);
      this.changed();
    }
  }

  /** Clears everything of a model from the cache, e.g. what a download that broke off left, so the next load starts clean. */
  async repair(id: string): Promise<void> {
    const model = this.model(id);
    if (!model || model.load.status === 'loading') return;
    this.release(model);
    await deleteModelCache({ startWorker: this.startWorker }, { model: model.catalog, variant: this.variant, spec: model.spec });
    model.load = { status: 'not-loaded', repaired: true };
    model.cache = await this.cacheStatusOf(model);
    this.changed();
  }

  /** Deletes another cached model (through the storage controller) to make room after a full store. */
  async deleteToMakeRoom(id: string, cached: CachedModel): Promise<void> {
    await this.storage.remove(cached, 'deleted');
    const model = this.model(id);
    if (model?.load.status === 'failed') await this.afterFailedLoad(model, model.load.error);
    this.changed();
  }

  cancelLoad(id: string): void {
    this.loadControllers.get(id)?.abort();
  }

  unload(id: string): void {
    const model = this.model(id);
    if (!model) return;
    this.release(model);
    model.load = { status: 'not-loaded' };
    this.changed();
  }

  /** The loaded models a run may use, in the comparison's order. */
  readyModels(): SessionModel[] {
    return this.models.filter((model) => model.load.status === 'ready' && !model.load.waitingForTwin && model.client);
  }

  /** The instruct twin a bring-your-own base must agree with; null for every other model. */
  twinOf(model: SessionModel): SessionModel | null {
    const twin = bringYourOwnTwinOf(model.catalog, this.comparison);
    return twin ? (this.model(twin.id) ?? null) : null;
  }

  /**
   * The worker died, or the model in it was lost (the GPU device): the model is no longer usable. Its worker is ended
   * and loading it again starts a new one; a run that used it has been paused by the failed request.
   */
  private onModelLost(model: SessionModel, client: ModelWorkerClient, error: LabError): void {
    if (model.client !== client) return;
    this.release(model);
    model.load = { status: 'failed', error: classifyError(error, this.errorContext(model)) };
    this.changed();
  }

  /** Before a bring-your-own base is downloaded: its folder must hold an MLC conversion that fits its twin. */
  private async checkBringYourOwnFiles(model: SessionModel, client: ModelWorkerClient): Promise<void> {
    const twin = bringYourOwnTwinOf(model.catalog, this.comparison);
    const architecture = twin ? TWIN_ARCHITECTURE[twin.id] : undefined;
    if (!architecture || model.spec.source.kind !== 'weights-on-prebuilt-lib') return;
    await client.checkWeightsFolder(model.spec.source.weightsUrl, { quantization: QUANTIZATION[this.variant], architecture });
  }

  /** Once a bring-your-own base and its twin are both loaded, the base may be used only if their tokenizers agree. */
  private async checkTokenizersAgainstTwin(): Promise<void> {
    const base = this.models.find((model) => model.load.status === 'ready' && model.load.waitingForTwin);
    const twin = base ? this.twinOf(base) : null;
    if (!base?.client || !twin?.client || twin.load.status !== 'ready' || base.load.status !== 'ready') return;
    const result = base.load.result;
    try {
      await compareTokenizers(base.client, twin.client);
      base.load = { status: 'ready', result };
    } catch (error) {
      this.release(base);
      base.load = { status: 'failed', error: classifyError(error, this.errorContext(base)) };
    }
    this.changed();
  }

  /** After a failed load: what of the model is cached now (for Repair), and after a full store, what could go. */
  private async afterFailedLoad(model: SessionModel, error: LabError): Promise<void> {
    model.cache = await this.cacheStatusOf(model);
    if (error.kind !== 'quota') return;
    await this.storage.refresh();
    const cached = this.storage.models.status === 'done' ? this.storage.models.models : [];
    const deletable = cached.filter((candidate) => candidate.spec.modelId !== model.spec.modelId);
    const described = classifyError(error, {
      ...this.errorContext(model),
      storage: this.storage.estimate ?? undefined,
      cachedModels: deletable.map((candidate) => ({ name: candidate.model.name, bytes: candidate.bytes ?? 0 })),
    });
    if (model.load.status === 'failed') model.load = { status: 'failed', error: described, deletable };
  }

  private errorContext(model: SessionModel): ErrorContext {
    return { modelName: model.catalog.name, addressFromUser: bringYourOwnTwinOf(model.catalog, this.comparison) !== null };
  }

  /** What of a model is cached, asked of its worker or of a temporary one; null when that cannot be told. */
  private async cacheStatusOf(model: SessionModel): Promise<CacheStatus | null> {
    // A model on the user's server has nothing in this browser's cache.
    if (model.spec.source.kind === 'server') return null;
    const client = model.client ?? this.startWorker(model.catalog, model.spec);
    try {
      return await client.cacheStatus(model.spec);
    } catch {
      return null;
    } finally {
      if (!model.client) client.terminate();
    }
  }

  private release(model: SessionModel): void {
    this.loadControllers.get(model.catalog.id)?.abort();
    model.client?.terminate();
    model.client = null;
  }

  private modelsOf(comparison: Comparison): SessionModel[] {
    return comparison.models.flatMap((catalog) => {
      const spec = loadSpecFor(catalog, this.variant);
      return spec ? [{ catalog, spec, cache: null, load: { status: 'not-loaded' as const }, client: null }] : [];
    });
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
