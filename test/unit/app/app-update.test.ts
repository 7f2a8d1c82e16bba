import { describe, expect, it, vi } from 'vitest';
import { AppUpdate, registerAppShell, type RegistrationLike, type ServiceWorkerContainerLike, type ServiceWorkerLike } from '../../../src/app/app-update.ts';
import { SKIP_WAITING_MESSAGE } from '../../../src/core/offline/app-shell.ts';

// Stand-ins for the browser's service worker objects, driven by the test the way the browser would drive them.
class FakeWorker extends EventTarget implements ServiceWorkerLike {
  state: ServiceWorkerState = 'installing';
  readonly messages: unknown[] = [];

  postMessage(message: unknown): void {
    this.messages.push(message);
  }

  moveTo(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget implements RegistrationLike {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  updateChecks = 0;

  update(): Promise<unknown> {
    this.updateChecks += 1;
    return Promise.reject(new TypeError('Failed to fetch'));
  }

  /** A new version was found and starts installing. */
  find(worker: FakeWorker): void {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }

  /** The installing worker has cached everything and now waits. */
  install(worker: FakeWorker): void {
    this.installing = null;
    this.waiting = worker;
    worker.moveTo('installed');
  }
}

class FakeContainer extends EventTarget implements ServiceWorkerContainerLike {
  readonly ready: Promise<FakeRegistration>;
  readonly registered: string[] = [];

  constructor(
    public controller: FakeWorker | null,
    readonly registration = new FakeRegistration(),
  ) {
    super();
    this.ready = Promise.resolve(registration);
  }

  register(url: string): Promise<FakeRegistration> {
    this.registered.push(url);
    return this.ready;
  }

  /** A (new) worker takes over this page. */
  takeOver(worker: FakeWorker): void {
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

function watch(container: FakeContainer) {
  const changes = vi.fn();
  const reload = vi.fn();
  const update = new AppUpdate(container, changes, reload);
  return { update, changes, reload, started: update.start() };
}

describe('the update notice state', () => {
  it('becomes ready when a new version has cached everything and waits, not while it is still installing', async () => {
    const container = new FakeContainer(new FakeWorker());
    const { update, changes, started } = watch(container);
    await started;
    const next = new FakeWorker();
    container.registration.find(next);
    expect(update.ready).toBe(false);
    container.registration.install(next);
    expect(update.ready).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('is ready at once when the page starts while a new version already waits', async () => {
    const container = new FakeContainer(new FakeWorker());
    container.registration.waiting = new FakeWorker();
    const { update, started } = watch(container);
    await started;
    expect(update.ready).toBe(true);
  });

  it('says nothing on the first visit, when the first worker installs and takes over the page', async () => {
    const container = new FakeContainer(null);
    const { update, changes, reload, started } = watch(container);
    await started;
    const first = new FakeWorker();
    container.registration.find(first);
    first.moveTo('installed');
    container.takeOver(first);
    expect(update.ready).toBe(false);
    expect(changes).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
  });

  it('on Reload, lets the waiting version take over and reloads once, only when it has', async () => {
    const container = new FakeContainer(new FakeWorker());
    const { update, reload, started } = watch(container);
    await started;
    const next = new FakeWorker();
    container.registration.find(next);
    container.registration.install(next);

    update.switchToNewVersion();
    expect(next.messages).toEqual([SKIP_WAITING_MESSAGE]);
    expect(reload).not.toHaveBeenCalled();
    container.takeOver(next);
    container.takeOver(next);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('becomes ready when another tab has switched the lab to a new version, and Reload then just reloads', async () => {
    const container = new FakeContainer(new FakeWorker());
    const { update, reload, started } = watch(container);
    await started;
    container.takeOver(new FakeWorker());
    expect(update.ready).toBe(true);
    expect(reload).not.toHaveBeenCalled();
    update.switchToNewVersion();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('stops following the service worker when stopped', async () => {
    const container = new FakeContainer(new FakeWorker());
    const { update, changes, started } = watch(container);
    await started;
    update.stop();
    const next = new FakeWorker();
    container.registration.find(next);
    container.registration.install(next);
    container.takeOver(next);
    expect(update.ready).toBe(false);
    expect(changes).not.toHaveBeenCalled();
  });
});

describe('registering the app-shell service worker', () => {
  function fakeDocument(baseURI: string) {
    const listeners: (() => void)[] = [];
    const doc = {
      baseURI,
      visibilityState: 'visible' as DocumentVisibilityState,
      addEventListener: (type: string, listener: () => void) => {
        if (type === 'visibilitychange') listeners.push(listener);
      },
      show: () => {
        for (const listener of listeners) listener();
      },
    };
    return doc;
  }

  it('registers the worker beside the page, so that the app works from any sub-path', async () => {
    const container = new FakeContainer(null);
    await registerAppShell(container, fakeDocument('https://lab.example.org/classes/lab/index.html?x=1#/lab'));
    expect(container.registered).toEqual(['https://lab.example.org/classes/lab/service-worker.js']);
  });

  it('looks for a new version whenever the tab is shown again, quietly when offline', async () => {
    const container = new FakeContainer(null);
    const doc = fakeDocument('https://lab.example.org/');
    await registerAppShell(container, doc);
    doc.show();
    doc.visibilityState = 'hidden';
    doc.show();
    expect(container.registration.updateChecks).toBe(1);
  });

  it('leaves the lab working online when service workers are unavailable', async () => {
    const container = new FakeContainer(null);
    container.register = () => Promise.reject(new DOMException('Service workers are disabled', 'SecurityError'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(registerAppShell(container, fakeDocument('https://lab.example.org/'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
