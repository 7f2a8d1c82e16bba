// Every probe spec by id, and the per-probe checks that run files and share links go through.
import type { ProbeChecks } from '../results/index.ts';
import { HIDE_AND_SEEK } from './hide-and-seek/index.ts';
import type { ProbeId } from './index.ts';
import { POEM } from './poem/index.ts';
import { RNG_0_10 } from './rng-0-10/index.ts';
import { RNG_SEQUENCE } from './rng-sequence/index.ts';
import { RPS } from './rps/index.ts';

export const PROBES = {
  'rng-0-10': RNG_0_10,
  'rng-sequence': RNG_SEQUENCE,
  rps: RPS,
  'hide-and-seek': HIDE_AND_SEEK,
  poem: POEM,
} as const satisfies Record<ProbeId, unknown>;

export const PROBE_CHECKS: ProbeChecks = {
  checkParams: (probeId, params) => PROBES[probeId].checkParams(params),
  checkRecord: (probeId, record) => PROBES[probeId].checkRecord(record),
};

/**
 * Whether a run was made with the version of its probe this lab runs. A version changes when the method does (1.1.0
 * fixed how exact mode spells answers), so a run of another version measured something else and is not pooled.
 */
export function isCurrentVersion(run: { probeId: ProbeId; specVersion: string }): boolean {
  return PROBES[run.probeId].version === run.specVersion;
}
