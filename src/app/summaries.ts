// Probe summaries from the summary worker: the page posts a run's records and gets the summary back, so its main
// thread never spends the tens of milliseconds the posterior intervals take.
import type { ProbeId } from '../core/probes/index.ts';
import type { CommonParams, ProbeSpec, RecordBase } from '../core/probes/probe.ts';
import { PROBES } from '../core/probes/registry.ts';
import type { RunInfo } from '../core/results/index.ts';
import type { SummaryReply, SummaryRequest } from '../engine/summary-protocol.ts';
import type { RunSummary } from './run-summary.ts';

/** `value`, which `PROBES[probeId].summarize` returned, with the probe it is of. */
function runSummary(probeId: ProbeId, value: unknown): RunSummary {
  // The one place a summary gets its type: the specs handled alike (below, and in the summary worker) return each
  // probe's own, which the registry pairs with the probe id.
  return { probeId, value } as RunSummary;
}

export type Summarize = (info: RunInfo, records: readonly RecordBase[]) => Promise<RunSummary | null>;

/** The probe's summary of a run's records, computed here and now (tests, and the summary worker itself). */
export function summarize(info: RunInfo, records: readonly RecordBase[]): RunSummary | null {
  if (records.length === 0) return null;
  // Each spec is typed by its own parameters and records; this handles them all alike.
  const spec = PROBES[info.probeId] as unknown as ProbeSpec<CommonParams, RecordBase, unknown>;
  return runSummary(info.probeId, spec.summarize(records, info.params, info.models.map((model) => model.id)));
}

/** Summaries computed on the calling thread: for tests, and for Node. */
export const summarizeHere: Summarize = async (info, records) => summarize(info, records);

/** A summary worker and the requests waiting on it. One worker serves the whole page. */
export function workerSummaries(): Summarize {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { probeId: ProbeId; resolve(summary: RunSummary): void; reject(error: Error): void }>();

  const start = (): Worker => {
    const started = new Worker(new URL('../../workers/summary.worker.ts', import.meta.url), { type: 'module', name: 'summaries' });
    started.addEventListener('message', ({ data }: MessageEvent<SummaryReply>) => {
      const waiting = pending.get(data.id);
      pending.delete(data.id);
      if (!waiting) return;
      if ('summary' in data) waiting.resolve(runSummary(waiting.probeId, data.summary));
      else waiting.reject(new Error(data.error));
    });
    started.addEventListener('error', () => {
      // A dead worker fails what it had and is replaced on the next request.
      for (const waiting of pending.values()) waiting.reject(new Error('The summary worker stopped.'));
      pending.clear();
      worker = null;
    });
    return started;
  };

  return (info, records) => {
    if (records.length === 0) return Promise.resolve(null);
    worker ??= start();
    const id = nextId++;
    const request: SummaryRequest = { id, probeId: info.probeId, params: info.params, modelIds: info.models.map((model) => model.id), records: [...records] };
    const result = new Promise<RunSummary>((resolve, reject) => pending.set(id, { probeId: info.probeId, resolve, reject }));
    worker.postMessage(request);
    return result;
  };
}
