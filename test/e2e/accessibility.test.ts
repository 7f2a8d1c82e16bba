// Every page of the built lab has no axe violations in the light and the dark theme, and the newcomer's path works
// with the keyboard alone (e2e build: scripted models).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, closeContext, openPage } from './browser.ts';
import { freshProfile, loadDefaultPair, waitForRunStatus } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

/** The text of the element that has focus, looking through shadow roots. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return (element?.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element's text matches, as a keyboard user would. */
async function tabTo(page: Page, text: RegExp, presses = 80): Promise<void> {
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press('Tab');
    if (text.test(await focusedText(page))) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

describe('the built lab', () => {
  let profile: BrowserContext;
  let page: Page;
  let runHash = '';

  beforeAll(async () => {
    profile = await freshProfile();
    page = await profile.newPage();
  });

  afterAll(() => closeContext(profile));

  it('can be used with the keyboard alone: to the Lab, load both models, run, see the results', async () => {
    await page.goto(scriptedUrl);
    await tabTo(page, /^Lab$/);
    await page.keyboard.press('Enter');
    await page.locator('lab-model-card button').first().waitFor();
    // The buttons say "anyway" once the GPU check has found the software renderer, and the Lab says so above them.
    await page.locator('lab-lab-page [data-gpu-note="software"]').waitFor();
    for (let card = 0; card < 2; card++) {
      // "anyway": these machines have only a software renderer, which the Lab says before the cards.
      await tabTo(page, /^Download .*GB and load anyway$/);
      await page.keyboard.press('Enter');
    }
    for (const index of [0, 1]) await page.locator('lab-model-card').nth(index).locator('.ready').waitFor();
    await tabTo(page, /^Run$/);
    await page.keyboard.press('Enter');
    await waitForRunStatus(page, 'Finished');
    expect(await page.locator('lab-answer-chart svg[role="img"]').count()).toBe(1);
    runHash = (await page.locator('lab-lab-page a[href^="#/run/"]').getAttribute('href')) ?? '';
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on any page with a ${colorScheme} theme`, async () => {
      await page.emulateMedia({ colorScheme });
      for (const hash of ['#/', '#/gpu', '#/lab', '#/claims', '#/history', runHash, '#/settings']) {
        await openPage(page, scriptedUrl, hash);
        expect(await axeViolations(page), `${hash} (${colorScheme})`).toEqual([]);
      }
    });
  }

  it('keeps the run on screen and localises the page when the language changes', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    // A fresh page: the models load again (from the cache) before the run.
    await page.reload();
    await loadDefaultPair(page);
    await page.locator('lab-run-form button[type="submit"]').click();
    await waitForRunStatus(page, 'Finished');
    await page.locator('lab-language-switch select').selectOption('ja');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.locator('lab-answer-chart svg[role="img"]').count()).toBe(1);
    expect(await page.locator('lab-model-card .ready').count()).toBe(2);
    await page.locator('lab-language-switch select').selectOption('en');
  });
});
