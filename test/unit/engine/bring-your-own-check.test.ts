import { describe, expect, it } from 'vitest';
import { checkWeightsFolder, compareTokenizers, TOKENIZER_SAMPLE } from '../../../src/engine/bring-your-own-check.ts';
import { TWIN_ARCHITECTURE, type TwinArchitecture } from '../../../src/engine/catalog.ts';
import { type ErrorKind } from '../../../src/engine/errors/kinds.ts';
import { classifyError } from '../../../src/engine/errors/words.ts';

const FOLDER = 'https://example.test/you/SmolLM2-360M-q4f16_1-MLC/resolve/main/';
const SMOLLM2 = TWIN_ARCHITECTURE['smollm2-360m-instruct'] as TwinArchitecture;
const EXPECTED = { quantization: 'q4f16_1', architecture: SMOLLM2 };

const GOOD_CONFIG = { model_type: 'llama', quantization: 'q4f16_1', vocab_size: 49152, tokenizer_files: ['tokenizer.json'], conv_template: {} };
const GOOD_SHARDS = { records: [{ dataPath: 'params_shard_0.bin' }] };

type Files = Record<string, { status: number; body: string }>;

function json(value: unknown): { status: number; body: string } {
  return { status: 200, body: JSON.stringify(value) };
}

function folder(changes: Files = {}): Files {
  return {
    'mlc-chat-config.json': json(GOOD_CONFIG),
    'tensor-cache.json': json(GOOD_SHARDS),
    'tokenizer.json': { status: 200, body: '{}' },
    ...changes,
  };
}

/** A host that serves `files` under FOLDER and answers 404 to everything else; it records what was asked. */
function host(files: Files) {
  const asked: string[] = [];
  const fetcher = async (url: string, init?: RequestInit): Promise<Response> => {
    asked.push(`${init?.method ?? 'GET'} ${url}`);
    const file = url.startsWith(FOLDER) ? files[url.slice(FOLDER.length)] : undefined;
    return new Response(file?.body ?? 'Not Found', { status: file?.status ?? 404 });
  };
  return { fetcher, asked };
}

async function failure(files: Files): Promise<{ kind: ErrorKind; message: string; nextStep: string; detail: string }> {
  try {
    await checkWeightsFolder(FOLDER, EXPECTED, host(files).fetcher);
  } catch (error) {
    return classifyError(error, { modelName: 'Your base model', addressFromUser: true });
  }
  throw new Error('Expected the check to refuse the folder.');
}

describe('checking a bring-your-own weights folder before it loads', () => {
  it('accepts an MLC conversion of the twin’s architecture, reading the config, the weight list and the tokenizer', async () => {
    const { fetcher, asked } = host(folder());
    await checkWeightsFolder(FOLDER, EXPECTED, fetcher);
    expect(asked).toEqual([`GET ${FOLDER}mlc-chat-config.json`, `GET ${FOLDER}tensor-cache.json`, `HEAD ${FOLDER}tokenizer.json`]);
  });

  it('refuses an address where there is nothing (404), and says to check the address', async () => {
    const error = await failure({});
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('mlc-chat-config.json');
    expect(error.nextStep).toContain('/resolve/<revision>/');
  });

  it('refuses a web page served in place of the config', async () => {
    const error = await failure(folder({ 'mlc-chat-config.json': { status: 200, body: '<!doctype html><html></html>' } }));
    expect(error.kind).toBe('bad-model');
    expect(error.message).toContain('web page');
  });

  it('refuses a JSON file that is no MLC config', async () => {
    const error = await failure(folder({ 'mlc-chat-config.json': json({ architectures: ['LlamaForCausalLM'], vocab_size: 49152 }) }));
    expect(error.kind).toBe('bad-model');
    expect(error.message).toContain('not those of a model converted with MLC');
    expect(error.nextStep).toContain('mlc_llm');
  });

  it.each([
    ['another architecture', { model_type: 'qwen2' }, 'Model type'],
    ['another quantization', { quantization: 'q4f32_1' }, 'Quantization'],
    ['another vocabulary', { vocab_size: 32000 }, 'Vocabulary size'],
  ])('refuses weights of %s than the twin’s model library', async (_what, change, detail) => {
    const error = await failure(folder({ 'mlc-chat-config.json': json({ ...GOOD_CONFIG, ...change }) }));
    expect(error.kind).toBe('bad-model');
    expect(error.detail).toContain(detail);
    expect(error.nextStep).toContain('same model family');
  });

  it('accepts an older conversion whose weight list is ndarray-cache.json (the same format under its old name)', async () => {
    const { fetcher, asked } = host(folder({ 'tensor-cache.json': { status: 404, body: 'Not Found' }, 'ndarray-cache.json': json(GOOD_SHARDS) }));
    await expect(checkWeightsFolder(FOLDER, EXPECTED, fetcher)).resolves.toEqual({ weightList: 'ndarray-cache.json' });
    expect(asked).toContain(`GET ${FOLDER}ndarray-cache.json`);
  });

  it('says which name the weight list has', async () => {
    await expect(checkWeightsFolder(FOLDER, EXPECTED, host(folder()).fetcher)).resolves.toEqual({ weightList: 'tensor-cache.json' });
  });

  it('refuses a folder with neither tensor-cache.json nor ndarray-cache.json, naming both', async () => {
    const error = await failure(folder({ 'tensor-cache.json': { status: 404, body: 'Not Found' } }));
    expect(error.kind).toBe('bad-model');
    expect(error.message).toContain('neither tensor-cache.json nor ndarray-cache.json');
  });

  it('refuses an ndarray-cache.json that lists no weights', async () => {
    const error = await failure(folder({ 'tensor-cache.json': { status: 404, body: 'Not Found' }, 'ndarray-cache.json': json({ records: [{}] }) }));
    expect(error.kind).toBe('bad-model');
    expect(error.detail).toContain('ndarray-cache.json is not an MLC weight list');
  });

  it('checks a folder without knowing its library’s architecture (a self-hosted copy)', async () => {
    const config = { ...GOOD_CONFIG, model_type: 'qwen2', vocab_size: 151936 };
    await expect(checkWeightsFolder(FOLDER, null, host(folder({ 'mlc-chat-config.json': json(config) })).fetcher)).resolves.toEqual({
      weightList: 'tensor-cache.json',
    });
  });

  it('refuses a weight list that lists no weights', async () => {
    const error = await failure(folder({ 'tensor-cache.json': json({ metadata: {} }) }));
    expect(error.kind).toBe('bad-model');
  });

  it('refuses a folder without the tokenizer its config names', async () => {
    const error = await failure(folder({ 'tokenizer.json': { status: 404, body: 'Not Found' } }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('tokenizer.json');
  });

  it('reports a host it cannot reach as a network failure', async () => {
    const unreachable = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const error = await checkWeightsFolder(FOLDER, EXPECTED, unreachable).then(
      () => null,
      (raw: unknown) => classifyError(raw),
    );
    expect(error?.kind).toBe('network');
  });
});

describe('comparing a base’s tokenizer with its twin’s', () => {
  const byCodePoint = (offset: number) => ({ tokenize: async (text: string) => [...text].map((c) => (c.codePointAt(0) ?? 0) + offset) });

  it('accepts tokenizers that split the sample alike', async () => {
    await expect(compareTokenizers(byCodePoint(0), byCodePoint(0))).resolves.toBeUndefined();
  });

  it('refuses tokenizers that give other ids, with a message that says why it matters', async () => {
    const error = await compareTokenizers(byCodePoint(1), byCodePoint(0)).then(
      () => null,
      (raw: unknown) => classifyError(raw, { modelName: 'Your base model' }),
    );
    expect(error?.kind).toBe('bad-model');
    expect(error?.message).toContain('splits text into tokens differently');
  });

  it('refuses tokenizers that split the sample into a different number of tokens', async () => {
    const words = { tokenize: async (text: string) => text.split(' ').map((_, index) => index) };
    await expect(compareTokenizers(words, byCodePoint(0))).rejects.toThrow(/Tokenizer mismatch/);
  });

  it('uses a sample with digits, punctuation and non-Latin text', () => {
    expect(TOKENIZER_SAMPLE).toMatch(/10/);
    expect(TOKENIZER_SAMPLE).toMatch(/東京/);
  });
});
