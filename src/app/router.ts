// Hash routing: the app is static files on any host, so the route lives in the URL fragment (`#/gpu`),
// which never reaches a server and survives a reload.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Route = { page: 'home' } | { page: 'gpu' } | { page: 'not-found'; path: string };

export type PageName = Route['page'];

const PATHS: Record<Exclude<PageName, 'not-found'>, string> = {
  home: '/',
  gpu: '/gpu',
};

/** The link target for a page, e.g. `#/gpu`. */
export function hrefFor(page: Exclude<PageName, 'not-found'>): string {
  return `#${PATHS[page]}`;
}

/** Reads a `location.hash` value: '', '#', '#/' and '#/home' are home; a trailing slash is ignored. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const path = raw === '' ? '/' : raw.replace(/(.)\/+$/, '$1');
  if (path === '/' || path === '/home') return { page: 'home' };
  if (path === PATHS.gpu) return { page: 'gpu' };
  return { page: 'not-found', path };
}

/** Re-renders its host whenever the hash changes; `route` is always the current one. */
export class RouterController implements ReactiveController {
  route: Route = parseRoute(globalThis.location?.hash ?? '');

  private readonly host: ReactiveControllerHost;
  private readonly onHashChange = (): void => {
    this.route = parseRoute(location.hash);
    this.host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.route = parseRoute(location.hash);
    window.addEventListener('hashchange', this.onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }
}
