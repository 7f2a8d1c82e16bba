// A tab killed in the middle of a run (its renderer crashed, so nothing of the page runs on the way out: no
// unload, no last write) loses at most the one record in flight. The scripted models say on the console each time
// they answer; after the crash the test compares the answers given with the records stored. Then the run is
// listed as incomplete in a new tab, resumes, and ends with exactly N records per model, none twice.
//
// The two models of a run take turns (src/core/probes/runner.ts): one answer is made and stored at a time, so at
// most one record is ever in flight, whatever the number of models. The measurement goes to
// test-results/reliability/records-lost-on-kill.json for `npm run bench`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ANSWER_REPORT } from '../fixtures/e2e-backend.ts';
import { closeContext } from './browser.ts';
import { expectExactlyOnce, freshProfile, loadDefaultPair, shadowText, startSampledRun, storedIndices, waitForProgress } from './scripted.ts';
import { RUN_WAIT_MS } from './waits.ts';

const scriptedUrl = inject('scriptedUrl');
const N = 1500;

describe('a tab killed in the middle of a sampled run', () => {
  let profile: BrowserContext;

  beforeAll(async () => {
    profile = await freshProfile();
  });

  afterAll(() => closeContext(profile));

  it('loses at most the record in flight, and the run resumes to exactly N per model with none twice', async () => {
    const page = await profile.newPage();
    const answered = new Map<string, number>();
    page.on('console', (message) => {
      const text = message.text();
      if (!text.startsWith(`${ANSWER_REPORT} `)) return;
      const modelId = text.slice(ANSWER_REPORT.length + 1);
      answered.set(modelId, (answered.get(modelId) ?? 0) + 1);
    });
    await page.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(page);
    const runLink = await startSampledRun(page);
    const runId = runLink.replace('#/run/', '');
    // Past 21%, so that each model has stored more than 20% of its N (the two take turns: 301 and 300 make 20.03%).
    await waitForProgress(page, 0.21);

    const crashed = page.waitForEvent('crash');
    const devtools = await profile.newCDPSession(page);
    // The renderer dies before it can answer the call.
    void devtools.send('Page.crash').catch(() => undefined);
    await crashed;
    const answeredBeforeCrash = new Map(answered);

    const reopened = await profile.newPage();
    await reopened.goto(`${scriptedUrl}#/history`);
    await expect.poll(() => shadowText(reopened.locator('lab-history-page'))).toContain('Incomplete — resumable');
    const stored = await storedIndices(reopened, runId);

    let recordsLostOnKill = 0;
    expect([...answeredBeforeCrash.keys()].sort()).toEqual(Object.keys(stored).sort());
    for (const [modelId, count] of answeredBeforeCrash) {
      const indices = stored[modelId] ?? [];
      // Every stored record is an answer the model gave, stored once, in an unbroken sequence from 0.
      expect(indices.length).toBeLessThanOrEqual(count);
      expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: indices.length }, (_, index) => index));
      recordsLostOnKill += count - indices.length;
    }
    expect(Math.min(...Object.values(stored).map((indices) => indices.length))).toBeGreaterThan(0.2 * N);
    mkdirSync('test-results/reliability', { recursive: true });
    writeFileSync('test-results/reliability/records-lost-on-kill.json', `${JSON.stringify({ recordsLostOnKill }, null, 2)}\n`);
    expect(recordsLostOnKill).toBeLessThanOrEqual(1);

    await resume(reopened, runLink);
    expectExactlyOnce(await storedIndices(reopened, runId), 2, N);
  });
});

async function resume(page: Page, runLink: string): Promise<void> {
  await page.locator('nav a', { hasText: 'Lab' }).click();
  await loadDefaultPair(page);
  await page.goto(`${scriptedUrl}${runLink}`);
  await page.locator('lab-run-page [data-resume]:not([disabled])').click();
  await expect.poll(() => shadowText(page.locator('lab-run-page')), { timeout: RUN_WAIT_MS }).toContain('Complete');
}
