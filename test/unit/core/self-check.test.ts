// The self-check's pieces: which answer a sampled text is, the goodness-of-fit test against the exact distribution
// (its false-alarm rate and its power, simulated), and the verdict.
import { describe, expect, it } from 'vitest';
import type { ScoreRequest } from '../../../src/core/model.ts';
import {
  classifySample,
  fitToExact,
  judgeSelfCheck,
  SELF_CHECK_ALPHA,
  SELF_CHECK_SAMPLES,
  selfCheckGenerateRequest,
  selfCheckMismatches,
  runSelfCheck,
  selfCheckScoreRequest,
} from '../../../src/core/self-check/index.ts';
import { createRng } from '../../../src/core/stats/rng.ts';
import { scoreResult } from '../../support/builders.ts';
import { SyntheticModel, type AnswerDistribution } from './probes/synthetic-model.ts';

const REQUEST: ScoreRequest = {
  prompt: 'Q: Pick a number from 0 to 10.\nA:',
  candidates: Array.from({ length: 11 }, (_, n) => ({ answer: String(n), variants: [String(n), ` ${n}`] })),
  terminators: ['\n', '.', ',', '!', ' '],
  endOfSequenceEnds: true,
  endCheck: 'prefixes-only',
};

const stop = (text: string) => ({ text, finishReason: 'stop' as const });
const length = (text: string) => ({ text, finishReason: 'length' as const });

describe('classifying a sampled answer', () => {
  it('reads an answer followed by a terminator, or ended by the model', () => {
    expect(classifySample(REQUEST, length(' 7\nQ:'))).toBe(7);
    expect(classifySample(REQUEST, stop('7'))).toBe(7);
    expect(classifySample(REQUEST, length('10.'))).toBe(10);
    expect(classifySample(REQUEST, length(' 1 or'))).toBe(1);
  });

  it('counts as "other" what exact scoring counts there: more digits, words, an answer cut off by the token limit', () => {
    expect(classifySample(REQUEST, length('75\n'))).toBe(-1);
    expect(classifySample(REQUEST, length('seven'))).toBe(-1);
    expect(classifySample(REQUEST, length(' 7'))).toBe(-1);
    expect(classifySample(REQUEST, stop(''))).toBe(-1);
  });

  it('counts an answer ended by the model as "other" when the end of sequence does not end answers', () => {
    expect(classifySample({ ...REQUEST, endOfSequenceEnds: false }, stop('7'))).toBe(-1);
  });

  it('scores the request with the end read after every answer, and generates enough to see past the longest answer', () => {
    expect(selfCheckScoreRequest(REQUEST)).toEqual({ ...REQUEST, endCheck: 'every-answer' });
    const first = selfCheckGenerateRequest(REQUEST, 1, 0);
    expect(first).toMatchObject({ prompt: REQUEST.prompt, temperature: 1, maxTokens: 5 });
    expect(selfCheckGenerateRequest(REQUEST, 1, 1).seed).not.toBe(first.seed);
    expect(selfCheckGenerateRequest(REQUEST, 1, 0).seed).toBe(first.seed);
  });
});

/** n draws from `p`, as category counts. */
function sample(p: readonly number[], n: number, random: () => number): number[] {
  const counts = new Array<number>(p.length).fill(0);
  for (let i = 0; i < n; i++) {
    let u = random();
    let k = 0;
    while (k < p.length - 1 && u >= (p[k] as number)) {
      u -= p[k] as number;
      k += 1;
    }
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/** rng-0-10 on a base-like model: the eleven answers about even, 5% elsewhere. */
const EVEN = [...Array<number>(11).fill(0.95 / 11), 0.05];

/** Total variation 0.2, moved from five answers to five others: the hardest way to spread it over these categories. */
const SPREAD = EVEN.map((p, i) => (i < 5 ? p - 0.04 : i < 10 ? p + 0.04 : p));

/** 0.2 of the answers' mass in "other": what an end of text the exact path misses does. */
const INTO_OTHER = [...EVEN.slice(0, 11).map((p) => p * (0.75 / 0.95)), 0.25];

/** How often the test flags samples drawn from `truth` (400 Monte Carlo draws each: enough to place p around α). */
function flagRate(truth: readonly number[], trials: number, seed: number): number {
  const random = createRng(seed);
  let flagged = 0;
  for (let trial = 0; trial < trials; trial++) {
    const observed = sample(truth, SELF_CHECK_SAMPLES, random);
    if (fitToExact(observed, EVEN, { seed: seed + trial, draws: 400 }).pValue < SELF_CHECK_ALPHA) flagged += 1;
  }
  return flagged / trials;
}

describe('the test against the exact distribution', () => {
  it('raises a false alarm about as often as α when the samples follow the exact distribution', () => {
    expect(flagRate(EVEN, 200, 11)).toBeLessThanOrEqual(0.03);
  });

  it(`finds a total-variation difference of 0.2 with power above 0.9 at ${SELF_CHECK_SAMPLES} samples`, () => {
    expect(flagRate(SPREAD, 150, 12)).toBeGreaterThan(0.9);
  });

  it('finds 0.2 of probability moved into "other" nearly always', () => {
    expect(flagRate(INTO_OTHER, 40, 13)).toBeGreaterThan(0.97);
  });

  it('calls a sample the exact path says is impossible a mismatch outright', () => {
    expect(fitToExact([5, 1], [1, 0], { seed: 1 })).toEqual({ statistic: Infinity, pValue: 0 });
  });

  it('is reproducible for a seed, and refuses categories that do not line up', () => {
    expect(fitToExact([3, 5, 2], [0.3, 0.5, 0.2], { seed: 4 })).toEqual(fitToExact([3, 5, 2], [0.3, 0.5, 0.2], { seed: 4 }));
    expect(() => fitToExact([1, 2], [1], { seed: 1 })).toThrow(RangeError);
  });
});

describe('the verdict', () => {
  const score = scoreResult({ rock: 0.5, paper: 0.3, scissors: 0.15 }, 0.05, { forwardPasses: 2, prefillTokens: 40 });
  const context = { probeId: 'rps' as const, runId: 'run-1', gpuDescription: 'Test GPU', seed: 7, now: new Date('2025-05-01T12:00:00.000Z') };

  it('agrees when the samples follow the exact distribution', () => {
    const sampled = [...Array<number>(100).fill(0), ...Array<number>(60).fill(1), ...Array<number>(30).fill(2), ...Array<number>(10).fill(-1)];
    const result = judgeSelfCheck(score, sampled, context);
    expect(result).toMatchObject({
      verdict: 'agrees',
      categories: ['rock', 'paper', 'scissors', 'other'],
      expected: [0.5, 0.3, 0.15, 0.05],
      observed: [100, 60, 30, 10],
      alpha: SELF_CHECK_ALPHA,
      probeId: 'rps',
      runId: 'run-1',
      checkedAt: '2025-05-01T12:00:00.000Z',
      gpuDescription: 'Test GPU',
    });
    expect(result.pValue).toBeGreaterThan(0.5);
  });

  it('is a mismatch when the samples go elsewhere, and the run flags that model', () => {
    const sampled = [...Array<number>(40).fill(0), ...Array<number>(40).fill(1), ...Array<number>(120).fill(2)];
    const result = judgeSelfCheck(score, sampled, context);
    expect(result.verdict).toBe('mismatch');
    expect(selfCheckMismatches([{ id: 'a', selfCheck: result }, { id: 'b' }]).map((model) => model.id)).toEqual(['a']);
  });
});

describe('running the self-check on a model', () => {
  const numbers = Object.fromEntries(Array.from({ length: 11 }, (_, n) => [String(n), n === 7 ? 0.45 : 0.05]));
  const context = { probeId: 'rng-0-10' as const, runId: 'run-1', gpuDescription: 'Test GPU', seed: 3, now: new Date('2025-05-01T12:00:00.000Z') };

  it('agrees when the model samples what its logits say, and reports each sample', async () => {
    const model = new SyntheticModel({ id: 'm', role: 'instruct', distribution: () => numbers, phrase: (answer) => `${answer}\n` });
    let done = 0;
    const result = await runSelfCheck(model, REQUEST, context, { onProgress: (count) => (done = count) });
    expect(result.verdict).toBe('agrees');
    expect(result.observed.reduce((sum, count) => sum + count, 0)).toBe(SELF_CHECK_SAMPLES);
    expect(done).toBe(SELF_CHECK_SAMPLES);
    expect(model.calls).toEqual({ score: 1, generate: SELF_CHECK_SAMPLES });
  });

  it('takes the probe’s own reading when it already reads every answer’s end, instead of scoring again', async () => {
    const model = new SyntheticModel({ id: 'm', role: 'instruct', distribution: () => numbers, phrase: (answer) => `${answer}\n` });
    const request = { ...REQUEST, endCheck: 'every-answer' as const };
    const read = await model.score(request);
    const result = await runSelfCheck(model, request, context, { read });
    expect(result.verdict).toBe('agrees');
    expect(model.calls.score).toBe(1);
    // A reading that did not read every end is not the self-check's event: it scores afresh.
    const prefixesOnly = await model.score(REQUEST);
    await runSelfCheck(model, REQUEST, context, { read: prefixesOnly });
    expect(model.calls.score).toBe(3);
  });

  it('finds a model whose samples disagree with its logits (here: it samples evenly but scores a favourite)', async () => {
    const even: AnswerDistribution = () => Object.fromEntries(Array.from({ length: 11 }, (_, n) => [String(n), 1 / 11]));
    const model = new SyntheticModel({ id: 'm', role: 'instruct', distribution: () => numbers, phrase: (answer) => `${answer}\n` });
    const sampler = new SyntheticModel({ id: 'm', role: 'instruct', distribution: even, phrase: (answer) => `${answer}\n` });
    const disagreeing = { score: model.score.bind(model), generate: sampler.generate.bind(sampler) };
    expect((await runSelfCheck(disagreeing, REQUEST, context)).verdict).toBe('mismatch');
  });

  it('stops, all or nothing, when the run is stopped', async () => {
    const controller = new AbortController();
    const model = new SyntheticModel({ id: 'm', role: 'instruct', distribution: () => numbers, phrase: (answer) => `${answer}\n` });
    const checking = runSelfCheck(model, REQUEST, context, { signal: controller.signal, onProgress: (count) => count === 5 && controller.abort() });
    await expect(checking).rejects.toMatchObject({ name: 'AbortError' });
  });
});
