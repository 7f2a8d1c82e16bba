// Helpers for end-to-end tests on the e2e build (the app with scripted models): a browser profile that keeps its
// IndexedDB across reloads, and the steps of the lab that several tests take.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { PROBE_CHECKS } from '../../src/core/probes/registry.ts';
import { parseRunExport } from '../../src/core/results/index.ts';
import { FAULTS_DB, type InjectedFault } from '../fixtures/e2e-faults.ts';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from '../support/chromium.mjs';
import { closeContext } from './browser.ts';
import { RUN_WAIT_MS, STATE_WAIT_MS } from './waits.ts';

/**
 * A fresh browser profile (its own IndexedDB), with WebGPU on. `serviceWorkers: 'block'` keeps the app's service
 * worker out, for tests that stand in for other hosts with `page.route`: Playwright cannot see the requests of a
 * page (or of its workers) that a service worker controls.
 */
export async function freshProfile(options: { serviceWorkers?: 'allow' | 'block'; language?: 'en' | 'ja' } = {}): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: requireChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, WEBGPU_FLAG],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  context.setDefaultTimeout(STATE_WAIT_MS);
  // A language the reader chose before (the lab's own setting), for tests of a language other than the browser's.
  const language = options.language;
  if (language) await context.addInitScript((chosen) => localStorage.setItem('lab-language', chosen), language);
  return context;
}

/** A fresh profile and a page in it for the tests of a describe block: made before them, closed after them. */
export function useFreshPage(options: Parameters<typeof freshProfile>[0] = {}): { readonly profile: BrowserContext; readonly page: Page } {
  const made = {} as { profile: BrowserContext; page: Page };
  beforeAll(async () => {
    made.profile = await freshProfile(options);
    made.page = await made.profile.newPage();
  });
  afterAll(() => closeContext(made.profile));
  return made;
}

/** Japanese script: hiragana, katakana or kanji. */
export const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Loads the default comparison's base and instruct models (the first two cards) and waits until both are ready. */
export async function loadDefaultPair(page: Page): Promise<void> {
  const cards = page.locator('lab-model-card');
  await cards.first().locator('button').first().waitFor();
  for (const index of [0, 1]) await cards.nth(index).locator('button').first().click();
  for (const index of [0, 1]) await cards.nth(index).locator('.ready').waitFor();
}

/** The Lab page's run status line once it says `text`; a whole run may stand between (RUN_WAIT_MS). */
export async function waitForRunStatus(page: Page, text: string): Promise<void> {
  await page.locator('lab-lab-page .status', { hasText: text }).waitFor({ timeout: RUN_WAIT_MS });
}

/** The text an element shows in its shadow root (a custom element's innerText leaves its shadow tree out). */
export function shadowText(element: Locator): Promise<string> {
  return element.evaluate((node) => node.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '');
}

/**
 * Starts a run of the Lab form's experiment (rng-0-10 unless chosen) in `mode` and returns its id once the Lab page
 * links to it. The page links to the previous run until the new one is stored, so this waits for the link to change.
 */
export async function startRun(page: Page, mode: 'exact' | 'sampled'): Promise<string> {
  const runLink = page.locator('lab-lab-page a[href^="#/run/"]');
  const submit = page.locator('lab-run-form button[type="submit"]');
  // The run link is drawn in the same update as the form, so once the form is there the previous link is too.
  await submit.waitFor();
  const previous = (await runLink.count()) > 0 ? await runLink.getAttribute('href') : null;
  await page.locator(`lab-run-form input[name="mode"][value="${mode}"]`).check();
  await submit.click();
  await expect.poll(() => runLink.getAttribute('href')).not.toBe(previous);
  const href = await runLink.getAttribute('href');
  if (!href) throw new Error('The Lab page shows no link to the run it started.');
  return href.slice('#/run/'.length);
}

/** Starts a sampled rng-0-10 run (N = 1,500 per model) on the Lab page and returns its page's address (`#/run/…`). */
export async function startSampledRun(page: Page): Promise<string> {
  return `#/run/${await startRun(page, 'sampled')}`;
}

/** Resolves once the Lab page's progress bar is past `fraction` (of a whole run: RUN_WAIT_MS). */
export async function waitForProgress(page: Page, fraction: number): Promise<void> {
  const progress = page.locator('lab-lab-page progress');
  await expect.poll(() => progress.evaluate((element) => (element as HTMLProgressElement).value), { timeout: RUN_WAIT_MS }).toBeGreaterThan(fraction);
}

/** Each model's stored record indices for a run, read straight from the lab's IndexedDB in the page. */
export function storedIndices(page: Page, runId: string): Promise<Record<string, number[]>> {
  return page.evaluate(
    (id) =>
      new Promise<Record<string, number[]>>((resolve, reject) => {
        const open = indexedDB.open('base-vs-aligned-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('records').objectStore('records').index('by-run').getAll(id);
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            const indices: Record<string, number[]> = {};
            for (const { modelId, index } of read.result as { modelId: string; index: number }[]) (indices[modelId] ??= []).push(index);
            db.close();
            resolve(indices);
          };
        };
      }),
    runId,
  );
}

/** Checks that every model of the run has exactly the records 0 … n − 1, each once. */
export function expectExactlyOnce(indicesByModel: Record<string, number[]>, modelCount: number, n: number): void {
  expect(Object.keys(indicesByModel)).toHaveLength(modelCount);
  for (const indices of Object.values(indicesByModel)) {
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, index) => index));
  }
}

/** On a run's page: resumes the run and resolves once the page says it is complete. */
export async function resumeToCompletion(page: Page): Promise<void> {
  await page.locator('lab-run-page [data-resume]:not([disabled])').click();
  await expect.poll(() => shadowText(page.locator('lab-run-page')), { timeout: RUN_WAIT_MS }).toContain('Complete');
}

/** On a run's page: downloads the run's JSON export, checks that it reads back, and returns each model's record indices in it. */
export async function exportedIndices(page: Page): Promise<Record<string, number[]>> {
  const download = page.waitForEvent('download');
  await page.locator('lab-run-page [data-export="json"]').click();
  const parsed = parseRunExport(readFileSync(await (await download).path(), 'utf8'), PROBE_CHECKS);
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) throw new Error('The run’s export does not read back.');
  const { run, records } = parsed.value;
  return Object.fromEntries(run.models.map((model) => [model.id, records.filter((record) => record.modelId === model.id).map((record) => record.index)]));
}

/** Writes a record to a database of the page's origin, creating it with the schema its reader uses. */
export async function putRecord(page: Page, database: string, store: string, value: unknown, key?: string): Promise<void> {
  await page.evaluate(
    async ({ database, store, value, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database, 1);
        request.onupgradeneeded = () => {
          // The schemas of test/fixtures/e2e-faults.ts and e2e-backend.ts.
          if (database === 'e2e-scripted-model-cache') request.result.createObjectStore('models');
          else {
            request.result.createObjectStore('faults', { keyPath: 'fault' });
            request.result.createObjectStore('partial');
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(store, 'readwrite');
        if (key === undefined) transaction.objectStore(store).put(value);
        else transaction.objectStore(store).put(value, key);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    { database, store, value, key },
  );
}

/** Asks the scripted model worker for a fault (test/fixtures/e2e-faults.ts). */
export function injectFault(page: Page, fault: InjectedFault): Promise<void> {
  return putRecord(page, FAULTS_DB, 'faults', fault);
}
