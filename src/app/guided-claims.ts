// The claims a visitor can check in one go from the home page ("Check this claim"): which experiment answers each,
// in its recommended mode (the probe's default parameters: exact where the probe has it, for no sampling noise and
// seconds instead of minutes). Kept apart from the probes' code, so the home page and the router name the claims
// without loading it. The ids are the Claims page's (src/app/claims.ts).
import type { ProbeId } from '../core/probes/index.ts';

export const GUIDED_CLAIM_IDS = ['seven', 'repeats', 'games', 'poems'] as const;
export type GuidedClaimId = (typeof GUIDED_CLAIM_IDS)[number];

/** The experiment a guided run of each claim makes (the games claim has two: rock-paper-scissors comes first). */
export const GUIDED_PROBES: Readonly<Record<GuidedClaimId, ProbeId>> = {
  seven: 'rng-0-10',
  repeats: 'rng-sequence',
  games: 'rps',
  poems: 'poem',
};

export function isGuidedClaimId(value: string): value is GuidedClaimId {
  return (GUIDED_CLAIM_IDS as readonly string[]).includes(value);
}
