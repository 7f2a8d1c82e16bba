// The probes of design.md §4. A probe is runnable only once its spec, parser and analysis exist and are
// tested; until then the app marks the paper's claim that it tests as "not yet runnable".

export type ProbeId = 'rng-0-10' | 'rng-sequence' | 'rps' | 'hide-and-seek' | 'poem';

export const RUNNABLE_PROBES: ReadonlySet<ProbeId> = new Set<ProbeId>();

export function isProbeRunnable(id: ProbeId): boolean {
  return RUNNABLE_PROBES.has(id);
}
