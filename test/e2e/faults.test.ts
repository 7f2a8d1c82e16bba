// Each fault the lab promises to survive, on the e2e build: the test asks the scripted model worker for a fault through
// an IndexedDB record (test/fixtures/e2e-faults.ts) and checks the plain-words message, the way forward, and that the
// user's data is intact.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { FAULTS_DB } from '../fixtures/e2e-faults.ts';
import { closeContext } from './browser.ts';
import {
  expectExactlyOnce,
  exportedIndices,
  freshProfile,
  injectFault,
  loadDefaultPair,
  putRecord,
  resumeToCompletion,
  shadowText,
  startSampledRun,
} from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

/** The web-llm id of the default comparison's base in q4f32 (SwiftShader has no shader-f16). */
const MINISTRAL_BASE = 'Ministral-3-3B-Base-2512-q4f32_1-MLC';
const LLAMA_BASE = 'Llama-3.1-8B-q4f32_1-MLC';

async function hasRecord(page: Page, database: string, store: string, key: string): Promise<boolean> {
  return page.evaluate(
    async ({ database, store, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (!db.objectStoreNames.contains(store)) return false;
      const found = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return found !== undefined;
    },
    { database, store, key },
  );
}

function baseCard(page: Page): Locator {
  return page.locator('lab-model-card').first();
}

let profile: BrowserContext;
let page: Page;

beforeEach(async () => {
  // No service worker: the bring-your-own tests stand in for the user's host with page.route (see freshProfile).
  profile = await freshProfile({ serviceWorkers: 'block' });
  page = await profile.newPage();
  await page.goto(`${scriptedUrl}#/lab`);
});

afterEach(() => closeContext(profile));

describe('the GPU device lost in the middle of a run', () => {
  it('pauses the run with its records kept, suggests a smaller comparison, and the run resumes after a reload of the model', async () => {
    await loadDefaultPair(page);
    await injectFault(page, { fault: 'device-lost', model: 'Base', afterRequests: 40, times: 1 });
    const runLink = await startSampledRun(page);

    const lab = page.locator('lab-lab-page');
    await page.locator('lab-lab-page .status', { hasText: 'Stopped before the end' }).waitFor();
    const text = await shadowText(lab);
    expect(text).toContain('The answers so far are saved');
    const runError = lab.locator('section[aria-labelledby="results-heading"] lab-error-message');
    expect(await shadowText(runError)).toContain('smaller comparison');
    expect(await shadowText(runError)).toContain('Close other tabs');
    expect(await shadowText(baseCard(page).locator('lab-error-message'))).toContain('Ministral 3 3B Base');

    await baseCard(page).locator('[data-retry]', { hasText: 'Reload the model' }).click();
    await baseCard(page).locator('.ready').waitFor();
    await page.goto(`${scriptedUrl}${runLink}`);
    await expect.poll(() => shadowText(page.locator('lab-run-page'))).toContain('Incomplete');
    await resumeToCompletion(page);
    expectExactlyOnce(await exportedIndices(page), 2, 1500);
  });
});

describe('a model worker that crashes', () => {
  it('is reported in plain words, pauses the run, and Reload starts a new worker that answers', async () => {
    await loadDefaultPair(page);
    await injectFault(page, { fault: 'worker-crash', model: 'Base', afterRequests: 10, times: 1 });
    await startSampledRun(page);
    await page.locator('lab-lab-page .status', { hasText: 'Stopped before the end' }).waitFor();
    expect(await shadowText(baseCard(page).locator('lab-error-message'))).toContain('stopped unexpectedly');

    await baseCard(page).locator('[data-retry]', { hasText: 'Reload the model' }).click();
    await baseCard(page).locator('.ready').waitFor();
    await page.locator('lab-run-form input[name="mode"][value="exact"]').check();
    await page.locator('lab-run-form button[type="submit"]').click();
    await page.locator('lab-lab-page .status', { hasText: 'Finished' }).waitFor();
  });
});

describe('a full store during a download', () => {
  it('shows the storage estimate and the cached models, and deletes the one chosen', async () => {
    await putRecord(page, 'e2e-scripted-model-cache', 'models', true, LLAMA_BASE);
    await injectFault(page, { fault: 'quota', model: 'Base', times: 1 });
    await page.reload();
    await baseCard(page).locator('button').first().click();

    const error = baseCard(page).locator('lab-error-message');
    await expect.poll(() => shadowText(error)).toMatch(/storage for this site is full \(.+ of .+ used\)/);
    await expect.poll(() => shadowText(error)).toContain('Llama 3.1 8B Base');
    const remove = baseCard(page).locator(`[data-delete="${LLAMA_BASE}"]`);
    await remove.click();
    await expect.poll(() => remove.count()).toBe(0);
    expect(await hasRecord(page, 'e2e-scripted-model-cache', 'models', LLAMA_BASE)).toBe(false);

    await baseCard(page).locator('[data-retry]', { hasText: 'Try again' }).click();
    await baseCard(page).locator('.ready').waitFor();
  });
});

describe('a download that fails half way', () => {
  it('offers to try again and to repair; repair clears the partial files so the next load downloads afresh', async () => {
    await injectFault(page, { fault: 'half-download', model: 'Base', times: 1 });
    await baseCard(page).locator('button').first().click();
    const error = baseCard(page).locator('lab-error-message');
    await expect.poll(() => shadowText(error)).toContain('The download of Ministral 3 3B Base');
    await expect.poll(() => shadowText(error)).toContain('try again');
    expect(await hasRecord(page, FAULTS_DB, 'partial', MINISTRAL_BASE)).toBe(true);
    await baseCard(page).locator('[data-retry]', { hasText: 'Try again' }).waitFor();

    await baseCard(page).locator('[data-repair]').click();
    await expect.poll(() => shadowText(baseCard(page))).toContain('partly downloaded files were cleared');
    expect(await hasRecord(page, FAULTS_DB, 'partial', MINISTRAL_BASE)).toBe(false);

    await baseCard(page).locator('button').first().click();
    await expect.poll(() => shadowText(baseCard(page))).toContain('Downloaded and loaded');
  });
});

describe('a bring-your-own base', () => {
  const FOLDER = 'https://byo.example/you/SmolLM2-360M-q4f32_1-MLC/resolve/main/';
  const CONFIG = { model_type: 'llama', quantization: 'q4f32_1', vocab_size: 49152, tokenizer_files: ['tokenizer.json'] };

  async function bringOwn(files: Record<string, string>): Promise<void> {
    await page.route('https://byo.example/**', (route) => {
      const body = files[route.request().url().slice(FOLDER.length)];
      return route.fulfill({ status: body === undefined ? 404 : 200, body: body ?? 'Not Found', headers: { 'access-control-allow-origin': '*' } });
    });
    await page.locator('lab-comparison-picker input[name="comparison"][value="bring-your-own"]').check();
    await page.locator('lab-comparison-picker input[name="q4f32"]').fill(FOLDER);
    await page.locator('lab-comparison-picker button[type="submit"]').click();
    await expect.poll(() => shadowText(baseCard(page))).toContain('Your base model');
  }

  it('at an address with nothing there is refused before anything downloads, with the message on its card', async () => {
    await bringOwn({});
    await baseCard(page).locator('button').first().click();
    const error = baseCard(page).locator('lab-error-message');
    await expect.poll(() => shadowText(error)).toContain('was not found on the server: mlc-chat-config.json');
    expect(await shadowText(error)).toContain('/resolve/<revision>/');
  });

  it('that is not MLC weights is refused before anything downloads', async () => {
    await bringOwn({ 'mlc-chat-config.json': '<!doctype html><html><body>Sign in</body></html>' });
    await baseCard(page).locator('button').first().click();
    await expect.poll(() => shadowText(baseCard(page).locator('lab-error-message'))).toContain('most likely a web page');
  });

  it('whose tokenizer does not match its twin’s is refused before a run can start', async () => {
    await bringOwn({ 'mlc-chat-config.json': JSON.stringify(CONFIG), 'tensor-cache.json': JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin' }] }), 'tokenizer.json': '{}' });
    await injectFault(page, { fault: 'tokenizer-mismatch', model: 'your-', times: 1 });
    await baseCard(page).locator('button').first().click();
    await expect.poll(() => shadowText(baseCard(page))).toContain('checks that both models split text into the same tokens');
    expect(await page.locator('lab-run-form button[type="submit"]').isDisabled()).toBe(true);

    await page.locator('lab-model-card').nth(1).locator('button').first().click();
    await expect.poll(() => shadowText(baseCard(page).locator('lab-error-message'))).toContain('splits text into tokens differently');
    expect(await baseCard(page).locator('.ready').count()).toBe(0);
  });
});
