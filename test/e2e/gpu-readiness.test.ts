// Issue 13 on the e2e build: the self-check on the visitor's GPU (the scripted Reasoning model's samples disagree
// with its exact distribution, the others' agree), the diagnostics report from the "Your GPU" page and from a run,
// the memory note before a second load, and a run that takes one model at a time.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PROBE_CHECKS } from '../../src/core/probes/registry.ts';
import { parseRunExport } from '../../src/core/results/index.ts';
import { closeContext } from './browser.ts';
import { expectExactlyOnce, freshProfile, shadowText, startRun, storedIndices, waitForRunStatus } from './scripted.ts';
import { RUN_WAIT_MS } from './waits.ts';

const scriptedUrl = inject('scriptedUrl');
const BASE = 'Ministral-3-3B-Base-2512-q4f32_1-MLC';
const REASONING = 'Ministral-3-3B-Reasoning-2512-q4f32_1-MLC';

let profile: BrowserContext;
let page: Page;

beforeEach(async () => {
  profile = await freshProfile();
  page = await profile.newPage();
});

afterEach(() => closeContext(profile));

function card(index: number): Locator {
  return page.locator('lab-model-card').nth(index);
}

async function load(index: number): Promise<void> {
  await card(index).locator('button').first().click();
  await card(index).locator('.ready').waitFor();
}

/** Clicks a download button and returns the downloaded file's text. */
async function downloaded(button: Locator): Promise<string> {
  const download = page.waitForEvent('download');
  await button.click();
  return readFileSync(await (await download).path(), 'utf8');
}

/** Starts an exact run, waits for it to finish, opens its page and returns its id. */
async function runExactAndOpen(): Promise<string> {
  const runId = await startRun(page, 'exact');
  await waitForRunStatus(page, 'Finished');
  await page.goto(`${scriptedUrl}#/run/${runId}`);
  return runId;
}

describe('the self-check on the GPU', () => {
  it('flags the model whose sampled answers disagree with its exact distribution, on its page, in its files and its report', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    await card(0).locator('button').first().waitFor();
    await load(0);
    await load(2);
    const runId = await runExactAndOpen();

    const notes = page.locator('lab-run-page lab-self-check-note');
    const mismatch = notes.locator(`[data-self-check="mismatch"][data-model="${REASONING}"]`);
    await mismatch.waitFor();
    expect(await mismatch.innerText()).toContain('Self-check failed for Ministral 3 3B Reasoning on this GPU');
    expect(await notes.locator(`[data-self-check="agrees"][data-model="${BASE}"]`).innerText()).toContain('Self-check passed');

    const json = await downloaded(page.locator('lab-run-page [data-export="json"]'));
    const parsed = parseRunExport(json, PROBE_CHECKS);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const verdicts = Object.fromEntries(parsed.value.run.models.map((model) => [model.id, model.selfCheck?.verdict]));
    expect(verdicts).toEqual({ [BASE]: 'agrees', [REASONING]: 'mismatch' });
    expect(parsed.value.records).toHaveLength(2);
    expect(parsed.value.run.models[0]?.performance?.loadSeconds).toBeGreaterThan(0);
    const csv = await downloaded(page.locator('lab-run-page [data-export="csv"]'));
    expect(csv.split('\r\n')[0]).toContain('model_self_check');
    expect(csv).toContain('mismatch');

    const report = page.locator('lab-run-page lab-diagnostics-report');
    const text = await downloaded(report.locator('[data-diagnostics="download"]'));
    const diagnostics = JSON.parse(text) as { includesPromptsAndAnswers: boolean; run: { id: string; models: { selfCheck?: { verdict: string } }[]; records?: unknown }; models: unknown[] };
    expect(diagnostics.includesPromptsAndAnswers).toBe(false);
    expect(diagnostics.run.id).toBe(runId);
    expect(diagnostics.run.models.map((model) => model.selfCheck?.verdict)).toEqual(['agrees', 'mismatch']);
    expect(diagnostics.run.records).toBeUndefined();
    expect(text).not.toContain('Generate a random integer');
    await report.locator('[data-diagnostics="answers"]').check();
    const withAnswers = JSON.parse(await downloaded(report.locator('[data-diagnostics="download"]'))) as { run: { records: unknown[]; firstPrompts: Record<string, string> } };
    expect(withAnswers.run.records).toHaveLength(2);
    expect(Object.values(withAnswers.run.firstPrompts)[0]).toContain('Generate a random integer');
  });

  it('runs once per model and GPU: a second exact run reuses the check', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    await card(0).locator('button').first().waitFor();
    await load(0);
    const first = await runExactAndOpen();
    await page.locator('lab-run-page lab-self-check-note [data-self-check="agrees"]').waitFor();
    await page.goto(`${scriptedUrl}#/lab`);
    await card(0).locator('.ready').waitFor();
    await runExactAndOpen();
    const json = await downloaded(page.locator('lab-run-page [data-export="json"]'));
    const parsed = parseRunExport(json, PROBE_CHECKS);
    expect(parsed.ok && parsed.value.run.models[0]?.selfCheck?.runId).toBe(first);
  });
});

describe('the diagnostics report on the "Your GPU" page', () => {
  it('describes the browser and the adapter, and holds no prompts or answers', async () => {
    await page.goto(`${scriptedUrl}#/gpu`);
    await page.locator('[data-verdict]').waitFor();
    const report = page.locator('lab-gpu-page lab-diagnostics-report');
    await report.locator('[data-diagnostics="download"]').waitFor();
    const diagnostics = JSON.parse(await downloaded(report.locator('[data-diagnostics="download"]'))) as {
      format: string;
      webLlmVersion: string;
      browser: { userAgent: string };
      gpu: { adapter: { architecture: string } };
      run: unknown;
    };
    expect(diagnostics).toMatchObject({ format: 'base-vs-aligned-diagnostics', webLlmVersion: '0.2.86', run: null });
    expect(diagnostics.gpu.adapter.architecture).toBe('swiftshader');
    expect(diagnostics.browser.userAgent).toContain('Chrome');
    expect(await shadowText(report)).toContain('no prompts and no answers');
  });
});

describe('a GPU that cannot hold both models', () => {
  it('is told before the second load, and a run one model at a time makes every record with both downloaded but neither loaded', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    await card(0).locator('button').first().waitFor();
    await load(0);
    await expect.poll(() => shadowText(card(1))).toContain('Together with Ministral 3 3B Base, this model needs about');
    await load(1);
    for (const index of [0, 1]) await card(index).locator('button', { hasText: 'Unload' }).click();

    const form = page.locator('lab-run-form');
    await form.locator('input[name="mode"][value="sampled"]').check();
    await form.locator('label', { hasText: 'Answers per model' }).locator('input').fill('40');
    await form.locator('input[name="one-at-a-time"]').check();
    await expect.poll(() => form.locator('input[name="run-model"]:checked').count()).toBe(2);
    await form.locator('button[type="submit"]').click();
    await waitForRunStatus(page, 'Finished');
    const link = await page.locator('lab-lab-page a[href^="#/run/"]').getAttribute('href');
    expectExactlyOnce(await storedIndices(page, link?.replace('#/run/', '') ?? ''), 2, 40);
    await page.goto(`${scriptedUrl}${link}`);
    await expect.poll(() => shadowText(page.locator('lab-run-page'))).toContain('One at a time');
  }, RUN_WAIT_MS);
});
