// The web-llm backend's reading of a GPU device lost after loading: web-llm then unloads the model itself and
// says nothing (webllm-notes §1.4), so whatever the next request fails with is reported as the lost device.
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../src/engine/errors.ts';
import { WebLlmBackend } from '../../../workers/web-llm-backend.ts';

const MODEL_ID = 'fixture-model';

/** A backend with a stand-in engine that holds the model while `pipelines` has it. */
function backendWith(pipelines: Map<string, unknown>, encode: (text: string) => Int32Array) {
  const backend = new WebLlmBackend();
  const pipeline = { tokenizer: { encode, decode: () => '', getVocabSize: () => 10 }, stopTokens: [0] };
  pipelines.set(MODEL_ID, pipeline);
  Object.assign(backend, {
    loaded: { spec: { modelId: MODEL_ID }, engine: { loadedModelIdToPipeline: pipelines }, pipeline },
  });
  return backend;
}

describe('the web-llm backend after a lost GPU device', () => {
  it('answers while the engine holds the model', async () => {
    const backend = backendWith(new Map(), () => Int32Array.from([1, 2]));
    expect(await backend.tokenize('hi')).toEqual([1, 2]);
  });

  it('reports a request on a model the engine dropped as a lost device, whatever the request failed with', async () => {
    const pipelines = new Map<string, unknown>();
    const backend = backendWith(pipelines, () => {
      pipelines.delete(MODEL_ID);
      throw new Error('Cannot pass deleted object as a pointer of type Tokenizer');
    });
    const error = await backend.tokenize('hi').then(
      () => null,
      (raw: unknown) => raw,
    );
    expect(classifyError(error).kind).toBe('device-lost');
    expect(classifyError(await backend.tokenize('again').catch((raw: unknown) => raw)).kind).toBe('device-lost');
  });

  it('leaves other failures as they are', async () => {
    const backend = backendWith(new Map(), () => {
      throw new Error('Prompt tokens exceed context window size: number of prompt tokens: 3000; context window size: 2048');
    });
    expect(classifyError(await backend.tokenize('hi').catch((raw: unknown) => raw)).kind).toBe('context-too-long');
  });
});
