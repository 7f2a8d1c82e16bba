// Launching the installed Chromium for end-to-end tests, and collecting what a page logs and loads.
import { readFileSync } from 'node:fs';
import type * as Axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from '../support/chromium.mjs';
import { STATE_WAIT_MS } from './waits.ts';
import { AXE_RUN_OPTIONS } from '../support/axe-rules.ts';

export async function launchChromium({ webgpu }: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: webgpu ? [...CHROMIUM_FLAGS, WEBGPU_FLAG] : CHROMIUM_FLAGS,
  });
}

/** A new context of `browser` whose waits (locators, navigations) allow the app `STATE_WAIT_MS` for each step. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(STATE_WAIT_MS);
  return context;
}

/**
 * Closes a browser context without leaving work behind: a route handler may still be serving a request when a test
 * ends (the app's service worker precaches in the background, workers fetch), and closing under it would reject
 * that handler's `route.fetch` or `route.fulfill` with nobody left to catch it. Unrouting with `ignoreErrors`
 * first lets those handlers end quietly.
 */
export async function closeContext(context: BrowserContext): Promise<void> {
  await Promise.all(context.pages().map((page) => page.unrouteAll({ behavior: 'ignoreErrors' })));
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
}

/** The element lab-app draws for each address (the unknown address is drawn by lab-app itself). */
const PAGE_ELEMENTS: readonly [RegExp, string][] = [
  [/^(#\/?)?$/, 'lab-home-page'],
  [/^#\/gpu$/, 'lab-gpu-page'],
  [/^#\/lab(\/|$)/, 'lab-lab-page'],
  [/^#\/history$/, 'lab-history-page'],
  [/^#\/run\//, 'lab-run-page'],
  [/^#\/claims(\/|$)/, 'lab-claims-page'],
  [/^#\/settings$/, 'lab-settings-page'],
  [/^#\/share\//, 'lab-share-page'],
];

/** What the pages say while their own data are still on the way. */
const STILL_LOADING = /Loading…|Loading the runs…|Loading the run…|Reading your runs…|Loading the paper’s figures…|Checking WebGPU…|Checking which models are in this browser…|Reading your earlier votes…/;

/**
 * Opens `hash` of the app at `url` and resolves once that page (not the one before it: a change of hash keeps the
 * document, and the old page stays until lab-app draws the new one) shows its heading and nothing still loading.
 */
export async function openPage(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}${hash}`);
  const tag = PAGE_ELEMENTS.find(([address]) => address.test(hash))?.[1];
  if (!tag) {
    await page.locator('lab-app main h1', { hasText: 'Page not found' }).waitFor();
    return;
  }
  const element = page.locator(tag);
  await element.locator('h1').first().waitFor();
  await expect.poll(() => element.evaluate((node) => node.shadowRoot?.textContent ?? '')).not.toMatch(STILL_LOADING);
}

/** Closes a browser and each of its contexts the way `closeContext` does. */
export async function closeBrowser(browser: Browser): Promise<void> {
  for (const context of browser.contexts()) await closeContext(context);
  await browser.close();
}

export interface PageRecorder {
  /** Console errors and uncaught exceptions, as text. */
  errors: string[];
  /** URL and body of every script the page (not its workers) loaded. */
  scripts: Promise<{ url: string; body: string }>[];
}

export function recordPage(page: Page): PageRecorder {
  const recorder: PageRecorder = { errors: [], scripts: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') recorder.errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => recorder.errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() === 'script' && request.frame() === page.mainFrame()) {
      const script = response.text().then((body) => ({ url: response.url(), body }));
      // A test that never reads the scripts must not see the page closing under an unread body as an error.
      script.catch(() => undefined);
      recorder.scripts.push(script);
    }
  });
  return recorder;
}

/**
 * Puts axe-core into the page: evaluated through the DevTools protocol, since the lab's Content-Security-Policy
 * refuses the inline <script> that Playwright's addScriptTag would add.
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
}

/** What axe finds wrong with the whole page, one line per rule with the elements it found. */
export async function axeViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async (options) => {
    const results = await (window as unknown as { axe: typeof Axe }).axe.run(document, options);
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, AXE_RUN_OPTIONS);
}
