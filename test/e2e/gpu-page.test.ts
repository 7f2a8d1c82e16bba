import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, closeBrowser, closeContext, launchChromium, newContext, recordPage } from './browser.ts';

const baseUrl = inject('baseUrl');

/**
 * Strings that occur in web-llm's bundle and in none of our code. The test first proves they are in
 * web-llm's own file, so that "not found in the page's scripts" means something.
 */
const WEB_LLM_MARKERS = ['MLCEngine', 'webllm/model', 'Unable to find a compatible GPU'];

describe('"Your GPU" page, production build', () => {
  describe('with WebGPU enabled (SwiftShader adapter)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium({ webgpu: true });
    });
    afterAll(() => closeBrowser(browser));

    it('says that the software renderer would be far too slow and what to try, shows the adapter, with no console errors', async () => {
      const page = await (await newContext(browser)).newPage();
      const recorder = recordPage(page);
      await page.goto(`${baseUrl}#/gpu`);
      const verdict = page.locator('[data-verdict]');
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('software');
      expect(await verdict.getAttribute('data-variant')).toBe('q4f32');
      await expect.poll(() => page.locator('lab-gpu-page table').first().innerText()).toContain('swiftshader');
      const text = await verdict.innerText();
      expect(text).toContain('only a software renderer');
      expect(text).toContain('far too slowly');
      expect(text).toContain('Turn on hardware acceleration');
      expect(text).toContain('It will use the q4f32 weights');
      expect(text).not.toContain("This browser can run the lab's models");
      expect(recorder.errors).toEqual([]);
    });
  });

  describe('without WebGPU', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium({ webgpu: false });
    });
    afterAll(() => closeBrowser(browser));

    it('explains that WebGPU is unavailable, where it works and what can still be done', async () => {
      const page = await (await newContext(browser)).newPage();
      const recorder = recordPage(page);
      await page.goto(`${baseUrl}#/gpu`);
      const verdict = page.locator('[data-verdict]');
      // Chromium on Linux without the flag has navigator.gpu but no adapter; other browsers lack the API.
      await expect.poll(() => verdict.getAttribute('data-verdict')).toMatch(/^no-(webgpu|adapter)$/);
      const text = await verdict.innerText();
      expect(text).toContain('WebGPU is not available here');
      expect(text).toContain('Chrome or Edge 113 or newer');
      expect(text).toContain('Safari 26');
      expect(text).toContain('What you can still do here');
      expect(await page.locator('[data-variant]').count()).toBe(0);
      expect(recorder.errors).toEqual([]);
    });

    it('loads no web-llm code on the page', async () => {
      const webLlm = readFileSync('node_modules/@mlc-ai/web-llm/lib/index.js', 'utf8');
      for (const marker of WEB_LLM_MARKERS) expect(webLlm, `web-llm itself contains ${marker}`).toContain(marker);

      const page = await (await newContext(browser)).newPage();
      const recorder = recordPage(page);
      await page.goto(baseUrl);
      await page.locator('lab-home-page h1').waitFor();
      await page.locator('nav a', { hasText: 'Your GPU' }).click();
      await page.locator('[data-verdict]').waitFor();
      const scripts = await Promise.all(recorder.scripts);
      expect(scripts.length).toBeGreaterThan(0);
      for (const { url, body } of scripts) {
        for (const marker of WEB_LLM_MARKERS) expect(body.includes(marker), `${url} contains "${marker}"`).toBe(false);
      }
    });
  });
});

describe('accessibility of the production build', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
  });
  afterAll(() => closeBrowser(browser));

  // The system colour scheme drives the "auto" theme: this checks the real stylesheet in both schemes.
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on either page with a ${colorScheme} system theme`, async () => {
      const context = await newContext(browser, { colorScheme });
      const page = await context.newPage();
      for (const hash of ['#/', '#/gpu']) {
        await page.goto(`${baseUrl}${hash}`);
        if (hash === '#/gpu') await page.locator('[data-verdict]').waitFor();
        else await page.locator('lab-home-page h1').waitFor();
        expect(await axeViolations(page), `${hash} (${colorScheme})`).toEqual([]);
      }
      await closeContext(context);
    });
  }
});
