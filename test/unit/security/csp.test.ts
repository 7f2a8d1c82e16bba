// The Content-Security-Policy of build/csp.ts: what it allows and refuses, checked against every address the catalog
// downloads from (derived from the catalog and web-llm's prebuilt list, so neither can drift past the policy), and
// public/_headers kept equal to it. test/e2e/csp.test.ts checks the same policies in Chromium.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HEADER_ONLY_DIRECTIVES,
  headersFile,
  headersFor,
  PAGE_HEADER_POLICY,
  PAGE_META_POLICY,
  PAGE_POLICY,
  WORKER_HEADER_POLICY,
  WORKER_POLICY,
  type Policy,
} from '../../../build/csp.ts';
import { loadSpecFor } from '../../../src/app/model-workers.ts';
import { bringYourOwnBase } from '../../../src/engine/bring-your-own-base.ts';
import { BRING_YOUR_OWN_TWINS, COMPARISONS, type CatalogModel } from '../../../src/engine/catalog.ts';
import type { WeightVariant } from '../../../src/engine/preflight.ts';
import { appConfigFor } from '../../../workers/web-llm-backend.ts';
import { modelFilesUrl } from '../../../workers/web-llm-cache.ts';

/** Where the lab might be hosted; 'self' is this origin. */
const SELF = 'https://lab.example';

/**
 * Whether `policy` lets a context fetch `address` under `directive` (CSP3 source matching for the kinds of
 * source the lab's policies use: 'none', 'self', a scheme, a host with an optional scheme and "*." wildcard).
 */
function allows(policy: Policy, directive: string, address: string): boolean {
  const sources = policy[directive] ?? policy['default-src'] ?? [];
  const url = new URL(address);
  return sources.some((source) => {
    if (source === "'none'") return false;
    // From an https page, 'self' is the page's host over https: or wss:, never blob: or data:.
    if (source === "'self'") return url.host === new URL(SELF).host && ['https:', 'wss:'].includes(url.protocol);
    if (/^[a-z][a-z0-9+.-]*:$/.test(source)) return url.protocol === source;
    const host = /^(?:([a-z]+):\/\/)?(\*\.)?([^/:*]+)(?::(\*|\d+))?$/.exec(source);
    if (!host) throw new Error(`The test cannot read the source ${source}`);
    const [, scheme, wildcard, name, port] = host;
    if (scheme !== undefined && url.protocol !== `${scheme}:`) return false;
    const defaultPort = url.protocol === 'https:' ? '443' : '80';
    if (port !== '*' && (url.port || defaultPort) !== (port ?? defaultPort)) return false;
    return wildcard ? url.hostname.endsWith(`.${name}`) : url.hostname === name;
  });
}

/** Every file address web-llm fetches a catalog model from: its folder's files and its model library. */
function downloadAddresses(model: CatalogModel, variant: WeightVariant): string[] {
  const spec = loadSpecFor(model, variant);
  if (!spec) return [];
  const [record] = appConfigFor(spec).model_list;
  if (!record) throw new Error(`No web-llm record for ${model.id}`);
  const files = modelFilesUrl(record.model);
  return [...['mlc-chat-config.json', 'tensor-cache.json', 'tokenizer.json'].map((file) => new URL(file, files).href), record.model_lib];
}

const CATALOG_MODELS = [...COMPARISONS.flatMap((comparison) => comparison.models), ...BRING_YOUR_OWN_TWINS];
const VARIANTS: WeightVariant[] = ['q4f16', 'q4f32'];

describe('the policies', () => {
  it('are in public/_headers exactly as build/csp.ts defines them', () => {
    expect(readFileSync('public/_headers', 'utf8')).toBe(headersFile());
  });

  it('allow no inline script, no eval and no inline style anywhere; only the worker compiles wasm', () => {
    for (const policy of [PAGE_HEADER_POLICY, PAGE_META_POLICY, WORKER_HEADER_POLICY]) {
      // A bare * is refused; "*." (subdomains) and ":*" (any port of one host) are not wildcards for any host.
      expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\bdata:|(?<!:)\*(?!\.)/);
    }
    expect(PAGE_HEADER_POLICY).not.toContain('wasm-unsafe-eval');
    expect(WORKER_POLICY['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('put no directive in the <meta> tag that browsers ignore there, and keep those in the header', () => {
    for (const directive of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) {
      expect(PAGE_META_POLICY).not.toContain(directive);
    }
    for (const directive of Object.keys(HEADER_ONLY_DIRECTIVES)) expect(PAGE_HEADER_POLICY).toContain(`${directive} 'none'`);
    expect(PAGE_POLICY['object-src']).toEqual(["'none'"]);
    expect(PAGE_POLICY['base-uri']).toEqual(["'none'"]);
  });

  it('go to the right paths, never two on one path (both would apply)', () => {
    expect(headersFor('/')['Content-Security-Policy']).toBe(PAGE_HEADER_POLICY);
    expect(headersFor('/index.html')['Content-Security-Policy']).toBe(PAGE_HEADER_POLICY);
    expect(headersFor('/assets/model.worker-BP4Lz1LP.js')['Content-Security-Policy']).toBe(WORKER_HEADER_POLICY);
    expect(headersFor('/favicon.svg')).toEqual({});
  });
});

describe('model downloads', () => {
  const addresses = CATALOG_MODELS.flatMap((model) => VARIANTS.flatMap((variant) => downloadAddresses(model, variant)));

  it('cover every model of the catalog: Hugging Face weights and GitHub model libraries', () => {
    expect(addresses.length).toBe(CATALOG_MODELS.length * VARIANTS.length * 4);
    expect(new Set(addresses.map((address) => new URL(address).hostname))).toEqual(new Set(['huggingface.co', 'raw.githubusercontent.com']));
  });

  it('are allowed in the model worker and refused on the page, which never fetches a model file', () => {
    for (const address of addresses) {
      expect(allows(WORKER_POLICY, 'connect-src', address), address).toBe(true);
      expect(allows(PAGE_POLICY, 'connect-src', address), address).toBe(false);
    }
  });

  it('may come from the hosts Hugging Face redirects to (CSP checks every redirect) and from a bring-your-own host', () => {
    const byo = bringYourOwnBase({ weightsUrls: { q4f32: 'https://models.example.org/SmolLM2-360M-q4f32_1-MLC/resolve/main/' }, twinId: 'smollm2-360m-instruct' });
    if (!byo.ok) throw new Error(byo.problems.map((problem) => problem.message).join(' '));
    const byoAddresses = downloadAddresses(byo.model, 'q4f32');
    expect(byoAddresses[0]).toBe('https://models.example.org/SmolLM2-360M-q4f32_1-MLC/resolve/main/mlc-chat-config.json');
    const redirects = [
      'https://cdn-lfs.huggingface.co/repos/ab/cd/file',
      'https://cdn-lfs-us-1.hf.co/repos/ab/cd/file',
      'https://cas-bridge.xethub.hf.co/xet-bridge-us/abc/def',
      'https://us.aws.cdn.hf.co/xet-bridge-us/abc/def',
    ];
    for (const address of [...byoAddresses, ...redirects]) {
      expect(allows(WORKER_POLICY, 'connect-src', address), address).toBe(true);
      expect(allows(PAGE_POLICY, 'connect-src', address), address).toBe(false);
    }
  });

  it('never go over plain http, websockets, data: or blob:, in the worker or on the page', () => {
    for (const address of ['http://huggingface.co/x', 'ws://lab.example/', 'wss://evil.example/', 'data:,x', 'blob:https://lab.example/1']) {
      expect(allows(WORKER_POLICY, 'connect-src', address), address).toBe(false);
      expect(allows(PAGE_POLICY, 'connect-src', address), address).toBe(false);
    }
  });
});

describe('a server the user runs (issue 14)', () => {
  it('is reachable from the worker on this computer over plain http on any port, and anywhere over https', () => {
    for (const address of [
      'http://localhost:8000/v1/completions',
      'http://localhost:11434/api/generate',
      'http://127.0.0.1:8080/tokenize',
      'https://gpu.university.example/v1/models',
      'https://10.0.0.5:8443/v1/models',
    ]) {
      expect(allows(WORKER_POLICY, 'connect-src', address), address).toBe(true);
      expect(allows(PAGE_POLICY, 'connect-src', address), address).toBe(false);
    }
  });

  it('is refused at another plain-http address, in the worker and on the page (a host adds its own: docs/operating.md)', () => {
    for (const address of ['http://192.168.1.20:8000/v1/models', 'http://gpu.lan:8000/v1/models', 'http://localhost.evil.example:8000/v1', 'ws://localhost:8000/']) {
      expect(allows(WORKER_POLICY, 'connect-src', address), address).toBe(false);
      expect(allows(PAGE_POLICY, 'connect-src', address), address).toBe(false);
    }
  });

  it('adds nothing but connect-src to the worker, and nothing at all to the page', () => {
    expect(Object.keys(WORKER_POLICY)).toEqual(['default-src', 'script-src', 'connect-src']);
    expect(PAGE_POLICY['connect-src']).toEqual(["'self'"]);
  });
});

describe('index.html', () => {
  const html = readFileSync('index.html', 'utf8');

  it('has no inline script, event handler attribute or style attribute for the policy to refuse', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
  });
});
