// How long things will take, in the reader's language (issue 16): a download's rate and time left, a run's time
// left, and the time a run should take before it starts. The numbers come from src/app/time-estimates.ts.
import { msg, str } from '@lit/localize';
import { formatDuration, formatRate } from '../../src/app/format.ts';
import type { RunState } from '../../src/app/run-controller.ts';
import { runSecondsLeft } from '../../src/app/time-estimates.ts';

/** A download's rate and time left, e.g. "12 MB/s · about 3 min left"; empty before its first bytes. */
export function downloadLeftText(bytesPerSecond: number | null, secondsLeft: number | null): string {
  if (bytesPerSecond === null || secondsLeft === null) return '';
  return msg(str`${formatRate(bytesPerSecond)} · about ${formatDuration(secondsLeft)} left`);
}

/** A running run's time left from its speed so far (or its estimate before the first record); empty when unknown. */
export function runLeftText(run: Pick<RunState, 'progress' | 'timing'>, now = performance.now()): string {
  const timing = run.timing;
  if (!timing) return '';
  const seconds = runSecondsLeft({ atStart: timing.progressAtStart, now: run.progress }, (now - timing.startedAt) / 1000, timing.estimateSeconds);
  return seconds === null ? msg('Working out the time left…') : msg(str`About ${formatDuration(seconds)} left`);
}

/** The time a run should take on this machine, before it starts, or why it cannot be told yet. */
export function runEstimateText(seconds: number | null): string {
  return seconds === null
    ? msg('This machine has not run these models on this experiment yet: the time left shows once the run starts.')
    : msg(str`On this machine, from its earlier speed, the run should take about ${formatDuration(seconds)}.`);
}
