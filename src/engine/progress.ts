// Reads web-llm's load progress reports. Its `progress` restarts from 0 in each phase and the phase is only
// in the text (web-llm 0.2.86 / tvmjs `fetchTensorCacheInternal` and `Finish loading on …`), so the text
// decides the phase and the byte count.
import type { LoadPhase, LoadProgress } from './protocol.ts';

const MiB = 2 ** 20;

const PHASES: [prefix: string, phase: LoadPhase][] = [
  ['Fetching param cache', 'downloading'],
  ['Loading model from cache', 'reading-cache'],
  ['Loading GPU shader modules', 'compiling'],
  ['Finish loading', 'ready'],
];

export function readProgressReport(report: { progress: number; text: string }): LoadProgress {
  const phase = PHASES.find(([prefix]) => report.text.startsWith(prefix))?.[1] ?? 'preparing';
  const fraction = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : 0;
  const progress: LoadProgress = { phase, fraction, text: report.text };
  const megabytes = /\]: (\d+)MB (?:fetched|loaded)/.exec(report.text)?.[1];
  if (megabytes !== undefined) progress.bytesDone = Number(megabytes) * MiB;
  return progress;
}
