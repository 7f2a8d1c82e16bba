// What the lab itself adds per record (issue 13), measured in Chromium on the e2e build with models that cost
// nothing: the scripted backend answers at once, and the bench switches off its test bookkeeping (the fault check
// and the answer report of every request: test/fixtures/e2e-faults.ts, "zero-cost"), so a sampled rng-0-10 run of
// N = 1,500 per model (3,000 records) takes only the lab's own time: worker messaging both ways, the probe step, the
// write-through store of each record, progress and the live summary. The run's time is read from its stored start
// and last change, so no polling latency is counted. A loaded machine measures more: the bench runs its browser
// beside everything else the machine does.
import { chromium, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from '../test/support/chromium.mjs';
import { FAULTS_DB, type InjectedFault } from '../test/fixtures/e2e-faults.ts';
import { integer, printTable, type SectionResult } from './section.ts';

/** The target: the lab adds at most this much per record. */
const OVERHEAD_MS_PER_RECORD_TARGET = 2;

async function serve(outDir: string): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return { server, url };
}

interface TimedRun {
  records: number;
  milliseconds: number;
}

/** Runs a sampled rng-0-10 of N = 1,500 per model on the default pair and reads its duration and records from the store. */
async function timedRun(page: Page, url: string): Promise<TimedRun> {
  await page.goto(`${url}#/lab`);
  await page.evaluate(
    ({ database, fault }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(database, 1);
        // The schema of test/fixtures/e2e-faults.ts.
        open.onupgradeneeded = () => {
          open.result.createObjectStore('faults', { keyPath: 'fault' });
          open.result.createObjectStore('partial');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('faults', 'readwrite');
          transaction.objectStore('faults').put(fault);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { database: FAULTS_DB, fault: { fault: 'zero-cost', model: '', times: 1 } satisfies InjectedFault },
  );
  const cards = page.locator('lab-model-card');
  await cards.first().locator('button').first().waitFor();
  for (const index of [0, 1]) await cards.nth(index).locator('button').first().click();
  for (const index of [0, 1]) await cards.nth(index).locator('.ready').waitFor();
  await page.locator('lab-run-form input[name="mode"][value="sampled"]').check();
  await page.locator('lab-run-form button[type="submit"]').click();
  await page.locator('lab-lab-page .status', { hasText: 'Finished' }).waitFor({ timeout: 300_000 });
  const link = await page.locator('lab-lab-page a[href^="#/run/"]').getAttribute('href');
  const runId = decodeURIComponent(link?.replace('#/run/', '') ?? '');
  return page.evaluate(
    (id) =>
      new Promise<TimedRun>((resolve, reject) => {
        const open = indexedDB.open('base-vs-aligned-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['runs', 'records']);
          const run = transaction.objectStore('runs').get(id);
          const count = transaction.objectStore('records').index('by-run').count(id);
          transaction.oncomplete = () => {
            const info = run.result as { createdAt: string; updatedAt: string };
            db.close();
            resolve({ records: count.result, milliseconds: Date.parse(info.updatedAt) - Date.parse(info.createdAt) });
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    runId,
  );
}

/** Needs dist-e2e/, which the UI section builds. */
export async function benchPipeline(): Promise<SectionResult> {
  const browser = await chromium.launch({ executablePath: requireChromium(), headless: true, args: [...CHROMIUM_FLAGS, WEBGPU_FLAG] });
  const scripted = await serve('dist-e2e');
  try {
    const { records, milliseconds } = await timedRun(await browser.newPage(), scripted.url);
    const recordsPerSecondZeroCostModel = records / (milliseconds / 1000);
    const overheadMsPerRecord = milliseconds / records;
    const within = overheadMsPerRecord <= OVERHEAD_MS_PER_RECORD_TARGET;
    printTable('Pipeline (e2e build in Chromium, models that cost nothing)', [
      ['records per second', recordsPerSecondZeroCostModel.toFixed(0), `${integer.format(records)} records in ${integer.format(milliseconds)} ms (sampled rng-0-10, N = 1,500 per model)`],
      ['overhead per record, ms', overheadMsPerRecord.toFixed(2), `${within ? 'within' : 'OVER'} the target of ${OVERHEAD_MS_PER_RECORD_TARGET} ms`],
    ]);
    return { key: 'pipeline', value: { recordsPerSecondZeroCostModel, overheadMsPerRecord }, withinBudget: within };
  } finally {
    await browser.close();
    await scripted.server.close();
  }
}
