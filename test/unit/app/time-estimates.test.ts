import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ModelSpeeds, modelSpeedKey } from '../../../src/app/model-speed.ts';
import {
  ANNOUNCE_EVERY_MS,
  combineDownloads,
  estimateRunSeconds,
  nextAnnouncement,
  plannedRecords,
  runSecondsLeft,
  type ModelSpeed,
} from '../../../src/app/time-estimates.ts';
import { PROBES } from '../../../src/core/probes/registry.ts';
import { openLabDatabase } from '../../../src/store/lab-db.ts';
import { RunStore } from '../../../src/store/runs.ts';

const speed = (secondsPerRecord: ModelSpeed['secondsPerRecord'], loadSecondsFromCache: number | null = null): ModelSpeed => ({
  secondsPerRecord,
  loadSecondsFromCache,
});

describe('the records a run plans per model', () => {
  it('follow each probe’s parameters, from its defaults', () => {
    expect(plannedRecords('rng-0-10', PROBES['rng-0-10'].defaultParams)).toBe(1);
    expect(plannedRecords('rng-0-10', { ...PROBES['rng-0-10'].defaultParams, mode: 'sampled', n: 1500 })).toBe(1500);
    expect(plannedRecords('rng-sequence', { ...PROBES['rng-sequence'].defaultParams, n: 40 })).toBe(40);
    expect(plannedRecords('rps', PROBES.rps.defaultParams)).toBe(100);
    expect(plannedRecords('hide-and-seek', { ...PROBES['hide-and-seek'].defaultParams, rounds: 20 })).toBe(20);
    const poem = PROBES.poem.defaultParams;
    expect(plannedRecords('poem', poem)).toBe(poem.topics.length * poem.poemsPerPrompt);
  });
});

describe('a run’s time before it starts', () => {
  const sampled = { ...PROBES['rng-0-10'].defaultParams, mode: 'sampled', n: 100 };

  it('adds each model’s seconds per record for this probe and mode, and its load from the cache', () => {
    const base = speed({ 'rng-0-10/sampled': 0.05 }, 4);
    const aligned = speed({ 'rng-0-10/sampled': 0.1, 'rng-0-10/exact': 2 }, 6);
    expect(estimateRunSeconds('rng-0-10', sampled, [{ speed: base, load: 'loaded' }, { speed: aligned, load: 'loaded' }])).toBeCloseTo(15);
    expect(estimateRunSeconds('rng-0-10', sampled, [{ speed: base, load: 'from-cache' }, { speed: aligned, load: 'from-cache' }])).toBeCloseTo(25);
  });

  it('is unknown for a model never run here in that probe and mode, and for no models', () => {
    const exactOnly = speed({ 'rng-0-10/exact': 2 });
    expect(estimateRunSeconds('rng-0-10', sampled, [{ speed: exactOnly, load: 'loaded' }])).toBeNull();
    expect(estimateRunSeconds('rng-0-10', sampled, [{ speed: null, load: 'download' }])).toBeNull();
    expect(estimateRunSeconds('rng-0-10', sampled, [])).toBeNull();
  });
});

describe('a run’s time left', () => {
  it('comes from the speed so far, counted from where this stretch started', () => {
    expect(runSecondsLeft({ atStart: 0, now: 0.25 }, 30, null)).toBeCloseTo(90);
    // Resumed at half-way: 0.25 more in 30 s, so 0.25 left takes 30 s more.
    expect(runSecondsLeft({ atStart: 0.5, now: 0.75 }, 30, null)).toBeCloseTo(30);
    expect(runSecondsLeft({ atStart: 0, now: 1 }, 30, null)).toBe(0);
  });

  it('before any progress, is the estimate less the time gone, never below zero, or unknown', () => {
    expect(runSecondsLeft({ atStart: 0, now: 0 }, 4, 10)).toBe(6);
    expect(runSecondsLeft({ atStart: 0, now: 0 }, 12, 10)).toBe(0);
    expect(runSecondsLeft({ atStart: 0, now: 0 }, 4, null)).toBeNull();
  });
});

describe('downloads of several models', () => {
  it('add up their bytes and rates into one time left', () => {
    const view = combineDownloads([
      { bytesDone: 1e9, bytesTotal: 2e9, bytesPerSecond: 5e6 },
      { bytesDone: 0, bytesTotal: 2e9, bytesPerSecond: 5e6 },
    ]);
    expect(view).toEqual({ bytesDone: 1e9, bytesTotal: 4e9, bytesPerSecond: 1e7, secondsLeft: 300 });
    expect(combineDownloads([{ bytesDone: 0, bytesTotal: 2e9, bytesPerSecond: null }]).secondsLeft).toBeNull();
  });
});

describe('polite announcements', () => {
  it('say a new topic at once, newer numbers of the same topic only every so often, and nothing new otherwise', () => {
    const first = nextAnnouncement(null, 'Downloading: 10%', 'downloading', 0);
    expect(first.text).toBe('Downloading: 10%');
    const tick = nextAnnouncement(first, 'Downloading: 11%', 'downloading', 500);
    expect(tick).toBe(first);
    const later = nextAnnouncement(tick, 'Downloading: 40%', 'downloading', ANNOUNCE_EVERY_MS);
    expect(later.text).toBe('Downloading: 40%');
    const phase = nextAnnouncement(later, 'Preparing the GPU programs', 'compiling', ANNOUNCE_EVERY_MS + 1);
    expect(phase.text).toBe('Preparing the GPU programs');
  });
});

describe('this machine’s speed of each model', () => {
  const adapter = {
    vendor: 'test',
    architecture: 'a',
    device: '',
    description: 'Test GPU',
    isFallbackAdapter: false,
    hasShaderF16: true,
    limits: { maxBufferSize: 1, maxStorageBufferBindingSize: 1, maxComputeWorkgroupStorageSize: 1, maxStorageBuffersPerShaderStage: 1, maxComputeInvocationsPerWorkgroup: 1 },
  };

  it('is kept per model and GPU, read back once, with the newest speed per probe and mode and the newest load', async () => {
    const store = new RunStore(await openLabDatabase(`speeds-${Date.now()}`));
    const speeds = new ModelSpeeds(async () => store, () => adapter);
    await speeds.keep('m', { key: 'rng-0-10/exact', secondsPerRecord: 2, loadSecondsFromCache: 5 });
    await speeds.keep('m', { key: 'rng-0-10/sampled', secondsPerRecord: 0.1, loadSecondsFromCache: null });
    expect(await store.getSetting(modelSpeedKey('m', adapter))).toEqual(speed({ 'rng-0-10/exact': 2, 'rng-0-10/sampled': 0.1 }, 5));

    const fresh = new ModelSpeeds(async () => store, () => adapter);
    expect(fresh.speedOf('m')).toBeUndefined();
    await new Promise((resolve) => fresh.addEventListener('change', resolve, { once: true }));
    expect(fresh.speedOf('m')).toEqual(speed({ 'rng-0-10/exact': 2, 'rng-0-10/sampled': 0.1 }, 5));
    expect(modelSpeedKey('m', { ...adapter, description: 'Other GPU' })).not.toBe(modelSpeedKey('m', adapter));
    store.close();
  });

  it('reads a damaged entry as no speed', async () => {
    const store = new RunStore(await openLabDatabase(`speeds-damaged-${Date.now()}`));
    await store.putSetting(modelSpeedKey('m', adapter), { secondsPerRecord: 'fast' });
    const speeds = new ModelSpeeds(async () => store, () => adapter);
    speeds.speedOf('m');
    await new Promise((resolve) => speeds.addEventListener('change', resolve, { once: true }));
    expect(speeds.speedOf('m')).toBeNull();
    store.close();
  });
});
