// The one way the lab puts an estimate into words (design.md §7: a number shown carries its N and an interval).
// Charts, tables and pages differ only in how a value is written (a percentage, a signed score, three decimals) and
// in what N counts (answers, rounds, pairs); both are given, the wording is not.
import { msg, str } from '@lit/localize';
import { countText, formatNumber, type CountForms } from '../../src/app/format.ts';
import type { Estimate } from '../../src/core/probes/probe.ts';

/** An estimate as charts and share links carry it; `interval` tells an exact value (read from the model) apart. */
export type EstimateLike = Pick<Estimate, 'value' | 'lo' | 'hi'> & { n: number | null; interval?: string };

export interface EstimateWording {
  /** How the value and the interval's ends are written, e.g. as a percentage with one decimal. */
  format: (value: number) => string;
  /** What N counts, e.g. "30 sequences"; a bare number when not given. */
  counted?: CountForms;
}

/**
 * The interval and its N, e.g. "95% interval 48.0% to 56.0%, N = 1,500" or "… N = 30 sequences"; for an exact value
 * "exact, no sampling noise". "to" rather than a dash, so that a negative end reads right.
 */
export function intervalWords(estimate: EstimateLike, { format, counted }: EstimateWording): string {
  if (estimate.interval === 'exact') return msg('exact, no sampling noise');
  const lo = format(estimate.lo);
  const hi = format(estimate.hi);
  if (estimate.n === null) return msg(str`95% interval ${lo} to ${hi}, N not known`);
  const n = counted ? countText(estimate.n, counted) : formatNumber(estimate.n);
  return msg(str`95% interval ${lo} to ${hi}, N = ${n}`);
}

/** The value, then its interval and N: "52.0% (95% interval 48.0% to 56.0%, N = 1,500)", "9.1% (exact, no sampling noise)". */
export function estimateWords(estimate: EstimateLike, wording: EstimateWording): string {
  return msg(str`${wording.format(estimate.value)} (${intervalWords(estimate, wording)})`);
}
