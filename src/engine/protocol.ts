// The model worker's protocol, shared by both sides (src/engine/client.ts and workers/serve.ts).
// Every request carries an id; the worker answers it with exactly one `result` or `error`, and may send
// `progress` (load) or `token` (generate) events for it before that. Everything here is plain data, so it
// survives structured clone.
import type {
  GeneratedToken,
  GenerateRequest,
  GenerateResult,
  ScoreRequest,
  ScoreResult,
} from '../core/model.ts';
import type { WeightsFolderCheck, WeightsFolderExpectation } from './bring-your-own-check.ts';
import type { ServerModelInfo } from '../core/results/index.ts';
import type { ModelSource } from './catalog.ts';
import type { Failure } from './errors/kinds.ts';
import type { ServerCapabilities, ServerConnection, ServerFacts } from './server/server-types.ts';

/** What the worker needs to load one checkpoint. */
export interface LoadModelSpec {
  /** The id web-llm knows the model by (its `model_id`); also the cache key with the weights URL. */
  modelId: string;
  source: ModelSource;
  /** The KV-cache size to ask for: the probes need at most 2,048 tokens, and a smaller cache saves GPU memory. */
  contextWindowTokens: number;
}

/** Where a load is: web-llm reports each phase from 0 to 1 again, so the phase is part of the progress. */
export type LoadPhase = 'preparing' | 'downloading' | 'reading-cache' | 'compiling' | 'ready';

export interface LoadProgress {
  phase: LoadPhase;
  /** 0 … 1 within the phase. */
  fraction: number;
  /** Bytes of weights fetched or read so far, when the runtime says (it reports whole MiB). */
  bytesDone?: number;
  /** The runtime's own words, for the technical detail. */
  text: string;
}

export interface LoadResult {
  /** True when every weight shard was already in the browser's cache before this load. */
  weightsFromCache: boolean;
  /**
   * The token ids that end a text for this model (they end answers in exact mode and stop generations): the
   * tokenizer's own end-of-text tokens as well as the conversation template's stop tokens.
   */
  endOfSequenceIds: number[];
  /** The adapter's description as the runtime reports it, for run records. */
  gpuDescription: string;
  /** The folder the weights were fetched from, when the backend has one (for diagnostics). */
  weightsUrl?: string | null;
  /** The model library (wasm) the weights run on, when the backend has one. */
  modelLibUrl?: string | null;
  /** The commit the weights folder pointed to when it was fetched, when the host says (Hugging Face does). */
  weightsRevision?: string | null;
  /** For a model on the user's server: where it runs, and what the server was found to offer. */
  server?: { info: ServerModelInfo; capabilities: ServerCapabilities };
}

/** Which of a model's files are in the browser's cache. It is ready offline only when all four are. */
export interface CacheStatus {
  weights: boolean;
  config: boolean;
  tokenizer: boolean;
  wasm: boolean;
  readyOffline: boolean;
}

export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
}

/** Each operation's parameters and result. */
export interface Operations {
  load: { params: { model: LoadModelSpec }; result: LoadResult };
  unload: { params: Record<string, never>; result: null };
  tokenize: { params: { text: string }; result: number[] };
  detokenize: { params: { ids: number[] }; result: string };
  score: { params: { request: ScoreRequest }; result: ScoreResult };
  /** `stream`: send each token as it comes (a `token` event); without it only the result crosses. */
  generate: { params: { request: GenerateRequest; stream: boolean }; result: GenerateResult };
  'cache-status': { params: { model: LoadModelSpec }; result: CacheStatus };
  /**
   * Deletes a model's files. `others`: the other models the lab knows; the model library stays while one of them
   * that runs on the same library has files in the cache.
   */
  'delete-from-cache': { params: { model: LoadModelSpec; others: LoadModelSpec[] }; result: null };
  'storage-estimate': { params: Record<string, never>; result: StorageEstimate | null };
  /**
   * Checks a folder of weights that are not in web-llm's prebuilt list before anything downloads (`expected`: what
   * the model library takes, when the lab knows). The worker fetches, not the page: the page's
   * Content-Security-Policy lets it fetch only the lab's own files (build/csp.ts).
   */
  'check-weights-folder': { params: { weightsUrl: string; expected: WeightsFolderExpectation | null }; result: WeightsFolderCheck };
  /** Stops the request with id `target` (a load, a score or a generate); a no-op when it has finished. */
  cancel: { params: { target: number }; result: null };
  /** Stops every generation in progress, like a Stop button. */
  interrupt: { params: Record<string, never>; result: null };
  /** The server worker only: the models a user's server serves, which server it is and its version (issue 14). */
  'server-connect': { params: { connection: ServerConnection }; result: ServerFacts };
}

export type OperationName = keyof Operations;

export type WorkerRequest = {
  [Name in OperationName]: { id: number; type: Name } & Operations[Name]['params'];
}[OperationName];

export type WorkerMessage =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: Failure }
  | { type: 'progress'; id: number; progress: LoadProgress }
  | { type: 'token'; id: number; token: GeneratedToken }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
