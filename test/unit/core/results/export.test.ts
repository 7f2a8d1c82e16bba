import { describe, expect, it } from 'vitest';
import { csvFileName, jsonFileName, runToCsv, runToJson, type RunExport } from '../../../../src/core/results/index.ts';
import { sampleRun } from './support.ts';

/** A strict RFC 4180 reader: it throws on a quote, CR or LF outside a quoted cell, so bad quoting cannot pass. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') {
        cell += char;
      } else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (char === '"' || char === '\r' || char === '\n') {
      throw new Error(`unquoted ${JSON.stringify(char)} at ${i}`);
    } else {
      cell += char;
    }
  }
  if (quoted || cell !== '' || row.length > 0) throw new Error('the last row does not end with CRLF');
  return rows;
}

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversedKeys(item)]));
}

describe('runToJson', () => {
  it('writes the same text however the run\'s objects were built', () => {
    const run = sampleRun();
    expect(runToJson(reversedKeys(run) as RunExport)).toBe(runToJson(run));
  });

  it('writes the run first, in its documented order, and one record per line', () => {
    const lines = runToJson(sampleRun()).split('\n');
    expect(lines.slice(0, 5)).toEqual(['{', '  "format": "base-vs-aligned-run",', '  "schemaVersion": 1,', '  "run": {', '    "id": "3f2a9c1b-7d4e-4b8a-9c2d-0123456789ab",']);
    const records = lines.filter((line) => line.startsWith('    {"probeId"'));
    expect(records).toHaveLength(6);
    expect(records[0]).toBe('    {"probeId":"rng-0-10","modelId":"Llama-3.1-8B-q4f16_1-MLC","index":0,"answer":3,"kind":"sample","text":" 3"},');
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(runToJson(sampleRun()))).toEqual(sampleRun());
  });

  it('writes an empty record list and a summary', () => {
    const run: RunExport = { ...sampleRun(), records: [], summary: { b: 1, a: [{ d: 2, c: 3 }] } };
    const text = runToJson(run);
    expect(text).toContain('  "records": []\n}');
    expect(text).toContain('"summary": {\n    "a": [\n      {\n        "c": 3,\n        "d": 2');
    expect(JSON.parse(text)).toEqual(run);
  });
});

describe('runToCsv', () => {
  const csv = runToCsv(sampleRun());

  it('starts with a byte-order mark and ends every row with CRLF', () => {
    expect(csv.startsWith('\uFEFFrun_id,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes one row per record under the documented columns', () => {
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual(['run_id', 'probe_id', 'spec_version', 'model_id', 'model_role', 'model_self_check', 'index', 'answer', 'kind', 'text']);
    expect(rows).toHaveLength(7);
    expect(rows[1]).toEqual(['3f2a9c1b-7d4e-4b8a-9c2d-0123456789ab', 'rng-0-10', '1.0.0', 'Llama-3.1-8B-q4f16_1-MLC', 'base', '', '0', '3', 'sample', ' 3']);
    expect(rows.slice(1).map((row) => row[4])).toEqual(['base', 'instruct', 'base', 'instruct', 'base', 'instruct']);
  });

  it('names each model’s self-check verdict on its rows, and leaves it empty without one', () => {
    const run = sampleRun();
    const [first, second] = run.run.models;
    run.run.models = [{ ...first!, selfCheck: { verdict: 'mismatch' } as never }, second!];
    const rows = readCsv(runToCsv(run).slice(1));
    expect(rows.slice(1).map((row) => row[5])).toEqual(['mismatch', '', 'mismatch', '', 'mismatch', '']);
  });

  it('quotes commas, quotes and newlines, keeps unicode, and leaves null empty', () => {
    const rows = readCsv(csv.slice(1));
    expect(rows[4]![9]).toBe('Sure, "7"\nis random');
    expect(csv).toContain('"Sure, ""7""\nis random"');
    expect(rows[3]![7]).toBe('');
    expect(rows[5]![9]).toBe('七 🎲 -2+3');
  });

  it('neutralises formula cells but keeps negative numbers as numbers', () => {
    const rows = readCsv(csv.slice(1));
    expect(rows[3]![9]).toBe('\'=HYPERLINK("http://x","y")');
    expect(rows[6]![9]).toBe('-4');
    const run = sampleRun();
    const texts = ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx', '-', '-.5e3', '-0.25', 'plain'];
    run.records = texts.map((text, index) => ({ ...run.records[0]!, index, text, answer: -index }) as RunExport['records'][number]);
    const cells = readCsv(runToCsv(run).slice(1)).slice(1);
    expect(cells.map((row) => row[9])).toEqual(["'+1", "'-1+2", "'@SUM(A1)", "'\tx", "'\rx", "'-", '-.5e3', '-0.25', 'plain']);
    expect(cells.map((row) => row[7])).toEqual(['0', '-1', '-2', '-3', '-4', '-5', '-6', '-7', '-8']);
  });

  it('writes lists and objects as JSON in one cell, and takes the union of fields over all records', () => {
    const run = sampleRun();
    run.run.params.mode = 'exact';
    run.records = [
      { ...run.records[0]!, kind: 'distribution', probabilities: [0.5, 0.25, 0.25], forwardPasses: 3, meta: { b: '=x', a: null } },
      run.records[1]!,
    ] as RunExport['records'];
    const rows = readCsv(runToCsv(run).slice(1));
    expect(rows[0]).toEqual([
      'run_id',
      'probe_id',
      'spec_version',
      'model_id',
      'model_role',
      'model_self_check',
      'index',
      'answer',
      'forward_passes',
      'kind',
      'meta',
      'probabilities',
      'text',
    ]);
    expect(rows[1]!.slice(7)).toEqual(['3', '3', 'distribution', '{"a":null,"b":"=x"}', '[0.5,0.25,0.25]', ' 3']);
    expect(rows[2]!.slice(7)).toEqual(['7', '', 'sample', '', '', '7']);
  });
});

describe('file names', () => {
  it('name the probe, the day the run began and the run', () => {
    expect(jsonFileName(sampleRun())).toBe('base-vs-aligned_rng-0-10_2025-05-01_3f2a9c1b.json');
    expect(csvFileName(sampleRun())).toBe('base-vs-aligned_rng-0-10_2025-05-01_3f2a9c1b.csv');
  });

  it('keep only safe characters', () => {
    const run = sampleRun();
    run.run.id = '../../..:/ETC';
    expect(csvFileName(run)).toBe('base-vs-aligned_rng-0-10_2025-05-01_etc.csv');
    run.run.id = '___';
    run.run.createdAt = 'not a date';
    expect(jsonFileName(run)).toBe('base-vs-aligned_rng-0-10_undated.json');
  });
});
