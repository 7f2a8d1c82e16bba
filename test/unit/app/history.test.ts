import { describe, expect, it } from 'vitest';
import { isLive, isRunningElsewhere, recordCounts, resumeCheck, runExportOf, runFiles } from '../../../src/app/history.ts';
import { summarize } from '../../../src/app/summaries.ts';
import { info, records } from './stored-run.ts';
import { PROBE_CHECKS } from '../../../src/core/probes/registry.ts';
import { parseRunExport } from '../../../src/core/results/index.ts';


describe('run files', () => {
  it('hold the run, its records and the probe’s summary, and read back whole', () => {
    const exported = runExportOf(info, records, summarize(info, records));
    expect(exported.summary).toEqual(summarize(info, records)?.value);
    const { json, csv } = runFiles(exported);
    expect(json).toMatchObject({ name: 'base-vs-aligned_rng-0-10_2026-03-01_3f2a9c1b.json', type: 'application/json' });
    expect(csv).toMatchObject({ name: 'base-vs-aligned_rng-0-10_2026-03-01_3f2a9c1b.csv', type: 'text/csv' });
    const read = parseRunExport(json.text, PROBE_CHECKS);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.value.run).toEqual(info);
    expect(read.value.records).toEqual(records);
    // One CSV row per record, after the header.
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + records.length);
  });

  it('leave the summary out of a run with no records', () => {
    expect('summary' in runExportOf(info, [], summarize(info, []))).toBe(false);
  });

  it('count each model’s records', () => {
    expect([...recordCounts(info, records)]).toEqual([
      ['base-q4f32', 2],
      ['instruct-q4f32', 1],
    ]);
  });
});

describe('resuming', () => {
  const idle = { running: false, current: null };
  const loaded = ['base-q4f32', 'instruct-q4f32'];

  it('is possible for a stopped run whose models are all loaded', () => {
    expect(resumeCheck(info, idle, loaded)).toEqual({ ok: true });
  });

  it('names the models still to load', () => {
    expect(resumeCheck(info, idle, ['base-q4f32'])).toEqual({ ok: false, reason: 'models-missing', missing: [info.models[1]] });
  });

  it('takes a model whole in the cache as enough for a run that takes one model at a time, and only for such a run', () => {
    const oneAtATime = { ...info, schedule: 'one-model-at-a-time' as const };
    expect(resumeCheck(oneAtATime, idle, ['base-q4f32'], ['instruct-q4f32'])).toEqual({ ok: true });
    expect(resumeCheck(oneAtATime, idle, [], [])).toMatchObject({ ok: false, reason: 'models-missing' });
    expect(resumeCheck(info, idle, ['base-q4f32'], ['instruct-q4f32'])).toEqual({ ok: false, reason: 'models-missing', missing: [info.models[1]] });
  });

  it('waits while another run is being made, and is only for stopped runs', () => {
    const other = { running: true, current: { info: { id: 'other' } } };
    expect(resumeCheck(info, other, loaded)).toEqual({ ok: false, reason: 'another-run' });
    expect(resumeCheck({ ...info, status: 'complete' }, idle, loaded)).toEqual({ ok: false, reason: 'not-resumable' });
  });

  it('is refused for a run of another version of its experiment: the rest of its records would follow another method', () => {
    expect(resumeCheck({ ...info, specVersion: '1.0.0' }, idle, loaded)).toEqual({ ok: false, reason: 'other-version' });
  });

  it('knows which run is being made in this tab', () => {
    expect(isLive(info.id, { running: true, current: { info: { id: info.id } } })).toBe(true);
    expect(isLive(info.id, { running: false, current: { info: { id: info.id } } })).toBe(false);
    expect(isLive(info.id, { running: true, current: { info: { id: 'other' } } })).toBe(false);
  });

  it('takes a run stored as running that this tab is not making for one made in another tab', () => {
    const running = { ...info, status: 'running' as const };
    expect(isRunningElsewhere(running, idle)).toBe(true);
    expect(isRunningElsewhere(running, { running: true, current: { info: { id: info.id } } })).toBe(false);
    expect(isRunningElsewhere(info, idle)).toBe(false);
  });
});
