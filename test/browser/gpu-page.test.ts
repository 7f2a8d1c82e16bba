// The "Your GPU" page as a component, with stand-in adapters in place of the machine's (the real SwiftShader adapter is
// read in preflight.test.ts): each verdict in words a visitor can act on, the facts behind it, "Check again", and axe.
import { expect } from 'chai';
import '../../components/lab-gpu-page.ts';
import type { LabGpuPage } from '../../components/lab-gpu-page.ts';
import { expectNoAxeViolations, mainLandmark, prepareLikeIndexHtml, until } from './support.ts';

const ROOMY_LIMITS = {
  maxBufferSize: 2 ** 31,
  maxStorageBufferBindingSize: 2 ** 31,
  maxComputeWorkgroupStorageSize: 32768,
  maxStorageBuffersPerShaderStage: 10,
  maxComputeInvocationsPerWorkgroup: 1024,
};

/** A hardware adapter with 16-bit float shaders, as a laptop's GPU reports itself. */
function hardwareAdapter(): unknown {
  return {
    info: { vendor: 'apple', architecture: 'metal-3', device: '', description: 'Apple M2', isFallbackAdapter: false },
    features: new Set(['shader-f16']),
    limits: ROOMY_LIMITS,
  };
}

describe('<lab-gpu-page>', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'gpu');
  let page: LabGpuPage | null = null;
  /** What the stand-in navigator.gpu gives for each request, in turn. */
  let adapters: (() => Promise<unknown>)[] = [];
  let requests = 0;

  before(prepareLikeIndexHtml);

  beforeEach(() => {
    requests = 0;
    Object.defineProperty(Navigator.prototype, 'gpu', {
      configurable: true,
      get: () => ({
        requestAdapter: () => {
          const next = adapters[Math.min(requests, adapters.length - 1)]!;
          requests += 1;
          return next();
        },
      }),
    });
  });

  afterEach(() => {
    page?.remove();
    page = null;
    if (original) Object.defineProperty(Navigator.prototype, 'gpu', original);
  });

  async function open(): Promise<{ root: ShadowRoot; verdict: () => HTMLElement | null }> {
    page = document.createElement('lab-gpu-page');
    mainLandmark().append(page);
    const root = page.shadowRoot!;
    const verdict = () => root.querySelector<HTMLElement>('[data-verdict]');
    await until(() => verdict() !== null, page);
    return { root, verdict };
  }

  it('says a GPU with 16-bit float shaders can run the models, on the q4f16 weights, with its facts', async () => {
    adapters = [async () => hardwareAdapter()];
    const { root, verdict } = await open();
    expect(verdict()!.dataset.verdict).to.equal('ready');
    expect(verdict()!.dataset.variant).to.equal('q4f16');
    expect(verdict()!.classList.contains('ok')).to.equal(true);
    const facts = [...root.querySelectorAll('tr')].map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
    expect(facts).to.include('16-bit float shaders (shader-f16) Yes');
    await expectNoAxeViolations('the GPU page, ready');
  });

  it('says plainly when the browser offers no adapter, and where WebGPU works', async () => {
    adapters = [async () => null];
    const { verdict } = await open();
    expect(verdict()!.dataset.verdict).to.equal('no-adapter');
    expect(verdict()!.textContent).to.contain('no graphics card it can use');
    await expectNoAxeViolations('the GPU page, no adapter');
  });

  it('names the error when asking for an adapter throws', async () => {
    adapters = [
      async () => {
        throw new DOMException('The GPU process is gone', 'OperationError');
      },
    ];
    const { verdict } = await open();
    expect(verdict()!.dataset.verdict).to.equal('no-adapter');
    expect(verdict()!.querySelector('details code')?.textContent).to.contain('The GPU process is gone');
  });

  it('checks again on request, disabled while it checks, and shows the newer verdict', async () => {
    let release: (adapter: unknown) => void = () => undefined;
    adapters = [async () => null, () => new Promise((resolve) => (release = resolve))];
    const { root, verdict } = await open();
    expect(verdict()!.dataset.verdict).to.equal('no-adapter');
    const again = [...root.querySelectorAll('button')].find((button) => button.textContent?.includes('Check again'))!;
    again.click();
    await until(() => verdict() === null, page!);
    expect(again.disabled).to.equal(true);
    expect(root.textContent).to.contain('Checking WebGPU…');
    release(hardwareAdapter());
    await until(() => verdict()?.dataset.verdict === 'ready', page!);
    expect(again.disabled).to.equal(false);
    expect(requests).to.equal(2);
  });
});
