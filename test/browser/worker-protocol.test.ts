// The model-worker protocol end to end in Chromium: the real client and the real worker server, with the
// scripted backend from test/fixtures in place of web-llm.
import { expect } from 'chai';
import type { GeneratedToken } from '../../src/core/model.ts';
import { ModelError, ModelLostEvent, ModelWorkerClient, WorkerCrashEvent } from '../../src/engine/client.ts';
import type { LoadModelSpec, LoadProgress } from '../../src/engine/protocol.ts';
import { DEFAULT_SCRIPT, type Script } from '../fixtures/scripted-backend.ts';

const MODEL: LoadModelSpec = {
  modelId: 'scripted-base',
  source: { kind: 'prebuilt', modelId: 'scripted-base' },
  contextWindowTokens: 2048,
};

const clients: ModelWorkerClient[] = [];

function scriptedClient(script: Partial<Script> = {}, id = 'scripted-base'): ModelWorkerClient {
  const url = new URL('../fixtures/scripted-model.worker.ts', import.meta.url);
  url.searchParams.set('script', JSON.stringify(script));
  const client = new ModelWorkerClient(new Worker(url, { type: 'module' }), { id, role: 'base' });
  clients.push(client);
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('Expected the request to fail.');
}

function generateRequest(maxTokens = 100) {
  return { prompt: 'Write:', temperature: 1, seed: 7, maxTokens };
}

describe('model worker protocol (scripted backend)', () => {
  afterEach(() => {
    for (const client of clients.splice(0)) client.terminate();
  });

  it('reports load progress in order, then the result', async () => {
    const client = scriptedClient({ cached: true });
    const seen: LoadProgress[] = [];
    const result = await client.load(MODEL, { onProgress: (progress) => seen.push(progress) });
    expect(seen).to.deep.equal(DEFAULT_SCRIPT.loadProgress);
    expect(seen.map((p) => p.phase)).to.deep.equal(['preparing', 'downloading', 'downloading', 'compiling', 'ready']);
    expect(result.weightsFromCache).to.equal(true);
    expect(result.endOfSequenceIds).to.deep.equal([0]);
  });

  it('scores a closed answer set and reports the mass outside it', async () => {
    const client = scriptedClient({ answerProbabilities: { '7': 0.5, '3': 0.2 } });
    await client.load(MODEL);
    const result = await client.score({
      prompt: 'Pick a number:',
      candidates: ['3', '7', '9'].map((answer) => ({ answer, variants: [answer, ` ${answer}`] })),
      terminators: ['\n'],
      endOfSequenceEnds: true,
      endCheck: 'prefixes-only',
    });
    expect(result.answers).to.deep.equal([
      { answer: '3', probability: 0.2 },
      { answer: '7', probability: 0.5 },
      { answer: '9', probability: 0 },
    ]);
    expect(result.otherProbability).to.be.closeTo(0.3, 1e-12);
    expect(result.cost.forwardPasses).to.equal(1);
  });

  it('streams generated text token by token', async () => {
    const client = scriptedClient({ text: 'hello' });
    await client.load(MODEL);
    const { tokens, result } = client.stream({ ...generateRequest(), logprobs: true });
    const received: GeneratedToken[] = [];
    for await (const token of tokens) received.push(token);
    expect(received.map((t) => t.text).join('')).to.equal('hello');
    expect(received.every((t) => typeof t.logprob === 'number')).to.equal(true);
    expect(await result).to.deep.include({ text: 'hello', finishReason: 'stop', completionTokens: 5 });

    const pieces: string[] = [];
    const short = await client.generate(generateRequest(3), { onText: (text) => pieces.push(text) });
    expect(pieces).to.deep.equal(['h', 'e', 'l']);
    expect(short).to.deep.include({ text: 'hel', finishReason: 'length' });
  });

  it('stops a generation mid-stream on interrupt and keeps the text so far', async () => {
    const client = scriptedClient({ text: 'abcdefgh', holdGenerateAfter: 3 });
    await client.load(MODEL);
    const { tokens, result } = client.stream(generateRequest());
    const received: string[] = [];
    for await (const token of tokens) {
      received.push(token.text);
      if (received.length === 3) await client.interrupt();
    }
    expect(received).to.deep.equal(['a', 'b', 'c']);
    expect(await result).to.deep.include({ text: 'abc', finishReason: 'aborted' });
  });

  it('cancels a load mid-download and can load again afterwards', async () => {
    const client = scriptedClient({ holdLoadAfter: 2 });
    const controller = new AbortController();
    const seen: LoadProgress[] = [];
    const loading = client.load(MODEL, {
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (seen.length === 2) controller.abort();
      },
    });
    const error = await rejection(loading);
    expect(error.kind).to.equal('aborted');
    expect(seen).to.have.length(2);
    expect(await rejection(client.tokenize('x'))).to.be.instanceOf(ModelError);
  });

  it('unloads: later requests fail with a classified error', async () => {
    const client = scriptedClient();
    await client.load(MODEL);
    expect(await client.tokenize('hi')).to.deep.equal([104, 105]);
    await client.unload();
    const error = await rejection(client.tokenize('hi'));
    expect(error.message).to.not.equal('');
    expect(error.nextStep).to.not.equal('');
  });

  it('keeps two workers independent: stopping one leaves the other running', async () => {
    const held = scriptedClient({ text: 'xxxxxxxx', holdGenerateAfter: 1 }, 'held');
    const free = scriptedClient({ text: 'free text' }, 'free');
    await Promise.all([held.load(MODEL), free.load({ ...MODEL, modelId: 'scripted-instruct' })]);
    const heldStream = held.stream(generateRequest());
    const firstHeld = await heldStream.tokens[Symbol.asyncIterator]().next();
    expect(firstHeld.value?.text).to.equal('x');

    const freeResult = await free.generate(generateRequest());
    expect(freeResult).to.deep.include({ text: 'free text', finishReason: 'stop' });

    await held.interrupt();
    expect(await heldStream.result).to.deep.include({ text: 'x', finishReason: 'aborted' });
    expect(await free.generate(generateRequest(4))).to.deep.include({ text: 'free', finishReason: 'length' });
  });

  it('notices a worker that dies, rejects its requests and says so', async () => {
    const client = new ModelWorkerClient(new Worker('/test/fixtures/no-such-worker.js', { type: 'module' }), {
      id: 'broken',
      role: 'base',
    });
    clients.push(client);
    const crashed = new Promise<WorkerCrashEvent>((resolve) =>
      client.addEventListener(WorkerCrashEvent.eventName, (event) => resolve(event as WorkerCrashEvent), { once: true }),
    );
    const error = await rejection(client.load(MODEL));
    expect(error.kind).to.equal('worker-crashed');
    expect((await crashed).error).to.equal(error);
    expect((await rejection(client.tokenize('x'))).kind).to.equal('worker-crashed');
  });

  it('notices an uncaught error in a running worker: what was in flight fails in plain words', async () => {
    const client = scriptedClient({ crashOnGenerate: true });
    await client.load(MODEL);
    const crashed = new Promise<WorkerCrashEvent>((resolve) =>
      client.addEventListener(WorkerCrashEvent.eventName, (event) => resolve(event as WorkerCrashEvent), { once: true }),
    );
    const error = await rejection(client.generate(generateRequest()));
    expect(error.kind).to.equal('worker-crashed');
    expect(error.detail).to.contain('scripted crash');
    expect(error.message).to.contain('stopped unexpectedly');
    expect((await crashed).error).to.equal(error);
  });

  it('reports a model lost after it loaded (web-llm: "model not loaded") as a lost device, with a model-lost event', async () => {
    const client = scriptedClient({ failRequestsAfter: 1, failRequestsWith: 'ModelNotLoadedError: Model not loaded before trying to complete the request.' });
    const lost = new Promise<ModelLostEvent>((resolve) =>
      client.addEventListener(ModelLostEvent.eventName, (event) => resolve(event as ModelLostEvent), { once: true }),
    );
    await client.load(MODEL);
    await client.generate(generateRequest());
    const error = await rejection(client.generate(generateRequest()));
    expect(error.kind).to.equal('device-lost');
    expect((await lost).error).to.equal(error);
  });
});
