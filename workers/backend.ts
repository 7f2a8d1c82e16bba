// The inference backend a model worker serves. Users get the web-llm backend (web-llm-backend.ts); the e2e build
// and the worker-protocol tests swap in a scripted one from test/fixtures. One backend holds at most one model.
import type { GeneratedToken, GenerateRequest, GenerateResult, ScoreRequest, ScoreResult } from '../src/core/model.ts';
import type { CacheStatus, LoadModelSpec, LoadProgress, LoadResult } from '../src/engine/protocol.ts';
import type { ServerConnection, ServerFacts } from '../src/engine/server/server-types.ts';

export interface InferenceBackend {
  /** Loads one model (unloading any other). `signal` cancels the load; it then rejects with an AbortError. */
  load(model: LoadModelSpec, onProgress: (progress: LoadProgress) => void, signal: AbortSignal): Promise<LoadResult>;
  unload(): Promise<void>;
  tokenize(text: string): Promise<number[]>;
  detokenize(ids: number[]): Promise<string>;
  /** Exact answer probabilities; `signal` cancels between forward passes. */
  score(request: ScoreRequest, signal: AbortSignal): Promise<ScoreResult>;
  /** Streams tokens to `onToken`. `signal` stops it: the result then has finishReason "aborted" and the text so far. */
  generate(request: GenerateRequest, onToken: (token: GeneratedToken) => void, signal: AbortSignal): Promise<GenerateResult>;
  cacheStatus(model: LoadModelSpec): Promise<CacheStatus>;
  /** Deletes the model's files, keeping what one of `others` still uses (a shared model library). */
  deleteFromCache(model: LoadModelSpec, others: readonly LoadModelSpec[]): Promise<void>;
  /** Only a backend for the user's own server has it: what that server serves (issue 14). */
  connect?(connection: ServerConnection, signal: AbortSignal): Promise<ServerFacts>;
}
