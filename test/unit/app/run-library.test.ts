// The one data path pages use for stored runs, on fake-indexeddb: each action's result, and each failure as a
// LabError (or an import's outcome) instead of a rejection.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { runExportOf, runFiles } from '../../../src/app/history.ts';
import { RunInAnotherTabError, type RunController } from '../../../src/app/run-controller.ts';
import { RunLibrary } from '../../../src/app/run-library.ts';
import { summarize } from '../../../src/app/summaries.ts';
import { openLabDatabase } from '../../../src/store/lab-db.ts';
import { RunStore } from '../../../src/store/runs.ts';
import { info, records } from './stored-run.ts';

/** What the library asks of the run controller, counted. */
class FakeRuns {
  opened: string[] = [];
  forgotten: string[] = [];
  failOpenWith: Error | null = null;

  open = async (runId: string): Promise<null> => {
    if (this.failOpenWith) throw this.failOpenWith;
    this.opened.push(runId);
    return null;
  };

  forget = (runId: string): void => {
    this.forgotten.push(runId);
  };
}

function asController(runs: FakeRuns): Pick<RunController, 'open' | 'forget'> {
  return runs as unknown as Pick<RunController, 'open' | 'forget'>;
}

let databases = 0;

async function library(): Promise<{ library: RunLibrary; store: RunStore; runs: FakeRuns }> {
  const store = new RunStore(await openLabDatabase(`run-library-test-${databases++}`));
  await store.saveRun(info);
  await store.addRecords(info.id, records);
  const runs = new FakeRuns();
  const made = new RunLibrary(async () => store, asController(runs), async (run, kept) => summarize(run, kept));
  return { library: made, store, runs };
}

function broken(): RunLibrary {
  const refused = (): Promise<RunStore> => Promise.reject(new DOMException('The user denied permission to access the database.', 'UnknownError'));
  return new RunLibrary(refused, asController(new FakeRuns()), async () => null);
}

describe('RunLibrary', () => {
  it('lists, reads and exports stored runs', async () => {
    const { library: runs } = await library();
    expect(await runs.list()).toEqual({ ok: true, value: [info] });
    const read = await runs.read(info.id);
    expect(read.ok && read.value?.records).toEqual(records);
    expect(await runs.read('no-such-run')).toEqual({ ok: true, value: null });
    const exported = await runs.export(info.id);
    expect(exported).toEqual({ ok: true, value: runExportOf(info, records, summarize(info, records)) });
    expect(await runs.export('no-such-run')).toEqual({ ok: true, value: null });
  });

  it('deletes a run with its records and lets the run controller forget it', async () => {
    const { library: runs, store, runs: controller } = await library();
    expect(await runs.delete(info.id)).toEqual({ ok: true, value: undefined });
    expect(await store.getRun(info.id)).toBeUndefined();
    expect(await store.getRecords(info.id)).toEqual([]);
    expect(controller.forgotten).toEqual([info.id]);
  });

  it('imports a run file once, and says so the second time', async () => {
    const { library: source } = await library();
    const exported = await source.export(info.id);
    if (!exported.ok || !exported.value) throw new Error('no export');
    const text = runFiles(exported.value).json.text;
    const store = new RunStore(await openLabDatabase(`run-library-test-${databases++}`));
    const into = new RunLibrary(async () => store, asController(new FakeRuns()), async () => null);
    expect(await into.import(text)).toEqual({ ok: true, run: info, records: records.length });
    expect(await into.import(text)).toEqual({ ok: false, reason: 'duplicate', run: info });
    expect(await into.import('not json')).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('resumes through the run controller, and tells another tab’s run apart from a failure', async () => {
    const { library: runs, runs: controller } = await library();
    expect(await runs.resume(info.id)).toEqual({ ok: true, value: undefined });
    expect(controller.opened).toEqual([info.id]);

    controller.failOpenWith = new RunInAnotherTabError();
    const elsewhere = await runs.resume(info.id);
    expect(elsewhere).toMatchObject({ ok: false, elsewhere: true });

    controller.failOpenWith = new Error('No model worker for base-q4f32');
    const failed = await runs.resume(info.id);
    expect(failed).toMatchObject({ ok: false, error: { kind: 'internal', message: 'The run could not be resumed.', detail: 'Error: No model worker for base-q4f32' } });
  });

  it('turns every storage failure into a LabError with the browser’s words as its detail', async () => {
    const runs = broken();
    const detail = 'The user denied permission to access the database.';
    for (const outcome of [await runs.list(), await runs.read(info.id), await runs.export(info.id), await runs.delete(info.id)]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error.kind).toBe('internal');
      expect(outcome.error.detail).toBe(`UnknownError: ${detail}`);
      expect(outcome.error.message).not.toBe('');
      expect(outcome.error.nextStep).not.toBe('');
    }
    expect(await runs.import('{}')).toEqual({
      ok: false,
      reason: 'storage',
      error: {
        kind: 'internal',
        message: 'The browser refused to store this run, so nothing was stored. Its storage may be full.',
        nextStep: 'Free some space (the Storage page lists downloaded models), then try again.',
        detail: `UnknownError: ${detail}`,
      },
    });
  });

  it('reports a delete the store refuses, and keeps the run controller’s run', async () => {
    const { library: runs, store, runs: controller } = await library();
    store.deleteRun = () => Promise.reject(new Error('The transaction was aborted.'));
    const deleted = await runs.delete(info.id);
    expect(deleted).toMatchObject({ ok: false, error: { message: 'The run could not be deleted.', detail: 'Error: The transaction was aborted.' } });
    expect(controller.forgotten).toEqual([]);
    expect(await store.getRun(info.id)).toEqual(info);
  });
});
