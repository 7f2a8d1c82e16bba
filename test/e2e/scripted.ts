// Helpers for end-to-end tests on the e2e build (the app with scripted models): a browser profile that keeps its
// IndexedDB across reloads, and the steps of the lab that several tests take.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from '../support/chromium.mjs';

/** A fresh browser profile (its own IndexedDB), with WebGPU on. */
export async function freshProfile(): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: requireChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, WEBGPU_FLAG],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
}

/** Loads the default comparison's base and instruct models (the first two cards) and waits until both are ready. */
export async function loadDefaultPair(page: Page): Promise<void> {
  const cards = page.locator('lab-model-card');
  await cards.first().locator('button').first().waitFor();
  for (const index of [0, 1]) await cards.nth(index).locator('button').first().click();
  for (const index of [0, 1]) await cards.nth(index).locator('.ready').waitFor();
}

/** The Lab page's run status line once it says `text`. */
export async function waitForRunStatus(page: Page, text: string): Promise<void> {
  await page.locator('lab-lab-page .status', { hasText: text }).waitFor({ timeout: 60_000 });
}

/** The text an element shows in its shadow root (a custom element's innerText leaves its shadow tree out). */
export function shadowText(element: Locator): Promise<string> {
  return element.evaluate((node) => node.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '');
}
