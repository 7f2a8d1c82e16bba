// The probes of design.md §4, by id. This module stays small (no specs) so that the page can name probes and
// claims without loading their code; the specs themselves are in registry.ts.

export const PROBE_IDS = ['rng-0-10', 'rng-sequence', 'rps', 'hide-and-seek', 'poem'] as const;

export type ProbeId = (typeof PROBE_IDS)[number];

/**
 * The probes a user can run in the app. A probe joins this list when the lab can run it end to end (spec,
 * parser and analysis tested, and a page to run it); until then the app marks its claim "not yet runnable".
 */
export const RUNNABLE_PROBES: ReadonlySet<ProbeId> = new Set<ProbeId>(PROBE_IDS);

export function isProbeRunnable(id: ProbeId): boolean {
  return RUNNABLE_PROBES.has(id);
}
