// What each bench section returns, and the table printer they share.

export interface SectionResult {
  /** The top-level key of bench/results.json this section owns. */
  key: string;
  value: unknown;
  /** False when a measurement breaks its budget; the bench then exits non-zero. */
  withinBudget: boolean;
}

export type Row = [label: string, value: string, note?: string];

export const integer = new Intl.NumberFormat('en');

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value, note = ''] of rows) console.log(`  ${label.padEnd(width)}  ${value.padStart(12)}  ${note}`);
}
