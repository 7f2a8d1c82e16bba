// Offline and updates (issue 6, item 4), on the e2e build (scripted models): after a first visit with the models
// cached, the lab reloads and runs a probe with the network off; and a new deploy is cached completely in the
// background, offered with a notice, and taken only on "Reload", with no page ever loading files of both versions.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { build, type Plugin } from 'vite';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { SERVICE_WORKER_FILE, isPrecached } from '../../src/core/offline/app-shell.ts';
import { closeContext } from './browser.ts';
import { freshProfile, loadDefaultPair, useFreshPage, waitForRunStatus } from './scripted.ts';

const scriptedUrl = inject('scriptedUrl');

/** Every file of a build output, as a path relative to it. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function controlledBy(page: Page): Promise<unknown> {
  return page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

describe('the build’s service worker', () => {
  it('precaches every file of the build output but the host’s rules, and nothing from another origin', () => {
    const worker = readFileSync(join('dist-e2e', SERVICE_WORKER_FILE), 'utf8');
    expect(filesOf('dist-e2e').filter((path) => !isPrecached(path)).sort()).toEqual(['_headers', SERVICE_WORKER_FILE]);
    const files = filesOf('dist-e2e').filter(isPrecached);
    expect(files.length).toBeGreaterThan(10);
    for (const path of files) expect(worker, path).toContain(JSON.stringify(path));
    expect(worker).not.toMatch(/huggingface|github/);
  });
});

describe('the second visit, with the network off', () => {
  const fresh = useFreshPage();

  it('reloads the lab from the service worker, loads the cached models and runs rng-0-10', async () => {
    const { profile, page } = fresh;
    await page.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(page);
    await controlledBy(page);

    await profile.setOffline(true);
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    await page.reload();
    await loadDefaultPair(page);
    for (const index of [0, 1]) {
      await expect(page.locator('lab-model-card').nth(index).locator('.ready').innerText()).resolves.toContain(
        'Loaded from this browser’s cache: nothing was downloaded.',
      );
    }
    await page.locator('lab-run-form button[type="submit"]').click();
    await waitForRunStatus(page, 'Finished');
    expect(await page.locator('lab-answer-chart .bars rect').count()).toBe(22);

    // Every file of the app came from the service worker's cache: the page, its scripts, the worker bundles and
    // the reference data behind the chart.
    const origin = new URL(scriptedUrl).origin;
    const ours = responses.filter((response) => response.url().startsWith(origin));
    expect(ours.map((response) => new URL(response.url()).pathname)).toEqual(
      expect.arrayContaining(['/', expect.stringMatching(/\.worker-.*\.js$/), '/reference/paper-figures.json']),
    );
    for (const response of ours) expect(response.fromServiceWorker(), response.url()).toBe(true);
    // And the network really is off: a same-origin file the service worker does not keep cannot be fetched.
    await expect(page.evaluate(() => fetch('./not-part-of-the-build.txt').then(() => 'fetched', () => 'failed'))).resolves.toBe('failed');
  });
});

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

/** A static host whose content can be switched from one build to the next, as a deploy does. */
async function deployServer(firstDir: string): Promise<{ url: string; deploy(dir: string): void; close(): Promise<void> }> {
  let root = resolve(firstDir);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The deploy server has no port.');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    deploy: (dir) => {
      root = resolve(dir);
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Marks a build so that a test can tell which version a page runs: `<html data-build="…">`. */
function markBuild(name: string): Plugin {
  return {
    name: 'mark-build',
    transform(code, id) {
      if (id.endsWith('/src/main.ts')) return `${code}\ndocument.documentElement.dataset.build = ${JSON.stringify(name)};\n`;
      return undefined;
    },
  };
}

function buildOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.build);
}

describe('a new deploy', () => {
  const versionA = 'dist-e2e';
  const versionB = mkdtempSync(join(tmpdir(), 'lab-deploy-b-'));
  let server: Awaited<ReturnType<typeof deployServer>>;
  let profile: BrowserContext;
  let page: Page;
  /** The build files each page load requested, one list per load of the page. */
  const loads: string[][] = [];

  beforeAll(async () => {
    await build({ configFile: 'vite.config.ts', mode: 'e2e', logLevel: 'warn', build: { outDir: versionB, emptyOutDir: true }, plugins: [markBuild('B')] });
    server = await deployServer(versionA);
    profile = await freshProfile();
    page = await profile.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) return;
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads.push([]);
      loads.at(-1)?.push(new URL(request.url()).pathname.slice(1));
    });
  });

  afterAll(async () => {
    await closeContext(profile);
    await server.close();
    rmSync(versionB, { recursive: true, force: true });
  });

  it('is cached in the background while the page keeps running its own version, then offered with a notice', async () => {
    await page.goto(`${server.url}#/`);
    await controlledBy(page);
    expect(await buildOf(page)).toBeUndefined();

    server.deploy(versionB);
    // A page of version A opened before the deploy still loads its not-yet-used parts (they are gone from the host).
    await page.locator('nav a', { hasText: 'Claims' }).click();
    await page.locator('lab-claims-page h1').waitFor();

    await page.reload();
    expect(await buildOf(page)).toBeUndefined();
    const notice = page.locator('lab-update-notice [role="status"]');
    await notice.locator('button', { hasText: 'Reload' }).waitFor();
    await expect(notice.innerText()).resolves.toContain('A new version of the lab is ready.');
    await page.locator('nav a', { hasText: 'Lab' }).click();
    await page.locator('lab-model-card').first().waitFor();
    expect(await buildOf(page)).toBeUndefined();
  });

  it('switches to the new version on Reload (from the keyboard), and drops the old version’s cache', async () => {
    const reloaded = page.waitForEvent('load');
    await page.locator('lab-update-notice button').focus();
    await page.keyboard.press('Enter');
    await reloaded;
    await expect.poll(() => buildOf(page)).toBe('B');
    await page.locator('nav a', { hasText: 'Claims' }).click();
    await page.locator('lab-claims-page h1').waitFor();
    expect(await page.locator('lab-update-notice button').count()).toBe(0);
    const cacheNames = await page.evaluate(() => caches.keys());
    expect(cacheNames.filter((name) => name.startsWith('lab-app-shell-'))).toHaveLength(1);
  });

  it('never loads files of both versions into one page', () => {
    const onlyA = new Set(filesOf(versionA).filter((path) => !filesOf(versionB).includes(path)));
    const onlyB = new Set(filesOf(versionB).filter((path) => !filesOf(versionA).includes(path)));
    expect(loads).toHaveLength(3);
    const [first, second, afterReload] = loads.map((paths) => ({
      a: paths.filter((path) => onlyA.has(path)),
      b: paths.filter((path) => onlyB.has(path)),
    }));
    for (const load of [first, second]) {
      expect(load?.a.length).toBeGreaterThan(0);
      expect(load?.b).toEqual([]);
    }
    expect(afterReload?.b.length).toBeGreaterThan(0);
    expect(afterReload?.a).toEqual([]);
  });
});
