import { expect } from 'chai';
import '../../components/lab-gpu-page.ts';
import { readGpuFacts } from '../../src/engine/gpu-facts.ts';
import { decidePreflight } from '../../src/engine/preflight.ts';
import { settled } from './support.ts';

// These tests run with --enable-unsafe-webgpu on a machine without a GPU, where Chromium's adapter is
// SwiftShader: a software renderer without shader-f16.
describe('WebGPU preflight on the real adapter', () => {
  it('reads SwiftShader, without shader-f16, and picks the q4f32 weights', async () => {
    const facts = await readGpuFacts();
    expect(facts.hasWebGpuApi).to.equal(true);
    expect(facts.adapter, 'an adapter').to.not.equal(null);
    expect(facts.adapter!.architecture).to.equal('swiftshader');
    expect(facts.adapter!.hasShaderF16).to.equal(false);
    expect(facts.adapter!.isFallbackAdapter).to.equal(true);
    expect(facts.adapter!.limits.maxStorageBufferBindingSize).to.be.greaterThan(0);

    const verdict = decidePreflight(facts);
    expect(verdict).to.deep.equal({
      status: 'ready',
      variant: 'q4f32',
      warnings: [{ kind: 'no-f16' }, { kind: 'software-adapter' }],
    });
  });

  it('reports a missing navigator.gpu as no WebGPU', async () => {
    const facts = await readGpuFacts({});
    expect(decidePreflight(facts)).to.deep.equal({ status: 'unsupported', reason: 'no-webgpu' });
  });

  it('shows the adapter and the q4f32 verdict on the GPU page', async () => {
    const page = document.createElement('lab-gpu-page');
    document.body.append(page);
    try {
      let verdict: HTMLElement | null = null;
      for (let attempt = 0; attempt < 200 && !verdict; attempt++) {
        await settled(page);
        verdict = page.shadowRoot!.querySelector<HTMLElement>('[data-verdict]');
        if (!verdict) await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      expect(verdict?.dataset.verdict).to.equal('ready');
      expect(verdict?.dataset.variant).to.equal('q4f32');
      expect(verdict?.textContent).to.contain('shader-f16');
      expect(verdict?.textContent).to.contain('software renderer');
      const facts = [...page.shadowRoot!.querySelectorAll('tr')].map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
      expect(facts).to.include('Architecture swiftshader');
      expect(facts).to.include('16-bit float shaders (shader-f16) No');
    } finally {
      page.remove();
    }
  });
});
