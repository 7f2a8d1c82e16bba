// Runs in Chromium without --enable-unsafe-webgpu, where the model worker gets no WebGPU adapter.
import { expect } from 'chai';
import { ModelError, ModelWorkerClient } from '../../src/engine/client.ts';

describe('the web-llm model worker without a WebGPU adapter', () => {
  it('fails with no-adapter before anything is fetched', async () => {
    const client = new ModelWorkerClient(
      new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module' }),
      { id: 'fixture', role: 'base' },
    );
    try {
      let error: unknown = null;
      try {
        await client.load({
          modelId: 'fixture-no-adapter',
          source: {
            kind: 'self-hosted',
            weightsUrl: `${location.origin}/fixture-models/no-adapter/resolve/main/`,
            libUrl: `${location.origin}/fixture-libs/no-adapter.wasm`,
          },
          contextWindowTokens: 2048,
        });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ModelError);
      expect((error as ModelError).kind).to.equal('no-adapter');
      expect((error as ModelError).nextStep).to.not.equal('');
      // The log is shared with the other browser group, which may run at the same time: look only for this model.
      const fetched = (await (await fetch('/fixture-log')).json()) as string[];
      expect(fetched.filter((request) => request.includes('no-adapter'))).to.deep.equal([]);
    } finally {
      client.terminate();
    }
  });
});
