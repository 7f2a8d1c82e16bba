// The server backend against the stand-in server (test/fixtures/stand-in-server): exact answer probabilities equal the
// designed truth on vLLM (exactly) and on llama.cpp's server (exactly where its top k covers the answers, within
// bounds where it does not), for the Llama 3.1 and Qwen3 tokenizers, in the base model's completion frame and the
// aligned model's chat turn; sampled mode follows the designed distribution with a handful of requests; and every
// connection problem has its kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../../src/core/probes/rng-0-10/index.ts';
import type { LabError } from '../../../../src/engine/errors/kinds.ts';
import { classifyError } from '../../../../src/engine/errors/words.ts';
import { ServerBackend } from '../../../../src/engine/server/server-backend.ts';
import { designedTruth } from '../../../fixtures/stand-in-server/designed-model.ts';
import { alignedRng, BASE_RNG, designedPair } from '../../../fixtures/stand-in-server/designs.ts';
import { startStandInServer, type StandInServer } from '../../../fixtures/stand-in-server/stand-in-server.ts';
import { loadOn, rngPrompt, rngScoreRequest, serverSpec } from './support.ts';

const signal = new AbortController().signal;

function kindOf(error: unknown): LabError['kind'] {
  return classifyError(error).kind;
}

async function failure(work: Promise<unknown>): Promise<LabError['kind']> {
  try {
    await work;
  } catch (error) {
    return kindOf(error);
  }
  throw new Error('It did not fail.');
}

describe.each(['llama', 'qwen'] as const)('exact answer probabilities with the %s tokenizer', (tokenizer) => {
  const pair = designedPair({ tokenizer });
  let vllm: StandInServer;
  let llamaCpp: StandInServer;

  beforeAll(async () => {
    vllm = await startStandInServer({ flavour: 'vllm', models: [pair.base, pair.aligned] });
    llamaCpp = await startStandInServer({ flavour: 'llama.cpp', models: [pair.base, pair.aligned] });
  });

  afterAll(async () => {
    await vllm.close();
    await llamaCpp.close();
  });

  const cases = [
    { role: 'base' as const, design: BASE_RNG, model: () => pair.base.id },
    { role: 'instruct' as const, design: alignedRng(pair.family), model: () => pair.aligned.id },
  ];

  it.each(cases)('on vLLM equal the designed truth for the $role model, in at most 2 requests', async ({ role, design, model }) => {
    const { backend, result } = await loadOn(vllm, model(), pair.family);
    expect(result.server?.info).toMatchObject({ software: 'vllm', exact: 'exact', version: '0.11.0', family: pair.family });
    const score = await backend.score(rngScoreRequest(role, pair.family), signal);
    const truth = designedTruth(design, ANSWERS);
    score.answers.forEach((answer, i) => expect(answer.probability, answer.answer).toBeCloseTo(truth.answers[i] as number, 6));
    expect(score.otherProbability).toBeCloseTo(truth.other, 6);
    expect(score.bounds).toBeUndefined();
    expect(backend.requestCount).toBeLessThanOrEqual(2);
  });

  it.each(cases)('on llama.cpp equal the designed truth for the $role model (its top 100 hold every answer)', async ({ role, design, model }) => {
    const { backend, result } = await loadOn(llamaCpp, model(), pair.family);
    expect(result.server?.info).toMatchObject({ software: 'llama.cpp', exact: 'top-k', topK: 100, version: 'b6600-1a2b3c4d' });
    const score = await backend.score(rngScoreRequest(role, pair.family), signal);
    const truth = designedTruth(design, ANSWERS);
    score.answers.forEach((answer, i) => expect(answer.probability, answer.answer).toBeCloseTo(truth.answers[i] as number, 6));
    expect(score.otherProbability).toBeCloseTo(truth.other, 6);
    // Of the many tokens that may end an answer, those the model gives almost nothing fall outside the top 100: they
    // are bounded, and the bounds are that narrow.
    for (const [i, bounds] of (score.bounds?.answers ?? []).entries()) {
      expect(bounds.upper - bounds.lower, ANSWERS[i]).toBeLessThan(1e-6);
    }
  });
});

describe('when only the top k are known', () => {
  it('reads each answer between bounds that hold the truth, its lower bound as its probability, the rest as other', async () => {
    const pair = designedPair({ tokenizer: 'llama' });
    // The designed base answers with 11 digits after " ": a top 5 leaves 6 of them unread.
    const server = await startStandInServer({ flavour: 'llama.cpp', models: [pair.base], maxProbs: 5 });
    const { backend } = await loadOn(server, pair.base.id, pair.family);
    const score = await backend.score(rngScoreRequest('base', pair.family), signal);
    const truth = designedTruth(BASE_RNG, ANSWERS);
    const bounds = score.bounds;
    if (!bounds) throw new Error('An answer outside the top 5 has no bounds.');
    bounds.answers.forEach((bound, i) => {
      expect(bound.lower).toBeLessThanOrEqual((truth.answers[i] as number) + 1e-6);
      expect(bound.upper).toBeGreaterThanOrEqual((truth.answers[i] as number) - 1e-6);
      expect(score.answers[i]?.probability).toBe(bound.lower);
    });
    expect(bounds.answers.filter((bound) => bound.lower === 0).length).toBeGreaterThan(0);
    expect(bounds.other.lower).toBeLessThanOrEqual(truth.other + 1e-6);
    expect(bounds.other.upper).toBeGreaterThanOrEqual(truth.other - 1e-6);
    expect(score.otherProbability).toBeCloseTo(1 - score.answers.reduce((sum, answer) => sum + answer.probability, 0), 12);
    await server.close();
  });
});

describe('sampled mode', () => {
  let server: StandInServer;
  const pair = designedPair({ tokenizer: 'llama' });

  beforeAll(async () => {
    server = await startStandInServer({ flavour: 'vllm', models: [pair.base, pair.aligned] });
  });

  afterAll(() => server.close());

  it('draws 1,500 answers from the designed distribution in at most 20 requests, with the seeds it was given', async () => {
    const { backend } = await loadOn(server, pair.aligned.id, pair.family);
    const prompt = rngPrompt('instruct', pair.family);
    const texts: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const result = await backend.generate({ prompt, temperature: 1, seed: 1000 + i, maxTokens: 8, stop: ['\n'] }, () => undefined, signal);
      texts.push(result.text);
    }
    expect(backend.requestCount).toBeLessThanOrEqual(20);
    const sevens = texts.filter((text) => text === '7').length / texts.length;
    // P("7") = 0.6 by design; 1,500 draws put the share within ±0.05 with overwhelming probability (seeded anyway).
    expect(sevens).toBeGreaterThan(0.55);
    expect(sevens).toBeLessThan(0.65);
    const body = server.requests.find((request) => request.path === '/v1/completions' && (request.body as { n?: number }).n === 1)?.body;
    expect(body).toMatchObject({ seed: 1000, temperature: 1, top_p: 1, top_k: -1, min_p: 0, repetition_penalty: 1, add_special_tokens: false });
  });
});

describe('connection problems have their kinds', () => {
  const pair = designedPair({ tokenizer: 'llama' });

  it('a wrong or missing API key: server-auth', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base], apiKey: 'secret' });
    expect(await failure(loadOn(server, pair.base.id, pair.family))).toBe('server-auth');
    expect(await failure(loadOn(server, pair.base.id, pair.family, 'wrong'))).toBe('server-auth');
    await expect(loadOn(server, pair.base.id, pair.family, 'secret')).resolves.toBeTruthy();
    expect(JSON.stringify(server.requests)).not.toContain('secret');
    await server.close();
  });

  it('a model the server does not serve: server-model-missing', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base] });
    expect(await failure(loadOn(server, 'meta-llama/Llama-3.1-70B', pair.family))).toBe('server-model-missing');
    await server.close();
  });

  it('nobody answering: server-unreachable, and a server that stops answering pauses a run', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base] });
    const { backend } = await loadOn(server, pair.base.id, pair.family);
    await server.goDown();
    expect(await failure(backend.score(rngScoreRequest('base', pair.family), signal))).toBe('server-unreachable');
    await server.comeBack();
    await expect(backend.score(rngScoreRequest('base', pair.family), signal)).resolves.toBeTruthy();
    await server.close();
  });

  it('the wrong family for the model: wrong-family', async () => {
    const qwen = designedPair({ tokenizer: 'qwen' });
    const server = await startStandInServer({ flavour: 'vllm', models: [qwen.base] });
    expect(await failure(loadOn(server, qwen.base.id, 'llama-3.1'))).toBe('wrong-family');
    await server.close();
  });

  it('an address that is not a server API: server-too-old; an https page and a plain-http LAN address: mixed-content', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base] });
    const backend = new ServerBackend();
    const spec = serverSpec(server, pair.base.id, pair.family);
    if (spec.source.kind !== 'server') throw new Error('not a server spec');
    const wrongPath = { ...spec, source: { ...spec.source, connection: { baseUrl: `${server.baseUrl}/nothing`, apiKey: null } } };
    expect(await failure(backend.load(wrongPath, () => undefined, signal))).toBe('server-too-old');
    const lan = { ...spec, source: { ...spec.source, connection: { baseUrl: 'http://192.168.1.20:8000/v1', apiKey: null } } };
    const fromHttps = new ServerBackend({ pageProtocol: 'https:' });
    expect(await failure(fromHttps.load(lan, () => undefined, signal))).toBe('mixed-content');
    await server.close();
  });

  it('exact mode on Ollama: server-unsupported; its sampled answers come raw, from the designed distribution', async () => {
    const server = await startStandInServer({ flavour: 'ollama', models: [pair.aligned] });
    const { backend, result } = await loadOn(server, pair.aligned.id, pair.family);
    expect(result.server?.info).toMatchObject({ software: 'ollama', exact: 'none', version: '0.12.6' });
    expect(await failure(backend.score(rngScoreRequest('instruct', pair.family), signal))).toBe('server-unsupported');
    const answer = await backend.generate({ prompt: rngPrompt('instruct', pair.family), temperature: 0, seed: 3, maxTokens: 8, stop: ['\n'] }, () => undefined, signal);
    expect(answer.text).toBe('7');
    expect(server.requests.find((request) => request.path === '/api/generate')?.body).toMatchObject({ raw: true, stream: false, options: { seed: 3, top_k: 0, top_p: 1 } });
    await server.close();
  });
});
