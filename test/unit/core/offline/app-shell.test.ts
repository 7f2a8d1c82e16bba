import { describe, expect, it } from 'vitest';
import {
  SERVICE_WORKER_FILE,
  SKIP_WAITING_MESSAGE,
  cacheNameFor,
  cachedCopyFor,
  isOutdatedCache,
  isSkipWaitingMessage,
  precacheManifest,
  requestPathFor,
  type BuiltFile,
} from '../../../../src/core/offline/app-shell.ts';

const BUILD: BuiltFile[] = [
  { path: 'index.html', contentHash: 'h-index' },
  { path: 'assets/index-3f2a.js', contentHash: 'h-main' },
  { path: 'assets/model.worker-9c1d.js', contentHash: 'h-worker' },
  { path: 'assets/index-77aa.css', contentHash: 'h-css' },
  { path: 'favicon.svg', contentHash: 'h-icon' },
  { path: 'reference/paper-figures.json', contentHash: 'h-figures' },
  { path: SERVICE_WORKER_FILE, contentHash: 'h-sw' },
  { path: 'assets/index-3f2a.js.map', contentHash: 'h-map' },
  { path: '_headers', contentHash: 'h-headers' },
];

function withHash(path: string, contentHash: string): BuiltFile[] {
  return BUILD.map((file) => (file.path === path ? { path, contentHash } : file));
}

describe('the precache manifest of a build', () => {
  it('lists every file of the build output, sorted, except the service worker, source maps and the host rules file', () => {
    expect(precacheManifest(BUILD).files).toEqual([
      'assets/index-3f2a.js',
      'assets/index-77aa.css',
      'assets/model.worker-9c1d.js',
      'favicon.svg',
      'index.html',
      'reference/paper-figures.json',
    ]);
  });

  it('has the same version for the same files, whatever order they were found in', () => {
    const manifest = precacheManifest(BUILD);
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(precacheManifest([...BUILD].reverse())).toEqual(manifest);
  });

  it('gets a new version when any precached file changes, is added, removed or renamed', () => {
    const version = precacheManifest(BUILD).version;
    const changed = [
      withHash('reference/paper-figures.json', 'h-figures-2'),
      withHash('index.html', 'h-index-2'),
      [...BUILD, { path: 'assets/lab-page-1b2c.js', contentHash: 'h-page' }],
      BUILD.filter((file) => file.path !== 'favicon.svg'),
      BUILD.map((file) => (file.path === 'favicon.svg' ? { ...file, path: 'icon.svg' } : file)),
    ];
    const versions = changed.map((files) => precacheManifest(files).version);
    for (const other of versions) expect(other).not.toBe(version);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('keeps its version when only files it does not precache change', () => {
    const version = precacheManifest(BUILD).version;
    expect(precacheManifest(withHash(SERVICE_WORKER_FILE, 'h-sw-2')).version).toBe(version);
    expect(precacheManifest(withHash('assets/index-3f2a.js.map', 'h-map-2')).version).toBe(version);
  });

  it('does not mistake a path and hash boundary for another file list', () => {
    const a = precacheManifest([{ path: 'a', contentHash: 'bc' }]);
    const b = precacheManifest([{ path: 'ab', contentHash: 'c' }]);
    expect(a.version).not.toBe(b.version);
  });
});

describe('cache names', () => {
  it('gives each version its own cache', () => {
    expect(cacheNameFor('0123456789abcdef')).not.toBe(cacheNameFor('fedcba9876543210'));
  });

  it('counts only the lab’s caches of other versions as outdated', () => {
    const current = cacheNameFor('0123456789abcdef');
    expect(isOutdatedCache(cacheNameFor('fedcba9876543210'), current)).toBe(true);
    expect(isOutdatedCache(current, current)).toBe(false);
    // web-llm's own caches (and anything else on the origin) are not the service worker's to delete.
    for (const name of ['webllm/model', 'webllm/wasm', 'webllm/config', 'some-other-app']) expect(isOutdatedCache(name, current)).toBe(false);
  });
});

describe('which requests the service worker answers', () => {
  const scope = 'https://lab.example.org/classes/lab/';
  const files = new Set(precacheManifest(BUILD).files.concat('reference/poems with spaces.json'));
  const answer = (url: string, method = 'GET') => cachedCopyFor({ url, method }, scope, files);

  it('answers the page, at its directory URL or as index.html, whatever its query and hash', () => {
    expect(answer(scope)).toBe('');
    expect(answer(`${scope}#/lab`)).toBe('');
    expect(answer(`${scope}?utm_source=class#/share/abc`)).toBe('');
    expect(answer(`${scope}index.html`)).toBe('');
  });

  it('answers the build’s scripts, worker bundles, styles, icons and reference data by their path under the app', () => {
    expect(answer(`${scope}assets/index-3f2a.js`)).toBe('assets/index-3f2a.js');
    expect(answer(`${scope}assets/model.worker-9c1d.js`)).toBe('assets/model.worker-9c1d.js');
    expect(answer(`${scope}assets/index-77aa.css?inline`)).toBe('assets/index-77aa.css');
    expect(answer(`${scope}favicon.svg`)).toBe('favicon.svg');
    expect(answer(`${scope}reference/paper-figures.json`)).toBe('reference/paper-figures.json');
    expect(answer(`${scope}reference/poems%20with%20spaces.json`)).toBe('reference/poems with spaces.json');
  });

  it('leaves model weights, configs and wasm on other hosts to the network', () => {
    for (const url of [
      'https://huggingface.co/mlc-ai/Ministral-3-3B-Base-q4f16_1-MLC/resolve/main/params_shard_0.bin',
      'https://huggingface.co/mlc-ai/Ministral-3-3B-Base-q4f16_1-MLC/resolve/main/mlc-chat-config.json',
      'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_80/model.wasm',
      'https://cdn.example.net/classes/lab/assets/index-3f2a.js',
    ]) {
      expect(answer(url), url).toBeNull();
    }
  });

  it('leaves same-origin requests outside the app or not in this build to the network', () => {
    expect(answer('https://lab.example.org/classes/other/assets/index-3f2a.js')).toBeNull();
    expect(answer('https://lab.example.org/classes/lab2/assets/index-3f2a.js')).toBeNull();
    expect(answer('https://lab.example.org/assets/index-3f2a.js')).toBeNull();
    expect(answer(`${scope}assets/index-0000.js`)).toBeNull();
    // Weights a user hosts next to the lab (bring your own base) belong to web-llm's cache, not the app shell.
    expect(answer(`${scope}models/SmolLM2-360M-base-q4f16_1-MLC/resolve/main/params_shard_0.bin`)).toBeNull();
    expect(answer(`${scope}service-worker.js`)).toBeNull();
    expect(answer(`${scope}reference/%E0%A4%A`)).toBeNull();
  });

  it('answers only GETs', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) expect(answer(`${scope}assets/index-3f2a.js`, method)).toBeNull();
  });

  it('fetches and keeps the page at its directory URL and every other file at its own path', () => {
    expect(requestPathFor('index.html')).toBe('');
    expect(requestPathFor('assets/index-3f2a.js')).toBe('assets/index-3f2a.js');
  });
});

describe('the message that lets a waiting version take over', () => {
  it('is recognised, and nothing else is', () => {
    expect(isSkipWaitingMessage(SKIP_WAITING_MESSAGE)).toBe(true);
    expect(isSkipWaitingMessage(structuredClone(SKIP_WAITING_MESSAGE))).toBe(true);
    for (const other of [null, undefined, 'skip-waiting', {}, { type: 'skip' }, [SKIP_WAITING_MESSAGE]]) expect(isSkipWaitingMessage(other)).toBe(false);
  });
});
