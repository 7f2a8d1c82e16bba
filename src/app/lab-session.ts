// The lab's working state, shared by its pages: the WebGPU verdict, the chosen comparison and its models (each in
// its own worker, with its load state), and the run in progress. Pages read it and call its methods; it tells them
// to re-render with a "change" event. Runs and records go to IndexedDB as they are made.
import type { CatalogModel, Comparison } from '../engine/catalog.ts';
import { COMPARISONS, DEFAULT_COMPARISON_ID, findComparison } from '../engine/catalog.ts';
import type { ModelWorkerClient } from '../engine/client.ts';
import { ModelError, WorkerCrashEvent } from '../engine/client.ts';
import { classifyError, type LabError } from '../engine/errors.ts';
import { readGpuFacts } from '../engine/gpu-facts.ts';
import { decidePreflight, type GpuFacts, type PreflightVerdict, type WeightVariant } from '../engine/preflight.ts';
import type { CacheStatus, LoadModelSpec, LoadProgress, LoadResult } from '../engine/protocol.ts';
import { loadSpecFor, startModelWorker } from './model-workers.ts';
import type { PendingSetup } from './share.ts';

export type ModelLoadState =
  | { status: 'not-loaded' }
  | { status: 'loading'; progress: LoadProgress | null; startedAt: number; bytesPerSecond: number | null }
  | { status: 'ready'; result: LoadResult }
  | { status: 'failed'; error: LabError };

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

function asLabError(error: unknown): LabError {
  return error instanceof ModelError ? error : classifyError(error);
}

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

  private readonly startWorker: StartWorker;
  private readonly loadControllers = new Map<string, AbortController>();

  constructor(options: { startWorker?: StartWorker } = {}) {
    super();
    this.startWorker = options.startWorker ?? startModelWorker;
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
    if (comparison.id === this.comparison.id) return;
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
        const client = model.client ?? this.startWorker(model.catalog, model.spec);
        try {
          model.cache = await client.cacheStatus(model.spec);
        } catch {
          model.cache = null;
        } finally {
          if (!model.client) client.terminate();
        }
      }),
    );
    this.changed();
  }

  /** Loads a model into its own worker; progress and failures land in its load state. */
  async load(id: string): Promise<void> {
    const model = this.model(id);
    if (!model || model.load.status === 'loading' || model.load.status === 'ready') return;
    const client = model.client ?? this.startWorker(model.catalog, model.spec);
    model.client = client;
    client.addEventListener(WorkerCrashEvent.eventName, (event) => this.onCrash(model, event as WorkerCrashEvent));
    const controller = new AbortController();
    this.loadControllers.set(id, controller);
    const startedAt = performance.now();
    model.load = { status: 'loading', progress: null, startedAt, bytesPerSecond: null };
    this.changed();
    try {
      const result = await client.load(model.spec, {
        signal: controller.signal,
        onProgress: (progress) => {
          const seconds = (performance.now() - startedAt) / 1000;
          const bytesPerSecond = progress.phase === 'downloading' && progress.bytesDone && seconds > 0 ? progress.bytesDone / seconds : null;
          model.load = { status: 'loading', progress, startedAt, bytesPerSecond };
          this.changed();
        },
      });
      model.load = { status: 'ready', result };
      this.changed();
      model.cache = await client.cacheStatus(model.spec).catch(() => model.cache);
    } catch (error) {
      const labError = asLabError(error);
      model.load = labError.kind === 'aborted' ? { status: 'not-loaded' } : { status: 'failed', error: labError };
      this.release(model);
    } finally {
      this.loadControllers.delete(id);
      this.changed();
    }
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

  /** The loaded models, in the comparison's order. */
  readyModels(): SessionModel[] {
    return this.models.filter((model) => model.load.status === 'ready' && model.client);
  }

  private onCrash(model: SessionModel, event: WorkerCrashEvent): void {
    model.client = null;
    model.load = { status: 'failed', error: event.error };
    this.changed();
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
