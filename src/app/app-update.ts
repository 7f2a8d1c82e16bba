// Updating the lab without a broken half-updated page. The app-shell service worker (workers/app-shell.sw.ts) caches
// a new deploy completely in the background and then waits; meanwhile the open page keeps running the version it
// started with. The page says a new version is ready, and only the user's "Reload" lets the new worker take over and
// reloads the page once it has.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SERVICE_WORKER_FILE, SKIP_WAITING_MESSAGE } from '../core/offline/app-shell.ts';

/** The parts of a service worker the page uses. */
export interface ServiceWorkerLike extends EventTarget {
  readonly state: ServiceWorkerState;
  postMessage(message: unknown): void;
}

/** The parts of a service worker registration the page uses. */
export interface RegistrationLike extends EventTarget {
  readonly installing: ServiceWorkerLike | null;
  readonly waiting: ServiceWorkerLike | null;
  update(): Promise<unknown>;
}

/** The parts of `navigator.serviceWorker` the page uses (tests give a stand-in). */
export interface ServiceWorkerContainerLike extends EventTarget {
  readonly controller: ServiceWorkerLike | null;
  readonly ready: Promise<RegistrationLike>;
  register(url: string): Promise<RegistrationLike>;
}

/** The parts of `document` registration uses. */
export interface PageLike {
  readonly baseURI: string;
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
}

/**
 * Registers the app-shell service worker, from beside the page so that its scope is the app wherever it is hosted.
 * Call it in production builds only: `vite dev` has no service worker to register.
 */
export async function registerAppShell(container: ServiceWorkerContainerLike, doc: PageLike = document): Promise<void> {
  try {
    const registration = await container.register(new URL(SERVICE_WORKER_FILE, doc.baseURI).href);
    // The browser looks for a new version on each visit; a tab that stays open for days (a classroom laptop)
    // looks again whenever it is shown. Offline, the check fails quietly and the cached version carries on.
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'visible') registration.update().catch(() => undefined);
    });
  } catch (error) {
    // Service workers can be off (some private windows, policies): the lab then works online only.
    console.warn('The lab could not set itself up for offline use:', error);
  }
}

/**
 * Whether a new version of the lab is ready for this page, and the switch to it. `ready` becomes true when a new
 * service worker has cached its version and waits, or when another tab of the lab has already switched to it (this
 * page's older files are then no longer kept).
 */
export class AppUpdate {
  ready = false;

  private registration: RegistrationLike | null = null;
  private switchRequested = false;
  private reloading = false;
  private controlled: boolean;
  private stopped = false;

  constructor(
    private readonly container: ServiceWorkerContainerLike,
    private readonly onChange: () => void,
    private readonly reload: () => void = () => location.reload(),
  ) {
    this.controlled = container.controller !== null;
  }

  /** Starts watching; resolves once the registration is found (never, where no service worker is registered). */
  async start(): Promise<void> {
    this.stopped = false;
    this.container.addEventListener('controllerchange', this.onControllerChange);
    const registration = await this.container.ready;
    if (this.stopped || this.registration === registration) return;
    this.registration = registration;
    registration.addEventListener('updatefound', this.onUpdateFound);
    if (registration.waiting) this.markReady();
  }

  stop(): void {
    this.stopped = true;
    this.container.removeEventListener('controllerchange', this.onControllerChange);
    this.registration?.removeEventListener('updatefound', this.onUpdateFound);
    this.registration = null;
  }

  /** The user's "Reload": let the waiting version take over (the page reloads when it has), or just reload. */
  switchToNewVersion(): void {
    const waiting = this.registration?.waiting;
    if (!waiting) {
      this.reloadOnce();
      return;
    }
    this.switchRequested = true;
    waiting.postMessage(SKIP_WAITING_MESSAGE);
  }

  private readonly onUpdateFound = (): void => {
    const installing = this.registration?.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') this.markReady();
    });
  };

  private readonly onControllerChange = (): void => {
    const wasControlled = this.controlled;
    this.controlled = this.container.controller !== null;
    if (this.switchRequested) this.reloadOnce();
    // Another tab switched the lab to the new version. (Without an earlier controller, this is the first visit's
    // worker taking over the page it was installed from: same version, nothing to tell.)
    else if (wasControlled) this.markReady();
  };

  private markReady(): void {
    // A page no worker controls (the first visit, a forced reload) came from the network, as new as it gets.
    if (!this.controlled || this.ready) return;
    this.ready = true;
    this.onChange();
  }

  private reloadOnce(): void {
    if (this.reloading) return;
    this.reloading = true;
    this.reload();
  }
}

/** Gives a Lit element the update state of the page (nothing is ever ready where service workers are unavailable). */
export class AppUpdateController implements ReactiveController {
  private readonly update: AppUpdate | null;

  constructor(host: ReactiveControllerHost, container: ServiceWorkerContainerLike | undefined = globalThis.navigator?.serviceWorker) {
    this.update = container ? new AppUpdate(container, () => host.requestUpdate()) : null;
    host.addController(this);
  }

  get ready(): boolean {
    return this.update?.ready ?? false;
  }

  hostConnected(): void {
    void this.update?.start();
  }

  hostDisconnected(): void {
    this.update?.stop();
  }

  switchToNewVersion(): void {
    this.update?.switchToNewVersion();
  }
}
