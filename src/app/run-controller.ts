// Runs a probe on the loaded models: creates the run, stores each record as it arrives (so a closed tab loses
// at most the one in flight), keeps a live summary for the charts, stops on request, and resumes stored runs.
// While a run is made this tab holds its lock (cross-tab.ts), so no other tab resumes it or marks it as cut off.
import { msg, str } from '@lit/localize';
import type { ProbeId } from '../core/probes/index.ts';
import { deriveSeed, type CommonParams, type ProbeModel, type ProbeSpec, type RecordBase } from '../core/probes/probe.ts';
import { PROBES } from '../core/probes/registry.ts';
import { runProbe } from '../core/probes/runner.ts';
import type { ModelPerformance, RunInfo, RunModelInfo, RunSchedule, RunStatus, SelfCheckResult } from '../core/results/index.ts';
import { SELF_CHECK_SAMPLES } from '../core/self-check/index.ts';
import type { LanguageModel } from '../core/model.ts';
import type { ChatTemplateId } from '../core/prompts/chat-templates.ts';
import { pausesRun, type LabError } from '../engine/errors/kinds.ts';
import { classifyError } from '../engine/errors/words.ts';
import type { AdapterFacts } from '../engine/preflight.ts';
import type { RunLocks, RunStore } from '../store/runs.ts';
import type { LabSession, SessionModel } from './lab-session.ts';
import type { PendingSetup } from './share.ts';
import type { ModelSpeeds } from './model-speed.ts';
import { familyChatTemplate } from './model-workers.ts';
import { ObservedModel, type SelfCheckPlan } from './observed-model.ts';
import { keepSelfCheck, storedSelfCheckOf } from './self-check-store.ts';
import type { RunSummary } from './run-summary.ts';
import { workerSummaries, type Summarize } from './summaries.ts';
import { speedKey } from './time-estimates.ts';
import { APP_VERSION } from './version.ts';

export interface RunState {
  info: RunInfo;
  records: RecordBase[];
  /** The probe's summary of the records so far (recomputed a few times a second while the run goes on). */
  summary: RunSummary | null;
  /** 0 … 1 over all models. */
  progress: number;
  error: LabError | null;
  /** While a model's self-check samples its answers: which model, and how far it is. */
  selfChecking?: { modelId: string; done: number; total: number } | null;
  /**
   * While records are made: when this stretch of the run started (performance.now()), the progress it started from
   * (a resumed run starts part-way), and the estimate made before the start from this machine's earlier speeds
   * (null without one), for the time left (time-estimates.ts runSecondsLeft).
   */
  timing?: { startedAt: number; progressAtStart: number; estimateSeconds: number | null } | null;
}

export interface RunStartOptions {
  /** "alternate" (the default) runs the loaded models; "one-model-at-a-time" runs `modelIds`, loading each in turn. */
  schedule?: RunSchedule;
  /** Catalog ids of the models a run takes one at a time (each loaded, or whole in this browser's cache). */
  modelIds?: readonly string[];
}

/** Tokens per second over two stretches of generation, one measured before (a run resumed) and one now. */
function combinedSpeed(before: ModelPerformance | undefined, model: ObservedModel): Pick<ModelPerformance, 'tokensPerSecond' | 'generatedTokens'> {
  const earlierTokens = before?.generatedTokens ?? 0;
  const earlierSeconds = before?.tokensPerSecond ? earlierTokens / before.tokensPerSecond : 0;
  const tokens = earlierTokens + model.generatedTokens;
  const seconds = earlierSeconds + model.generationSeconds;
  return { tokensPerSecond: tokens > 0 && seconds > 0 ? tokens / seconds : null, generatedTokens: tokens };
}

/** How often the live summary is recomputed while records stream in. */
const SUMMARY_INTERVAL_MS = 400;

/**
 * How often the pages hear of new records while a run streams them: every record would re-render the page (its
 * progress, charts and tables) hundreds of times a second with models that answer fast, which cost several
 * milliseconds per record (bench "pipeline"); ten times a second reads as live.
 */
const PROGRESS_INTERVAL_MS = 100;

type AnySpec = ProbeSpec<CommonParams, RecordBase, unknown>;

function specOf(probeId: ProbeId): AnySpec {
  // Each spec is typed by its own parameters and records; the controller handles them all alike.
  return PROBES[probeId] as unknown as AnySpec;
}

/** Another tab holds the run's lock: it is making the run. The message says what to do, in plain words. */
export class RunInAnotherTabError extends Error {
  constructor() {
    super(msg('This run is going on in another tab. Let it finish there, or stop it in that tab, then resume it here.'));
    this.name = 'RunInAnotherTabError';
  }
}

function progressOf(info: RunInfo, records: readonly RecordBase[]): number {
  const spec = specOf(info.probeId);
  const parts = info.models.map((model) => spec.progress(records.filter((record) => record.modelId === model.id), info.params));
  return parts.reduce((sum, part) => sum + part, 0) / Math.max(1, parts.length);
}

export class RunController extends EventTarget {
  /**
   * The run being shown: a new object after every change, so that elements given it as a property re-render
   * (the controller itself updates its working copy in place).
   */
  current: RunState | null = null;
  private state: RunState | null = null;
  private controller: AbortController | null = null;
  private summaryTimer: ReturnType<typeof setTimeout> | null = null;
  private progressTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether a live summary is being computed: the next waits for it, so requests never pile up. */
  private summarizing = false;
  /** The next run's experiment, handed over by another page until the Lab page takes it. */
  private draft: PendingSetup | null = null;

  constructor(
    private readonly session: LabSession,
    private readonly store: () => Promise<RunStore>,
    private readonly locks: RunLocks,
    private readonly summaries: Summarize = workerSummaries(),
    /** This machine's speed per model: read for the estimate of each run, updated from what each run measures. */
    private readonly speeds: ModelSpeeds | null = null,
  ) {
    super();
  }

  get running(): boolean {
    return this.controller !== null;
  }

  /**
   * Hands the next run's experiment to the Lab page (a shared run's "Run this on my GPU"): it preselects its
   * comparison, models and parameters. Nothing loads or runs.
   */
  prepareNext(setup: PendingSetup | null): void {
    this.draft = setup;
  }

  /** The experiment handed over for the next run, once: it is the Lab page's after this. */
  takeDraft(): PendingSetup | null {
    const draft = this.draft;
    this.draft = null;
    return draft;
  }

  /**
   * Starts a new run of a probe: on the session's loaded models, or on chosen models one at a time. Resolves with its
   * id once it is stored.
   */
  async start(probeId: ProbeId, params: unknown, options: RunStartOptions = {}, now = new Date()): Promise<string> {
    const spec = specOf(probeId);
    const checked = spec.checkParams(params);
    const schedule = options.schedule ?? 'alternate';
    const models = schedule === 'one-model-at-a-time' ? this.oneAtATime(options.modelIds ?? []) : this.session.readyModels();
    if (models.length === 0) throw new Error(msg('Load at least one model before running an experiment.'));
    // Models on the user's server do not use this browser's GPU.
    const onServer = models.every((model) => model.spec.source.kind === 'server');
    const gpu = this.session.gpu.status === 'done' && !onServer ? this.session.gpu.facts.adapter : null;
    const id = crypto.randomUUID();
    // Taken before the run is stored: another tab starting up must never see it running without its lock.
    const release = await this.locks.take(id);
    if (!release) throw new RunInAnotherTabError();
    const info: RunInfo = {
      id,
      probeId,
      specVersion: spec.version,
      appVersion: APP_VERSION,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      status: 'running',
      params: { ...checked },
      models: models.map((model) => this.modelInfo(model)),
      gpu: gpu ? { vendor: gpu.vendor, architecture: gpu.architecture, description: gpu.description } : null,
      schedule,
    };
    try {
      await (await this.store()).saveRun(info);
    } catch (error) {
      release();
      throw error;
    }
    this.state = { info, records: [], summary: null, progress: 0, error: null };
    this.changed();
    void this.execute([], release);
    return info.id;
  }

  /**
   * Opens a stored run; it continues when `resume` is true and its models are loaded. Resuming is refused while
   * another tab makes the run: both would make the same records.
   */
  async open(runId: string, options: { resume: boolean }): Promise<RunState | null> {
    if (this.state?.info.id === runId && this.running) return this.current;
    this.stop();
    // Taken before the records are read, so that no other tab adds to them until this tab has finished the run.
    const release = options.resume ? await this.locks.take(runId) : null;
    if (options.resume && !release) throw new RunInAnotherTabError();
    let resuming = false;
    try {
      const store = await this.store();
      const info = await store.getRun(runId);
      if (!info) return null;
      const records = await store.getRecords(runId);
      this.state = { info, records, summary: await this.summaries(info, records), progress: progressOf(info, records), error: null };
      this.changed();
      if (release) {
        const missing = await this.missingModels(info);
        if (missing.length > 0) throw new Error(msg(str`Load ${missing.map((model) => model.name).join(', ')} first, then resume.`));
        resuming = true;
        void this.execute(records, release);
      }
      return this.current;
    } finally {
      if (!resuming) release?.();
    }
  }

  stop(): void {
    this.controller?.abort();
  }

  /**
   * The text each model of a run read for its first record, as its probe writes it (for the diagnostics report, with
   * the user's permission), when the run's models are those of the session's comparison, whose chat format the
   * prompts need; null otherwise.
   */
  firstPrompts(info: RunInfo): Record<string, string> | null {
    const comparison = this.session.comparison;
    if (!info.models.every((model) => comparison.models.some((candidate) => candidate.id === model.catalogId))) return null;
    const chatTemplate = familyChatTemplate(comparison);
    const spec = specOf(info.probeId);
    return Object.fromEntries(info.models.map((model) => [model.id, spec.prompt(info.params, { model: { id: model.id, role: model.role } as LanguageModel, chatTemplate }, [])]));
  }

  /** A model's self-check on this machine's GPU, when it has one (for the diagnostics report). */
  async storedSelfCheck(modelId: string): Promise<SelfCheckResult | null> {
    return storedSelfCheckOf(await this.store(), modelId, this.adapter());
  }

  /** Stops showing a run that has been deleted. */
  forget(runId: string): void {
    if (this.state?.info.id !== runId) return;
    this.stop();
    this.state = null;
    this.changed();
  }

  /** Makes the run's remaining records, holding the run's lock until its final status is stored. */
  private async execute(existing: RecordBase[], release: () => void): Promise<void> {
    try {
      await this.makeRecords(existing);
    } finally {
      release();
    }
  }

  private async makeRecords(existing: RecordBase[]): Promise<void> {
    const state = this.state;
    if (!state) return;
    const controller = new AbortController();
    this.controller = controller;
    const store = await this.store();
    await this.setStatus(state, 'running');
    const template = familyChatTemplate(this.session.comparison);
    let observed: ObservedModel[] = [];
    let status: RunStatus = 'complete';
    const runModels = this.session.models.filter((model) => state.info.models.some((info) => info.id === model.spec.modelId));
    const estimateSeconds = this.speeds?.estimate(state.info.probeId, state.info.params, runModels) ?? null;
    state.timing = { startedAt: performance.now(), progressAtStart: state.progress, estimateSeconds };
    try {
      observed = await Promise.all(state.info.models.map((info, index) => this.observe(state, info, index, store)));
      // A server model's family is the user's choice for it; catalog models read their family's format.
      const models: ProbeModel[] = observed.map((model, index) => ({ model, chatTemplate: this.chatTemplateOf(state.info.models[index]) ?? template }));
      const run = runProbe(specOf(state.info.probeId), {
        models,
        params: state.info.params,
        existing,
        signal: controller.signal,
        schedule: state.info.schedule ?? 'alternate',
      });
      for await (const record of run) {
        await store.addRecords(state.info.id, [record]);
        state.records.push(record);
        state.progress = progressOf(state.info, state.records);
        this.scheduleSummary(state);
      }
      if (controller.signal.aborted) status = 'incomplete';
    } catch (error) {
      state.error = classifyError(error);
      this.session.noteError(state.error, null);
      status = pausesRun(state.error) ? 'incomplete' : 'failed';
    } finally {
      this.controller = null;
      state.selfChecking = null;
      state.timing = null;
      if (this.summaryTimer) clearTimeout(this.summaryTimer);
      this.summaryTimer = null;
      if (this.progressTimer) clearTimeout(this.progressTimer);
      this.progressTimer = null;
      observed.forEach((model, index) => this.updateModel(state, index, (info) => ({ performance: { ...this.performanceOf(info), ...combinedSpeed(info.performance, model) } })));
      state.summary = await this.summaries(state.info, state.records).catch(() => state.summary);
      // Before the status: a run that reads as ended has left this machine's speeds for the next estimate.
      await this.keepSpeeds(state, observed, existing).catch(() => undefined);
      await this.setStatus(state, status);
    }
  }

  /**
   * Keeps this machine's speed for each model, for the next run's estimate: the seconds of its own requests per
   * record made now, and its load time when its weights came from the cache (RunModelInfo.performance).
   */
  private async keepSpeeds(state: RunState, observed: readonly ObservedModel[], existing: readonly RecordBase[]): Promise<void> {
    if (!this.speeds) return;
    const key = speedKey(state.info.probeId, state.info.params.mode);
    for (const [index, model] of observed.entries()) {
      const info = state.info.models[index];
      if (!info) continue;
      const made = state.records.filter((record) => record.modelId === info.id).length - existing.filter((record) => record.modelId === info.id).length;
      const loadSeconds = info.performance?.weightsFromCache === true ? (info.performance.loadSeconds ?? null) : null;
      await this.speeds.keep(info.id, { key, secondsPerRecord: made > 0 ? model.requestSeconds / made : null, loadSecondsFromCache: loadSeconds });
    }
  }

  /**
   * The run's view of one of its models: loaded already, or (one model at a time) loaded when first asked, with the
   * self-check planned when the run reads exact answers and this machine has no check of the model yet.
   */
  private async observe(state: RunState, info: RunModelInfo, index: number, store: RunStore): Promise<ObservedModel> {
    const session = this.session.models.find((model) => model.spec.modelId === info.id);
    const loaded = (): LanguageModel | undefined => this.session.readyModels().find((model) => model.spec.modelId === info.id)?.client ?? undefined;
    const alone = state.info.schedule === 'one-model-at-a-time';
    if (!session || (!alone && !loaded())) throw new Error(msg(str`${info.name} is not loaded.`));
    const model = async (): Promise<LanguageModel> => {
      const ready = loaded();
      if (ready) return ready;
      if (!alone) throw new Error(msg(str`${info.name} is not loaded.`));
      const client = await this.session.loadAlone(session.catalog.id);
      this.updateModel(state, index, (current) => ({ performance: { ...this.performanceOf(current), ...this.loadPerformance(session) } }));
      await this.saveInfo(state);
      return client;
    };
    return new ObservedModel(info.id, info.role, model, await this.selfCheckPlan(state, info, index, store));
  }

  /** The self-check to run on this model's first exact score, or null when none is needed (and the stored one is noted). */
  private async selfCheckPlan(state: RunState, info: RunModelInfo, index: number, store: RunStore): Promise<SelfCheckPlan | null> {
    if (state.info.params.mode !== 'exact' || info.selfCheck) return null;
    const stored = await storedSelfCheckOf(store, info.id, this.adapter());
    if (stored) {
      this.updateModel(state, index, () => ({ selfCheck: stored }));
      return null;
    }
    return {
      context: () => ({
        probeId: state.info.probeId,
        runId: state.info.id,
        gpuDescription: this.gpuDescriptionOf(info.id),
        seed: deriveSeed(state.info.params.seed, index),
      }),
      progress: (done) => {
        state.selfChecking = { modelId: info.id, done, total: SELF_CHECK_SAMPLES };
        this.changed();
      },
      done: async (result) => {
        state.selfChecking = null;
        this.updateModel(state, index, () => ({ selfCheck: result }));
        await keepSelfCheck(store, info.id, this.adapter(), result);
        await this.saveInfo(state);
      },
    };
  }

  /** This machine's GPU as the preflight read it: self-checks are kept per GPU. */
  private adapter(): AdapterFacts | null {
    return this.session.gpu.status === 'done' ? this.session.gpu.facts.adapter : null;
  }

  private gpuDescriptionOf(modelId: string): string {
    const model = this.session.models.find((candidate) => candidate.spec.modelId === modelId);
    return model?.load.status === 'ready' ? model.load.result.gpuDescription : '';
  }

  /** Replaces one model's entry of the run (a new info object, so that views re-render). */
  private updateModel(state: RunState, index: number, change: (info: RunModelInfo) => Partial<RunModelInfo>): void {
    const models = state.info.models.map((info, i) => (i === index ? { ...info, ...change(info) } : info));
    state.info = { ...state.info, models };
    this.changed();
  }

  private async saveInfo(state: RunState): Promise<void> {
    await (await this.store()).saveRun(state.info);
  }

  /** The models a run would take one at a time: each loaded or whole in this browser's cache, so no run downloads. */
  private oneAtATime(ids: readonly string[]): SessionModel[] {
    const models = this.session.models.filter((model) => ids.includes(model.catalog.id));
    if (models.some((model) => this.session.twinOf(model) !== null)) {
      throw new Error(msg('A bring-your-own base is checked against its twin with both loaded, so this comparison cannot run one model at a time.'));
    }
    const missing = models.filter((model) => model.load.status !== 'ready' && !model.cache?.readyOffline);
    if (missing.length > 0) {
      throw new Error(msg(str`Download ${missing.map((model) => model.catalog.name).join(', ')} first (load it once): a run that takes one model at a time loads each model from this browser's cache.`));
    }
    return models;
  }

  /** The run's models that cannot be used to resume it now. */
  private async missingModels(info: RunInfo): Promise<RunModelInfo[]> {
    const ready = (model: RunModelInfo) => this.session.readyModels().some((candidate) => candidate.spec.modelId === model.id);
    if (info.schedule !== 'one-model-at-a-time') return info.models.filter((model) => !ready(model));
    await this.session.refreshCacheStatus();
    const cached = (model: RunModelInfo) => this.session.models.some((candidate) => candidate.spec.modelId === model.id && candidate.cache?.readyOffline);
    return info.models.filter((model) => !ready(model) && !cached(model));
  }

  private scheduleSummary(state: RunState): void {
    this.progressTimer ??= setTimeout(() => {
      this.progressTimer = null;
      if (this.state === state) this.changed();
    }, PROGRESS_INTERVAL_MS);
    if (this.summaryTimer || this.summarizing) return;
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = null;
      this.summarizing = true;
      void this.summaries(state.info, state.records)
        .then((summary) => {
          if (this.state !== state || !this.running) return;
          state.summary = summary;
          this.changed();
        }, () => undefined)
        .finally(() => (this.summarizing = false));
    }, SUMMARY_INTERVAL_MS);
  }

  /**
   * Stored first, told second: whoever hears that a run has ended (the guided run opens the Claims page) reads it
   * from the store as ended.
   */
  private async setStatus(state: RunState, status: RunStatus): Promise<void> {
    const info = { ...state.info, status, updatedAt: new Date().toISOString() };
    await (await this.store()).saveRun(info);
    state.info = info;
    this.changed();
  }

  /** The chat format a run's model reads: its own (a server model's, chosen by the user), else null for the family's. */
  private chatTemplateOf(info: RunModelInfo | undefined): ChatTemplateId | null {
    return this.session.models.find((model) => model.spec.modelId === info?.id)?.catalog.chatTemplate ?? null;
  }

  private modelInfo(model: SessionModel): RunModelInfo {
    const server = model.load.status === 'ready' ? model.load.result.server?.info : undefined;
    return {
      id: model.spec.modelId,
      catalogId: model.catalog.id,
      name: model.catalog.name,
      role: model.catalog.role,
      variant: server ? null : this.session.variant,
      revision: model.catalog.variants[this.session.variant]?.revision ?? null,
      performance: { loadSeconds: null, weightsFromCache: null, tokensPerSecond: null, generatedTokens: 0, ...this.loadPerformance(model) },
      ...(server ? { server } : {}),
    };
  }

  /** How the model's current load went, when it is loaded. */
  private loadPerformance(model: SessionModel): Partial<ModelPerformance> {
    if (model.load.status !== 'ready') return {};
    return { loadSeconds: model.load.loadSeconds ?? null, weightsFromCache: model.load.result.weightsFromCache };
  }

  private performanceOf(info: RunModelInfo): ModelPerformance {
    return info.performance ?? { loadSeconds: null, weightsFromCache: null, tokensPerSecond: null, generatedTokens: 0 };
  }

  private changed(): void {
    this.current = this.state ? { ...this.state } : null;
    this.dispatchEvent(new Event('change'));
  }
}
