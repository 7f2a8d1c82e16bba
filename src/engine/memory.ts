// Will two models fit on the GPU at once? web-llm never checks (it lists vram_required_MB and lets the GPU run out:
// webllm-notes "things that bite"), and WebGPU does not tell a page how much memory the GPU has. What the lab can
// know: each model's GPU memory from web-llm's list, and the device's memory from `navigator.deviceMemory` (Chrome
// and Edge; rounded down to a power of two and capped at 8 GB, so "8" means "8 or more"). Before a second model
// loads, the lab says plainly what the two need together and what it knows of the GPU.

export interface ModelMemory {
  name: string;
  /** GPU memory web-llm lists for the model (at a 4,096-token context: an upper bound for the lab's 2,048). */
  vramMB: number;
}

/**
 * "too-much": the device reports less memory in all than the two models need, so they cannot both fit.
 * "may-not-fit": the two need more than MEMORY_NOTE_ABOVE_MB and the browser does not say whether the GPU has it.
 */
export type MemoryVerdict = 'too-much' | 'may-not-fit';

export interface MemoryNote {
  verdict: MemoryVerdict;
  /** What all of them need at once, in MB. */
  neededMB: number;
  /** The models already loaded (or loading) beside the next one. */
  alongside: string[];
  /** The device's memory as the browser reports it, in GB; null when it does not. */
  deviceMemoryGB: number | null;
}

/** Below this, two models together fit on any GPU that runs WebGPU models at all; the lab says nothing. */
export const MEMORY_NOTE_ABOVE_MB = 4000;

/** `navigator.deviceMemory`'s largest value: a device that reports it may have much more. */
const DEVICE_MEMORY_CAP_GB = 8;

/**
 * What to tell the user before `next` loads beside `alongside`, or null when there is nothing to say (nothing else
 * loaded, or a small pair). Never "fits": nothing a page can read says that it will.
 */
export function memoryNote(next: ModelMemory, alongside: readonly ModelMemory[], deviceMemoryGB: number | null): MemoryNote | null {
  if (alongside.length === 0) return null;
  const neededMB = [next, ...alongside].reduce((sum, model) => sum + model.vramMB, 0);
  const known = deviceMemoryGB !== null && deviceMemoryGB > 0 && deviceMemoryGB < DEVICE_MEMORY_CAP_GB ? deviceMemoryGB : null;
  const note = { neededMB, alongside: alongside.map((model) => model.name), deviceMemoryGB };
  if (known !== null && neededMB > known * 1024) return { verdict: 'too-much', ...note };
  if (neededMB > MEMORY_NOTE_ABOVE_MB) return { verdict: 'may-not-fit', ...note };
  return null;
}
