// A phone-sized screen (390 × 844 CSS pixels) on the e2e build (issue 16): the header is one row with a menu that works
// with the keyboard and screen readers, and no page scrolls sideways or has axe violations.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, openPage } from './browser.ts';
import { checkClaimFromHome } from './guided.ts';
import { useFreshPage } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

/** The text of the element that has focus, looking through shadow roots. */
function focused(page: Page): Promise<{ text: string; expanded: string | null }> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return { text: (element?.textContent ?? '').trim(), expanded: element?.getAttribute('aria-expanded') ?? null };
  });
}

async function tabTo(page: Page, text: string, presses = 10): Promise<void> {
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).text === text) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

describe('on a 390 px wide screen', () => {
  const fresh = useFreshPage();
  let page: Page;
  const pages = ['#/', '#/gpu', '#/lab', '#/lab/check/seven', '#/claims', '#/history', '#/settings'];

  beforeAll(async () => {
    page = fresh.page;
    await page.setViewportSize({ width: 390, height: 844 });
    // A run and its share link, so that the run and shared-run pages have content to lay out.
    await page.goto(scriptedUrl);
    await checkClaimFromHome(page, 'seven');
    await page.goto(`${scriptedUrl}#/history`);
    const run = (await page.locator('lab-history-page a[href^="#/run/"]').first().getAttribute('href')) ?? '';
    await page.goto(`${scriptedUrl}${run}`);
    await page.locator('lab-run-page [data-share]').click();
    const share = await page.locator('lab-run-page .share input').inputValue();
    pages.push(run, share.slice(share.indexOf('#')));
  });

  it('has a header of one row whose menu opens and closes from the keyboard, as a disclosure, and navigates', async () => {
    await page.goto(scriptedUrl);
    await page.locator('lab-home-page h1').waitFor();
    const header = page.locator('lab-app header');
    expect((await header.boundingBox())?.height).toBeLessThan(64);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    expect(await navigation.isVisible()).toBe(false);

    await tabTo(page, 'Menu');
    expect((await focused(page)).expanded).toBe('false');
    await page.keyboard.press('Enter');
    expect((await focused(page)).expanded).toBe('true');
    expect(await navigation.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Home');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toEqual({ text: 'Menu', expanded: 'false' });
    expect(await navigation.isVisible()).toBe(false);

    // The language and theme switches are in the menu too; a link in it navigates and closes it.
    await page.keyboard.press('Enter');
    expect(await page.locator('lab-language-switch select').isVisible()).toBe(true);
    await navigation.getByRole('link', { name: 'Lab' }).click();
    await page.locator('lab-lab-page h1').waitFor();
    expect(await navigation.isVisible()).toBe(false);
  });

  it('lays out the Lab with a run’s chart and tables on screen without sideways scroll', async () => {
    await page.goto(scriptedUrl);
    await checkClaimFromHome(page, 'seven');
    await page.locator('lab-app .menu-button').click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab' }).click();
    await page.locator('lab-lab-page lab-answer-chart svg[role="img"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`scrolls no page sideways and has no axe violations, menu closed and open, in the ${colorScheme} theme`, async () => {
      await page.emulateMedia({ colorScheme });
      for (const hash of pages) {
        await openPage(page, scriptedUrl, hash);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, `${hash} scrolls sideways by ${sideways} px`).toBeLessThanOrEqual(0);
        expect(await axeViolations(page), `${hash} (${colorScheme})`).toEqual([]);
      }
      await page.locator('lab-app .menu-button').click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page), `the open menu (${colorScheme})`).toEqual([]);
    });
  }
});
