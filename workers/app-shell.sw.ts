// The app-shell service worker: keeps one build's own files (the page, scripts, styles, icons, the worker bundles and
// the reference data) so that the lab opens and runs with the network off once a model is in web-llm's cache.
//
// - It answers only same-origin GETs of those files, from its cache. Everything else goes to the network untouched:
//   model weights, configs and wasm (Hugging Face, GitHub, a bring-your-own URL) live in web-llm's own IndexedDB cache.
// - Each build has its own cache. A new deploy's worker caches the complete new version before it can take over,
//   then waits: open pages keep running on their own version until the user chooses "Reload" on the update notice
//   (src/app/app-update.ts), so a page never mixes files of two versions.
//
// The build (vite.config.ts, appShellServiceWorker) bundles this file to the root of the output as a classic script
// and writes the build's file list into it, so every deploy changes its bytes and the browser sees an update.
import {
  cacheNameFor,
  cachedCopyFor,
  isOutdatedCache,
  isSkipWaitingMessage,
  requestPathFor,
  type PrecacheManifest,
} from '../src/core/offline/app-shell.ts';

declare const __APP_SHELL_MANIFEST__: PrecacheManifest;

// The project's TypeScript lib is the DOM one (it cannot be combined with the WebWorker lib), so the few service
// worker types used here are spelled out.
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const scope = self as unknown as ServiceWorkerScope;
const manifest = __APP_SHELL_MANIFEST__;
const cacheName = cacheNameFor(manifest.version);
const files = new Set(manifest.files);

function absolute(requestPath: string): string {
  return new URL(requestPath, scope.registration.scope).href;
}

async function precache(): Promise<void> {
  const cache = await caches.open(cacheName);
  // `no-cache` revalidates every file with the server, so a stale HTTP-cached copy of an unhashed file (the page,
  // the reference data) cannot slip into the new version.
  const requests = manifest.files.map((path) => new Request(absolute(requestPathFor(path)), { cache: 'no-cache' }));
  try {
    // addAll stores all of the files or none: if one fails, installation fails as a whole and the version already
    // running stays in charge; the browser tries again on a later visit.
    await cache.addAll(requests);
  } catch (error) {
    await caches.delete(cacheName);
    throw error;
  }
}

async function activate(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => isOutdatedCache(name, cacheName)).map((name) => caches.delete(name)));
  // On the first visit the page was loaded before any worker existed: take it over now, so that it works offline
  // without a reload. (A new version reaches the pages of the old one through activation itself.)
  await scope.clients.claim();
}

async function fromCache(requestPath: string, request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  // A miss means the browser cleared storage under a running worker: the network is the only place left to look.
  return (await cache.match(absolute(requestPath))) ?? fetch(request);
}

scope.addEventListener('install', (event) => event.waitUntil(precache()));

scope.addEventListener('activate', (event) => event.waitUntil(activate()));

scope.addEventListener('fetch', (event) => {
  const requestPath = cachedCopyFor(event.request, scope.registration.scope, files);
  // Not one of this build's files: without respondWith the browser fetches it as if there were no service worker.
  if (requestPath === null) return;
  // Navigations to the page are answered from the cache as well, not from the network first: a newer deploy's page
  // would otherwise start under this older worker and get this version's cached files (the half-updated state).
  // A new deploy reaches the page through the update notice instead.
  event.respondWith(fromCache(requestPath, event.request));
});

scope.addEventListener('message', (event) => {
  // The user chose "Reload" on the update notice: this waiting version takes over now.
  if (isSkipWaitingMessage(event.data)) void scope.skipWaiting();
});
