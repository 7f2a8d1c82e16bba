// The guided first run on the e2e build (issue 16): from the home page's "Check this claim" for the "7" to its verdict,
// in a fresh profile and again with the models cached, in English and in Japanese; what downloads and how long it
// takes, said before the one consent and as it goes (the download's rate and time left, the run's time left, the
// next run's estimate from this machine's earlier speed).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HELD_DOWNLOAD_CHANNEL } from '../fixtures/e2e-faults.ts';
import { checkClaimFromHome, verdictOf } from './guided.ts';
import { injectFault, JAPANESE, shadowText, useFreshPage, waitForRunStatus } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

const guided = (page: Page) => page.locator('lab-guided-run');

describe('a guided first run, in English', () => {
  const fresh = useFreshPage();
  let page: Page;
  const errors: string[] = [];

  beforeAll(() => {
    page = fresh.page;
    page.on('pageerror', (error) => errors.push(error.message));
  });

  it('says what it will download and that the time shows once it starts, then checks the "7" in two clicks and lands on its verdict', async () => {
    await page.goto(scriptedUrl);
    await page.locator('lab-home-page a[data-check="seven"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/lab/check/seven');
    await expect.poll(() => guided(page).locator('[data-download]').innerText()).toMatch(
      /^It downloads [\d.]+ GB once \(Ministral 3 3B Base and Ministral 3 3B Instruct\)\./,
    );
    expect(await guided(page).locator('[data-estimate]').innerText()).toContain('has not run these models on this experiment yet');
    // The claim's experiment in its recommended mode is chosen in the Lab's own form, and nothing is loaded yet.
    expect(await page.locator('lab-run-form select').first().inputValue()).toBe('rng-0-10');
    expect(await page.locator('lab-run-form input[name="mode"][value="exact"]').isChecked()).toBe(true);
    expect(await page.locator('lab-model-card .ready').count()).toBe(0);
    // This machine has only a software renderer: the consent says so (once the GPU check, which may end after the
    // cache check, is done).
    await expect.poll(() => guided(page).locator('[data-guided-start]').innerText()).toMatch(/^Download [\d.]+ GB and run anyway$/);

    await page.goto(scriptedUrl);
    expect(await checkClaimFromHome(page, 'seven')).toBe(2);
    expect(await page.evaluate(() => location.hash)).toBe('#/claims/seven');
    await expect(verdictOf(page, 'seven').getAttribute('data-verdict')).resolves.toBe('supported');
  });

  it('with the models cached: nothing to download, and how long the run should take from this machine’s earlier speed', async () => {
    await page.goto(scriptedUrl);
    await page.locator('lab-home-page a[data-check="seven"]').click();
    await expect.poll(() => guided(page).locator('[data-download]').innerText()).toBe('Nothing to download: both models are already in this browser.');
    await expect.poll(() => guided(page).locator('[data-estimate]').innerText()).toMatch(/the run should take about [\d.]+ (s|min)/);
    expect(await guided(page).locator('[data-guided-start]').innerText()).toBe('Run it anyway');
    await guided(page).locator('[data-guided-start]').click();
    await verdictOf(page, 'seven').waitFor();
  });

  it('shows a run’s time left as it goes, and before the next run how long it should take', async () => {
    await page.locator('nav a', { hasText: 'Lab' }).click();
    await page.locator('lab-model-card .ready').nth(1).waitFor();
    await page.locator('lab-run-form input[name="mode"][value="sampled"]').check();
    await expect(page.locator('lab-run-form [data-run-estimate]').innerText()).resolves.toContain('has not run these models on this experiment yet');
    await page.locator('lab-run-form button[type="submit"]').click();
    await expect.poll(() => page.locator('lab-lab-page [data-time-left]').innerText()).toMatch(/^About [\d.]+ (s|min)/);
    await waitForRunStatus(page, 'Finished');
    await expect.poll(() => page.locator('lab-run-form [data-run-estimate]').innerText()).toMatch(/the run should take about [\d.]+ (s|min)/);
    expect(errors).toEqual([]);
  });
});

describe('a guided run’s download', () => {
  const fresh = useFreshPage({ serviceWorkers: 'block' });

  it('shows its rate and time left in the guided run and on each model’s card, and says them politely', async () => {
    const page = fresh.page;
    await page.goto(`${scriptedUrl}#/lab/check/seven`);
    await injectFault(page, { fault: 'held-download', model: 'Ministral', times: 2 });
    await guided(page).locator('[data-guided-start]:not([disabled])').click();
    const leftNow = /[\d.]+ MB\/s · about [\d.]+ (s|min|hr)/;
    await expect.poll(() => guided(page).locator('[data-guided-progress]').innerText()).toMatch(/^Downloading the models: .+ of about .+ GB · /);
    expect(await guided(page).locator('[data-guided-progress]').innerText()).toMatch(leftNow);
    // Both downloads are held (each listens for the release before it shows its progress), so one message frees both.
    for (const index of [0, 1]) await expect.poll(() => page.locator('lab-model-card').nth(index).locator('[data-time-left]').innerText()).toMatch(leftNow);
    // Screen readers hear it from a polite live region, not from the progress text that changes on every report.
    expect(await shadowText(guided(page).locator('lab-polite-status'))).toMatch(leftNow);
    expect(await guided(page).locator('[data-guided-progress]').getAttribute('aria-live')).toBeNull();
    await page.evaluate((channel) => new BroadcastChannel(channel).postMessage('release'), HELD_DOWNLOAD_CHANNEL);
    await verdictOf(page, 'seven').waitFor();
  });
});

describe('a guided first run, in Japanese', () => {
  const fresh = useFreshPage({ language: 'ja' });

  it('says what it downloads and how long in Japanese, and checks the claim in two clicks', async () => {
    const page = fresh.page;
    await page.goto(`${scriptedUrl}#/lab/check/seven`);
    await expect.poll(() => guided(page).locator('[data-download]').innerText()).toMatch(/GB/);
    for (const part of ['h2', '[data-download]', '[data-estimate]', '[data-guided-start]']) {
      expect(await guided(page).locator(part).innerText(), part).toMatch(JAPANESE);
    }
    await page.goto(scriptedUrl);
    expect(await checkClaimFromHome(page, 'seven')).toBe(2);
    expect(await shadowText(page.locator('lab-claims-page'))).toMatch(JAPANESE);
  });

  it('with the models cached, says in Japanese that nothing downloads and how long the run should take', async () => {
    const page = fresh.page;
    await page.goto(`${scriptedUrl}#/lab/check/seven`);
    await expect.poll(() => guided(page).locator('[data-estimate]').innerText()).toMatch(/\d/);
    expect(await guided(page).locator('[data-download]').innerText()).not.toMatch(/GB/);
    expect(await guided(page).locator('[data-download]').innerText()).toMatch(JAPANESE);
  });
});
