// The newcomer's path in Japanese (e2e build: scripted models): the page, the chart's summary and table headers,
// axe, export, and a share link that opens in the sender's language for a reader who never chose one.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { PROBE_CHECKS } from '../../src/core/probes/registry.ts';
import { parseRunExport } from '../../src/core/results/index.ts';
import { axeViolations, closeContext } from './browser.ts';
import { freshProfile, JAPANESE, loadDefaultPair, shadowText } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');


describe('the lab in Japanese', () => {
  let profile: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    profile = await freshProfile({ language: 'ja' });
    page = await profile.newPage();
  });

  afterAll(() => closeContext(profile));

  it('shows the GPU verdict and the lab in Japanese, with <html lang="ja">', async () => {
    await page.goto(`${scriptedUrl}#/gpu`);
    // The software renderer of these machines (SwiftShader) is named as one, in Japanese.
    await expect.poll(() => page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('software');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await shadowText(page.locator('lab-gpu-page'))).toMatch(JAPANESE);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('draws nothing in English while the Japanese translation is still on its way', async () => {
    const slow = await freshProfile({ language: 'ja', serviceWorkers: 'block' });
    const held: Route[] = [];
    await slow.route(/\/assets\/ja-[^/]*\.js$/, (route) => void held.push(route));
    const slowPage = await slow.newPage();
    await slowPage.goto(`${scriptedUrl}#/gpu`);
    await expect.poll(() => held.length).toBe(1);
    expect(await slowPage.evaluate(() => document.querySelector('lab-app')?.shadowRoot?.querySelector('header, main') ?? null)).toBeNull();
    for (const route of held) await route.continue();
    await expect.poll(() => slowPage.locator('[data-verdict]').getAttribute('data-verdict')).toBe('software');
    expect(await slowPage.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await shadowText(slowPage.locator('lab-gpu-page'))).toMatch(JAPANESE);
    await closeContext(slow);
  });

  it('runs rng-0-10 and summarises the chart and heads its table in Japanese', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    expect(await page.locator('lab-model-card button').first().innerText()).toMatch(JAPANESE);
    await loadDefaultPair(page);
    await page.locator('lab-run-form button[type="submit"]').click();
    const chart = page.locator('lab-answer-chart');
    await expect.poll(() => chart.locator('figcaption p').first().innerText()).toMatch(/7/);
    // P(7), JS divergence, χ² at the paper's N and P(other), for each model.
    await expect.poll(() => page.locator('lab-headline-table tbody tr').count()).toBe(8);
    const summary = await chart.locator('figcaption p').first().innerText();
    expect(summary).toMatch(JAPANESE);
    expect(summary).not.toMatch(/\b(puts|says|answers|probability)\b/);
    const headers = await chart.locator('figure > details thead th').allTextContents();
    expect(headers.filter((header) => JAPANESE.test(header)).length).toBeGreaterThan(0);
    expect(await chart.locator('svg[role="img"] title').textContent()).toMatch(JAPANESE);
    expect(await axeViolations(page)).toEqual([]);
  });

  let link = '';

  it('exports the run and shares it; the link opens in Japanese for a reader who never chose a language', async () => {
    await page.locator('lab-lab-page a[href^="#/run/"]').click();
    const download = page.waitForEvent('download');
    await page.locator('lab-run-page [data-export="json"]').click();
    expect(parseRunExport(readFileSync(await (await download).path(), 'utf8'), PROBE_CHECKS).ok).toBe(true);
    await page.locator('lab-run-page [data-share]').click();
    link = await page.locator('lab-run-page .share input').inputValue();

    const stranger = await freshProfile();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(link);
    await expect.poll(() => strangerPage.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expect.poll(() => shadowText(strangerPage.locator('lab-share-page'))).toMatch(JAPANESE);
    await closeContext(stranger);
  });

  it('opens the link in Japanese when the share page\'s code arrives after the app has already put the page in place', async () => {
    // The order in which the lazily loaded page and the lab's shared state arrive varies with the machine's load.
    // Here the page's code is held back until the app has drawn the (not yet defined) page element, the order in
    // which an element once missed the language change and stayed in English.
    const stranger = await freshProfile({ serviceWorkers: 'block' });
    const held: Route[] = [];
    await stranger.route(/\/assets\/lab-share-page-[^/]*\.js$/, (route) => void held.push(route));
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(link);
    await expect
      .poll(() =>
        strangerPage.evaluate(() => {
          const drawn = document.querySelector('lab-app')?.shadowRoot?.querySelector('lab-share-page');
          return drawn !== null && drawn !== undefined && customElements.get('lab-share-page') === undefined;
        }),
      )
      .toBe(true);
    expect(held).toHaveLength(1);
    for (const route of held) await route.continue();
    await expect.poll(() => shadowText(strangerPage.locator('lab-share-page'))).toMatch(JAPANESE);
    expect(await strangerPage.evaluate(() => document.documentElement.lang)).toBe('ja');
    await closeContext(stranger);
  });
});
