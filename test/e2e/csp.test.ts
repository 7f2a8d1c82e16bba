// The Content-Security-Policy of build/csp.ts, on both builds as `vite preview` serves them (the <meta> tag in
// index.html and the headers of public/_headers): it is there, the whole app works under it without a single
// violation, it stops script that an attacker slips into the page, and the production build's model worker can
// still import web-llm, reach the model hosts and compile wasm under the worker policy.
import { readdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PAGE_HEADER_POLICY, PAGE_META_POLICY, WORKER_HEADER_POLICY } from '../../build/csp.ts';
import { closeBrowser, closeContext, launchChromium, newContext, openPage } from './browser.ts';
import { freshProfile, loadDefaultPair, waitForRunStatus } from './scripted.ts';

const baseUrl = inject('baseUrl');
const scriptedUrl = inject('scriptedUrl');

const BUILDS = [
  { name: 'production', url: baseUrl, dir: 'dist' },
  { name: 'e2e', url: scriptedUrl, dir: 'dist-e2e' },
] as const;

const PAGES = ['#/', '#/gpu', '#/lab', '#/history', '#/claims', '#/settings', '#/share/AAAA', '#/no-such-page'];

/** The built model worker's file name, e.g. assets/model.worker-BP4Lz1LP.js. */
function modelWorkerPath(dir: string): string {
  const file = readdirSync(`${dir}/assets`).find((name) => /^model\.worker-.*\.js$/.test(name));
  if (!file) throw new Error(`No model worker in ${dir}/assets`);
  return `assets/${file}`;
}

interface Watched {
  /** Every CSP violation the page reported, and every console line about the policy. */
  violations: string[];
}

/** Collects violations from the first script on (init scripts run before the page's own, whatever its policy). */
async function watchPolicy(context: BrowserContext): Promise<Watched> {
  const watched: Watched = { violations: [] };
  await context.exposeFunction('__reportViolation', (text: string) => watched.violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation(text: string): void }).__reportViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) watched.violations.push(`console: ${message.text()}`);
  });
  return watched;
}

describe.each(BUILDS)('the $name build', ({ url, dir }) => {
  it('carries the page policy as a <meta> tag and a header, and the worker policy on its worker scripts', async () => {
    const page = await fetch(url);
    expect(page.headers.get('content-security-policy')).toBe(PAGE_HEADER_POLICY);
    const html = await page.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replaceAll('&#39;', "'");
    expect(meta).toBe(PAGE_META_POLICY);
    // The policy must come before the first script and stylesheet it is to govern.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const worker = await fetch(new URL(modelWorkerPath(dir), url));
    expect(worker.ok).toBe(true);
    expect(worker.headers.get('content-security-policy')).toBe(WORKER_HEADER_POLICY);
  });

  it('shows every page with no policy violation and no error', async () => {
    const browser = await launchChromium({ webgpu: true });
    const context = await newContext(browser);
    const watched = await watchPolicy(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const hash of PAGES) await openPage(page, url, hash);
    // A meta policy applies from the first byte on, and the app ran under it.
    expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))).toBe(
      PAGE_META_POLICY,
    );
    await closeBrowser(browser);
    expect(watched.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('on the e2e build, a whole run', () => {
  let profile: BrowserContext;
  let page: Page;
  let watched: Watched;

  beforeAll(async () => {
    profile = await freshProfile();
    watched = await watchPolicy(profile);
    page = await profile.newPage();
  });

  afterAll(() => closeContext(profile));

  it('loads models, runs a probe, exports and saves a chart as SVG and PNG with no policy violation', async () => {
    await page.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(page);
    await page.locator('lab-run-form button[type="submit"]').click();
    await waitForRunStatus(page, 'Finished');
    const chart = page.locator('lab-answer-chart');
    for (const label of ['Download SVG', 'Download PNG']) {
      const download = page.waitForEvent('download');
      await chart.getByRole('button', { name: label }).click();
      expect(statSync(await (await download).path()).size).toBeGreaterThan(0);
    }
    await page.locator('lab-lab-page a', { hasText: 'Open this run on its own page' }).click();
    const download = page.waitForEvent('download');
    await page.locator('lab-run-page [data-export="json"]').click();
    await download;
    expect(watched.violations).toEqual([]);
  });
});

describe('script slipped into the page', () => {
  let browser: Browser;
  let page: Page;
  let watched: Watched;

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
    const context = await newContext(browser);
    watched = await watchPolicy(context);
    page = await context.newPage();
    await page.goto(baseUrl);
    await page.locator('lab-app nav a').first().waitFor();
  });

  afterAll(() => closeBrowser(browser));

  it('does not run: an inline script, an inline event handler, a javascript: URL and a foreign script', async () => {
    const outcome = await page.evaluate(async () => {
      const flags = window as unknown as Record<string, boolean | undefined>;
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.setAttribute('src', './no-such-image.png');
      image.setAttribute('onerror', 'window.handlerRan = true');
      document.body.append(image);
      const link = document.createElement('a');
      link.href = 'javascript:window.linkRan = true';
      document.body.append(link);
      link.click();
      const foreign = document.createElement('script');
      foreign.src = 'https://example.invalid/x.js';
      const foreignOutcome = await new Promise<string>((resolve) => {
        foreign.onload = () => resolve('loaded');
        foreign.onerror = () => resolve('refused');
        document.body.append(foreign);
      });
      return { inline: flags.inlineRan, handler: flags.handlerRan, link: flags.linkRan, foreignOutcome };
    });
    expect(outcome).toEqual({ inline: undefined, handler: undefined, link: undefined, foreignOutcome: 'refused' });
    // Violations are reported in tasks of their own, which may come after the page's answer.
    const blocked = () => watched.violations.filter((line) => !line.startsWith('console:')).join('\n');
    // Each is reported twice: the <meta> policy and the header policy both refuse it.
    await expect.poll(blocked).toContain('script-src-elem blocked inline');
    await expect.poll(blocked).toContain('script-src-attr blocked inline');
    await expect.poll(blocked).toContain('script-src-elem blocked https://example.invalid/x.js');
  });
});

/** A minimal mlc-chat-config.json (as test/support/fixture-server.mjs serves): web-llm reads it before the wasm. */
const CHAT_CONFIG = JSON.stringify({
  model_type: 'mistral',
  tokenizer_files: ['tokenizer.json'],
  context_window_size: 2048,
  conv_template: { name: 'mistral_default', stop_token_ids: [2] },
});
/** The smallest valid wasm module: header and version, no sections. It compiles, and lacks everything tvmjs needs. */
const EMPTY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

interface LoadFailure {
  kind: string;
  message: string;
  detail: string;
}

describe('the production build’s model worker under the worker policy', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
  });

  afterAll(() => closeBrowser(browser));

  /**
   * Starts the built model worker on the default base model with Hugging Face and GitHub answered by Playwright
   * (this machine has no internet): a config (or a 404 for it, with `configMissing`), then the empty wasm.
   * `workerPolicy`, when given, replaces the worker script's policy. Returns the load's error and the model-host
   * addresses the worker asked for.
   */
  async function loadDefaultBase(
    { workerPolicy, configMissing = false }: { workerPolicy?: string; configMissing?: boolean } = {},
  ): Promise<{ error: LoadFailure; requested: string[] }> {
    // No service worker: its background precache would fetch the worker script through the route below, and
    // could answer the worker's own request from its cache instead of the route that sets the policy.
    const context = await newContext(browser, { serviceWorkers: 'block' });
    const requested: string[] = [];
    await context.route('https://huggingface.co/**', (route) => {
      requested.push(route.request().url());
      const isConfig = !configMissing && route.request().url().endsWith('/mlc-chat-config.json');
      return route.fulfill({
        status: isConfig ? 200 : 404,
        contentType: isConfig ? 'application/json' : 'text/plain',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: isConfig ? CHAT_CONFIG : 'Not Found',
      });
    });
    await context.route('https://raw.githubusercontent.com/**', (route) => {
      requested.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'application/wasm', headers: { 'Access-Control-Allow-Origin': '*' }, body: EMPTY_WASM });
    });
    if (workerPolicy !== undefined) {
      await context.route(/\/assets\/model\.worker-.*\.js$/, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': workerPolicy } });
      });
    }
    const page = await context.newPage();
    await page.goto(baseUrl);
    const error = await page.evaluate(async (workerPath) => {
      const worker = new Worker(workerPath, { type: 'module' });
      const modelId = 'Ministral-3-3B-Base-2512-q4f32_1-MLC';
      const reply = new Promise<LoadFailure>((resolve) => {
        worker.addEventListener('message', (event: MessageEvent<{ type: string; id?: number; error?: LoadFailure }>) => {
          if (event.data.type === 'error' && event.data.id === 1 && event.data.error) resolve(event.data.error);
          if (event.data.type === 'result') resolve({ kind: 'none', message: 'the load succeeded', detail: '' });
        });
        worker.addEventListener('error', (event) => resolve({ kind: 'worker-error', message: event.message, detail: '' }));
      });
      worker.postMessage({ id: 1, type: 'load', model: { modelId, source: { kind: 'prebuilt', modelId }, contextWindowTokens: 2048 } });
      const failure = await reply;
      worker.terminate();
      return failure;
    }, modelWorkerPath('dist'));
    await closeContext(context);
    return { error, requested };
  }

  it('imports web-llm, fetches from both model hosts and compiles wasm; it then fails on the empty wasm, not on the policy', async () => {
    const { error, requested } = await loadDefaultBase();
    expect(requested.some((address) => address.endsWith('/mlc-chat-config.json'))).toBe(true);
    expect(requested.some((address) => address.endsWith('.wasm'))).toBe(true);
    const text = `${error.message} ${error.detail}`;
    expect(text).not.toMatch(/Content Security Policy|Refused to/i);
    // The empty module compiled; tvmjs then found no memory in it, which the lab does not recognise.
    expect(error.kind).toBe('internal');
  });

  it('reports a missing model file as not found: the request passed the policy and reached the host', async () => {
    const { error, requested } = await loadDefaultBase({ configMissing: true });
    expect(requested.some((address) => address.endsWith('/mlc-chat-config.json'))).toBe(true);
    expect(error.kind).toBe('not-found');
  });

  it('cannot compile wasm when the worker policy lacks only \'wasm-unsafe-eval\' (so the test above can fail)', async () => {
    const { error } = await loadDefaultBase({ workerPolicy: WORKER_HEADER_POLICY.replace(" 'wasm-unsafe-eval'", '') });
    expect(`${error.message} ${error.detail}`).toMatch(/Content Security Policy|wasm-unsafe-eval/i);
  });

  it('cannot reach a model host when the worker policy allows only \'self\' (so the fetch check can fail)', async () => {
    const { requested, error } = await loadDefaultBase({ workerPolicy: WORKER_HEADER_POLICY.replace(' https:', '') });
    expect(requested).toEqual([]);
    // The kind alone cannot tell a refused request from a network failure: the requests above can.
    expect(error.kind).toBe('network');
  });
});
