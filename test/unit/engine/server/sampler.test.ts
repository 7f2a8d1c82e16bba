// The sampler hands out one answer per call and fetches them in growing batches: one request for a prompt asked once,
// a dozen or so for 1,500 answers to one prompt; a stop forgets what was fetched, and a failure reaches the caller.
import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult } from '../../../../src/core/model.ts';
import { BatchedSampler, type FetchBatch } from '../../../../src/engine/server/sampler.ts';

const request = (seed: number, prompt = 'p'): GenerateRequest => ({ prompt, temperature: 1, seed, maxTokens: 8, stop: ['\n'] });

function counting(): { fetchBatch: FetchBatch; batches: { count: number; seed: number }[] } {
  const batches: { count: number; seed: number }[] = [];
  let next = 0;
  return {
    batches,
    fetchBatch: async (_request, count, seed) => {
      batches.push({ count, seed });
      return Array.from({ length: count }, (): GenerateResult => ({ text: String(next++), finishReason: 'stop', promptTokens: 1, completionTokens: 1 }));
    },
  };
}

describe('the batched sampler', () => {
  it('asks once for a prompt asked once, and in growing batches for one asked again and again', async () => {
    const { fetchBatch, batches } = counting();
    const sampler = new BatchedSampler(fetchBatch, { maxBatch: 128, inFlight: 2 });
    const signal = new AbortController().signal;
    for (let i = 0; i < 5; i++) await sampler.take(request(100 + i, `game state ${i}`), signal);
    expect(batches.map((batch) => batch.count)).toEqual([1, 1, 1, 1, 1]);
    const texts = new Set<string>();
    for (let i = 0; i < 1500; i++) texts.add((await sampler.take(request(1000 + i), signal)).text);
    expect(texts.size).toBe(1500);
    expect(batches.length - 5).toBeLessThanOrEqual(20);
    expect(batches[5]).toEqual({ count: 1, seed: 1000 });
    expect(Math.max(...batches.map((batch) => batch.count))).toBe(128);
  });

  it('keeps long answers’ batches small, forgets fetched answers when stopped, and passes a failure on', async () => {
    const { fetchBatch, batches } = counting();
    const sampler = new BatchedSampler(fetchBatch, { maxBatch: 128, inFlight: 2 });
    const controller = new AbortController();
    for (let i = 0; i < 200; i++) await sampler.take({ ...request(i), maxTokens: 1024 }, controller.signal);
    expect(Math.max(...batches.map((batch) => batch.count))).toBe(16);
    controller.abort();
    await expect(sampler.take(request(1), controller.signal)).rejects.toThrow(/stopped/);
    const failing = new BatchedSampler(async () => Promise.reject(new Error('server down')), { maxBatch: 8, inFlight: 2 });
    await expect(failing.take(request(1), new AbortController().signal)).rejects.toThrow('server down');
  });
});
