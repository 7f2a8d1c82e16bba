// The run form's working copy of a probe's parameters: starts from the probe's defaults, edited field by field,
// checked by the probe's own checkParams before a run starts.
import { OPPONENT_ZOO } from '../core/games/index.ts';
import { PROBE_IDS, type ProbeId } from '../core/probes/index.ts';
import type { RunMode } from '../core/probes/probe.ts';
import { PROBES } from '../core/probes/registry.ts';

export type RunDraft = Record<string, unknown> & { mode: string; framing: string; temperature: number; seed: number };

export function draftFor(probeId: ProbeId): RunDraft {
  return structuredClone(PROBES[probeId].defaultParams) as unknown as RunDraft;
}

/** The probe's checked parameters, or the reason they are not acceptable (in the probe's words). */
export function checkDraft(probeId: ProbeId, draft: RunDraft): { ok: true; params: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, params: PROBES[probeId].checkParams(draft) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

export function isProbeId(value: unknown): value is ProbeId {
  return typeof value === 'string' && (PROBE_IDS as readonly string[]).includes(value);
}

/** Splits a list typed one item per line or comma-separated (places, poem topics), dropping empty items. */
export function listFromText(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export { PROBE_IDS };

/** The modes a probe can run in (the poem probe only samples). */
export function probeModes(probeId: ProbeId): readonly RunMode[] {
  return PROBES[probeId].modes;
}

/** The ids of the game opponents, weakest first. */
export const OPPONENT_IDS: readonly string[] = OPPONENT_ZOO.map((opponent) => opponent.id);
