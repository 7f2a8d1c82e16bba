// Runs a probe on the loaded models: creates the run, stores each record as it arrives (so a closed tab loses
// at most the one in flight), keeps a live summary for the charts, stops on request, and resumes stored runs.
// While a run is made this tab holds its lock (cross-tab.ts), so no other tab resumes it or marks it as cut off.
import { msg, str } from '@lit/localize';
import type { ProbeId } from '../core/probes/index.ts';
import type { CommonParams, ProbeModel, ProbeSpec, RecordBase } from '../core/probes/probe.ts';
import { PROBES } from '../core/probes/registry.ts';
import { runProbe } from '../core/probes/runner.ts';
import type { RunInfo, RunModelInfo, RunStatus } from '../core/results/index.ts';
import { classifyError, pausesRun, type LabError } from '../engine/errors.ts';
import type { RunLocks, RunStore } from '../store/runs.ts';
import type { LabSession, SessionModel } from './lab-session.ts';
import { familyChatTemplate } from './model-workers.ts';
import { workerSummaries, type Summarize } from './summaries.ts';
import { APP_VERSION } from './version.ts';

export interface RunState {
  info: RunInfo;
  records: RecordBase[];
  /** The probe's summary of the records so far (recomputed a few times a second while the run goes on). */
  summary: unknown;
  /** 0 … 1 over all models. */
  progress: number;
  error: LabError | null;
}

/** How often the live summary is recomputed while records stream in. */
const SUMMARY_INTERVAL_MS = 400;

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
  /** Whether a live summary is being computed: the next waits for it, so requests never pile up. */
  private summarizing = false;

  constructor(
    private readonly session: LabSession,
    private readonly store: () => Promise<RunStore>,
    private readonly locks: RunLocks,
    private readonly summaries: Summarize = workerSummaries(),
  ) {
    super();
  }

  get running(): boolean {
    return this.controller !== null;
  }

  /** Starts a new run of a probe on the session's loaded models; resolves with its id once it is stored. */
  async start(probeId: ProbeId, params: unknown, now = new Date()): Promise<string> {
    const spec = specOf(probeId);
    const checked = spec.checkParams(params);
    const models = this.session.readyModels();
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
        const missing = info.models.filter((model) => !this.session.readyModels().some((ready) => ready.spec.modelId === model.id));
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
    const models: ProbeModel[] = state.info.models.map((info) => {
      const loaded = this.session.readyModels().find((model) => model.spec.modelId === info.id);
      if (!loaded?.client) throw new Error(msg(str`${info.name} is not loaded.`));
      // A server model's family is the user's choice for it; catalog base models read their family's format.
      return { model: loaded.client, chatTemplate: loaded.catalog.chatTemplate ?? template };
    });
    let status: RunStatus = 'complete';
    try {
      for await (const record of runProbe(specOf(state.info.probeId), { models, params: state.info.params, existing, signal: controller.signal })) {
        await store.addRecords(state.info.id, [record]);
        state.records.push(record);
        state.progress = progressOf(state.info, state.records);
        this.scheduleSummary(state);
      }
      if (controller.signal.aborted) status = 'incomplete';
    } catch (error) {
      state.error = classifyError(error);
      status = pausesRun(state.error) ? 'incomplete' : 'failed';
    } finally {
      this.controller = null;
      if (this.summaryTimer) clearTimeout(this.summaryTimer);
      this.summaryTimer = null;
      state.summary = await this.summaries(state.info, state.records).catch(() => state.summary);
      await this.setStatus(state, status);
    }
  }

  private scheduleSummary(state: RunState): void {
    this.changed();
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

  private async setStatus(state: RunState, status: RunStatus): Promise<void> {
    state.info = { ...state.info, status, updatedAt: new Date().toISOString() };
    this.changed();
    await (await this.store()).saveRun(state.info);
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
      ...(server ? { server } : {}),
    };
  }

  private changed(): void {
    this.current = this.state ? { ...this.state } : null;
    this.dispatchEvent(new Event('change'));
  }
}
