// Numbers, sizes and dates as the reader's language writes them (Intl), so every number shown goes through here.
import { currentLanguage } from './locale.ts';

function locale(): string {
  return currentLanguage();
}

/** A number with at most `digits` decimals, e.g. 1,234.5 / 1,234.5. */
export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/**
 * A phrase with a count in it, one form per plural category of the reader's language; each form is given the count
 * as shown. English needs `one` and `other`; Japanese uses `other` only, so its `one` repeats it.
 */
export interface CountForms {
  one: (count: string) => string;
  other: (count: string) => string;
}

/**
 * A count in words, e.g. "1 run" but "3 runs": the form is the one the reader's language's plural rules
 * (Intl.PluralRules) give for the count as it is shown, with at most `digits` decimals. Every count shown to people
 * goes through here (test/unit/i18n/plural-counts.test.ts finds the ones that do not).
 */
export function countText(count: number, forms: CountForms, digits = 0): string {
  const category = new Intl.PluralRules(locale(), { minimumFractionDigits: 0, maximumFractionDigits: digits }).select(count);
  return (category === 'one' ? forms.one : forms.other)(formatNumber(count, digits));
}

/** A fixed number of decimals, e.g. 0.091 (for probabilities and divergences). */
export function formatFixed(value: number, digits: number): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share as a percentage, e.g. 9.1%. */
export function formatPercent(share: number, digits = 1): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share);
}

/** A p-value: exact to three significant digits, or "< 0.0001". */
export function formatPValue(p: number): string {
  if (p < 1e-4) return `< ${formatFixed(1e-4, 4)}`;
  return new Intl.NumberFormat(locale(), { maximumSignificantDigits: 3 }).format(p);
}

/** Bytes in MB or GB (decimal units, as download sizes are usually given), e.g. 1.9 GB. */
export function formatBytes(bytes: number): string {
  const gigabytes = bytes / 1e9;
  const [value, unit] = gigabytes >= 1 ? [gigabytes, 'gigabyte'] : [bytes / 1e6, 'megabyte'];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** A date and time, e.g. 28 Nov 2026, 14:05. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A download's rate, e.g. 12 MB/s. */
export function formatRate(bytesPerSecond: number): string {
  const megabytes = bytesPerSecond / 1e6;
  const digits = megabytes < 10 ? 1 : 0;
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'megabyte-per-second', unitDisplay: 'short', maximumFractionDigits: digits }).format(megabytes);
}

/** A duration in seconds, as "1 hr 5 min", "2 min 5 s" or "40 s"; at least one second (for time left, "0 s" reads as done). */
export function formatDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale(), { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (hours > 0) return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
  return minutes > 0 ? `${unit(minutes, 'minute')} ${unit(rest, 'second')}` : unit(rest, 'second');
}
