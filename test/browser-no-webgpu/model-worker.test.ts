// Runs in Chromium without --enable-unsafe-webgpu, where the model worker gets no WebGPU adapter.
import { expect } from 'chai';
import { ModelError, ModelWorkerClient } from '../../src/engine/client.ts';

describe('the web-llm model worker without a WebGPU adapter', () => {
  it('fails with no-adapter before anything is fetched', async () => {
    await fetch('/fixture-log/clear');
    const client = new ModelWorkerClient(
      new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module' }),
      { id: 'fixture', role: 'base' },
    );
    try {
      let error: unknown = null;
      try {
        await client.load({
          modelId: 'fixture-missing-wasm',
          source: {
            kind: 'self-hosted',
            weightsUrl: `${location.origin}/fixture-models/missing-wasm/resolve/main/`,
            libUrl: `${location.origin}/fixture-libs/missing.wasm`,
          },
          contextWindowTokens: 2048,
        });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ModelError);
      expect((error as ModelError).kind).to.equal('no-adapter');
      expect((error as ModelError).nextStep).to.not.equal('');
      const fetched = (await (await fetch('/fixture-log')).json()) as string[];
      expect(fetched).to.deep.equal([]);
    } finally {
      client.terminate();
    }
  });
});
