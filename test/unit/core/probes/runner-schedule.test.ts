// One model at a time (issue 13): every record of the first model before the second is asked anything, the same
// records as taking turns, and a resume that picks up where the run stopped.
import { describe, expect, it } from 'vitest';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import { ANSWERS, RNG_0_10, type Rng010Params, type Rng010Record } from '../../../../src/core/probes/rng-0-10/index.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { SyntheticModel, uniformOver } from './synthetic-model.ts';
import { collect } from '../../../support/builders.ts';

const params: Rng010Params = { ...RNG_0_10.defaultParams, mode: 'sampled', n: 30, seed: 9 };

function models(): ProbeModel[] {
  return ['base', 'instruct'].map((id) => ({
    model: new SyntheticModel({ id, role: id === 'base' ? 'base' : 'instruct', distribution: uniformOver(ANSWERS), phrase: (answer) => `${answer}` }),
    chatTemplate: 'llama-3.1' as const,
  }));
}

const byKey = (records: Rng010Record[]) => [...records].sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index);

describe('one model at a time', () => {
  it('makes every record of the first model before the second is asked anything', async () => {
    const [base, instruct] = models() as [ProbeModel, ProbeModel];
    const order: string[] = [];
    for await (const record of runProbe(RNG_0_10, { models: [base, instruct], params, schedule: 'one-model-at-a-time' })) {
      order.push(record.modelId);
      if (record.modelId === 'base') expect((instruct.model as SyntheticModel).calls.generate).toBe(0);
    }
    const firstInstruct = order.indexOf('instruct');
    expect(order.slice(0, firstInstruct).every((id) => id === 'base')).toBe(true);
    expect(order.slice(firstInstruct).every((id) => id === 'instruct')).toBe(true);
  });

  it('makes the same records as taking turns', async () => {
    const alternate = await collect(runProbe(RNG_0_10, { models: models(), params }));
    const oneAtATime = await collect(runProbe(RNG_0_10, { models: models(), params, schedule: 'one-model-at-a-time' }));
    expect(byKey(oneAtATime)).toEqual(byKey(alternate));
  });

  it('resumes in the second model’s records after a stop, with none twice', async () => {
    const first = await collect(runProbe(RNG_0_10, { models: models(), params, schedule: 'one-model-at-a-time' }), 40);
    const [base, instruct] = models() as [ProbeModel, ProbeModel];
    const rest = await collect(runProbe(RNG_0_10, { models: [base, instruct], params, existing: first, schedule: 'one-model-at-a-time' }));
    expect((base.model as SyntheticModel).calls.generate).toBe(0);
    const whole = await collect(runProbe(RNG_0_10, { models: models(), params }));
    expect(byKey([...first, ...rest])).toEqual(byKey(whole));
  });
});
