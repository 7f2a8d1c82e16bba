// The second kind of model backend (design.md §2, issue 14): a model on the user's own OpenAI-compatible server,
// behind the same operations as the web-llm backend (workers/backend.ts), served by the same worker protocol, so
// probes, storage, charts and claims never know which backend answered. It runs in the server worker
// (workers/server.worker.ts), whose Content-Security-Policy allows the user's server; Node tests and the bench run
// it directly against the stand-in server.
import type { GeneratedToken, GenerateRequest, GenerateResult, ScoreRequest, ScoreResult } from '../../core/model.ts';
import type { ChatTemplateId } from '../../core/prompts/chat-templates.ts';
import { familyMarkers, markerProblem, markerTexts } from '../../core/server/family.ts';
import type { ServerModelInfo } from '../../core/results/index.ts';
import { LabFailure } from '../errors/kinds.ts';
import type { CacheStatus, LoadModelSpec, LoadProgress, LoadResult } from '../protocol.ts';
import { detectServer } from './detect.ts';
import { dialectFor, probeText, type Dialect } from './dialects.ts';
import { serverAddress, ServerHttp } from './http.ts';
import { BatchedSampler } from './sampler.ts';
import type { ServerCapabilities, ServerConnection, ServerFacts } from './server-types.ts';

export interface ServerBackendOptions {
  fetcher?: typeof fetch;
  /** The lab page's protocol, to tell mixed content apart; null outside a browser. */
  pageProtocol?: string | null;
  /** Whether the worker's Content-Security-Policy refused a request to this address. */
  wasBlocked?: (url: string) => Promise<boolean>;
}

interface LoadedModel {
  http: ServerHttp;
  dialect: Dialect;
  capabilities: ServerCapabilities;
  endOfSequenceIds: number[];
  sampler: BatchedSampler;
}

const NOTHING_CACHED: CacheStatus = { weights: false, config: false, tokenizer: false, wasm: false, readyOffline: false };

const SOFTWARE_NAMES: Record<ServerFacts['software'], string> = {
  vllm: 'vLLM',
  'llama.cpp': 'llama.cpp server',
  ollama: 'Ollama',
  'openai-compatible': 'OpenAI-compatible server',
};

function abortedResult(): GenerateResult {
  return { text: '', finishReason: 'aborted', promptTokens: 0, completionTokens: 0 };
}

export class ServerBackend {
  private loaded: LoadedModel | null = null;

  constructor(private readonly options: ServerBackendOptions = {}) {}

  private http(connection: ServerConnection): ServerHttp {
    return new ServerHttp({ address: serverAddress(connection.baseUrl), apiKey: connection.apiKey, ...this.options });
  }

  /** HTTP requests the loaded model has sent since it loaded (the bench's cost). */
  get requestCount(): number {
    return this.loaded?.http.requestCount ?? 0;
  }

  /** The models a server serves, which server it is and its version. */
  async connect(connection: ServerConnection, signal?: AbortSignal): Promise<ServerFacts> {
    return detectServer(this.http(connection), signal);
  }

  async load(spec: LoadModelSpec, onProgress: (progress: LoadProgress) => void, signal: AbortSignal): Promise<LoadResult> {
    const source = spec.source;
    if (source.kind !== 'server') throw new LabFailure('internal', `The server backend cannot load a ${source.kind} model.`);
    this.unloadNow();
    const http = this.http(source.connection);
    onProgress({ phase: 'preparing', fraction: 0, text: `Connecting to ${http.address.base}` });
    const facts = await detectServer(http, signal);
    if (!facts.models.includes(source.model)) {
      throw new LabFailure('server-model-missing', `${http.address.base} serves ${facts.models.join(', ')}; not ${source.model}.`);
    }
    const dialect = dialectFor(facts.software, http, source.model);
    onProgress({ phase: 'preparing', fraction: 0.5, text: `Checking ${source.model} on ${SOFTWARE_NAMES[facts.software]}` });
    const tokenized = await this.readMarkers(dialect, source.family, signal);
    const capabilities = await dialect.capabilities(source.family, tokenized?.get(probeText(source.family)) ?? null, signal);
    const endOfSequenceIds = tokenized ? familyMarkers(source.family).endOfSequence.map((text) => tokenized.get(text)?.[0] as number) : [];
    this.loaded = {
      http,
      dialect,
      capabilities,
      endOfSequenceIds,
      sampler: new BatchedSampler(dialect.fetchBatch, { maxBatch: capabilities.batch, inFlight: capabilities.inFlight }),
    };
    // Requests to connect and check do not count towards a run's cost.
    http.requestCount = 0;
    const info: ServerModelInfo = {
      software: facts.software,
      host: facts.host,
      model: source.model,
      version: facts.version,
      family: source.family,
      exact: capabilities.exact,
      topK: capabilities.topK,
    };
    onProgress({ phase: 'ready', fraction: 1, text: `Ready on ${SOFTWARE_NAMES[facts.software]} ${facts.version ?? ''}`.trim() });
    return {
      weightsFromCache: false,
      endOfSequenceIds,
      gpuDescription: `${SOFTWARE_NAMES[facts.software]}${facts.version ? ` ${facts.version}` : ''} at ${facts.host}`,
      server: { info, capabilities },
    };
  }

  /**
   * The server's tokenization of the family's special texts (and of the capability check's text), refused when the
   * server's tokenizer is not the family's; null where the server has no tokenizer to ask (Ollama), so none is checked.
   */
  private async readMarkers(dialect: Dialect, family: ChatTemplateId, signal: AbortSignal): Promise<Map<string, number[]> | null> {
    if (dialect.software === 'ollama' || dialect.software === 'openai-compatible') return null;
    const texts = [...markerTexts(family), probeText(family)];
    const ids = await dialect.tokenize(texts, signal);
    const tokenized = new Map(texts.map((text, i) => [text, ids[i] as number[]]));
    const problem = markerProblem(family, tokenized);
    if (problem) throw new LabFailure('wrong-family', problem);
    return tokenized;
  }

  private unloadNow(): void {
    this.loaded?.sampler.clear();
    this.loaded = null;
  }

  async unload(): Promise<void> {
    this.unloadNow();
  }

  private model(): LoadedModel {
    if (!this.loaded) throw new Error('ModelNotLoadedError: Model not loaded before trying to complete the request.');
    return this.loaded;
  }

  async tokenize(text: string): Promise<number[]> {
    const [ids] = await this.model().dialect.tokenize([text]);
    return ids as number[];
  }

  async detokenize(): Promise<string> {
    throw new LabFailure('server-unsupported', 'The server backend does not turn tokens back into text.');
  }

  score(request: ScoreRequest, signal: AbortSignal): Promise<ScoreResult> {
    const model = this.model();
    return model.dialect.score(request, model.endOfSequenceIds, model.capabilities, signal);
  }

  async generate(request: GenerateRequest, onToken: (token: GeneratedToken) => void, signal: AbortSignal): Promise<GenerateResult> {
    const model = this.model();
    if (signal.aborted) return abortedResult();
    try {
      const result = await model.sampler.take(request, signal);
      onToken({ text: result.text });
      return result;
    } catch (error) {
      if (signal.aborted) return abortedResult();
      // A failed batch leaves nothing half-fetched behind: the next call starts afresh.
      model.sampler.clear();
      throw error;
    }
  }

  async cacheStatus(): Promise<CacheStatus> {
    return NOTHING_CACHED;
  }

  async deleteFromCache(): Promise<void> {}
}
