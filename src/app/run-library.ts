// The one way pages reach the runs kept in this browser: listing, reading, exporting, deleting, resuming and importing
// them. Every failure comes back as a LabError in plain words (or, for an import, as its outcome), never as a
// rejection, so that no page can leave a failed storage call unhandled and unseen.
import type { RunExport, RunInfo } from '../core/results/index.ts';
import type { LabError } from '../engine/errors/kinds.ts';
import type { RunStore } from '../store/runs.ts';
import { loadRunEvidence, type RunEvidence } from './claims.ts';
import { importRunText, readRunExport, readRunState, type ImportOutcome } from './history.ts';
import { RunInAnotherTabError, type RunController, type RunState } from './run-controller.ts';
import { storageError, type StorageAction } from './storage-error.ts';
import type { Summarize } from './summaries.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: LabError };

/** A resume refused because another tab is making the run is no fault: its words say what to do. */
export type ResumeOutcome = Outcome<void> | { ok: false; elsewhere: true; message: string };

/** What an import comes to, as the page shows it: a storage failure is a LabError like every other. */
export type ImportResult = Exclude<ImportOutcome, { reason: 'not-stored' }> | { ok: false; reason: 'storage'; error: LabError };

async function attempt<T>(action: StorageAction, work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: storageError(action, error) };
  }
}

export class RunLibrary {
  constructor(
    private readonly store: () => Promise<RunStore>,
    private readonly runs: Pick<RunController, 'open' | 'forget'>,
    private readonly summaries: Summarize,
  ) {}

  /** Every stored run, newest first. */
  list(): Promise<Outcome<RunInfo[]>> {
    return attempt('list', async () => (await this.store()).listRuns());
  }

  /** Every stored run with its summary (or its ratings), as the Claims page weighs them. */
  evidence(): Promise<Outcome<RunEvidence[]>> {
    return attempt('list', async () => loadRunEvidence(await this.store(), this.summaries));
  }

  /** A stored run as the results view shows it (null: no such run), leaving the run controller alone. */
  read(runId: string): Promise<Outcome<RunState | null>> {
    return attempt('read', async () => readRunState(await this.store(), runId, this.summaries));
  }

  /** A stored run as a run file (null: no such run). */
  export(runId: string): Promise<Outcome<RunExport | null>> {
    return attempt('export', async () => readRunExport(await this.store(), runId, this.summaries));
  }

  /** Deletes a run with its records; this tab's run controller lets go of it too. */
  delete(runId: string): Promise<Outcome<void>> {
    return attempt('delete', async () => {
      await (await this.store()).deleteRun(runId);
      this.runs.forget(runId);
    });
  }

  /** Goes on with a stopped run in this tab. */
  async resume(runId: string): Promise<ResumeOutcome> {
    try {
      await this.runs.open(runId, { resume: true });
      return { ok: true, value: undefined };
    } catch (error) {
      if (error instanceof RunInAnotherTabError) return { ok: false, elsewhere: true, message: error.message };
      return { ok: false, error: storageError('resume', error) };
    }
  }

  /** Reads a run file's text and stores the run whole, or stores nothing and says why. */
  async import(text: string): Promise<ImportResult> {
    let outcome: ImportOutcome;
    try {
      outcome = await importRunText(await this.store(), text);
    } catch (error) {
      return { ok: false, reason: 'storage', error: storageError('import', error) };
    }
    if (!outcome.ok && outcome.reason === 'not-stored') return { ok: false, reason: 'storage', error: storageError('import', outcome.detail) };
    return outcome;
  }
}
