// What a model's load progress means for the person waiting: how far, how many bytes of how many, how long left.
import type { SessionModel } from './lab-session.ts';
import type { WeightVariant } from '../engine/preflight.ts';

export interface LoadProgressView {
  phase: 'preparing' | 'downloading' | 'reading-cache' | 'compiling' | 'ready';
  /** 0 … 1 within the phase. */
  fraction: number;
  bytesDone: number | null;
  /** The catalog's size of the weights (an estimate where the catalog says so). */
  bytesTotal: number | null;
  /** The download's rate so far, in bytes per second; null outside the download or before its first bytes. */
  bytesPerSecond: number | null;
  /** Seconds left for the download, when the speed so far and the size are known. */
  secondsLeft: number | null;
}

export function loadProgressView(model: SessionModel, variant: WeightVariant): LoadProgressView | null {
  if (model.load.status !== 'loading') return null;
  const progress = model.load.progress;
  const bytesTotal = model.catalog.variants[variant]?.downloadBytes ?? null;
  const bytesDone = progress?.bytesDone ?? null;
  const rate = progress?.phase === 'downloading' && model.load.bytesPerSecond ? model.load.bytesPerSecond : null;
  const secondsLeft = rate && bytesTotal !== null && bytesDone !== null ? Math.max(0, (bytesTotal - bytesDone) / rate) : null;
  return { phase: progress?.phase ?? 'preparing', fraction: progress?.fraction ?? 0, bytesDone, bytesTotal, bytesPerSecond: rate, secondsLeft };
}
