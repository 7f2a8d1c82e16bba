// Computes probe summaries for the page, so that a run's charts update without blocking it.
import { PROBES } from '../src/core/probes/registry.ts';
import type { CommonParams, ProbeSpec, RecordBase } from '../src/core/probes/probe.ts';
import type { SummaryReply, SummaryRequest } from '../src/engine/summary-protocol.ts';

// The project's TypeScript lib is the DOM one, which types `self` as a window; in a worker it is the worker scope.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<SummaryRequest>) => void): void;
  postMessage(message: SummaryReply): void;
};

scope.addEventListener('message', ({ data }) => {
  try {
    // Each spec is typed by its own parameters and records; the worker handles them all alike.
    const spec = PROBES[data.probeId] as unknown as ProbeSpec<CommonParams, RecordBase, unknown>;
    const params = spec.checkParams(data.params);
    scope.postMessage({ id: data.id, summary: spec.summarize(data.records, params, data.modelIds) });
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
