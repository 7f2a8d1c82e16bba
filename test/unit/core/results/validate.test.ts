import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, parseRunExport, runToJson, type ProbeChecks, type RunExport } from '../../../../src/core/results/index.ts';
import { fakeChecks, mismatchedSelfCheck, sampleRun } from './support.ts';

type Json = Record<string, unknown> & { run: Record<string, unknown> & { models: Record<string, unknown>[] }; records: Record<string, unknown>[] };

/** The sample run as plain JSON data, for editing into broken files. */
function sampleFile(): Json {
  return JSON.parse(runToJson(sampleRun())) as Json;
}

function problemsOf(file: unknown, checks: ProbeChecks = fakeChecks): string[] {
  const result = parseRunExport(typeof file === 'string' ? file : JSON.stringify(file), checks);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

describe('parseRunExport: files the lab wrote', () => {
  it('reads back exactly the run that was exported', () => {
    const run = sampleRun();
    expect(parseRunExport(runToJson(run), fakeChecks)).toEqual({ ok: true, value: run });
  });

  it('keeps the summary written with the run', () => {
    const run: RunExport = { ...sampleRun(), summary: { models: [{ modelId: 'x', pSeven: { value: 0.5 } }] } };
    expect(parseRunExport(runToJson(run), fakeChecks)).toEqual({ ok: true, value: run });
  });

  it('reads a run with no GPU, no records and a pinned revision', () => {
    const run = sampleRun();
    run.run.gpu = null;
    run.run.status = 'running';
    run.records = [];
    expect(parseRunExport(runToJson(run), fakeChecks)).toEqual({ ok: true, value: run });
  });

  it('returns what the probe checks return, so fields they do not know are dropped', () => {
    const file = sampleFile();
    file.records[0]!.injected = '<script>';
    (file.run.params as Record<string, unknown>).extra = 1;
    file.run.unknownField = 'x';
    const result = parseRunExport(JSON.stringify(file), fakeChecks);
    expect(result).toEqual({ ok: true, value: sampleRun() });
  });

  it('reads back the schedule, each model’s load time and speed, and its self-check on the GPU', () => {
    const run = sampleRun();
    run.run.schedule = 'one-model-at-a-time';
    run.run.models[0] = {
      ...run.run.models[0]!,
      performance: { loadSeconds: 12.5, weightsFromCache: true, tokensPerSecond: 31.2, generatedTokens: 400 },
      selfCheck: mismatchedSelfCheck({ runId: run.run.id }),
    };
    expect(parseRunExport(runToJson(run), fakeChecks)).toEqual({ ok: true, value: run });
  });

  it('reads an impossible sample’s infinite statistic, which JSON writes as null', () => {
    const file = sampleFile();
    file.run.models[0]!.selfCheck = {
      verdict: 'mismatch',
      categories: ['7', 'other'],
      expected: [1, 0],
      observed: [150, 50],
      statistic: null,
      pValue: 0,
      alpha: 0.01,
      probeId: 'rng-0-10',
      checkedAt: '2025-05-01T12:00:00.000Z',
      runId: 'r1',
      gpuDescription: '',
    };
    const result = parseRunExport(JSON.stringify(file), fakeChecks);
    expect(result.ok && result.value.run.models[0]?.selfCheck?.statistic).toBe(Infinity);
  });

  it('refuses a wrong schedule, performance or self-check, saying which', () => {
    const wrongSchedule = sampleFile();
    wrongSchedule.run.schedule = 'sometimes';
    expect(problemsOf(wrongSchedule).join('\n')).toContain('"schedule"');
    const file = sampleFile();
    file.run.models[0]!.performance = { loadSeconds: -1, weightsFromCache: 'yes', tokensPerSecond: null, generatedTokens: 1 };
    file.run.models[1]!.selfCheck = { verdict: 'fine', categories: ['7'], expected: [1, 0], observed: [1] };
    const problems = problemsOf(file).join('\n');
    expect(problems).toContain('"loadSeconds"');
    expect(problems).toContain('"weightsFromCache"');
    expect(problems).toContain('"verdict"');
  });

  it('accepts records of the models in any interleaving, each model in index order', () => {
    const run = sampleRun();
    run.records = [...run.records.filter((r) => r.modelId === run.run.models[1]!.id), ...run.records.filter((r) => r.modelId === run.run.models[0]!.id)];
    expect(parseRunExport(runToJson(run), fakeChecks).ok).toBe(true);
  });
});

describe('parseRunExport: files that are not lab runs', () => {
  it('refuses text that is not JSON, and empty files', () => {
    expect(problemsOf('{"format": "base-vs-aligned-run",')[0]).toMatch(/^This file is not a lab run: it is not valid JSON \(.+\)\.$/);
    expect(problemsOf('   \n')).toEqual(['This file is empty.']);
    expect(problemsOf('[1, 2]')).toEqual(['This file is not a lab run: it holds a list, not a run.']);
  });

  it('names a missing or wrong format', () => {
    const file = sampleFile();
    delete file.format;
    expect(problemsOf(file)).toEqual(['This file is not a lab run: it has no "format" field.']);
    expect(problemsOf({ ...file, format: 'chrome-trace' })).toEqual([
      'This file is not a lab run: its "format" is "chrome-trace", not "base-vs-aligned-run".',
    ]);
  });

  it('tells a file from a newer lab apart from a broken version number', () => {
    expect(problemsOf({ ...sampleFile(), schemaVersion: 2 })).toEqual([
      'This file was made by a newer version of the lab (run file version 2; this version reads version 1). Open it in the newest version of the lab.',
    ]);
    expect(problemsOf({ ...sampleFile(), schemaVersion: '1' })).toEqual(['This file\'s "schemaVersion" must be 1; it is "1".']);
    expect(problemsOf({ ...sampleFile(), schemaVersion: 0 })).toEqual(['This file\'s "schemaVersion" must be 1; it is 0.']);
  });

  it('refuses files over the size limit before parsing, counting UTF-8 bytes', () => {
    const text = runToJson(sampleRun());
    expect(parseRunExport(text, fakeChecks, { maxBytes: 1500 })).toEqual({
      ok: false,
      problems: ['This file is too large: the lab reads run files of up to 1.5 kB.'],
    });
    expect(parseRunExport(' '.repeat(20_000_001), fakeChecks)).toEqual({
      ok: false,
      problems: ['This file is too large: the lab reads run files of up to 20 MB.'],
    });
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(bytes).toBeGreaterThan(text.length);
    expect(parseRunExport(text, fakeChecks, { maxBytes: bytes }).ok).toBe(true);
    expect(parseRunExport(text, fakeChecks, { maxBytes: bytes - 1 }).ok).toBe(false);
    // 'é' is one character but two bytes: the character count alone would let this through.
    const accented = JSON.stringify({ format: 'é'.repeat(600) });
    expect(parseRunExport(accented, fakeChecks, { maxBytes: 1000 }).ok).toBe(false);
    expect(problemsOf(accented)[0]).toMatch(/"format" is "éééé/);
    // A character outside the BMP is two UTF-16 units and four bytes.
    expect(parseRunExport(`"${'🎲'.repeat(250)}"`, fakeChecks, { maxBytes: 1001 }).ok).toBe(false);
    expect(parseRunExport(`"${'🎲'.repeat(250)}"`, fakeChecks, { maxBytes: 1002 })).toEqual({
      ok: false,
      problems: ['This file is not a lab run: it holds "🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲🎲"…, not a run.'],
    });
  });

  it('refuses more records than the limit', () => {
    expect(parseRunExport(runToJson(sampleRun()), fakeChecks, { maxRecords: 5 })).toEqual({
      ok: false,
      problems: ['This file has 6 records; the lab reads at most 5.'],
    });
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const deep = { ...sampleFile(), summary: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown };
    expect(problemsOf(deep)).toEqual(['This file is not a lab run: it is nested more than 32 levels deep.']);
    const veryDeep = `{"format":"base-vs-aligned-run","summary":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(parseRunExport(veryDeep, fakeChecks).ok).toBe(false);
  });

  it('refuses prototype-pollution keys anywhere, and pollutes nothing', () => {
    const text = runToJson(sampleRun()).replace('"records": [\n', '"records": [\n    {"__proto__": {"polluted": true}, "probeId": "rng-0-10"},\n');
    expect(problemsOf(text)).toEqual(['This file is not a lab run: it has a field named "__proto__", which the lab never writes.']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const withConstructor = runToJson(sampleRun()).replace('"params": {', '"params": {\n "constructor": {"prototype": {}},');
    expect(problemsOf(withConstructor)).toEqual(['This file is not a lab run: it has a field named "constructor", which the lab never writes.']);
  });
});

describe('parseRunExport: the run and its models', () => {
  it('names each wrong field of the run', () => {
    const file = sampleFile();
    Object.assign(file.run, { id: '', probeId: 'dice', specVersion: 'one', createdAt: '1 May 2025', updatedAt: '2025-13-45T99:99:99Z', status: 'done', gpu: 'fast' });
    expect(problemsOf(file)).toEqual([
      'The run\'s "id" is empty.',
      'The run\'s "probeId" must be one of rng-0-10, rng-sequence, rps, hide-and-seek, poem; it is "dice".',
      'The run\'s "specVersion" must be a version such as "1.0.0"; it is "one".',
      'The run\'s "createdAt" must be a date and time such as "2025-05-01T12:00:00.000Z"; it is "1 May 2025".',
      'The run\'s "updatedAt" is not a real date: "2025-13-45T99:99:99Z".',
      'The run\'s "status" must be one of running, complete, incomplete, failed; it is "done".',
      'The run\'s "gpu" must be an object or null; it is "fast".',
    ]);
  });

  it('reports the probe\'s own message for bad parameters', () => {
    const file = sampleFile();
    (file.run.params as Record<string, unknown>).seed = -1;
    expect(problemsOf(file)).toEqual(["The run's parameters are not valid: The seed must be a whole number of 0 or more."]);
    file.run.params = [1];
    expect(problemsOf(file)).toEqual(["The run's parameters must be an object; they are a list."]);
  });

  it('needs 1 to 4 models with unique ids, known roles and variants', () => {
    const file = sampleFile();
    const [first, second] = file.run.models;
    expect(problemsOf({ ...file, run: { ...file.run, models: [] } })).toEqual(['A run has 1 to 4 models; this one has 0.']);
    expect(problemsOf({ ...file, run: { ...file.run, models: [first, second, first, second, first] } })).toEqual([
      'A run has 1 to 4 models; this one has 5.',
    ]);
    expect(problemsOf({ ...file, run: { ...file.run, models: [first, first] } })).toEqual([
      `Two of the run's models have the same id, "${String(first!.id)}".`,
    ]);
    expect(problemsOf({ ...file, run: { ...file.run, models: [{ ...first, role: 'chat', variant: 'q8', revision: 5 }, second] } })).toEqual([
      'Model 1 of the run: its "role" must be one of base, instruct, reasoning; it is "chat".',
      'Model 1 of the run: its "variant" must be one of q4f16, q4f32; it is "q8".',
      'Model 1 of the run: its "revision" must be text; it is 5.',
    ]);
  });
});

describe('parseRunExport: records', () => {
  it('refuses records of another probe or model', () => {
    const file = sampleFile();
    file.records[1]!.probeId = 'rps';
    file.records[2]!.modelId = 'someone-else';
    expect(problemsOf(file)).toEqual([
      'Record 2 of 6 is from the probe "rps", but the run is of "rng-0-10".',
      'Record 3 of 6 names the model "someone-else", which is not one of the run\'s models.',
      "Record 5 of 6 has index 2 where 1 was expected: each model's records are numbered 0, 1, 2 … in order, with no gaps or repeats.",
    ]);
  });

  it('refuses gaps and repeats in a model\'s indices, reporting a gap once', () => {
    const gap = sampleFile();
    gap.records.splice(2, 1);
    expect(problemsOf(gap)).toEqual([
      "Record 4 of 5 has index 2 where 1 was expected: each model's records are numbered 0, 1, 2 … in order, with no gaps or repeats.",
    ]);
    const repeat = sampleFile();
    repeat.records.splice(1, 0, { ...repeat.records[0]! });
    expect(problemsOf(repeat)[0]).toBe(
      "Record 2 of 7 has index 0 where 1 was expected: each model's records are numbered 0, 1, 2 … in order, with no gaps or repeats.",
    );
    const text = sampleFile();
    text.records[0]!.index = '0';
    expect(problemsOf(text)[0]).toMatch(/^Record 1 of 6 has index "0" where 0 was expected/);
  });

  it('reports the probe\'s own message for a bad record, naming the record', () => {
    const file = sampleFile();
    file.records[2]!.answer = 11;
    (file.records as unknown[])[4] = 'a record';
    expect(problemsOf(file)).toEqual([
      'Record 3 of 6: An answer must be a whole number from 0 to 10, or null; got 11.',
      'Record 5 of 6 must be an object; it is "a record".',
    ]);
  });

  it('refuses a record whose check changes what it belongs to', () => {
    const renaming: ProbeChecks = { ...fakeChecks, checkRecord: (_probeId, record) => ({ ...(record as object), modelId: 'other' }) };
    expect(problemsOf(sampleFile(), renaming)[0]).toBe(
      "Record 1 of 6 could not be checked: the probe's check changed its probe, model or index.",
    );
  });

  it(`lists at most ${MAX_PROBLEMS} problems and says when there are more`, () => {
    const file = sampleFile();
    file.records = Array.from({ length: 30 }, () => ({ probeId: 'rps' }));
    const problems = problemsOf(file);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)).toBe(`There are more problems; these are the first ${MAX_PROBLEMS}.`);
  });
});

describe('parseRunExport never throws', () => {
  it('turns anything thrown by a probe\'s check into a problem', () => {
    const throwing: ProbeChecks = {
      checkParams: () => {
        throw 'not an Error';
      },
      checkRecord: () => null,
    };
    expect(problemsOf(sampleFile(), throwing)).toEqual(["The run's parameters are not valid: an unexpected error"]);
  });

  it('answers even when its own inputs misbehave', () => {
    const options = {
      get maxBytes(): number {
        throw new Error('broken options');
      },
    };
    expect(parseRunExport('{}', fakeChecks, options)).toEqual({ ok: false, problems: ['The file could not be read: broken options'] });
    expect(parseRunExport(42 as unknown as string, fakeChecks)).toEqual({ ok: false, problems: ['This file could not be read as text.'] });
  });
});
