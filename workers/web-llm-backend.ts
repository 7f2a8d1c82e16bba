// The real inference backend: one web-llm MLCEngine holding one model. The only code (with web-llm-cache.ts)
// that imports web-llm as a value; it runs inside a module worker, never on the main thread.
import {
  MLCEngine,
  prebuiltAppConfig,
  hasModelInCache,
  type AppConfig,
  type LogitProcessor,
  type ModelRecord,
} from '@mlc-ai/web-llm';
import type { GeneratedToken, GenerateRequest, GenerateResult, ScoreRequest, ScoreResult } from '../src/core/model.ts';
import { endOfTextTokens } from '../src/core/prompts/end-of-text.ts';
import { buildAnswerTrie, logSoftmax, planForward, scoreAnswers, type NextTokenOracle, type Tokenizer } from '../src/core/scoring/index.ts';
import { LabFailure } from '../src/engine/errors/kinds.ts';
import { readProgressReport } from '../src/engine/progress.ts';
import type { CacheStatus, LoadModelSpec, LoadProgress, LoadResult } from '../src/engine/protocol.ts';
import type { InferenceBackend } from './backend.ts';
import { deleteFromCache, forgetCachedConfig, modelFilesUrl, provideWeightList, readCacheStatus } from './web-llm-cache.ts';

/**
 * One app config per model, passed to the engine and to every cache helper alike: the helpers default to
 * web-llm's prebuilt config, whose cache backend is the Cache API, and would look in the wrong store.
 */
export function appConfigFor(model: LoadModelSpec): AppConfig {
  return { model_list: [modelRecordFor(model)], cacheBackend: 'indexeddb' };
}

function prebuiltRecord(modelId: string): ModelRecord {
  const record = prebuiltAppConfig.model_list.find((candidate) => candidate.model_id === modelId);
  if (!record) throw new Error(`ModelNotFoundError: Cannot find model record in appConfig for ${modelId}.`);
  return record;
}

function modelRecordFor(model: LoadModelSpec): ModelRecord {
  const contextWindow = { context_window_size: model.contextWindowTokens };
  const source = model.source;
  switch (source.kind) {
    case 'prebuilt': {
      const record = prebuiltRecord(source.modelId);
      return { ...record, model_id: model.modelId, overrides: { ...record.overrides, ...contextWindow } };
    }
    case 'weights-on-prebuilt-lib': {
      // The wasm comes from web-llm's own list at run time, so it always matches the installed runtime.
      const twin = prebuiltRecord(source.libFromModelId);
      return {
        model: source.weightsUrl,
        model_id: model.modelId,
        model_lib: twin.model_lib,
        required_features: twin.required_features,
        overrides: contextWindow,
      };
    }
    case 'self-hosted':
      return { model: source.weightsUrl, model_id: model.modelId, model_lib: source.libUrl, overrides: contextWindow };
    case 'server':
      throw new LabFailure('internal', 'A model on a server is run by the server worker, not by web-llm.');
  }
}

/** The parts of web-llm's private pipeline this backend uses (the tokenizer is not public: web-llm PR #622). */
interface PipelineInternals {
  tokenizer: { encode(text: string): Int32Array; decode(ids: Int32Array): string };
  /** The conversation template's stop tokens: the chat turn's end, not necessarily the tokenizer's end of text. */
  stopTokens: number[];
  /** The model's mlc-chat-config.json with the record's overrides; the pipeline and the engine share this object. */
  config: {
    context_window_size?: number;
    eos_token_id?: unknown;
    /** Overrides of the conversation template, read again for every completion (web-llm's getConversation). */
    conv_config?: Record<string, unknown>;
  };
  /** web-llm reads the logits back to the CPU for every sampled token while this is set (its sampleTokenFromLogits). */
  logitProcessor?: LogitProcessor;
}

function pipelinesOf(engine: MLCEngine): Map<string, PipelineInternals> {
  return (engine as unknown as { loadedModelIdToPipeline: Map<string, PipelineInternals> }).loadedModelIdToPipeline;
}

function pipelineOf(engine: MLCEngine, modelId: string): PipelineInternals {
  const pipeline = pipelinesOf(engine).get(modelId);
  if (!pipeline) throw new Error(`ModelNotLoadedError: Model not loaded before trying to complete the request.`);
  return pipeline;
}

/** Whether the engine still holds the model: web-llm drops it when the GPU device is lost. */
function engineHolds(engine: MLCEngine, modelId: string): boolean {
  return pipelinesOf(engine).has(modelId);
}

const DEVICE_LOST_AFTER_LOAD = 'ModelNotLoadedError: web-llm unloaded the model because its GPU device was lost.';

/** Sees the raw logits of every forward pass; when armed, keeps a copy of the next one. */
class LogitCapture implements LogitProcessor {
  private armed = false;
  private captured: Float32Array | null = null;

  arm(): void {
    this.armed = true;
    this.captured = null;
  }

  take(): Float32Array {
    const logits = this.captured;
    this.captured = null;
    if (!logits) throw new Error('The forward pass gave no logits to read.');
    return logits;
  }

  processLogits = (logits: Float32Array): Float32Array => {
    if (this.armed) {
      this.captured = logits.slice();
      this.armed = false;
    }
    return logits;
  };

  processSampledToken = (): void => {};

  resetState = (): void => {};
}

/**
 * Next-token log-probabilities from forward passes over the engine's KV cache, which can only be extended or
 * reset. It follows `planForward`, the same plan the scorer counts its cost with.
 */
class KvCacheOracle implements NextTokenOracle {
  constructor(
    private readonly engine: Pick<MLCEngine, 'resetChat' | 'forwardTokensAndSample'>,
    private readonly capture: LogitCapture,
    private readonly state: { kvContents: number[] | null },
  ) {}

  async nextTokenLogprobs(context: readonly number[]): Promise<Float64Array> {
    const plan = this.state.kvContents === null ? { reset: true, feed: [...context] } : planForward(this.state.kvContents, context);
    // Unknown until the pass succeeds: a pass that throws part-way has fed some of the tokens, and a record of the
    // old contents would make the next context extend a cache that holds something else (silently wrong logits).
    this.state.kvContents = null;
    if (plan.reset) await this.engine.resetChat();
    this.capture.arm();
    // `isPrefill` only selects web-llm's statistics bucket; both paths append the tokens to the KV cache.
    await this.engine.forwardTokensAndSample(plan.feed, plan.feed.length > 1);
    const logits = this.capture.take();
    this.state.kvContents = [...context];
    // Over every logit, as web-llm's sampler draws over all of config.vocab_size: ids past the tokenizer's
    // vocabulary (padding) are drawable, so their mass is part of P(other), not dropped.
    return logSoftmax(logits);
  }
}

function abortError(): DOMException {
  return new DOMException('The load was cancelled.', 'AbortError');
}

/** Checks WebGPU the way web-llm will, but before anything is downloaded (web-llm fetches config and wasm first). */
async function requireWebGpuAdapter(): Promise<GPUAdapter> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) throw new LabFailure('no-webgpu', 'navigator.gpu is not available in the model worker.');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new LabFailure('no-adapter', 'navigator.gpu.requestAdapter() returned null in the model worker.');
  return adapter;
}

/**
 * The adapter's description as web-llm words it ("description", else "vendor"), read from the adapter this worker
 * already has: web-llm's getGPUVendor() would create a second GPU device just to read it.
 */
function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info as GPUAdapterInfo | undefined;
  return info?.description || info?.vendor || '';
}

/**
 * The commit a Hugging Face folder's `main` (or other revision) pointed to, from the `X-Repo-Commit` header of its
 * config: what was actually fetched, for diagnostics. Null for other hosts, offline, or a header the host hides.
 */
async function fetchedRevision(model: LoadModelSpec): Promise<string | null> {
  const weightsUrl = weightsUrlOf(model);
  if (weightsUrl === null) return null;
  try {
    const response = await fetch(new URL('mlc-chat-config.json', weightsUrl).href, { method: 'HEAD', cache: 'no-store' });
    const commit = response.headers.get('x-repo-commit');
    return commit && /^[0-9a-f]{7,64}$/i.test(commit) ? commit : null;
  } catch {
    return null;
  }
}

/** The folder web-llm fetches a model's files from. */
function weightsUrlOf(model: LoadModelSpec): string | null {
  try {
    return modelFilesUrl(modelRecordFor(model).model);
  } catch {
    return null;
  }
}

/**
 * A score request must fit the context the lab asked web-llm for: forwardTokensAndSample checks nothing and would
 * write past the KV cache (webllm-notes "things that bite"). The longest context a score feeds is the prompt and the
 * longest answer's tokens (its end is read from the logits after them). Worded as web-llm words its own check, which
 * errors/classify.ts reads.
 */
function requireRoom(request: ScoreRequest, tokenizer: Tokenizer, contextWindow: number, endOfSequenceIds: readonly number[]): void {
  const trie = buildAnswerTrie(request, tokenizer, { endOfSequenceIds });
  let longestPath = 0;
  const visit = (node: typeof trie.root): void => {
    longestPath = Math.max(longestPath, node.path.length);
    node.children.forEach(visit);
  };
  visit(trie.root);
  const needed = trie.promptIds.length + longestPath;
  if (needed > contextWindow) {
    throw new LabFailure(
      'context-too-long',
      `Prompt tokens exceed context window size: number of prompt tokens: ${needed}; context window size: ${contextWindow} (prompt and longest answer of an exact score).`,
    );
  }
}

/**
 * web-llm's IndexedDB cache reports any failed download as "Failed to store <url> … Network response was not
 * ok", without the status. Asking the server again tells a missing file (404) from a network failure.
 */
async function withHttpStatus(error: unknown): Promise<unknown> {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const url = /Failed to store (\S+) with error/.exec(text)?.[1] ?? /Cannot fetch (\S+) err=/.exec(text)?.[1];
  if (!url) return error;
  try {
    const response = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    if (response.ok) return error;
    return new Error(`${text} (HTTP ${response.status} for ${url})`);
  } catch {
    return error;
  }
}

interface LoadedModel {
  spec: LoadModelSpec;
  engine: MLCEngine;
  pipeline: PipelineInternals;
  /** Every token id that ends a text for this model: the tokenizer's own end of text as well as the template's. */
  endOfSequenceIds: number[];
}

/**
 * Makes web-llm stop a generation at every end-of-text token of the model, not only at its conversation template's:
 * a text completion builds its conversation from the config's conv_template with conv_config over it, afresh for
 * every request, so the ids go there.
 */
function stopAtEndOfText(pipeline: PipelineInternals, ids: readonly number[]): void {
  pipeline.config.conv_config = { ...pipeline.config.conv_config, stop_token_ids: [...ids] };
}

export class WebLlmBackend implements InferenceBackend {
  private loaded: LoadedModel | null = null;
  private readonly capture = new LogitCapture();
  /** The tokens in the KV cache, or null when unknown (a completion request resets it). */
  private readonly kv: { kvContents: number[] | null } = { kvContents: null };

  async load(model: LoadModelSpec, onProgress: (progress: LoadProgress) => void, signal: AbortSignal): Promise<LoadResult> {
    await this.unload();
    const adapter = await requireWebGpuAdapter();
    if (signal.aborted) throw abortError();
    const appConfig = appConfigFor(model);
    const weightsFromCache = await hasModelInCache(model.modelId, appConfig);
    // Weights of our choosing may be an older conversion whose weight list has the old name.
    if (model.source.kind !== 'prebuilt' && !weightsFromCache) await provideWeightList(appConfig, (url, init) => fetch(url, init));
    const revision = fetchedRevision(model);
    // No logit processor: web-llm would read the full logits back to the CPU for every sampled token. The capture
    // is attached to the pipeline only while an exact score runs (scoreLoaded).
    const engine = new MLCEngine({
      appConfig,
      initProgressCallback: (report) => onProgress(readProgressReport(report)),
      logLevel: 'WARN',
    });
    // unload() aborts web-llm's downloads; reload() then resolves (it swallows its AbortError) or rejects.
    const cancel = (): void => void engine.unload().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      await engine.reload(model.modelId);
    } catch (error) {
      if (signal.aborted) throw abortError();
      if (/is not valid JSON|Unexpected token/.test(String(error))) await forgetCachedConfig(appConfig).catch(() => undefined);
      throw await withHttpStatus(error);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
    if (signal.aborted) throw abortError();
    const pipeline = pipelineOf(engine, model.modelId);
    const endOfText = endOfTextTokens(pipeline.tokenizer, { stopTokenIds: pipeline.stopTokens, configEndOfText: pipeline.config.eos_token_id });
    stopAtEndOfText(pipeline, endOfText.ids);
    this.loaded = { spec: model, engine, pipeline, endOfSequenceIds: endOfText.ids };
    this.kv.kvContents = null;
    return {
      weightsFromCache,
      endOfSequenceIds: endOfText.ids,
      gpuDescription: describeAdapter(adapter),
      weightsUrl: weightsUrlOf(model),
      modelLibUrl: modelRecordFor(model).model_lib,
      weightsRevision: await revision,
    };
  }

  async unload(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = null;
    this.kv.kvContents = null;
    if (loaded) await loaded.engine.unload();
  }

  async tokenize(text: string): Promise<number[]> {
    return this.whileLoaded(async ({ pipeline }) => Array.from(pipeline.tokenizer.encode(text)));
  }

  async detokenize(ids: number[]): Promise<string> {
    return this.whileLoaded(async ({ pipeline }) => pipeline.tokenizer.decode(Int32Array.from(ids)));
  }

  score(request: ScoreRequest, signal: AbortSignal): Promise<ScoreResult> {
    return this.whileLoaded((loaded) => this.scoreLoaded(loaded, request, signal));
  }

  generate(request: GenerateRequest, onToken: (token: GeneratedToken) => void, signal: AbortSignal): Promise<GenerateResult> {
    return this.whileLoaded((loaded) => this.generateLoaded(loaded, request, onToken, signal));
  }

  private async scoreLoaded({ spec, engine, pipeline, endOfSequenceIds }: LoadedModel, request: ScoreRequest, signal: AbortSignal): Promise<ScoreResult> {
    const tokenizer: Tokenizer = { encode: (text) => Array.from(pipeline.tokenizer.encode(text)) };
    const contextWindow = pipeline.config.context_window_size;
    requireRoom(request, tokenizer, contextWindow !== undefined && contextWindow > 0 ? contextWindow : spec.contextWindowTokens, endOfSequenceIds);
    const oracle = new KvCacheOracle(engine, this.capture, this.kv);
    pipeline.logitProcessor = this.capture;
    try {
      return await scoreAnswers(request, tokenizer, oracle, { endOfSequenceIds, signal });
    } finally {
      pipeline.logitProcessor = undefined;
    }
  }

  private async generateLoaded(
    { engine }: LoadedModel,
    request: GenerateRequest,
    onToken: (token: GeneratedToken) => void,
    signal: AbortSignal,
  ): Promise<GenerateResult> {
    if (!Number.isInteger(request.seed)) throw new RangeError(`The seed must be an integer; got ${request.seed}.`);
    // A text completion starts from an empty KV cache, so what the scorer left there is gone.
    this.kv.kvContents = null;
    const stream = await engine.completions.create({
      prompt: request.prompt,
      stream: true,
      stream_options: { include_usage: true },
      // Explicit values: otherwise web-llm takes the model's own defaults from mlc-chat-config.json.
      temperature: request.temperature,
      top_p: 1,
      repetition_penalty: request.repetitionPenalty ?? 1,
      frequency_penalty: request.frequencyPenalty ?? 0,
      presence_penalty: request.presencePenalty ?? 0,
      seed: request.seed,
      max_tokens: request.maxTokens,
      stop: request.stop,
      logprobs: request.logprobs ?? false,
      // web-llm records no log-probabilities unless top_logprobs is at least 1.
      top_logprobs: request.logprobs ? 1 : undefined,
    });
    const interrupt = (): void => void engine.interruptGenerate();
    signal.addEventListener('abort', interrupt, { once: true });
    let text = '';
    let finishReason: string | null = null;
    let usage = { prompt_tokens: 0, completion_tokens: 0 };
    try {
      // Always read the stream to its end: web-llm releases the model only then.
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice?.text) {
          const logprob = choice.logprobs?.content?.[0]?.logprob;
          onToken(logprob === undefined ? { text: choice.text } : { text: choice.text, logprob });
          text += choice.text;
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
    } finally {
      signal.removeEventListener('abort', interrupt);
    }
    return {
      text,
      finishReason: signal.aborted ? 'aborted' : finishReason === 'length' ? 'length' : 'stop',
      promptTokens: usage.prompt_tokens,
      completionTokens: usage.completion_tokens,
    };
  }

  cacheStatus(model: LoadModelSpec): Promise<CacheStatus> {
    return readCacheStatus(appConfigFor(model));
  }

  async deleteFromCache(model: LoadModelSpec, others: readonly LoadModelSpec[] = []): Promise<void> {
    if (this.loaded?.spec.modelId === model.modelId) await this.unload();
    await deleteFromCache(appConfigFor(model), others.map(appConfigFor));
  }

  /**
   * Runs a request on the loaded model. When web-llm loses the GPU device after loading, it only logs and unloads
   * the model itself (webllm-notes §1.4); whatever the request then fails with (a disposed tokenizer, "model not
   * loaded"), the cause is the lost device, and it is reported as such.
   */
  private async whileLoaded<T>(work: (loaded: LoadedModel) => Promise<T>): Promise<T> {
    const loaded = this.requireLoaded();
    const lostDevice = (): boolean => !engineHolds(loaded.engine, loaded.spec.modelId);
    if (lostDevice()) throw new Error(DEVICE_LOST_AFTER_LOAD);
    try {
      return await work(loaded);
    } catch (error) {
      if (lostDevice()) throw new Error(`${DEVICE_LOST_AFTER_LOAD} (${String(error)})`, { cause: error });
      throw error;
    }
  }

  private requireLoaded(): LoadedModel {
    if (!this.loaded) throw new Error('ModelNotLoadedError: Model not loaded before trying to complete the request.');
    return this.loaded;
  }
}

/** The backend users get; the e2e build replaces this module (vite.config.ts). */
export function createBackend(): InferenceBackend {
  return new WebLlmBackend();
}
