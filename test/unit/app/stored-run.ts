// A stored rng-0-10 run of two models, stopped after three answers: what the run-file and library tests read and write.
import { ANSWERS, RNG_0_10, type Rng010Record } from '../../../src/core/probes/rng-0-10/index.ts';
import type { RunInfo } from '../../../src/core/results/index.ts';

export const info: RunInfo = {
  id: '3f2a9c1b-0000-4000-8000-000000000001',
  probeId: 'rng-0-10',
  specVersion: RNG_0_10.version,
  appVersion: '0.1.0',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:05:00.000Z',
  status: 'incomplete',
  params: { ...RNG_0_10.defaultParams, mode: 'sampled', n: 3, seed: 8 },
  models: [
    { id: 'base-q4f32', catalogId: 'ministral-3-3b-base', name: 'Ministral 3 3B Base', role: 'base', variant: 'q4f32', revision: null },
    { id: 'instruct-q4f32', catalogId: 'ministral-3-3b-instruct', name: 'Ministral 3 3B Instruct', role: 'instruct', variant: 'q4f32', revision: 'abc123' },
  ],
  gpu: null,
};

export function sample(modelId: string, index: number, answer: number | null): Rng010Record {
  return answer === null
    ? { probeId: 'rng-0-10', modelId, index, kind: 'sample', text: 'No.', answer: null, invalid: 'no-answer' }
    : { probeId: 'rng-0-10', modelId, index, kind: 'sample', text: String(ANSWERS[answer]), answer, invalid: null };
}

export const records: Rng010Record[] = [sample('base-q4f32', 0, 3), sample('base-q4f32', 1, null), sample('instruct-q4f32', 0, 7)];
