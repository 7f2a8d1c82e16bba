// Runs survive a reload: a sampled rng-0-10 run of N = 1,500 interrupted half way by a reload is listed as
// incomplete, resumes, and ends with exactly 1,500 records per model and no duplicates. And model text is data:
// a scripted poem with markup in it is shown as text and runs nothing.
import { describe, expect, inject, it } from 'vitest';
import {
  expectExactlyOnce,
  exportedIndices,
  loadDefaultPair,
  resumeToCompletion,
  shadowText,
  startSampledRun,
  useFreshPage,
  waitForProgress,
} from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

describe('a sampled run interrupted by a reload', () => {
  const fresh = useFreshPage();

  it('resumes after the reload and finishes with exactly 1,500 records per model, none twice', async () => {
    const { page } = fresh;
    await page.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(page);
    const runLink = await startSampledRun(page);
    await waitForProgress(page, 0.2);

    await page.reload();
    await page.locator('nav a', { hasText: 'History' }).click();
    await expect.poll(() => shadowText(page.locator('lab-history-page'))).toContain('Incomplete — resumable');

    await page.locator('nav a', { hasText: 'Lab' }).click();
    await loadDefaultPair(page);
    await page.goto(`${scriptedUrl}${runLink}`);
    await resumeToCompletion(page);
    expectExactlyOnce(await exportedIndices(page), 2, 1500);
  });
});

describe('model text is data', () => {
  const fresh = useFreshPage();

  it('shows a poem with markup in it as text, and nothing in it runs', async () => {
    const { page } = fresh;
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
  });
});
