// Where this machine keeps each model's self-check (issue 13): in the lab's settings store, per lab version, model
// and GPU, so a model is checked once per GPU and a later exact run of it reuses the result.
import type { SelfCheckResult } from '../core/results/index.ts';
import type { AdapterFacts } from '../engine/preflight.ts';
import type { RunStore } from '../store/runs.ts';
import { APP_VERSION } from './version.ts';

/** A GPU as settings keys name it: the adapter as the browser reports it. */
export function gpuKey(adapter: AdapterFacts | null): string {
  return adapter ? [adapter.vendor, adapter.architecture, adapter.device, adapter.description].join('/') : 'unknown';
}

/** The settings key of a model's self-check on a GPU. */
export function selfCheckKey(modelId: string, adapter: AdapterFacts | null): string {
  return `self-check|${APP_VERSION}|${modelId}|${gpuKey(adapter)}`;
}

/** A model's self-check on this GPU as this machine keeps it, or null when there is none (or an older shape). */
export async function storedSelfCheckOf(store: RunStore, modelId: string, adapter: AdapterFacts | null): Promise<SelfCheckResult | null> {
  const check = (await store.getSetting(selfCheckKey(modelId, adapter)).catch(() => undefined)) as Partial<SelfCheckResult> | undefined;
  return check && (check.verdict === 'agrees' || check.verdict === 'mismatch') && Array.isArray(check.observed) ? (check as SelfCheckResult) : null;
}

export async function keepSelfCheck(store: RunStore, modelId: string, adapter: AdapterFacts | null, result: SelfCheckResult): Promise<void> {
  await store.putSetting(selfCheckKey(modelId, adapter), result);
}
