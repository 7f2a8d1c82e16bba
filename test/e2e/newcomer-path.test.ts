// A newcomer's path through the lab on the e2e build (scripted models, no GPU needed): GPU verdict → default
// comparison → download with progress → rng-0-10 exact → chart, table, summary → export → reload → history →
// share link in a fresh browser profile.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PROBE_CHECKS } from '../../src/core/probes/registry.ts';
import { parseRunExport } from '../../src/core/results/index.ts';
import { closeContext } from './browser.ts';
import { freshProfile, loadDefaultPair, shadowText, waitForRunStatus } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

describe('a newcomer runs the "7" experiment and shares it', () => {
  let profile: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    profile = await freshProfile();
    page = await profile.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });

  afterAll(() => closeContext(profile));

  // These machines have only Chromium's software renderer (SwiftShader): the verdict says so, and the scripted models
  // still run once the newcomer chooses to load them anyway.
  it('sees the GPU verdict, loads the default pair with progress, and runs rng-0-10 in exact mode', async () => {
    await page.goto(`${scriptedUrl}#/gpu`);
    await expect.poll(() => page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('software');

    await page.locator('nav a', { hasText: 'Lab' }).click();
    await expect(page.locator('lab-lab-page [data-gpu-note="software"]').innerText()).resolves.toContain('far too slowly');
    await expect(page.locator('lab-model-card').first().locator('button').first().innerText()).resolves.toMatch(/^Download .*GB and load anyway$/);
    await loadDefaultPair(page);
    await expect(page.locator('lab-model-card').first().locator('.ready').innerText()).resolves.toContain('Downloaded');

    await page.locator('lab-run-form button[type="submit"]').click();
    await waitForRunStatus(page, 'Finished');
  });

  it('shows one bar per answer per model with the fair-pick line, a table with the same numbers and P(7) for each model', async () => {
    const chart = page.locator('lab-answer-chart');
    const svg = chart.locator('svg[role="img"]');
    await expect(svg.getAttribute('aria-labelledby')).resolves.toBeTruthy();
    expect(await chart.locator('.bars rect').count()).toBe(22);
    expect(await chart.locator('.uniform line').count()).toBe(1);
    const summary = await chart.locator('figcaption p').innerText();
    expect(summary).toMatch(/Ministral 3 3B Base puts [\d.]+% of its answer probability on 7/);
    expect(summary).toMatch(/Ministral 3 3B Instruct puts [\d.]+% of its answer probability on 7/);
    await chart.locator('figure > details summary').click();
    const rowForSeven = await chart.locator('figure > details tbody tr').nth(7).innerText();
    expect(rowForSeven.startsWith('7')).toBe(true);
    const sevenShares = summary.match(/([\d.]+)% of its answer probability on 7/g)?.map((text) => text.split('%')[0]) ?? [];
    for (const share of sevenShares) expect(rowForSeven).toContain(`${share}%`);
  });

  it('exports the run as JSON that the lab validates, and finds it in History after a reload', async () => {
    await page.locator('lab-lab-page a', { hasText: 'Open this run on its own page' }).click();
    const download = page.waitForEvent('download');
    await page.locator('lab-run-page [data-export="json"]').click();
    const file = await (await download).path();
    const parsed = parseRunExport(readFileSync(file, 'utf8'), PROBE_CHECKS);
    expect(parsed.ok).toBe(true);
    const runId = parsed.ok ? parsed.value.run.id : '';
    expect(parsed.ok && parsed.value.records).toHaveLength(2);

    await page.reload();
    await page.locator('nav a', { hasText: 'History' }).click();
    await expect.poll(() => shadowText(page.locator('lab-history-page'))).toContain('A random number from 0 to 10');
    expect(await page.locator(`lab-history-page a[href="#/run/${runId}"]`).count()).toBeGreaterThan(0);
  });

  it('opens the share link in a fresh browser profile with the sender’s numbers, saying a new run is on the reader’s own GPU', async () => {
    await page.locator('lab-history-page a[href^="#/run/"]').first().click();
    await page.locator('lab-run-page [data-share]').click();
    const link = await page.locator('lab-run-page .share input').inputValue();
    expect(link).toContain('#/share/');

    const stranger = await freshProfile();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(link);
    const shared = strangerPage.locator('lab-share-page');
    await expect.poll(() => shadowText(shared)).toContain('A random number from 0 to 10');
    const text = await shadowText(shared);
    expect(text).toContain('Your own run will run on your GPU');
    expect(text).toContain('Ministral 3 3B Instruct');
    await closeContext(stranger);
    expect(errors).toEqual([]);
  });
});
