import { jsDivergence, uniform } from '../../../../src/core/stats/index.ts';
import { describe, expect, it } from 'vitest';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import { ANSWERS, PAPER_N, RNG_0_10, type Rng010Params, type Rng010Record } from '../../../../src/core/probes/rng-0-10/index.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { SyntheticModel, uniformOver, type AnswerDistribution } from './synthetic-model.ts';
import { collect } from '../../../support/builders.ts';

/** Half the mass on "7", the rest spread evenly: an aligned model's habit, exaggerated. */
const sevenHeavy: AnswerDistribution = () =>
  Object.fromEntries(ANSWERS.map((answer) => [answer, answer === '7' ? 0.5 : 0.05]));

function probeModel(id: string, role: 'base' | 'instruct', distribution: AnswerDistribution, otherText?: string): ProbeModel {
  return {
    model: new SyntheticModel({ id, role, distribution, phrase: (answer) => `My number is ${answer}!`, otherText }),
    chatTemplate: 'llama-3.1',
  };
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
    // No sample in exact mode: χ² on the paper's scale is what a sample of 1,500 would show on average, exactly
    // (k − 1 = 10 for a fair pick), with the range one such sample falls in.
    expect(uniformSummary?.validAnswers).toBe(null);
    expect(uniformSummary?.measures?.goodnessOfFit).toBe(null);
    expect(uniformSummary?.measures?.chiSquareAtPaperN).toMatchObject({ value: expect.closeTo(10, 9), interval: 'exact', n: null });
    const range = uniformSummary?.measures?.chiSquareSampleRange;
    expect(range?.lo).toBeGreaterThan(2);
    expect(range?.hi).toBeLessThan(25);
    // P(7) = 0.5, the rest 0.05 each: φ² = 11 · (0.409² + 10 · 0.041²) and E[χ²] at 1,500 = 10 + 1,499 φ².
    const phiSquared = 11 * ((0.5 - 1 / 11) ** 2 + 10 * (0.05 - 1 / 11) ** 2);
    expect(sevenSummary?.measures?.chiSquareAtPaperN.value).toBeCloseTo(10 + 1499 * phiSquared, 6);
    expect(sevenSummary?.otherShare).toBeCloseTo(0, 12);
    expect(sevenSummary?.measuresTheQuestion).toBe(true);
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
    // χ² at the paper's N from n answers: the unbiased rescaling (k − 1) + (χ² − (k − 1)) · (1,500 − 1)/(n − 1), not
    // χ² · 1,500/n, which adds (k − 1)(1,500/n − 1) of pure noise.
    const chi = summary.measures!.goodnessOfFit!.chiSquare;
    const atPaperN = summary.measures!.chiSquareAtPaperN;
    expect(atPaperN.value).toBeCloseTo(10 + ((chi.statistic - 10) * (PAPER_N - 1)) / (sampledParams.n - 1), 6);
    expect(atPaperN).toMatchObject({ n: sampledParams.n, interval: 'u-statistic-95' });
    expect(atPaperN.lo).toBeLessThan(atPaperN.value);
    expect(atPaperN.hi).toBeGreaterThan(atPaperN.value);
  });

  it('shows χ² at the paper’s N about 10 on average for a fair sampler at n = 100, where χ² · 1,500/n showed about 150', async () => {
    const params = { ...sampledParams, n: 100 };
    let total = 0;
    const runs = 40;
    for (let seed = 1; seed <= runs; seed++) {
      const fair = probeModel('base', 'base', uniformOver(ANSWERS));
      const records = await collect(runProbe(RNG_0_10, { models: [fair], params: { ...params, seed } }));
      total += RNG_0_10.summarize(records, { ...params, seed }, ['base']).models[0]!.measures!.chiSquareAtPaperN.value;
    }
    // Its standard deviation at n = 100 is about 68, so the mean of 40 lies within about ±21 of 10 (two standard errors).
    expect(Math.abs(total / runs - 10)).toBeLessThan(25);
  });

  it('gives a fair sampler’s JS divergence an interval that reaches 0, and a bias-corrected value below the plug-in', async () => {
    const fair = probeModel('base', 'base', uniformOver(ANSWERS));
    const records = await collect(runProbe(RNG_0_10, { models: [fair], params: { ...sampledParams, n: 100 } }));
    const summary = RNG_0_10.summarize(records, { ...sampledParams, n: 100 }, ['base']).models[0]!;
    const js = summary.measures!.jsToUniform;
    expect(js).toMatchObject({ lo: 0, interval: 'bootstrap-calibrated-95', n: 100 });
    expect(js.value).toBeLessThan(jsDivergence(summary.distribution, uniform(11)));
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
