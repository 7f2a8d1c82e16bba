// A run's summary typed by its probe: each probe's spec summarises its records its own way, and the pages, charts,
// share links and claims read the summary of the probe they handle. Types and narrowing only, so that any page can
// import it without loading the probes' code (summaries.ts computes them).
import type { GameSummary } from '../core/probes/game-probe/index.ts';
import type { HideAndSeekSummary } from '../core/probes/hide-and-seek/index.ts';
import type { ProbeId } from '../core/probes/index.ts';
import type { PoemSummary } from '../core/probes/poem/index.ts';
import type { Rng010Summary } from '../core/probes/rng-0-10/index.ts';
import type { RngSequenceSummary } from '../core/probes/rng-sequence/index.ts';
import type { RpsSummary } from '../core/probes/rps/index.ts';

/** Each probe's summary, as its spec's `summarize` returns it. */
export interface ProbeSummaries {
  'rng-0-10': Rng010Summary;
  'rng-sequence': RngSequenceSummary;
  rps: RpsSummary;
  'hide-and-seek': HideAndSeekSummary;
  poem: PoemSummary;
}

/** A run's summary with the probe it summarises: switching on `probeId` tells the compiler which summary `value` is. */
export type RunSummary = RunSummaries[ProbeId];

type RunSummaries = { [P in ProbeId]: { probeId: P; value: ProbeSummaries[P] } };

/** True when `summary` is one of `probeId`'s. */
export function isSummaryOf<P extends ProbeId>(summary: RunSummary | null, probeId: P): summary is RunSummaries[P] {
  return summary?.probeId === probeId;
}

/** The summary's value when it is one of `probeId`'s, else null. */
export function summaryOf<P extends ProbeId>(summary: RunSummary | null, probeId: P): ProbeSummaries[P] | null {
  return isSummaryOf(summary, probeId) ? summary.value : null;
}

/** The summary's value when it is a game's (rps or hide-and-seek), else null. */
export function gameSummaryOf(summary: RunSummary | null): GameSummary | null {
  return summaryOf(summary, 'rps') ?? summaryOf(summary, 'hide-and-seek');
}
