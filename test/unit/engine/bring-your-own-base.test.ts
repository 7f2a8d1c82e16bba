import { describe, expect, it } from 'vitest';
import { bringYourOwnBase } from '../../../src/engine/bring-your-own-base.ts';
import { findModel, type InputProblem } from '../../../src/engine/catalog.ts';
import type { WeightVariant } from '../../../src/engine/preflight.ts';

const VARIANTS: WeightVariant[] = ['q4f16', 'q4f32'];

describe('bringYourOwnBase', () => {
  const GOOD = 'https://huggingface.co/me/SmolLM2-360M-q4f16_1-MLC/resolve/main/';

  function problemsOf(input: Parameters<typeof bringYourOwnBase>[0]): InputProblem[] {
    const result = bringYourOwnBase(input);
    if (result.ok) throw new Error('expected problems');
    return result.problems;
  }

  it("pairs the user's base weights with the twin's wasm", () => {
    const result = bringYourOwnBase({ weightsUrls: { q4f16: GOOD }, twinId: 'smollm2-360m-instruct' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const twin = findModel('smollm2-360m-instruct')!;
    expect(result.model.role).toBe('base');
    expect(result.model.chatTemplate).toBeNull();
    expect(result.model.name).toBe('Your base model (SmolLM2-360M)');
    expect(result.model.variants.q4f32).toBeUndefined();
    expect(result.model.variants.q4f16).toEqual({
      source: {
        kind: 'weights-on-prebuilt-lib',
        modelId: 'your-SmolLM2-360M-q4f16_1-MLC',
        weightsUrl: GOOD,
        libFromModelId: 'SmolLM2-360M-Instruct-q4f16_1-MLC',
      },
      downloadBytes: twin.variants.q4f16?.downloadBytes,
      downloadBytesIsEstimate: true,
      vramMB: 376.06,
      revision: null,
    });
    expect(result.model.sourceUrl).toBe('https://huggingface.co/me/SmolLM2-360M-q4f16_1-MLC');
    expect(result.comparison.id).toBe('bring-your-own');
    expect(result.comparison.models).toEqual([result.model, twin]);
    expect(result.comparison.defaultPair).toEqual([result.model.id, twin.id]);
  });

  it('adds the trailing slash and keeps a pinned revision', () => {
    const result = bringYourOwnBase({
      weightsUrls: { q4f32: ' https://example.org/models/Qwen2.5-0.5B-q4f32_1-MLC/resolve/4b1c2e9 ' },
      twinId: 'qwen2.5-0.5b-instruct',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.model.variants.q4f32?.source).toMatchObject({
      weightsUrl: 'https://example.org/models/Qwen2.5-0.5B-q4f32_1-MLC/resolve/4b1c2e9/',
      libFromModelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    });
    expect(result.model.variants.q4f32?.revision).toBe('4b1c2e9');
  });

  it('accepts both variants at once', () => {
    const result = bringYourOwnBase({
      weightsUrls: {
        q4f16: 'https://huggingface.co/me/Llama-3.2-1B-q4f16_1-MLC/resolve/main/',
        q4f32: 'https://huggingface.co/me/Llama-3.2-1B-q4f32_1-MLC/resolve/main/',
      },
      twinId: 'llama-3.2-1b-instruct',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(Object.keys(result.model.variants).sort()).toEqual(VARIANTS);
  });

  it.each([
    ['not an address', 'SmolLM2-360M-q4f16_1-MLC', /not a complete web address/],
    ['a relative address', '/models/SmolLM2-360M-q4f16_1-MLC/resolve/main/', /not a complete web address/],
    ['plain http', 'http://huggingface.co/me/SmolLM2-360M-q4f16_1-MLC/resolve/main/', /must start with https:\/\//],
    ['a query', `${GOOD}?download=true`, /"\?" or "#"/],
    ['a fragment', `${GOOD}#files`, /"\?" or "#"/],
    ['a repository page without /resolve/', 'https://huggingface.co/me/SmolLM2-360M-q4f16_1-MLC', /\/resolve\/<revision>\/.*resolve\/main\//],
    ['a browsing page', 'https://huggingface.co/me/SmolLM2-360M-q4f16_1-MLC/tree/main', /\/resolve\/<revision>\//],
    ['a file, not the folder', `${GOOD}mlc-chat-config.json`, /\/resolve\/<revision>\//],
    ['weights of the other quantization', 'https://huggingface.co/me/SmolLM2-360M-q4f32_1-MLC/resolve/main/', /looks like q4f32_1 weights/],
  ])('rejects %s, saying what to give instead', (_what, url, message) => {
    const problems = problemsOf({ weightsUrls: { q4f16: url }, twinId: 'smollm2-360m-instruct' });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('weightsUrls.q4f16');
    expect(problems[0]?.message).toMatch(message);
  });

  it('gives an example address when /resolve/ is missing', () => {
    const [problem] = problemsOf({ weightsUrls: { q4f16: 'https://huggingface.co/me/x' }, twinId: 'smollm2-360m-instruct' });
    expect(problem?.message).toContain('https://huggingface.co/you/SmolLM2-360M-q4f16_1-MLC/resolve/main/');
  });

  it('needs at least one address', () => {
    for (const weightsUrls of [{}, { q4f16: '', q4f32: '   ' }]) {
      expect(problemsOf({ weightsUrls, twinId: 'smollm2-360m-instruct' })).toEqual([
        { field: 'weightsUrls', message: expect.stringContaining('at least one') },
      ]);
    }
  });

  it('needs a known twin, and names the ones there are', () => {
    const problems = problemsOf({ weightsUrls: { q4f16: GOOD }, twinId: 'ministral-3-3b-instruct' });
    expect(problems).toEqual([{ field: 'twinId', message: expect.stringContaining('SmolLM2 360M Instruct, Qwen2.5 0.5B Instruct, Llama 3.2 1B Instruct') }]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ weightsUrls: { q4f16: 'nope', q4f32: 'http://x.org/a/resolve/main/' }, twinId: '' });
    expect(problems.map((problem) => problem.field).sort()).toEqual(['twinId', 'weightsUrls.q4f16', 'weightsUrls.q4f32']);
  });
});
