// Messages of the summary worker (workers/summary.worker.ts), which computes probe summaries off the main thread:
// their posterior intervals take tens of milliseconds, too long for a page that must stay responsive while a run
// streams in.
import type { ProbeId } from '../core/probes/index.ts';
import type { RecordBase } from '../core/probes/probe.ts';

export interface SummaryRequest {
  id: number;
  probeId: ProbeId;
  params: unknown;
  modelIds: string[];
  records: RecordBase[];
}

export type SummaryReply = { id: number; summary: unknown } | { id: number; error: string };
