// This machine's speed for each model (issue 16), for the time a run should take before it starts. Kept in the lab's
// settings store per model and GPU, beside the model's self-check (self-check-store.ts), from what each run already
// measures: its models' own request time (ObservedModel) and load time (RunModelInfo.performance).
import type { ProbeId } from '../core/probes/index.ts';
import type { AdapterFacts } from '../engine/preflight.ts';
import type { RunStore } from '../store/runs.ts';
import type { SessionModel } from './lab-session.ts';
import { gpuKey } from './self-check-store.ts';
import { estimateRunSeconds, type ModelSpeed, type SpeedKey } from './time-estimates.ts';

export function modelSpeedKey(modelId: string, adapter: AdapterFacts | null): string {
  return `speed|${modelId}|${gpuKey(adapter)}`;
}

/** A stored speed, or null for none (or a shape this version does not read). */
function readSpeed(value: unknown): ModelSpeed | null {
  if (typeof value !== 'object' || value === null) return null;
  const { secondsPerRecord, loadSecondsFromCache } = value as Partial<ModelSpeed>;
  if (typeof secondsPerRecord !== 'object' || secondsPerRecord === null) return null;
  const valid = Object.entries(secondsPerRecord).filter(([, seconds]) => typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0);
  const load = typeof loadSecondsFromCache === 'number' && Number.isFinite(loadSecondsFromCache) ? loadSecondsFromCache : null;
  return { secondsPerRecord: Object.fromEntries(valid), loadSecondsFromCache: load };
}

/** What a run measured of one model, to keep. */
export interface SpeedMeasurement {
  key: SpeedKey;
  /** Null when the run made no record of it. */
  secondsPerRecord: number | null;
  /** Null unless it loaded from the cache for this run. */
  loadSecondsFromCache: number | null;
}

/**
 * The speeds of the models on this machine's GPU, read from the store when first asked and updated after each run.
 * Says "change" when a speed arrives or changes.
 */
export class ModelSpeeds extends EventTarget {
  private readonly known = new Map<string, ModelSpeed | null>();
  private readonly reading = new Set<string>();

  constructor(
    private readonly store: () => Promise<RunStore>,
    private readonly adapter: () => AdapterFacts | null,
  ) {
    super();
  }

  /** The model's speed, null when none was measured here; undefined while it is being read (a "change" follows). */
  speedOf(modelId: string): ModelSpeed | null | undefined {
    const key = modelSpeedKey(modelId, this.adapter());
    if (this.known.has(key)) return this.known.get(key);
    if (!this.reading.has(key)) {
      this.reading.add(key);
      void this.store()
        .then((store) => store.getSetting(key))
        .then(readSpeed, () => null)
        .then((speed) => {
          this.reading.delete(key);
          this.known.set(key, speed);
          this.dispatchEvent(new Event('change'));
        });
    }
    return undefined;
  }

  /**
   * Seconds a run of these parameters on these models should take on this machine, from their earlier speeds (see
   * estimateRunSeconds); null when one has none yet, or is still being read.
   */
  estimate(probeId: ProbeId, params: object, models: readonly SessionModel[]): number | null {
    const estimated = models.map((model) => ({
      speed: this.speedOf(model.spec.modelId) ?? null,
      load: model.load.status === 'ready' ? ('loaded' as const) : model.cache?.readyOffline ? ('from-cache' as const) : ('download' as const),
    }));
    return estimateRunSeconds(probeId, params, estimated);
  }

  /** Keeps what a run measured of a model: its newest speed for the probe and mode, and its newest load from the cache. */
  async keep(modelId: string, measured: SpeedMeasurement): Promise<void> {
    const key = modelSpeedKey(modelId, this.adapter());
    const store = await this.store();
    const before = readSpeed(await store.getSetting(key).catch(() => undefined)) ?? { secondsPerRecord: {}, loadSecondsFromCache: null };
    const speed: ModelSpeed = {
      secondsPerRecord:
        measured.secondsPerRecord === null ? before.secondsPerRecord : { ...before.secondsPerRecord, [measured.key]: measured.secondsPerRecord },
      loadSecondsFromCache: measured.loadSecondsFromCache ?? before.loadSecondsFromCache,
    };
    await store.putSetting(key, speed);
    this.known.set(key, speed);
    this.dispatchEvent(new Event('change'));
  }
}
