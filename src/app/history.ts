// The runs kept in this browser, as the History and Run pages use them: listing, reading a run whole, exporting it as
// JSON and CSV, importing a run file all or nothing, deleting, and whether a run can be resumed now.
import type { RecordBase } from '../core/probes/probe.ts';
import { isCurrentVersion, PROBE_CHECKS, PROBES } from '../core/probes/registry.ts';
import {
  csvFileName,
  jsonFileName,
  parseRunExport,
  RUN_FORMAT,
  RUN_SCHEMA_VERSION,
  runToCsv,
  runToJson,
  type RunExport,
  type RunInfo,
  type RunModelInfo,
} from '../core/results/index.ts';
import type { RunStore } from '../store/runs.ts';
import type { RunState } from './run-controller.ts';
import type { RunSummary } from './run-summary.ts';
import { summarizeHere, type Summarize } from './summaries.ts';

/** The run as a run file, with the probe's summary of its records for people who read the file. */
export function runExportOf(info: RunInfo, records: readonly RecordBase[], summary: RunSummary | null): RunExport {
  return {
    format: RUN_FORMAT,
    schemaVersion: RUN_SCHEMA_VERSION,
    run: info,
    records: [...records],
    ...(summary === null ? {} : { summary: summary.value }),
  };
}

export interface RunFile {
  name: string;
  type: 'application/json' | 'text/csv';
  text: string;
}

/** The run's JSON file (the whole run, which the lab reads back) and its CSV file (one row per record). */
export function runFiles(exported: RunExport): { json: RunFile; csv: RunFile } {
  return {
    json: { name: jsonFileName(exported), type: 'application/json', text: runToJson(exported) },
    csv: { name: csvFileName(exported), type: 'text/csv', text: runToCsv(exported) },
  };
}

/** A stored run as a run file, or null when it is not stored. */
export async function readRunExport(store: RunStore, runId: string, summaries: Summarize = summarizeHere): Promise<RunExport | null> {
  const info = await store.getRun(runId);
  if (!info) return null;
  const records = await store.getRecords(runId);
  return runExportOf(info, records, await summaries(info, records));
}

/** 0 … 1 over the run's models, as the run controller reports it. */
function progressOf(info: RunInfo, records: readonly RecordBase[]): number {
  const spec = PROBES[info.probeId] as unknown as { progress(records: readonly RecordBase[], params: unknown): number };
  const parts = info.models.map((model) => spec.progress(records.filter((record) => record.modelId === model.id), info.params));
  return parts.reduce((sum, part) => sum + part, 0) / Math.max(1, parts.length);
}

/**
 * A stored run as the results view shows it. Unlike `RunController.open`, it leaves the run controller alone, so
 * looking at an old run never stops one that is running.
 */
export async function readRunState(store: RunStore, runId: string, summaries: Summarize = summarizeHere): Promise<RunState | null> {
  const info = await store.getRun(runId);
  if (!info) return null;
  const records = await store.getRecords(runId);
  return { info, records, summary: await summaries(info, records), progress: progressOf(info, records), error: null };
}

/** Each model's number of records, by the model's id in the run. */
export function recordCounts(info: RunInfo, records: readonly RecordBase[]): Map<string, number> {
  return new Map(info.models.map((model) => [model.id, records.filter((record) => record.modelId === model.id).length]));
}

export type ImportOutcome =
  | { ok: true; run: RunInfo; records: number }
  /** The file is not a valid run: every problem, in plain words. */
  | { ok: false; reason: 'invalid'; problems: string[] }
  /** A run with this id is already stored (the same file imported twice, or the sender's own browser). */
  | { ok: false; reason: 'duplicate'; run: RunInfo }
  /** The browser refused to store it (e.g. storage full); nothing was stored. */
  | { ok: false; reason: 'not-stored'; detail: string };

/** Reads a run file's text and stores the run whole, or stores nothing and says why. */
export async function importRunText(store: RunStore, text: string): Promise<ImportOutcome> {
  const parsed = parseRunExport(text, PROBE_CHECKS);
  if (!parsed.ok) return { ok: false, reason: 'invalid', problems: parsed.problems };
  const run = parsed.value.run;
  if (await store.getRun(run.id)) return { ok: false, reason: 'duplicate', run };
  try {
    await store.importRun(parsed.value);
  } catch (error) {
    // Another tab may have stored the same run in between; the store refuses it then too.
    if (await store.getRun(run.id)) return { ok: false, reason: 'duplicate', run };
    return { ok: false, reason: 'not-stored', detail: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, run, records: parsed.value.records.length };
}

/** What the run controller is doing, as far as resuming another run is concerned. */
export interface RunActivity {
  running: boolean;
  current: { info: Pick<RunInfo, 'id'> } | null;
}

/** Whether the run is being made in this tab right now. */
export function isLive(runId: string, activity: RunActivity): boolean {
  return activity.running && activity.current?.info.id === runId;
}

/**
 * Whether the run is stored as running but is not being made in this tab: another tab is making it (the lab marks
 * runs that no tab makes any more as incomplete when it starts).
 */
export function isRunningElsewhere(info: Pick<RunInfo, 'id' | 'status'>, activity: RunActivity): boolean {
  return info.status === 'running' && !isLive(info.id, activity);
}

export type ResumeCheck =
  | { ok: true }
  /** Only stopped or interrupted runs can be resumed. */
  | { ok: false; reason: 'not-resumable' }
  /** Made with another version of its experiment: the rest of its records would follow another method. */
  | { ok: false; reason: 'other-version' }
  /** Another run is being made in this tab: resuming would stop it. */
  | { ok: false; reason: 'another-run' }
  /** These models of the run are not loaded on the Lab page. */
  | { ok: false; reason: 'models-missing'; missing: RunModelInfo[] };

/**
 * Whether a run can be resumed now, given what runs and which models are loaded (their model ids). A run that takes
 * one model at a time loads each model itself, so for it a model whole in this browser's cache (`cachedModelIds`)
 * will do too.
 */
export function resumeCheck(info: RunInfo, activity: RunActivity, loadedModelIds: readonly string[], cachedModelIds: readonly string[] = []): ResumeCheck {
  if (info.status !== 'incomplete') return { ok: false, reason: 'not-resumable' };
  if (!isCurrentVersion(info)) return { ok: false, reason: 'other-version' };
  if (activity.running) return { ok: false, reason: 'another-run' };
  const usable = info.schedule === 'one-model-at-a-time' ? [...loadedModelIds, ...cachedModelIds] : loadedModelIds;
  const missing = info.models.filter((model) => !usable.includes(model.id));
  return missing.length > 0 ? { ok: false, reason: 'models-missing', missing } : { ok: true };
}
