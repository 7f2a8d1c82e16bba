// Hash routing: the app is static files on any host, so the route lives in the URL fragment (`#/gpu`),
// which never reaches a server and survives a reload.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isGuidedClaimId, type GuidedClaimId } from './guided-claims.ts';

export type Route =
  | { page: 'home' }
  | { page: 'gpu' }
  /**
   * `guide`: "Check this claim" from the home page (`#/lab/check/seven`): the claim's experiment chosen, ready to
   * run after one consent. `setup`: a setup link's payload (`#/lab/setup/<payload>`): a teacher's experiment filled in.
   */
  | { page: 'lab'; guide?: GuidedClaimId; setup?: string }
  | { page: 'history' }
  | { page: 'run'; runId: string }
  /** `claim`: one claim's verdict to show first (`#/claims/seven`), e.g. where a guided run lands. */
  | { page: 'claims'; claim?: string }
  | { page: 'settings' }
  | { page: 'share'; payload: string }
  | { page: 'not-found'; path: string };

export type PageName = Route['page'];

/** The pages with a fixed address (the others carry an id or a payload). */
export type FixedPage = 'home' | 'gpu' | 'lab' | 'history' | 'claims' | 'settings';

const PATHS: Record<FixedPage, string> = {
  home: '/',
  gpu: '/gpu',
  lab: '/lab',
  history: '/history',
  claims: '/claims',
  settings: '/settings',
};

/** The link target for a page, e.g. `#/gpu`. */
export function hrefFor(page: FixedPage): string {
  return `#${PATHS[page]}`;
}

export function hrefForRun(runId: string): string {
  return `#/run/${encodeURIComponent(runId)}`;
}

/** The Lab, ready to check one claim of the home page. */
export function hrefForCheck(claim: GuidedClaimId): string {
  return `#/lab/check/${claim}`;
}

/** The Lab with a setup link's experiment filled in; a link to share is the page's address with this hash. */
export function hrefForSetup(payload: string): string {
  return `#/lab/setup/${payload}`;
}

/** The Claims page with one claim's verdict first. */
export function hrefForClaim(claim: string): string {
  return `#/claims/${claim}`;
}

/** Reads a `location.hash` value: '', '#', '#/' and '#/home' are home; a trailing slash is ignored. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const path = raw === '' ? '/' : raw.replace(/(.)\/+$/, '$1');
  if (path === '/' || path === '/home') return { page: 'home' };
  for (const [page, pagePath] of Object.entries(PATHS) as [FixedPage, string][]) {
    if (page !== 'home' && path === pagePath) return { page } as Route;
  }
  const run = /^\/run\/([^/]+)$/.exec(path);
  if (run?.[1]) return { page: 'run', runId: decodeURIComponent(run[1]) };
  const share = /^\/share\/([A-Za-z0-9_-]+)$/.exec(path);
  if (share?.[1]) return { page: 'share', payload: share[1] };
  const check = /^\/lab\/check\/([a-z-]+)$/.exec(path)?.[1];
  if (check && isGuidedClaimId(check)) return { page: 'lab', guide: check };
  const setup = /^\/lab\/setup\/([A-Za-z0-9_-]+)$/.exec(path);
  if (setup?.[1]) return { page: 'lab', setup: setup[1] };
  const claim = /^\/claims\/([a-z][a-z0-9-]*)$/.exec(path);
  if (claim?.[1]) return { page: 'claims', claim: claim[1] };
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
