// Writes a run for people and other tools: JSON that the lab reads back whole (validate.ts), and CSV with one row
// per record for spreadsheets.
import { ordered } from './checks.ts';
import type { RunExport, RunInfo } from './types.ts';

/** The run's fields in the order a reader expects; records start with what names them. */
const RUN_KEYS = ['id', 'probeId', 'specVersion', 'appVersion', 'createdAt', 'updatedAt', 'status', 'schedule', 'params', 'models', 'gpu'];
const RECORD_KEYS = ['probeId', 'modelId', 'index'];

/**
 * The run as JSON, indented, with keys in a fixed order and one record per line (a run file stays readable and
 * about a third of the size of a fully indented one).
 */
export function runToJson(run: RunExport): string {
  const head: [string, unknown][] = [
    ['format', run.format],
    ['schemaVersion', run.schemaVersion],
    ['run', ordered(run.run, RUN_KEYS)],
  ];
  if (run.summary !== undefined) head.push(['summary', ordered(run.summary)]);
  const fields = head.map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`);
  const records = run.records.map((record) => `    ${JSON.stringify(ordered(record, RECORD_KEYS))}`);
  fields.push(records.length === 0 ? '  "records": []' : `  "records": [\n${records.join(',\n')}\n  ]`);
  return `{\n${fields.join(',\n')}\n}\n`;
}

const RUN_COLUMNS = ['run_id', 'probe_id', 'spec_version', 'model_id', 'model_role', 'model_self_check'];

/**
 * The run as CSV (RFC 4180): one row per record, in the file's record order. Columns: run_id, probe_id,
 * spec_version, model_id, model_role, model_self_check (the verdict of the self-check on the GPU, "agrees" or
 * "mismatch", empty without one), index, then every other record field (the union over all records, so
 * records of different kinds share one table), alphabetically, named in snake_case. A field a record lacks, or
 * null, is an empty cell. Lists and objects are written as JSON in one cell, e.g. `[0.1,0.2]`: a cell then always
 * holds one field, and nothing is lost. Cells that a spreadsheet would run as a formula get a leading apostrophe;
 * numbers, negative ones included, stay numbers. Starts with a byte-order mark so that Excel reads it as UTF-8.
 */
export function runToCsv(run: RunExport): string {
  const roles = new Map(run.run.models.map((model) => [model.id, model.role]));
  const selfChecks = new Map(run.run.models.map((model) => [model.id, model.selfCheck?.verdict ?? null]));
  const fieldNames = new Set<string>();
  for (const record of run.records) {
    for (const key of Object.keys(record)) if (!RECORD_KEYS.includes(key)) fieldNames.add(key);
  }
  const recordColumns = ['index', ...[...fieldNames].sort()];
  const header = [...RUN_COLUMNS, ...recordColumns.map(snakeCase)];
  const rows = run.records.map((record) => {
    const fields = record as unknown as Record<string, unknown>;
    const { id, probeId, specVersion } = run.run;
    const model = record.modelId;
    return [id, probeId, specVersion, model, roles.get(model), selfChecks.get(model), ...recordColumns.map((name) => fields[name])];
  });
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return withoutFormula(value);
  return withoutFormula(JSON.stringify(ordered(value)));
}

/** What spreadsheets treat as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function withoutFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** E.g. "base-vs-aligned_rng-0-10_2025-05-01_3f2a9c1b.json": the probe, the day the run began, and its id. */
export function jsonFileName(run: RunExport): string {
  return `${fileStem(run.run)}.json`;
}

export function csvFileName(run: RunExport): string {
  return `${fileStem(run.run)}.csv`;
}

function fileStem(run: RunInfo): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(run.createdAt)?.[0] ?? 'undated';
  const shortId = run.id.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8);
  const probe = run.probeId.replace(/[^a-z0-9-]/g, '');
  return ['base-vs-aligned', probe, day, shortId].filter((part) => part !== '').join('_');
}
