import { describe, expect, it } from 'vitest';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import { ANSWERS, PAPER_N, RNG_0_10, type Rng010Params, type Rng010Record } from '../../../../src/core/probes/rng-0-10/index.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { SyntheticModel, uniformOver, type AnswerDistribution } from './synthetic-model.ts';

/** Half the mass on "7", the rest spread evenly: an aligned model's habit, exaggerated. */
const sevenHeavy: AnswerDistribution = () =>
  Object.fromEntries(ANSWERS.map((answer) => [answer, answer === '7' ? 0.5 : 0.05]));

function probeModel(id: string, role: 'base' | 'instruct', distribution: AnswerDistribution, otherText?: string): ProbeModel {
  return {
    model: new SyntheticModel({ id, role, distribution, phrase: (answer) => `My number is ${answer}!`, otherText }),
    chatTemplate: 'llama-3.1',
  };
}

async function collect(generator: AsyncGenerator<Rng010Record>, limit = Number.POSITIVE_INFINITY): Promise<Rng010Record[]> {
  const records: Rng010Record[] = [];
  for await (const record of generator) {
    records.push(record);
    if (records.length >= limit) break;
  }
  return records;
}

const exactParams: Rng010Params = { ...RNG_0_10.defaultParams, mode: 'exact', seed: 42 };
const sampledParams: Rng010Params = { ...RNG_0_10.defaultParams, mode: 'sampled', n: 400, seed: 42 };

describe('rng-0-10', () => {
  it('reads a uniform and a 7-heavy model exactly, with one score call each', async () => {
    const base = probeModel('base', 'base', uniformOver(ANSWERS));
    const instruct = probeModel('instruct', 'instruct', sevenHeavy);
    const records = await collect(runProbe(RNG_0_10, { models: [base, instruct], params: exactParams }));
    expect(records).toHaveLength(2);
    expect((base.model as SyntheticModel).calls.score).toBe(1);

    const summary = RNG_0_10.summarize(records, exactParams, ['base', 'instruct']);
    const [uniformSummary, sevenSummary] = summary.models;
    expect(summary.uniformShare).toBeCloseTo(1 / 11, 12);
    const pSeven = uniformSummary?.measures?.pSeven;
    expect(pSeven?.value).toBeCloseTo(1 / 11, 12);
    expect([pSeven?.lo, pSeven?.hi, pSeven?.n, pSeven?.interval]).toEqual([pSeven?.value, pSeven?.value, null, 'exact']);
    expect(uniformSummary?.measures?.jsToUniform.value).toBeCloseTo(0, 12);
    expect(sevenSummary?.measures?.pSeven.value).toBeCloseTo(0.5, 12);
    expect(sevenSummary?.measures?.jsToUniform.value).toBeGreaterThan(0.05);
    // The paper-comparable statistics come from a simulated sample of N = 1,500 from the exact distribution.
    expect(uniformSummary?.validAnswers).toBe(PAPER_N);
    expect(uniformSummary?.measures?.chiSquare.pValue).toBeGreaterThan(0.001);
    expect(sevenSummary?.measures?.chiSquare.pValue).toBeLessThan(1e-10);
    expect(sevenSummary?.otherShare).toBeCloseTo(0, 12);
  });

  it('recovers a 7-heavy distribution from samples, inside its interval, and counts invalid answers', async () => {
    const withRefusals: AnswerDistribution = () =>
      Object.fromEntries(ANSWERS.map((answer) => [answer, answer === '7' ? 0.45 : 0.045]));
    const model = probeModel('instruct', 'instruct', withRefusals, "I'm sorry, I can't pick numbers.");
    const records = await collect(runProbe(RNG_0_10, { models: [model], params: sampledParams }));
    const summary = RNG_0_10.summarize(records, sampledParams, ['instruct']).models[0]!;
    expect(summary.validAnswers).toBe(sampledParams.n);
    expect(summary.attempts).toBeGreaterThan(sampledParams.n);
    expect(summary.invalid['no-answer']).toBe(summary.attempts! - sampledParams.n);
    const pSeven = summary.measures!.pSeven;
    const truth = 0.45 / (0.45 + 10 * 0.045);
    expect(pSeven.lo).toBeLessThan(truth);
    expect(pSeven.hi).toBeGreaterThan(truth);
    expect(pSeven.n).toBe(sampledParams.n);
    expect(summary.measures!.chiSquareAtPaperN).toBeCloseTo((summary.measures!.chiSquare.statistic / sampledParams.n) * PAPER_N, 9);
  });

  it('gives the same records and summary when resumed after an interruption', async () => {
    const models = () => [probeModel('base', 'base', uniformOver(ANSWERS)), probeModel('instruct', 'instruct', sevenHeavy)];
    const params = { ...sampledParams, n: 120 };
    const uninterrupted = await collect(runProbe(RNG_0_10, { models: models(), params }));
    const firstPart = await collect(runProbe(RNG_0_10, { models: models(), params }), 77);
    const rest = await collect(runProbe(RNG_0_10, { models: models(), params, existing: firstPart }));
    const resumed = [...firstPart, ...rest];
    expect(resumed).toHaveLength(uninterrupted.length);
    const byKey = (records: Rng010Record[]) => [...records].sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index);
    expect(byKey(resumed)).toEqual(byKey(uninterrupted));
    expect(RNG_0_10.summarize(resumed, params, ['base', 'instruct'])).toEqual(
      RNG_0_10.summarize(uninterrupted, params, ['base', 'instruct']),
    );
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const generator = runProbe(RNG_0_10, { models: [probeModel('base', 'base', sevenHeavy)], params: sampledParams, signal: controller.signal });
    const records: Rng010Record[] = [];
    for await (const record of generator) {
      records.push(record);
      if (records.length === 5) controller.abort();
    }
    expect(records).toHaveLength(5);
  });

  it('frames the question natively or as the same text for both', () => {
    const base = probeModel('base', 'base', sevenHeavy);
    const instruct = probeModel('instruct', 'instruct', sevenHeavy);
    const nativeBase = RNG_0_10.prompt(exactParams, base, []);
    const nativeInstruct = RNG_0_10.prompt(exactParams, instruct, []);
    expect(nativeBase.startsWith('<|begin_of_text|>Question: Generate a random integer')).toBe(true);
    expect(nativeBase.endsWith('\nAnswer:')).toBe(true);
    expect(nativeInstruct).toContain('<|start_header_id|>user<|end_header_id|>');
    expect(nativeInstruct.endsWith('<|start_header_id|>assistant<|end_header_id|>\n\n')).toBe(true);
    const same = { ...exactParams, framing: 'same-text' as const };
    expect(RNG_0_10.prompt(same, base, [])).toBe(RNG_0_10.prompt(same, instruct, []));
  });

  it('checks parameters and records, and refuses a broken sequence of stored records', async () => {
    expect(() => RNG_0_10.checkParams({ ...exactParams, n: 0 })).toThrow(/n \(answers per model\)/);
    expect(() => RNG_0_10.checkParams({ ...exactParams, mode: 'guess' })).toThrow(/mode/);
    expect(() => RNG_0_10.checkParams({ ...exactParams, temperature: 5 })).toThrow(/temperature/);
    expect(() => RNG_0_10.checkParams(null)).toThrow(/object/);

    const records = await collect(runProbe(RNG_0_10, { models: [probeModel('base', 'base', sevenHeavy)], params: { ...sampledParams, n: 3 } }));
    for (const record of records) expect(RNG_0_10.checkRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(() => RNG_0_10.checkRecord({ ...records[0], answer: 11 })).toThrow(/answer/);
    expect(() => RNG_0_10.checkRecord({ ...records[0], probeId: 'rps' })).toThrow(/rng-0-10/);

    const gapped = [records[0]!, { ...records[2]!, index: 2 }];
    const resuming = runProbe(RNG_0_10, { models: [probeModel('base', 'base', sevenHeavy)], params: sampledParams, existing: gapped });
    await expect(resuming.next()).rejects.toThrow(/skip or repeat record 1/);
  });
});
