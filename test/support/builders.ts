// Builders the unit, browser and end-to-end tests share: a probe's records from its runner, a stored run's
// information, a base/instruct pair of test models, a model's exact score and a GPU adapter. Each test overrides what
// it is about and takes the rest.
import type { ScoreResult } from '../../src/core/model.ts';
import { PROBES } from '../../src/core/probes/registry.ts';
import type { AdapterFacts } from '../../src/engine/preflight.ts';
import type { RunInfo } from '../../src/core/results/index.ts';

/** The records a runner yields, in order, stopping after `limit` (a run stopped part-way). */
export async function collect<R>(records: AsyncIterable<R>, limit = Number.POSITIVE_INFINITY): Promise<R[]> {
  const collected: R[] = [];
  for await (const record of records) {
    collected.push(record);
    if (collected.length >= limit) break;
  }
  return collected;
}

/** A base model and its instruct twin, as a run names them. */
export const MODELS: RunInfo['models'] = [
  { id: 'base-id', catalogId: 'b', name: 'Test 3B Base', role: 'base', variant: 'q4f32', revision: null },
  { id: 'instruct-id', catalogId: 'i', name: 'Test 3B Instruct', role: 'instruct', variant: 'q4f32', revision: null },
];

/** A finished run of `probeId` (its current version) with MODELS, made at a fixed time; `fields` replace any of it. */
export function runInfo(probeId: RunInfo['probeId'], fields: Partial<RunInfo> = {}): RunInfo {
  return {
    id: 'run-1',
    probeId,
    specVersion: PROBES[probeId].version,
    appVersion: '0.0.0-test',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:05:00.000Z',
    status: 'complete',
    params: { mode: 'exact', framing: 'native', temperature: 1, seed: 1 },
    models: MODELS,
    gpu: null,
    ...fields,
  };
}

/** An exact score: each answer's probability in the order given and the mass on any other text. */
export function scoreResult(probabilities: Record<string, number>, otherProbability: number, cost: ScoreResult['cost'] = { forwardPasses: 1, prefillTokens: 20 }): ScoreResult {
  return { answers: Object.entries(probabilities).map(([answer, probability]) => ({ answer, probability })), otherProbability, cost };
}

/** A typical discrete GPU with shader-f16 and generous limits, as the preflight reads it. */
export function gpuAdapter(overrides: Partial<AdapterFacts> = {}): AdapterFacts {
  return {
    vendor: 'nvidia',
    architecture: 'ampere',
    device: '',
    description: 'NVIDIA GeForce RTX 3060',
    isFallbackAdapter: false,
    hasShaderF16: true,
    limits: {
      maxBufferSize: 4 * 2 ** 30,
      maxStorageBufferBindingSize: 2 * 2 ** 30,
      maxComputeWorkgroupStorageSize: 32 * 1024,
      maxStorageBuffersPerShaderStage: 10,
      maxComputeInvocationsPerWorkgroup: 1024,
    },
    ...overrides,
  };
}
