// Launching the installed Chromium for end-to-end tests, and collecting what a page logs and loads.
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from '../support/chromium.mjs';

export async function launchChromium({ webgpu }: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: webgpu ? [...CHROMIUM_FLAGS, WEBGPU_FLAG] : CHROMIUM_FLAGS,
  });
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
      recorder.scripts.push(response.text().then((body) => ({ url: response.url(), body })));
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
