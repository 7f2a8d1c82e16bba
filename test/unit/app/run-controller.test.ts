// The run controller with the real session, client and worker server in one thread (scripted backends), and the
// real store on fake-indexeddb: runs that take one model at a time (issue 13) with their resume and nothing-lost
// promises, the self-check on a model's first exact run on a machine, each model's load time and speed, and the guided
// run that "Check this claim" starts (issue 16).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/app/lab-session.ts';
import { GuidedRun } from '../../../src/app/guided-run.ts';
import { ModelSpeeds, modelSpeedKey } from '../../../src/app/model-speed.ts';
import { RunController } from '../../../src/app/run-controller.ts';
import { selfCheckKey } from '../../../src/app/self-check-store.ts';
import type { PendingSetup } from '../../../src/app/share.ts';
import { summarizeHere } from '../../../src/app/summaries.ts';
import type { RecordBase } from '../../../src/core/probes/probe.ts';
import { RNG_0_10 } from '../../../src/core/probes/rng-0-10/index.ts';
import { SELF_CHECK_SAMPLES } from '../../../src/core/self-check/index.ts';
import type { CatalogModel } from '../../../src/engine/catalog.ts';
import { ModelWorkerClient } from '../../../src/engine/client.ts';
import type { CacheStatus, LoadModelSpec } from '../../../src/engine/protocol.ts';
import { openLabDatabase } from '../../../src/store/lab-db.ts';
import { RunStore } from '../../../src/store/runs.ts';
import { InProcessWorker } from '../../fixtures/in-process-worker.ts';
import { ScriptedBackend, type Script } from '../../fixtures/scripted-backend.ts';

const BASE = 'ministral-3-3b-base';
const INSTRUCT = 'ministral-3-3b-instruct';
const READY: CacheStatus = { weights: true, config: true, tokenizer: true, wasm: true, readyOffline: true };
const ADAPTER = {
  vendor: 'test',
  architecture: 'test-arch',
  device: '',
  description: 'Test GPU',
  isFallbackAdapter: false,
  hasShaderF16: false,
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, maxComputeWorkgroupStorageSize: 32768, maxStorageBuffersPerShaderStage: 10, maxComputeInvocationsPerWorkgroup: 256 },
};

class CachedBackend extends ScriptedBackend {
  override async cacheStatus(): Promise<CacheStatus> {
    return READY;
  }
}

interface Started {
  model: string;
  worker: InProcessWorker;
  client: ModelWorkerClient;
}

let databases = 0;
const stores: RunStore[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A lab with scripted models (`scripts` by catalog id), every model whole in the cache, and its own database. */
async function lab(scripts: Record<string, Partial<Script>> = {}, onAsk: (asked: readonly string[]) => void = () => undefined) {
  const started: Started[] = [];
  /** Each model request as it reaches a worker, in order: "<catalog id> <operation>". */
  const asked: string[] = [];
  const session = new LabSession({
    startWorker: (model: CatalogModel, spec: LoadModelSpec) => {
      // The native frames end without a space, so an answer is written " 7".
      const backend = new CachedBackend({ text: ' 7', cached: true, ...scripts[model.id] });
      for (const operation of ['score', 'generate'] as const) {
        const original = backend[operation].bind(backend) as (...args: never[]) => Promise<unknown>;
        Object.assign(backend, {
          [operation]: (...args: never[]) => {
            asked.push(`${model.id} ${operation}`);
            onAsk(asked);
            return original(...args);
          },
        });
      }
      const worker = new InProcessWorker(backend);
      const client = new ModelWorkerClient(worker, { id: spec.modelId, role: model.role });
      started.push({ model: model.id, worker, client });
      return client;
    },
    storage: undefined,
  });
  session.gpu = { status: 'done', facts: { hasWebGpuApi: true, adapter: ADAPTER, adapterRequestError: null }, verdict: { status: 'ready', variant: 'q4f32', warnings: [] } };
  await session.refreshCacheStatus();
  const db = await openLabDatabase(`run-controller-test-${databases++}`);
  const store = new RunStore(db);
  stores.push(store);
  const speeds = new ModelSpeeds(async () => store, () => ADAPTER);
  const runs = new RunController(session, async () => store, { take: async () => () => undefined }, summarizeHere, speeds);
  return { session, runs, store, started, asked, speeds };
}

/** Resolves once the controller's run reaches `status` (it tells each change with an event). */
function until(runs: RunController, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const check = (): void => {
      if (!done()) return;
      runs.removeEventListener('change', check);
      resolve();
    };
    runs.addEventListener('change', check);
  });
}

const finished = (runs: RunController) => until(runs, () => !runs.running && runs.current?.info.status !== 'running');

function indicesByModel(records: readonly RecordBase[]): Record<string, number[]> {
  const byModel: Record<string, number[]> = {};
  for (const record of records) (byModel[record.modelId] ??= []).push(record.index);
  for (const indices of Object.values(byModel)) indices.sort((a, b) => a - b);
  return byModel;
}

const sampled = { mode: 'sampled', framing: 'native', temperature: 1, seed: 5, n: 12 };
const exact = { mode: 'exact', framing: 'native', temperature: 1, seed: 5, n: 100 };

describe('a run that takes one model at a time', () => {
  it('makes every record of the first model, unloads it, then loads the second from the cache and makes its records', async () => {
    const { session, runs, store, started, asked } = await lab();
    const runId = await runs.start('rng-0-10', sampled, { schedule: 'one-model-at-a-time', modelIds: [BASE, INSTRUCT] });
    await finished(runs);
    expect(runs.current?.info).toMatchObject({ status: 'complete', schedule: 'one-model-at-a-time' });

    const generated = asked.filter((entry) => entry.endsWith('generate')).map((entry) => entry.split(' ')[0]);
    const firstInstruct = generated.indexOf(INSTRUCT);
    expect(generated.slice(0, firstInstruct).every((model) => model === BASE)).toBe(true);
    expect(generated.slice(firstInstruct).every((model) => model === INSTRUCT)).toBe(true);
    // The base's worker was ended before the instruct model's started: never both on the GPU.
    const baseWorker = started.find((entry) => entry.model === BASE && entry.client.id.includes('Base'))?.worker;
    expect(baseWorker?.terminated).toBe(true);
    expect(session.readyModels().map((model) => model.catalog.id)).toEqual([INSTRUCT]);

    const ids = Object.values(indicesByModel(await store.getRecords(runId)));
    expect(ids).toEqual([Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => i)]);
    for (const model of runs.current?.info.models ?? []) {
      expect(model.performance?.loadSeconds).toBeGreaterThanOrEqual(0);
      expect(model.performance?.weightsFromCache).toBe(true);
      expect(model.performance?.tokensPerSecond).toBeGreaterThan(0);
      // Twelve answers of two scripted tokens (" ", "7").
      expect(model.performance?.generatedTokens).toBe(24);
    }
  });

  it('loses nothing when stopped in the second model, and resumes from the cache to exactly N records each', async () => {
    // Stopped as the instruct model is asked for its fourth answer: from inside the model, so at a known point.
    let stopping = true;
    const { session, runs, store } = await lab({}, (asked) => {
      if (stopping && asked.filter((entry) => entry === `${INSTRUCT} generate`).length === 4) runs.stop();
    });
    const runId = await runs.start('rng-0-10', sampled, { schedule: 'one-model-at-a-time', modelIds: [BASE, INSTRUCT] });
    await finished(runs);
    stopping = false;
    expect(runs.current?.info.status).toBe('incomplete');
    const stopped = await store.getRecords(runId);
    expect(stopped.length).toBeGreaterThan(12);

    for (const model of session.models) session.unload(model.catalog.id);
    await runs.open(runId, { resume: true });
    await finished(runs);
    expect(runs.current?.info.status).toBe('complete');
    const all = await store.getRecords(runId);
    expect(Object.values(indicesByModel(all))).toEqual([Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => i)]);
  });

  it('is refused for a model that is neither loaded nor downloaded, before anything runs', async () => {
    const { session, runs } = await lab();
    const instruct = session.model(INSTRUCT);
    if (instruct) instruct.cache = { ...READY, weights: false, readyOffline: false };
    await expect(runs.start('rng-0-10', sampled, { schedule: 'one-model-at-a-time', modelIds: [BASE, INSTRUCT] })).rejects.toThrow(/Download Ministral 3 3B Instruct first/);
  });
});

describe('the self-check on a model’s first exact run on this machine', () => {
  it('samples answers through generation, agrees with a model that samples what it scores, and is kept for this GPU', async () => {
    const { session, runs, store, asked } = await lab({ [BASE]: { answerProbabilities: { '7': 1 } } });
    await session.load(BASE);
    const runId = await runs.start('rng-0-10', exact);
    await finished(runs);
    const model = runs.current?.info.models[0];
    expect(model?.selfCheck).toMatchObject({ verdict: 'agrees', runId, probeId: 'rng-0-10', gpuDescription: 'scripted backend (no GPU)' });
    expect(model?.selfCheck?.observed.reduce((sum, count) => sum + count, 0)).toBe(SELF_CHECK_SAMPLES);
    expect(asked.filter((entry) => entry.endsWith('generate'))).toHaveLength(SELF_CHECK_SAMPLES);
    expect((await store.getRun(runId))?.models[0]?.selfCheck?.verdict).toBe('agrees');
    // The probe's own records are untouched: one distribution.
    expect(await store.getRecords(runId)).toHaveLength(1);

    // A second exact run on the same machine reuses the check instead of sampling again.
    asked.length = 0;
    await runs.start('rng-0-10', exact);
    await finished(runs);
    expect(asked.filter((entry) => entry.endsWith('generate'))).toEqual([]);
    expect(runs.current?.info.models[0]?.selfCheck).toMatchObject({ verdict: 'agrees', runId });
    expect(await store.getSetting(selfCheckKey('Ministral-3-3B-Base-2512-q4f32_1-MLC', ADAPTER))).toMatchObject({ verdict: 'agrees' });
    expect(selfCheckKey('m', ADAPTER)).not.toBe(selfCheckKey('m', { ...ADAPTER, description: 'Another GPU' }));
  });

  it('flags a model whose sampled answers disagree with its exact distribution', async () => {
    const { session, runs } = await lab({ [BASE]: { answerProbabilities: { '7': 0.9, '3': 0.1 }, text: ' 3' } });
    await session.load(BASE);
    await runs.start('rng-0-10', exact);
    await finished(runs);
    expect(runs.current?.info.status).toBe('complete');
    expect(runs.current?.info.models[0]?.selfCheck).toMatchObject({ verdict: 'mismatch', categories: expect.arrayContaining(['7', 'other']) });
  });

  it('does not run for sampled runs', async () => {
    const { session, runs } = await lab();
    await session.load(BASE);
    await runs.start('rng-0-10', sampled);
    await finished(runs);
    expect(runs.current?.info.models[0]?.selfCheck).toBeUndefined();
  });
});

describe('this machine’s speed of each model', () => {
  it('is kept after a run, per probe and mode, and gives the next run of the same models an estimate before it starts', async () => {
    const { session, runs, store, speeds } = await lab();
    await session.load(BASE);
    await session.load(INSTRUCT);
    expect(speeds.estimate('rng-0-10', sampled, session.readyModels())).toBeNull();
    await runs.start('rng-0-10', sampled);
    await finished(runs);
    for (const model of session.readyModels()) {
      const kept = (await store.getSetting(modelSpeedKey(model.spec.modelId, ADAPTER))) as { secondsPerRecord: Record<string, number> };
      expect(kept.secondsPerRecord['rng-0-10/sampled']).toBeGreaterThanOrEqual(0);
      expect(kept.secondsPerRecord['rng-0-10/exact']).toBeUndefined();
    }
    expect(speeds.estimate('rng-0-10', sampled, session.readyModels())).toBeGreaterThanOrEqual(0);
    expect(speeds.estimate('rng-0-10', exact, session.readyModels())).toBeNull();

    let timing: unknown = undefined;
    runs.addEventListener('change', () => (timing ??= runs.current?.timing ?? undefined));
    await runs.start('rng-0-10', sampled);
    await finished(runs);
    expect(timing).toMatchObject({ progressAtStart: 0, estimateSeconds: expect.any(Number) });
    expect(runs.current?.timing).toBeNull();
  });
});

describe('a guided run', () => {
  it('loads the default pair, runs the claim’s experiment in its recommended mode, and ends with the run complete', async () => {
    const { session, runs, store, speeds } = await lab();
    const guide = new GuidedRun({ session, runs, speeds }, 'seven');
    guide.chooseComparison();
    expect(guide.models().map((model) => model.catalog.id)).toEqual([BASE, INSTRUCT]);
    expect(guide.toDownload()).toEqual([]);
    expect(guide.downloadBytes()).toBe(0);
    await guide.start();
    if (guide.state.step !== 'done') throw new Error(`ended ${JSON.stringify(guide.state)}`);
    expect(await store.getRun(guide.state.runId)).toMatchObject({ probeId: 'rng-0-10', params: { mode: 'exact' }, status: 'complete' });
    // The run left this machine's speeds: the next guided run of the claim has an estimate.
    expect(guide.estimateSeconds()).toBeGreaterThanOrEqual(0);
  });

  it('hears that the run is complete only once the store holds it as complete, so the Claims page it opens counts it', async () => {
    const { session, runs, store, speeds } = await lab();
    const guide = new GuidedRun({ session, runs, speeds }, 'seven');
    guide.chooseComparison();
    let stored: Promise<unknown> | null = null;
    guide.addEventListener('change', () => {
      if (guide.state.step === 'done' && !stored) stored = store.getRun(guide.state.runId);
    });
    await guide.start();
    expect(stored).not.toBeNull();
    expect(await stored).toMatchObject({ status: 'complete' });
  });

  it('stops in plain words, naming the model, when a model does not load; the consent can be given again', async () => {
    const { session, runs, speeds } = await lab({ [BASE]: { failLoadWith: 'TypeError: Failed to fetch' } });
    const guide = new GuidedRun({ session, runs, speeds }, 'games');
    await guide.start();
    expect(guide.state).toEqual({ step: 'stopped', problem: 'Ministral 3 3B Base could not be loaded: its card below says why and what to do.' });
    expect(runs.current).toBeNull();
    expect(guide.probeId).toBe('rps');
  });
});

describe('the next run’s experiment handed over by another page', () => {
  it('is held until the Lab page takes it, once', () => {
    const runs = new RunController(new LabSession(), async () => Promise.reject(new Error('no store needed')), { take: async () => () => undefined });
    expect(runs.takeDraft()).toBe(null);
    const setup: PendingSetup = { comparisonId: 'ministral-3-3b', variant: 'q4f32', modelIds: ['ministral-3-3b-base'], probeId: 'rng-0-10', params: { ...RNG_0_10.defaultParams, seed: 9 } };
    runs.prepareNext(setup);
    expect(runs.takeDraft()).toEqual(setup);
    expect(runs.takeDraft()).toBe(null);
  });
});
