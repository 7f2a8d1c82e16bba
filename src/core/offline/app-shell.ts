// What the app-shell service worker (workers/app-shell.sw.ts) keeps for offline use, and which requests it answers.
// Pure, so that the build (vite.config.ts, in Node), the service worker and the unit tests share one definition.
//
// Paths here are relative to the app's base URL ("index.html", "assets/index-3f2a.js", "reference/paper-figures.json"):
// the lab runs from any sub-path of any static host, so nothing may assume it sits at the root of its origin.

/** One build's files for offline use, and a version that names their cache. */
export interface PrecacheManifest {
  /** Changes whenever a precached file's content, or the list of files, changes: each deploy gets its own cache. */
  readonly version: string;
  /** Every file of the build output except the service worker itself, sorted. */
  readonly files: readonly string[];
}

/** A file of the build output and a hash of its content (any hash that changes with the content). */
export interface BuiltFile {
  readonly path: string;
  readonly contentHash: string;
}

/**
 * The service worker's file name at the root of the build output. Its directory is its scope, so it controls the
 * app's page wherever the app is hosted. It must keep this name across deploys: a renamed worker would leave the
 * old one installed and in charge.
 */
export const SERVICE_WORKER_FILE = 'service-worker.js';

/** The app's page. It is fetched and kept as the directory URL (see `requestPathFor`). */
const APP_PAGE = 'index.html';

const CACHE_PREFIX = 'lab-app-shell-';

/** What the page sends to a waiting service worker when the user chooses to switch to the new version now. */
export const SKIP_WAITING_MESSAGE = { type: 'skip-waiting' } as const;

export function isSkipWaitingMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SKIP_WAITING_MESSAGE.type;
}

/** Files of the build output that are rules for the host, never served: Netlify and Cloudflare Pages hide them. */
const HOST_RULE_FILES = new Set(['_headers', '_redirects']);

/**
 * Whether a file of the build output is precached: all of them, except the service worker (its own content holds
 * the manifest, and the browser keeps it anyway), source maps (only developer tools read them) and the host's rule
 * files (a 404 for one would fail the whole installation).
 */
export function isPrecached(path: string): boolean {
  return path !== SERVICE_WORKER_FILE && !path.endsWith('.map') && !HOST_RULE_FILES.has(path);
}

/** The manifest of a build: which files to precache, and a version derived from all their contents. */
export function precacheManifest(built: readonly BuiltFile[]): PrecacheManifest {
  const kept = built.filter((file) => isPrecached(file.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fingerprint = kept.map((file) => `${file.path}\u0000${file.contentHash}\n`).join('');
  return { version: fnv1a64(fingerprint), files: kept.map((file) => file.path) };
}

export function cacheNameFor(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** A cache an earlier version of the lab made (other caches of the origin are not the lab's to delete). */
export function isOutdatedCache(name: string, currentCacheName: string): boolean {
  return name.startsWith(CACHE_PREFIX) && name !== currentCacheName;
}

/**
 * The URL, relative to the app's base, from which a precached file is fetched and under which it is kept. The page
 * is kept as the directory URL, the address people open and share: some hosts redirect ".../index.html" to ".../",
 * and a redirected response cannot answer a navigation.
 */
export function requestPathFor(path: string): string {
  return path === APP_PAGE ? '' : path;
}

/**
 * Which precached copy answers a request, as its `requestPathFor` path; `null` for every request the service worker
 * must leave to the network: anything but a GET, other origins (model weights and wasm from Hugging Face and GitHub,
 * a bring-your-own URL), and same-origin URLs outside the app or not part of this build. Both URLs are absolute and
 * normalised, as the browser gives them (`Request.url`, `ServiceWorkerRegistration.scope`, which ends in "/").
 */
export function cachedCopyFor(
  request: { readonly url: string; readonly method: string },
  scopeUrl: string,
  files: ReadonlySet<string>,
): string | null {
  // The query and hash are not part of the file (the page's hash is the router's).
  const address = request.url.split(/[?#]/, 1)[0] ?? '';
  if (request.method !== 'GET' || !address.startsWith(scopeUrl)) return null;
  let path: string;
  try {
    path = decodeURIComponent(address.slice(scopeUrl.length));
  } catch {
    return null;
  }
  if (path === '') path = APP_PAGE;
  return files.has(path) ? requestPathFor(path) : null;
}

/**
 * 64-bit FNV-1a over UTF-16 code units, as 16 hex digits: a short, stable name for a build's contents. Not for
 * security: it only has to tell one deploy from the next.
 */
function fnv1a64(text: string): string {
  const MASK = 0xffffffffffffffffn;
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
