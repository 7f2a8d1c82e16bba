// "Your server" end to end on the production build (issue 14): no GPU is needed, so what users get runs here whole.
// A stand-in server (test/fixtures/stand-in-server) in this process answers as vLLM and as llama.cpp's server do, from
// designed models over the real Llama 3.1 and Qwen3 tokenizers; the page's server worker reaches it at
// http://127.0.0.1, under the production Content-Security-Policy. Exact runs must read the designed truth; sampled
// runs must follow it, cheaply, and survive the server dropping out; every connection problem must say what it is.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { WORKER_HEADER_POLICY } from '../../build/csp.ts';
import { ANSWERS } from '../../src/core/probes/rng-0-10/index.ts';
import { designedTruth } from '../fixtures/stand-in-server/designed-model.ts';
import { alignedRng, BASE_RNG, designedPair } from '../fixtures/stand-in-server/designs.ts';
import { startStandInServer, type StandInServer } from '../fixtures/stand-in-server/stand-in-server.ts';
import { axeViolations, closeContext } from './browser.ts';
import { freshProfile, shadowText, startRun, waitForRunStatus } from './scripted.ts';
import { connectToServer, everythingStored, storedRun, useServerModels } from './server.ts';
import { RUN_WAIT_MS } from './waits.ts';

const baseUrl = inject('baseUrl');

/** Each stored exact distribution must be the designed one, to six places (servers send float32 log-probabilities). */
function expectDesignedTruth(run: Awaited<ReturnType<typeof storedRun>>, truths: Record<string, ReturnType<typeof designedTruth>>): void {
  for (const model of run.info.models) {
    const truth = truths[model.name];
    const record = run.records.find((candidate) => candidate.modelId === model.id);
    if (!truth || !record?.probabilities) throw new Error(`No exact record of ${model.name}.`);
    record.probabilities.forEach((p, i) => expect(p, `${model.name} P(${ANSWERS[i]})`).toBeCloseTo(truth.answers[i] as number, 6));
    expect(record.other).toBeCloseTo(truth.other, 6);
  }
}

describe('a vLLM server with the paper’s Llama 3.1 8B pair', () => {
  const pair = designedPair({ tokenizer: 'llama' });
  let server: StandInServer;
  let profile: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startStandInServer({ flavour: 'vllm', models: [pair.base, pair.aligned] });
    profile = await freshProfile({ serviceWorkers: 'block' });
    page = await profile.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await closeContext(profile);
    await server.close();
  });

  it('connects, shows what it detected, and checks both models on the server', async () => {
    await connectToServer(page, baseUrl, server.baseUrl);
    await page.locator('lab-server-connect [data-detected]').waitFor();
    const detected = await page.locator('lab-server-connect [data-detected]').innerText();
    expect(detected).toContain('Connected to vLLM 0.11.0');
    expect(detected).toContain('2 models');
    await useServerModels(page, 2);
    expect(await page.locator('lab-server-model-card [data-exact="exact"]').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('runs rng-0-10 in exact mode and stores the designed truth, recording the server but no GPU', async () => {
    const before = server.requests.length;
    const runId = await startRun(page, 'exact');
    await waitForRunStatus(page, 'Finished');
    const run = await storedRun(page, runId);
    expectDesignedTruth(run, { [pair.base.id]: designedTruth(BASE_RNG, ANSWERS), [pair.aligned.id]: designedTruth(alignedRng(pair.family), ANSWERS) });
    // Reading the answers takes at most two echo requests per model (the self-check of each model's first exact run
    // reuses that reading); its samples come through ordinary completions besides.
    const echoes = server.requests.slice(before).filter((request) => (request.body as { echo?: boolean } | null)?.echo === true);
    expect(echoes.length).toBeLessThanOrEqual(4);
    expect(run.info.models.every((model) => model.selfCheck?.verdict === 'agrees')).toBe(true);
    expect(run.info.gpu).toBeNull();
    for (const model of run.info.models) {
      expect(model.variant).toBeNull();
      expect(model.server).toEqual({
        software: 'vllm',
        host: new URL(server.baseUrl).host,
        model: model.name,
        version: '0.11.0',
        family: 'llama-3.1',
        exact: 'exact',
        topK: null,
      });
    }
  });

  it('runs rng-0-10 in sampled mode at server speed: 1,500 answers per model in at most 20 requests each', async () => {
    server.resetCount();
    const before = server.requests.length;
    const runId = await startRun(page, 'sampled');
    await page.locator('lab-lab-page .status', { hasText: 'Finished' }).waitFor({ timeout: RUN_WAIT_MS });
    const run = await storedRun(page, runId);
    for (const model of run.info.models) {
      const answers = run.records.filter((record) => record.modelId === model.id && record.answer !== null);
      expect(answers).toHaveLength(1500);
      const requests = server.requests.slice(before).filter((request) => (request.body as { model?: string }).model === model.name);
      expect(requests.length, model.name).toBeLessThanOrEqual(20);
    }
    const aligned = run.info.models.find((model) => model.name === pair.aligned.id);
    const sevens = run.records.filter((record) => record.modelId === aligned?.id && record.answer === 7).length;
    // P("7") = 0.6 by design.
    expect(sevens / 1500).toBeGreaterThan(0.55);
    expect(sevens / 1500).toBeLessThan(0.65);
  });

  it('puts the server runs on the Claims page, which finds the aligned model’s “7” against the base', async () => {
    await page.locator('nav a', { hasText: 'Claims' }).click();
    const seven = page.locator('lab-claims-page [data-claim="seven"]');
    await seven.locator('li[data-comparison]').first().waitFor();
    expect(await seven.locator('li[data-comparison] [data-verdict="supported"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('pauses a run when the server drops out, and resumes it to exactly 1,500 answers per model once it is back', async () => {
    await page.locator('nav a', { hasText: 'Lab' }).click();
    server.dropAfter(4);
    const runId = await startRun(page, 'sampled');
    await waitForRunStatus(page, 'Stopped before the end');
    expect(await shadowText(page.locator('lab-lab-page lab-error-message'))).toContain('No server answered at');
    await server.comeBack();
    await page.goto(`${baseUrl}#/run/${runId}`);
    await page.locator('lab-run-page [data-resume]:not([disabled])').click();
    await expect.poll(() => shadowText(page.locator('lab-run-page')), { timeout: RUN_WAIT_MS }).toContain('Complete');
    const run = await storedRun(page, runId);
    for (const model of run.info.models) {
      const own = run.records.filter((record) => record.modelId === model.id);
      expect(own.filter((record) => record.answer !== null)).toHaveLength(1500);
      expect(new Set(own.map((record) => record.index)).size).toBe(own.length);
      expect(Math.max(...own.map((record) => record.index))).toBe(own.length - 1);
    }
  });
});

describe('llama.cpp’s server with a Qwen3 pair', () => {
  it('reads the designed truth from its top-k log-probabilities in exact mode', async () => {
    const pair = designedPair({ tokenizer: 'qwen' });
    const server = await startStandInServer({ flavour: 'llama.cpp', models: [pair.base, pair.aligned] });
    const profile = await freshProfile({ serviceWorkers: 'block' });
    const page = await profile.newPage();
    await connectToServer(page, baseUrl, server.baseUrl);
    expect(await page.locator('lab-server-connect [data-detected]').innerText()).toContain('llama.cpp’s server b6600-1a2b3c4d');
    // The names give the family (Qwen3); "Qwen3-8B" does not say it is the aligned one, so the user says so.
    await page.locator(`lab-server-connect fieldset[data-model="${pair.aligned.id}"] select[name="role"]`).selectOption('instruct');
    await useServerModels(page, 2);
    expect(await page.locator('lab-server-model-card [data-exact="top-k"]').count()).toBe(2);
    const runId = await startRun(page, 'exact');
    await waitForRunStatus(page, 'Finished');
    expectDesignedTruth(await storedRun(page, runId), {
      [pair.base.id]: designedTruth(BASE_RNG, ANSWERS),
      [pair.aligned.id]: designedTruth(alignedRng(pair.family), ANSWERS),
    });
    await closeContext(profile);
    await server.close();
  });
});

describe('connection problems, each in plain words', () => {
  const pair = designedPair({ tokenizer: 'llama' });
  let profile: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    profile = await freshProfile({ serviceWorkers: 'block' });
    page = await profile.newPage();
  });

  afterAll(() => closeContext(profile));

  async function connectError(): Promise<string> {
    const message = page.locator('lab-server-connect lab-error-message');
    await message.waitFor();
    return shadowText(message);
  }

  it('a server that does not allow this page (CORS) is told apart from one that is not there', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base], cors: 'none' });
    await connectToServer(page, baseUrl, server.baseUrl);
    expect(await connectError()).toContain('answered, but does not let this page read its answers');
    const address = server.baseUrl;
    await server.close();
    await connectToServer(page, baseUrl, address);
    expect(await connectError()).toContain('No server answered at');
  });

  it('a server the worker’s policy does not allow is named as such (so the policy is what lets the tests through)', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base] });
    const blocked = await freshProfile({ serviceWorkers: 'block' });
    await blocked.route(/\/assets\/server\.worker-.*\.js$/, async (route) => {
      const response = await route.fetch();
      const policy = WORKER_HEADER_POLICY.replace(' http://localhost:*', '').replace(' http://127.0.0.1:*', '');
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
    const blockedPage = await blocked.newPage();
    await connectToServer(blockedPage, baseUrl, server.baseUrl);
    const message = blockedPage.locator('lab-server-connect lab-error-message');
    await message.waitFor();
    expect(await shadowText(message)).toContain('This copy of the lab may not reach');
    expect(server.requests).toEqual([]);
    await closeContext(blocked);
    await server.close();
  });

  it('a missing or wrong API key is refused; the right one works and is never stored, exported or shared', async () => {
    const key = 'class-key-8f3e2a';
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base, pair.aligned], apiKey: key });
    await connectToServer(page, baseUrl, server.baseUrl);
    expect(await connectError()).toContain('needs an API key, or not this one');
    await connectToServer(page, baseUrl, server.baseUrl, key);
    await useServerModels(page, 2);
    const runId = await startRun(page, 'exact');
    await waitForRunStatus(page, 'Finished');
    await page.goto(`${baseUrl}#/run/${runId}`);
    const download = page.waitForEvent('download');
    await page.locator('lab-run-page [data-export="json"]').click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    await page.locator('lab-run-page [data-share]').click();
    const link = await page.locator('lab-run-page .share input').inputValue();
    expect(exported).toContain(new URL(server.baseUrl).host);
    for (const text of [exported, link, await everythingStored(page)]) expect(text).not.toContain(key);
    await server.close();
  });

  it('a model the server no longer serves is named', async () => {
    const server = await startStandInServer({ flavour: 'vllm', models: [pair.base, pair.aligned] });
    await connectToServer(page, baseUrl, server.baseUrl);
    await page.locator('lab-server-connect [data-detected]').waitFor();
    server.withdraw(pair.aligned.id);
    await page.locator('lab-server-connect').getByRole('button', { name: 'Use these models' }).click();
    const failed = page.locator('lab-server-model-card lab-error-message');
    await failed.waitFor();
    expect(await shadowText(failed)).toContain(`does not serve ${pair.aligned.id}`);
    await server.close();
  });
});
