// Runs survive a reload: a sampled rng-0-10 run of N = 1,500 interrupted half way by a reload is listed as
// incomplete, resumes, and ends with exactly 1,500 records per model and no duplicates. And model text is data:
// a scripted poem with markup in it is shown as text and runs nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PROBE_CHECKS } from '../../src/core/probes/registry.ts';
import { parseRunExport } from '../../src/core/results/index.ts';
import { closeContext } from './browser.ts';
import { freshProfile, loadDefaultPair, shadowText } from './scripted.ts';
import { RUN_WAIT_MS } from './waits.ts';

const scriptedUrl = inject('scriptedUrl');

describe('a sampled run interrupted by a reload', () => {
  let profile: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    profile = await freshProfile();
    page = await profile.newPage();
  });

  afterAll(() => closeContext(profile));

  it('resumes after the reload and finishes with exactly 1,500 records per model, none twice', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(page);
    await page.locator('lab-run-form input[name="mode"][value="sampled"]').check();
    await page.locator('lab-run-form button[type="submit"]').click();
    const progress = page.locator('lab-lab-page progress');
    await expect.poll(() => progress.evaluate((element) => (element as HTMLProgressElement).value)).toBeGreaterThan(0.2);
    const runLink = await page.locator('lab-lab-page a[href^="#/run/"]').getAttribute('href');

    await page.reload();
    await page.locator('nav a', { hasText: 'History' }).click();
    await expect.poll(() => shadowText(page.locator('lab-history-page'))).toContain('Incomplete — resumable');

    await page.locator('nav a', { hasText: 'Lab' }).click();
    await loadDefaultPair(page);
    await page.goto(`${scriptedUrl}${runLink}`);
    await page.locator('lab-run-page [data-resume]:not([disabled])').click();
    await expect.poll(() => shadowText(page.locator('lab-run-page')), { timeout: RUN_WAIT_MS }).toContain('Complete');

    const download = page.waitForEvent('download');
    await page.locator('lab-run-page [data-export="json"]').click();
    const parsed = parseRunExport(readFileSync(await (await download).path(), 'utf8'), PROBE_CHECKS);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    for (const model of parsed.value.run.models) {
      const indices = parsed.value.records.filter((record) => record.modelId === model.id).map((record) => record.index);
      expect(indices).toHaveLength(1500);
      expect(new Set(indices).size).toBe(1500);
      expect(Math.max(...indices)).toBe(1499);
    }
  });
});

describe('model text is data', () => {
  it('shows a poem with markup in it as text, and nothing in it runs', async () => {
    const profile = await freshProfile();
    const page = await profile.newPage();
    await page.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(page);
    await page.locator('lab-run-form select').first().selectOption('poem');
    await page.locator('lab-run-form button[type="submit"]').click();
    await page.locator('lab-lab-page .status', { hasText: 'Finished' }).waitFor();
    const runLink = await page.locator('lab-lab-page a[href^="#/run/"]').getAttribute('href');
    await page.goto(`${scriptedUrl}${runLink}`);
    await expect.poll(() => shadowText(page.locator('lab-run-page'))).toContain('Complete');
    // The scripted aligned model's poems carry <img src=x onerror=…>: shown as characters, never as an element.
    const rating = page.locator('lab-run-page lab-poem-rating');
    await expect.poll(() => shadowText(rating)).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __scriptedPoemRan?: boolean }).__scriptedPoemRan)).toBeUndefined();
    expect(await page.locator('lab-run-page lab-run-view img').count()).toBe(0);
    await closeContext(profile);
  });
});
