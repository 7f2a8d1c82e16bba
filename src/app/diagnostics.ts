// The diagnostics report (issue 13): what a bug report about the lab on a real GPU needs, as one JSON file the user
// copies or downloads from the "Your GPU" page or a run's page. Facts about the browser, the GPU adapter, the model
// runtime, each model (ids, weight and library addresses, the revision fetched, load time and speed, self-check) and
// the latest failures with their kinds. Prompts and answers only when the user asks for them: a run's records hold
// the models' answers, and a poem topic or a hiding place is the user's own text.
// It is loaded by the "Your GPU" page, so it imports little: the run controller writes a run's prompts.
import type { RecordBase } from '../core/probes/probe.ts';
import type { RunInfo, RunParams, SelfCheckResult } from '../core/results/index.ts';
import type { CatalogModel } from '../engine/catalog.ts';
import { readGpuFacts } from '../engine/gpu-facts.ts';
import type { GpuFacts } from '../engine/preflight.ts';
import type { CacheStatus, LoadModelSpec, StorageEstimate } from '../engine/protocol.ts';
import type { LabContext } from './lab-context.ts';
import type { LoggedError, ModelLoadState } from './lab-session.ts';
import { APP_VERSION, WEB_LLM_VERSION } from './version.ts';

export const DIAGNOSTICS_FORMAT = 'base-vs-aligned-diagnostics';

/** The browser as a bug report needs it; read from `navigator` at the edge. */
export interface BrowserFacts {
  userAgent: string;
  languages: readonly string[];
  hardwareConcurrency: number | null;
  /** `navigator.deviceMemory` in GB (capped at 8), where the browser says. */
  deviceMemoryGB: number | null;
}

/** A model of the session, as the report reads it. */
export interface ModelFacts {
  catalog: Pick<CatalogModel, 'id' | 'name' | 'role' | 'variants'>;
  spec: LoadModelSpec;
  load: ModelLoadState;
  cache: CacheStatus | null;
  /** The model's self-check on this GPU, when this machine has one. */
  selfCheck: SelfCheckResult | null;
}

export interface RunFacts {
  info: RunInfo;
  records: readonly RecordBase[];
  /** The text each model read for its first record (only gathered with the user's permission); null if unknown. */
  firstPrompts: Record<string, string> | null;
}

export interface DiagnosticsInput {
  now: Date;
  browser: BrowserFacts;
  gpu: GpuFacts | null;
  storage: StorageEstimate | null;
  models: readonly ModelFacts[];
  recentErrors: readonly LoggedError[];
  run: RunFacts | null;
  /** The user ticked "include prompts and answers". */
  includePromptsAndAnswers: boolean;
}

function modelSection(model: ModelFacts) {
  const load = model.load;
  const result = load.status === 'ready' ? load.result : null;
  const source = model.spec.source;
  return {
    catalogId: model.catalog.id,
    name: model.catalog.name,
    role: model.catalog.role,
    modelId: model.spec.modelId,
    source: source.kind,
    weightsUrl: result?.weightsUrl ?? (source.kind === 'prebuilt' || source.kind === 'server' ? null : source.weightsUrl),
    modelLibUrl: result?.modelLibUrl ?? (source.kind === 'self-hosted' ? source.libUrl : null),
    revisionPinned: Object.values(model.catalog.variants).find((variant) => variant?.source === source)?.revision ?? null,
    revisionFetched: result?.weightsRevision ?? null,
    state: load.status,
    loadSeconds: load.status === 'ready' ? (load.loadSeconds ?? null) : null,
    weightsFromCache: result?.weightsFromCache ?? null,
    endOfSequenceIds: result?.endOfSequenceIds ?? null,
    gpuDescription: result?.gpuDescription ?? null,
    cache: model.cache,
    error: load.status === 'failed' ? { kind: load.error.kind, message: load.error.message, detail: load.error.detail } : null,
    selfCheck: model.selfCheck,
  };
}

/** Parameters a bug report may always carry: numbers and choices. Free text (topics, places) is the user's own. */
function plainParams(params: RunParams, all: boolean): Record<string, unknown> {
  if (all) return { ...params };
  const kept = Object.entries(params).filter(([key, value]) => typeof value === 'number' || typeof value === 'boolean' || key === 'mode' || key === 'framing');
  return Object.fromEntries(kept);
}

function runSection(run: RunFacts, includePromptsAndAnswers: boolean) {
  const info = run.info;
  const counts = Object.fromEntries(info.models.map((model) => [model.id, run.records.filter((record) => record.modelId === model.id).length]));
  return {
    id: info.id,
    probeId: info.probeId,
    specVersion: info.specVersion,
    appVersion: info.appVersion,
    createdAt: info.createdAt,
    updatedAt: info.updatedAt,
    status: info.status,
    schedule: info.schedule ?? 'alternate',
    params: plainParams(info.params, includePromptsAndAnswers),
    gpu: info.gpu,
    models: info.models,
    recordsPerModel: counts,
    ...(includePromptsAndAnswers ? { firstPrompts: run.firstPrompts, records: run.records } : {}),
  };
}

/** The report as data: what `diagnosticsText` writes. */
export function diagnosticsReport(input: DiagnosticsInput) {
  return {
    format: DIAGNOSTICS_FORMAT,
    version: 1,
    createdAt: input.now.toISOString(),
    labVersion: APP_VERSION,
    webLlmVersion: WEB_LLM_VERSION,
    includesPromptsAndAnswers: input.includePromptsAndAnswers,
    browser: input.browser,
    gpu: input.gpu ? { webGpu: input.gpu.hasWebGpuApi, adapter: input.gpu.adapter, adapterRequestError: input.gpu.adapterRequestError } : null,
    storage: input.storage,
    models: input.models.map(modelSection),
    recentErrors: input.recentErrors,
    run: input.run ? runSection(input.run, input.includePromptsAndAnswers) : null,
  };
}

export type DiagnosticsReport = ReturnType<typeof diagnosticsReport>;

/** The report as the text a user pastes into a bug report or saves as a file. */
export function diagnosticsText(input: DiagnosticsInput): string {
  return `${JSON.stringify(diagnosticsReport(input), null, 2)}\n`;
}

/** E.g. "base-vs-aligned-diagnostics_2025-05-01.json". */
export function diagnosticsFileName(now: Date): string {
  return `${DIAGNOSTICS_FORMAT}_${now.toISOString().slice(0, 10)}.json`;
}

/** `navigator.deviceMemory` (Chrome and Edge only, so not in the DOM types), in GB, or null. */
function deviceMemory(): number | null {
  const reported = (navigator as { deviceMemory?: unknown }).deviceMemory;
  return typeof reported === 'number' ? reported : null;
}

async function storageEstimate(): Promise<StorageEstimate | null> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return estimate?.usage !== undefined && estimate.quota ? { usageBytes: estimate.usage, quotaBytes: estimate.quota } : null;
}

/**
 * Gathers the report's facts: the browser's and the GPU's (as the session read them, else read now), and
 * when the lab's context exists, its models, their stored self-checks, the latest failures and the run `runId`.
 */
export async function gatherDiagnostics(options: {
  context: LabContext | null;
  runId: string | null;
  includePromptsAndAnswers: boolean;
  now?: Date;
}): Promise<DiagnosticsInput> {
  const { context } = options;
  const session = context?.session;
  const gpu = session?.gpu.status === 'done' ? session.gpu.facts : await readGpuFacts();
  const store = context ? await context.store().catch(() => null) : null;
  const models = await Promise.all(
    (session?.models ?? []).map(async (model) => ({
      ...model,
      selfCheck: context ? await context.runs.storedSelfCheck(model.spec.modelId).catch(() => null) : null,
    })),
  );
  const info = store && options.runId ? await store.getRun(options.runId) : undefined;
  const run =
    info && store && context
      ? { info, records: await store.getRecords(info.id), firstPrompts: options.includePromptsAndAnswers ? context.runs.firstPrompts(info) : null }
      : null;
  return {
    now: options.now ?? new Date(),
    browser: {
      userAgent: navigator.userAgent,
      languages: [...navigator.languages],
      hardwareConcurrency: navigator.hardwareConcurrency ?? null,
      deviceMemoryGB: deviceMemory(),
    },
    gpu,
    storage: await storageEstimate(),
    models,
    recentErrors: session?.recentErrors ?? [],
    run,
    includePromptsAndAnswers: options.includePromptsAndAnswers,
  };
}
