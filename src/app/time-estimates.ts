// How long things will take, for the person waiting (issue 16): a download's rate and time left, a run's time left
// from its speed so far, and, before a run starts, an estimate from this machine's earlier speed for each model.
// Pure functions of what was measured; the speeds themselves are kept by model-speed.ts.
import type { ProbeId } from '../core/probes/index.ts';
import type { RunMode } from '../core/probes/probe.ts';

/** A probe in one mode: speeds differ by both (an exact score is not a sampled answer). */
export type SpeedKey = `${ProbeId}/${RunMode}`;

export function speedKey(probeId: ProbeId, mode: RunMode): SpeedKey {
  return `${probeId}/${mode}`;
}

/** What this machine measured for one model on its GPU: per record of each probe and mode, and its load from the cache. */
export interface ModelSpeed {
  /** Seconds of the model's own requests per record made (its self-check left out: it runs once per model and GPU). */
  secondsPerRecord: Partial<Record<SpeedKey, number>>;
  /** Seconds its last load from this browser's cache took; null until it has loaded from the cache once. */
  loadSecondsFromCache: number | null;
}

/**
 * The records a run of these parameters makes per model when every answer is valid: one distribution for an exact
 * rng-0-10 run, `n` answers or sequences, one per round, one per poem. (Invalid answers asked again add to it; the
 * time left, read from the progress so far, takes them in.)
 */
export function plannedRecords(probeId: ProbeId, given: object): number {
  const params = given as Record<string, unknown>;
  const whole = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : 0);
  switch (probeId) {
    case 'rng-0-10':
      return params.mode === 'exact' ? 1 : whole(params.n);
    case 'rng-sequence':
      return whole(params.n);
    case 'rps':
    case 'hide-and-seek':
      return whole(params.rounds);
    case 'poem':
      return (Array.isArray(params.topics) ? params.topics.length : 0) * whole(params.poemsPerPrompt);
  }
}

/** One model of a run about to start: its speed on this machine (null: none measured yet) and whether it must load first. */
export interface EstimatedModel {
  speed: ModelSpeed | null;
  /** Loaded already (nothing to add), to be loaded from the cache, or to be downloaded (its time is the download's). */
  load: 'loaded' | 'from-cache' | 'download';
}

/**
 * Seconds a run should take on this machine, from each model's earlier speed on this probe and mode (its loads from
 * the cache included); null when any model has no such speed yet. A download's time is not in it: it is shown as the
 * download goes, from its own rate.
 */
export function estimateRunSeconds(probeId: ProbeId, params: object, models: readonly EstimatedModel[]): number | null {
  const mode = (params as { mode?: unknown }).mode;
  if (models.length === 0 || (mode !== 'exact' && mode !== 'sampled')) return null;
  const key = speedKey(probeId, mode);
  let seconds = 0;
  for (const model of models) {
    const perRecord = model.speed?.secondsPerRecord[key];
    if (perRecord === undefined) return null;
    seconds += perRecord * plannedRecords(probeId, params);
    if (model.load === 'from-cache') seconds += model.speed?.loadSecondsFromCache ?? 0;
  }
  return seconds;
}

/**
 * A run's time left from its speed so far: the time since it (re)started, scaled by the progress still to make over
 * the progress made since. Before the first progress, the estimate made before the start, less the time gone, if
 * there was one; else null.
 */
export function runSecondsLeft(progress: { atStart: number; now: number }, secondsSinceStart: number, estimate: number | null): number | null {
  const made = progress.now - progress.atStart;
  if (made > 0) return (secondsSinceStart * (1 - progress.now)) / made;
  return estimate === null ? null : Math.max(0, estimate - secondsSinceStart);
}

/** A download in progress, over one or more models: bytes so far, of how many, at what rate, and the time left. */
export interface DownloadView {
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second so far; null before the first bytes. */
  bytesPerSecond: number | null;
  secondsLeft: number | null;
}

/** Several models' downloads as one: their bytes added up, their rates added up (they download at the same time). */
export function combineDownloads(parts: readonly Pick<DownloadView, 'bytesDone' | 'bytesTotal' | 'bytesPerSecond'>[]): DownloadView {
  const bytesDone = parts.reduce((sum, part) => sum + part.bytesDone, 0);
  const bytesTotal = parts.reduce((sum, part) => sum + part.bytesTotal, 0);
  const rates = parts.map((part) => part.bytesPerSecond).filter((rate): rate is number => rate !== null && rate > 0);
  const bytesPerSecond = rates.length > 0 ? rates.reduce((sum, rate) => sum + rate, 0) : null;
  const secondsLeft = bytesPerSecond ? Math.max(0, bytesTotal - bytesDone) / bytesPerSecond : null;
  return { bytesDone, bytesTotal, bytesPerSecond, secondsLeft };
}

/** What a polite live region last said, and when. */
export interface Announcement {
  text: string;
  /** What the text is about (e.g. the phase); a new topic is said at once. */
  topic: string;
  at: number;
}

/** How often a changing progress is said again to screen readers: often enough to follow, not on every tick. */
export const ANNOUNCE_EVERY_MS = 15_000;

/**
 * What a polite live region should say now: a new topic (a phase begins, a run ends) at once; the same topic's
 * newer numbers only once `ANNOUNCE_EVERY_MS` has passed since it last spoke; otherwise what it said last, so the
 * region's text does not change and nothing is read out.
 */
export function nextAnnouncement(last: Announcement | null, text: string, topic: string, now: number): Announcement {
  if (!last || last.topic !== topic || (last.text !== text && now - last.at >= ANNOUNCE_EVERY_MS)) return { text, topic, at: now };
  return last;
}
