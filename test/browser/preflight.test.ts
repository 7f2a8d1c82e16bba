import { expect } from 'chai';
import '../../components/lab-gpu-page.ts';
import { readGpuFacts } from '../../src/engine/gpu-facts.ts';
import { decidePreflight } from '../../src/engine/preflight.ts';
import { settled } from './support.ts';

// These tests run with --enable-unsafe-webgpu on a machine without a GPU, where Chromium's adapter is
// SwiftShader: a software renderer without shader-f16.
describe('WebGPU preflight on the real adapter', () => {
  it('reads SwiftShader, without shader-f16: a software renderer, on the q4f32 weights', async () => {
    const facts = await readGpuFacts();
    expect(facts.hasWebGpuApi).to.equal(true);
    expect(facts.adapter, 'an adapter').to.not.equal(null);
    expect(facts.adapter!.architecture).to.equal('swiftshader');
    expect(facts.adapter!.hasShaderF16).to.equal(false);
    expect(facts.adapter!.isFallbackAdapter).to.equal(true);
    expect(facts.adapter!.limits.maxStorageBufferBindingSize).to.be.greaterThan(0);

    const verdict = decidePreflight(facts);
    expect(verdict).to.deep.equal({ status: 'software', variant: 'q4f32', warnings: [{ kind: 'no-f16' }] });
  });

  it('reports a missing navigator.gpu as no WebGPU', async () => {
    const facts = await readGpuFacts({});
    expect(decidePreflight(facts)).to.deep.equal({ status: 'unsupported', reason: 'no-webgpu' });
  });

  it('says on the GPU page that a software renderer would be far too slow, what to try, and shows the adapter', async () => {
    const page = document.createElement('lab-gpu-page');
    document.body.append(page);
    try {
      let verdict: HTMLElement | null = null;
      for (let attempt = 0; attempt < 200 && !verdict; attempt++) {
        await settled(page);
        verdict = page.shadowRoot!.querySelector<HTMLElement>('[data-verdict]');
        if (!verdict) await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      expect(verdict?.dataset.verdict).to.equal('software');
      expect(verdict?.dataset.variant).to.equal('q4f32');
      expect(verdict?.classList.contains('ok'), 'not shown as a green "can run"').to.equal(false);
      expect(verdict?.textContent).to.contain('far too slowly');
      expect(verdict?.textContent).to.contain('hardware acceleration');
      expect(verdict?.textContent).to.contain('shader-f16');
      const facts = [...page.shadowRoot!.querySelectorAll('tr')].map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
      expect(facts).to.include('Architecture swiftshader');
      expect(facts).to.include('16-bit float shaders (shader-f16) No');
    } finally {
      page.remove();
    }
  });
});
