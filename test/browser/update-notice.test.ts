// The "new version ready" notice against a stand-in service worker container: silent until a new version waits, then
// a polite status with a Reload that asks the waiting version to take over.
import { expect } from 'chai';
import '../../components/lab-update-notice.ts';
import type { LabUpdateNotice } from '../../components/lab-update-notice.ts';
import type { RegistrationLike, ServiceWorkerContainerLike, ServiceWorkerLike } from '../../src/app/app-update.ts';
import { SKIP_WAITING_MESSAGE } from '../../src/core/offline/app-shell.ts';
import { emptyPageUnderHeadings, expectNoAxeViolations, prepareLikeIndexHtml, settled, until } from './support.ts';

class StandInWorker extends EventTarget implements ServiceWorkerLike {
  readonly state: ServiceWorkerState = 'installed';
  messages: unknown[] = [];

  postMessage(message: unknown): void {
    this.messages.push(message);
  }
}

/** A page already controlled by a worker, with `waiting` (or none) in its registration. */
function container(waiting: StandInWorker | null): ServiceWorkerContainerLike {
  const registration = Object.assign(new EventTarget(), { installing: null, waiting, update: async () => undefined }) as RegistrationLike;
  return Object.assign(new EventTarget(), {
    controller: new StandInWorker(),
    ready: Promise.resolve(registration),
    register: async () => registration,
  });
}

describe('lab-update-notice', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'serviceWorker');
  let notice: LabUpdateNotice | null = null;

  before(prepareLikeIndexHtml);

  afterEach(() => {
    notice?.remove();
    notice = null;
    if (original) Object.defineProperty(Navigator.prototype, 'serviceWorker', original);
  });

  async function mount(stand: ServiceWorkerContainerLike): Promise<LabUpdateNotice> {
    Object.defineProperty(Navigator.prototype, 'serviceWorker', { configurable: true, get: () => stand });
    notice = document.createElement('lab-update-notice');
    // Under a page's headings, as in the lab, where the notice sits above the page.
    emptyPageUnderHeadings().append(notice);
    await settled(notice);
    return notice;
  }

  it('keeps an empty polite status while no new version waits', async () => {
    const page = await mount(container(null));
    const status = page.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent?.trim()).to.equal('');
    expect(page.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('says a new version is ready, and its Reload asks the waiting version to take over', async () => {
    const waiting = new StandInWorker();
    const page = await mount(container(waiting));
    await until(() => page.shadowRoot!.querySelector('button') !== null, page);
    expect(page.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain('A new version of the lab is ready.');
    await expectNoAxeViolations('update notice');
    page.shadowRoot!.querySelector('button')!.click();
    expect(waiting.messages).to.deep.equal([SKIP_WAITING_MESSAGE]);
  });
});
