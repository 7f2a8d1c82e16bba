// The lab's working state, shared by its pages: the WebGPU verdict, the chosen comparison and its models (each in
// its own worker, with its load state), and the run in progress. Pages read it and call its methods; it tells them
// to re-render with a "change" event. Runs and records go to IndexedDB as they are made.
import { compareTokenizers } from '../engine/bring-your-own-check.ts';
import type { CatalogModel, Comparison } from '../engine/catalog.ts';
import { bringYourOwnTwinOf, COMPARISONS, DEFAULT_COMPARISON_ID, findComparison, libraryArchitecture, QUANTIZATION } from '../engine/catalog.ts';
import { msg, str } from '@lit/localize';
import type { ModelWorkerClient } from '../engine/client.ts';
import { ModelError, ModelLostEvent, WorkerCrashEvent } from '../engine/client.ts';
import { type ErrorContext, type LabError } from '../engine/errors/kinds.ts';
import { classifyError } from '../engine/errors/words.ts';
import { readGpuFacts } from '../engine/gpu-facts.ts';
import { memoryNote, type MemoryNote, type ModelMemory } from '../engine/memory.ts';
import { canRunModels, decidePreflight, type GpuFacts, type PreflightVerdict, type WeightVariant } from '../engine/preflight.ts';
import type { CacheStatus, LoadModelSpec, LoadProgress, LoadResult } from '../engine/protocol.ts';
import { formatBytes } from './format.ts';
import { loadSpecFor, startModelWorker } from './model-workers.ts';
import { deleteModelCache, StorageController, type CachedModel, type StorageAccess } from './storage-controller.ts';

export type ModelLoadState =
  /** `repaired`: its cached files were just cleared, so the next load downloads everything afresh. */
  | { status: 'not-loaded'; repaired?: boolean }
  | { status: 'loading'; progress: LoadProgress | null; startedAt: number; bytesPerSecond: number | null }
  /**
   * `waitingForTwin`: a bring-your-own base that loaded but is not yet known to split text as its instruct twin
   * does; no run may use it until the twin has loaded too and the two agree.
   */
  | { status: 'ready'; result: LoadResult; waitingForTwin?: boolean; loadSeconds?: number }
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

/** A failure the lab showed, kept for the diagnostics report: what failed, when, and for which model. */
export interface LoggedError {
  at: string;
  /** The model's name as the user knows it; null for a failure of no one model. */
  model: string | null;
  kind: LabError['kind'];
  message: string;
  detail: string;
}

/** The diagnostics report lists this many of the latest failures. */
const ERRORS_KEPT = 10;

/** Loads a model in a fresh worker; tests replace it. */
export type StartWorker = (model: CatalogModel, spec: LoadModelSpec) => ModelWorkerClient;


export class LabSession extends EventTarget {
  gpu: GpuState = { status: 'checking' };
  comparison: Comparison = findComparison(DEFAULT_COMPARISON_ID) ?? (COMPARISONS[0] as Comparison);
  /** The weight format this GPU takes; q4f32 until the preflight says otherwise (it runs everywhere). */
  variant: WeightVariant = 'q4f32';
  models: SessionModel[] = [];
  /** Whether every model's cache status has been asked since the models were made (for a new comparison or format). */
  cacheChecked = false;

  /** The model cache and the storage estimate, for the way out of a full store. */
  readonly storage: StorageController;

  /** The latest failures, newest last, for the diagnostics report. */
  readonly recentErrors: LoggedError[] = [];

  private readonly startWorker: StartWorker;
  private readonly readGpu: () => Promise<GpuFacts>;
  /** The GPU check under way, if any: a load asked for meanwhile waits for the weights it chooses. */
  private gpuCheck: Promise<void> | null = null;
  private readonly loadControllers = new Map<string, AbortController>();
  /** The device's memory in GB as the browser says (memory.ts); null where it does not. */
  private readonly deviceMemoryGB: number | null;

  constructor(
    options: { startWorker?: StartWorker; storage?: StorageAccess['storage']; deviceMemoryGB?: number | null; readGpu?: () => Promise<GpuFacts> } = {},
  ) {
    super();
    this.startWorker = options.startWorker ?? startModelWorker;
    this.readGpu = options.readGpu ?? (() => readGpuFacts());
    const reported = (globalThis.navigator as { deviceMemory?: unknown } | undefined)?.deviceMemory;
    // `navigator.deviceMemory` is Chrome's and Edge's only, so not in the DOM types.
    this.deviceMemoryGB = 'deviceMemoryGB' in options ? (options.deviceMemoryGB ?? null) : typeof reported === 'number' ? reported : null;
    const storage = 'storage' in options ? options.storage : globalThis.navigator?.storage;
    this.storage = new StorageController({ startWorker: this.startWorker, storage }, () => this.models.map((model) => model.catalog));
    this.models = this.modelsOf(this.comparison);
  }

  /** Reads the WebGPU facts once, picks the weight format, and looks up what is cached. */
  checkGpu(): Promise<void> {
    this.gpuCheck ??= this.readGpuAndChooseWeights();
    return this.gpuCheck;
  }

  private async readGpuAndChooseWeights(): Promise<void> {
    const facts = await this.readGpu();
    const verdict = decidePreflight(facts);
    this.gpu = { status: 'done', facts, verdict };
    if (canRunModels(verdict)) this.variant = verdict.variant;
    // The same weights keep what is known of their cache (the Lab may have asked already); other weights are asked anew.
    const known = new Map(this.models.map((model) => [model.spec.modelId, model.cache]));
    this.models = this.modelsOf(this.comparison).map((model) => ({ ...model, cache: known.get(model.spec.modelId) ?? null }));
    this.cacheChecked &&= this.models.every((model) => known.has(model.spec.modelId));
    this.changed();
  }

  selectComparison(comparison: Comparison): void {
    // By identity: a bring-your-own or server comparison made afresh (other weights, other server models) replaces the old.
    if (comparison === this.comparison) return;
    for (const model of this.models) this.release(model);
    this.comparison = comparison;
    this.models = this.modelsOf(comparison);
    this.cacheChecked = false;
    this.changed();
  }

  model(id: string): SessionModel | undefined {
    return this.models.find((model) => model.catalog.id === id);
  }

  /** Asks a (temporary) worker what of each model is cached. */
  async refreshCacheStatus(): Promise<void> {
    const models = this.models;
    await Promise.all(
      models.map(async (model) => {
        model.cache = await this.cacheStatusOf(model);
      }),
    );
    // Models made meanwhile (another comparison, or the weight format the GPU check chose) are still to be asked.
    if (this.models === models) this.cacheChecked = true;
    this.changed();
  }

  /** Loads a model into its own worker; progress and failures land in its load state. */
  async load(id: string): Promise<void> {
    // Clicked before the GPU check chose the weights (q4f16 or q4f32): the check replaces the models, so the load waits.
    if (this.gpu.status === 'checking') await this.gpuCheck;
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
      await this.checkWeightsFolder(model, client);
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
      const loadSeconds = (performance.now() - startedAt) / 1000;
      // Asked before the model shows as ready, so that an Unload right after it cannot leave the old answer (e.g.
      // "not downloaded") behind: a run that takes one model at a time offers only models whole in the cache.
      model.cache = await client.cacheStatus(model.spec).catch(() => model.cache);
      if (controller.signal.aborted) throw new DOMException('The load was cancelled.', 'AbortError');
      model.load = { status: 'ready', result, waitingForTwin: this.twinOf(model) !== null, loadSeconds };
      this.changed();
      await this.checkTokenizersAgainstTwin();
    } catch (error) {
      this.release(model);
      const labError = classifyError(error, this.errorContext(model));
      if (labError.kind === 'aborted') {
        model.load = { status: 'not-loaded' };
      } else {
        model.load = { status: 'failed', error: labError };
        this.noteError(labError, model.catalog.name);
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
    await deleteModelCache(
      { startWorker: this.startWorker },
      { model: model.catalog, variant: this.variant, spec: model.spec },
      this.models.map((other) => other.catalog),
    );
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

  /**
   * For a run that takes one model at a time: unloads every other model (freeing its GPU memory), then loads this one
   * (from the browser's cache: such a run starts only with its models downloaded). Resolves with its worker, or
   * rejects with why it could not load.
   */
  async loadAlone(id: string): Promise<ModelWorkerClient> {
    for (const other of this.models) {
      if (other.catalog.id !== id && (other.load.status === 'ready' || other.load.status === 'loading')) this.unload(other.catalog.id);
    }
    await this.load(id);
    const model = this.model(id);
    if (model?.load.status === 'ready' && !model.load.waitingForTwin && model.client) return model.client;
    if (model?.load.status === 'failed') throw new ModelError(model.load.error);
    throw new Error(msg(str`${model?.catalog.name ?? id} could not be loaded.`));
  }

  /**
   * What to tell the user before this model loads beside those already loaded or loading: whether the two are likely
   * to fit on the GPU (src/engine/memory.ts), or null when there is nothing to say.
   */
  memoryNoteFor(id: string): MemoryNote | null {
    const model = this.model(id);
    if (!model || model.load.status === 'ready' || model.load.status === 'loading') return null;
    const memoryOf = (other: SessionModel): ModelMemory => ({ name: other.catalog.name, vramMB: other.catalog.variants[this.variant]?.vramMB ?? 0 });
    const alongside = this.models.filter((other) => other !== model && (other.load.status === 'ready' || other.load.status === 'loading'));
    return memoryNote(memoryOf(model), alongside.map(memoryOf), this.deviceMemoryGB);
  }

  /** Keeps a failure the user saw for the diagnostics report (the latest few). */
  noteError(error: LabError, model: string | null): void {
    this.recentErrors.push({ at: new Date().toISOString(), model, kind: error.kind, message: error.message, detail: error.detail });
    this.recentErrors.splice(0, Math.max(0, this.recentErrors.length - ERRORS_KEPT));
  }

  /** The loaded models a run may use, in the comparison's order. */
  readyModels(): SessionModel[] {
    return this.models.filter((model) => model.load.status === 'ready' && !model.load.waitingForTwin && model.client);
  }

  /** The web-llm ids of the models whose every file is in this browser's cache (as last checked). */
  cachedModelIds(): string[] {
    return this.models.filter((model) => model.cache?.readyOffline).map((model) => model.spec.modelId);
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
    this.noteError(model.load.error, model.catalog.name);
    this.changed();
  }

  /**
   * Before weights that are not in web-llm's prebuilt list are downloaded (a bring-your-own base, the Llama 3.1 8B
   * base): their folder must hold an MLC conversion that fits the model library they run on. A model already whole in
   * the browser's cache needs no check, and must load offline.
   */
  private async checkWeightsFolder(model: SessionModel, client: ModelWorkerClient): Promise<void> {
    const source = model.spec.source;
    // A server holds its own weights: there is no folder to check.
    if (source.kind === 'prebuilt' || source.kind === 'server') return;
    if ((await client.cacheStatus(model.spec).catch(() => null))?.readyOffline) return;
    const architecture = libraryArchitecture(source);
    await client.checkWeightsFolder(source.weightsUrl, architecture ? { quantization: QUANTIZATION[this.variant], architecture } : null);
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
    const estimate = this.storage.estimate;
    const described = classifyError(error, {
      ...this.errorContext(model),
      storage: estimate ? { used: formatBytes(estimate.usageBytes), allowed: formatBytes(estimate.quotaBytes) } : undefined,
      cachedModels: [...deletable]
        .sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))
        .map((candidate) => ({ name: candidate.model.name, size: formatBytes(candidate.bytes ?? 0) })),
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
