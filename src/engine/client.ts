// The main-thread side of a model worker: one client per worker (one worker per loaded model), with promises
// for requests, an async iterable for streamed text, and progress callbacks. It implements `LanguageModel`,
// so probes drive it without knowing about workers. It imports web-llm types only.
import type {
  CallOptions,
  CancelSignal,
  GeneratedToken,
  GenerateOptions,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  ModelRole,
  ScoreRequest,
  ScoreResult,
} from '../core/model.ts';
import type { WeightsFolderCheck, WeightsFolderExpectation } from './bring-your-own-check.ts';
import { needsReload, type LabError } from './errors/kinds.ts';
import { classifyError, describeFailure } from './errors/words.ts';
import type {
  CacheStatus,
  LoadModelSpec,
  LoadProgress,
  LoadResult,
  OperationName,
  Operations,
  StorageEstimate,
  WorkerMessage,
  WorkerRequest,
} from './protocol.ts';
import type { ServerConnection, ServerFacts } from './server/server-types.ts';

/** The part of a Worker the client uses (a real Worker fits; tests may pass a stand-in). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

/** A failure reported by the worker (or about it), as an Error that carries the user-facing LabError. */
export class ModelError extends Error implements LabError {
  readonly kind: LabError['kind'];
  readonly nextStep: string;
  readonly detail: string;

  constructor(error: LabError) {
    super(error.message);
    this.name = 'ModelError';
    this.kind = error.kind;
    this.nextStep = error.nextStep;
    this.detail = error.detail;
  }
}

/** Dispatched on the client when its worker dies; every request in flight has then been rejected. */
export class WorkerCrashEvent extends Event {
  static readonly eventName = 'worker-crash';
  readonly error: ModelError;

  constructor(error: ModelError) {
    super(WorkerCrashEvent.eventName);
    this.error = error;
  }
}

/**
 * Dispatched when a request failed because the model in the worker can no longer be used (the GPU device was lost):
 * the worker still answers, but only loading the model again, best in a new worker, brings it back.
 */
export class ModelLostEvent extends Event {
  static readonly eventName = 'model-lost';
  readonly error: ModelError;

  constructor(error: ModelError) {
    super(ModelLostEvent.eventName);
    this.error = error;
  }
}

/** A message the worker logged (warnings and errors that belong to no request), for diagnostics. */
export class WorkerLogEvent extends Event {
  static readonly eventName = 'worker-log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;

  constructor(level: 'info' | 'warn' | 'error', message: string) {
    super(WorkerLogEvent.eventName);
    this.level = level;
    this.message = message;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: ModelError): void;
  onProgress?: (progress: LoadProgress) => void;
  onToken?: (token: GeneratedToken) => void;
}

type Params<Name extends OperationName> = Operations[Name]['params'];
type Result<Name extends OperationName> = Operations[Name]['result'];

export interface LoadOptions extends CallOptions {
  onProgress?: (progress: LoadProgress) => void;
}

export interface GenerationStream {
  /** The text as it arrives, token by token. */
  tokens: AsyncIterable<GeneratedToken>;
  /** The whole result, once generation ends (also when it was stopped). */
  result: Promise<GenerateResult>;
}

export class ModelWorkerClient extends EventTarget implements LanguageModel {
  readonly id: string;
  readonly role: ModelRole;

  private readonly worker: WorkerLike;
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;
  private crashed: ModelError | null = null;

  constructor(worker: WorkerLike, model: { id: string; role: ModelRole }) {
    super();
    this.worker = worker;
    this.id = model.id;
    this.role = model.role;
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => this.fail(event));
    worker.addEventListener('messageerror', (event) => this.fail(event));
  }

  load(model: LoadModelSpec, options: LoadOptions = {}): Promise<LoadResult> {
    return this.request('load', { model }, options.signal, { onProgress: options.onProgress });
  }

  unload(): Promise<null> {
    return this.request('unload', {});
  }

  /** Stops every generation in progress; each resolves with what it had so far. */
  interrupt(): Promise<null> {
    return this.request('interrupt', {});
  }

  tokenize(text: string, options: CallOptions = {}): Promise<number[]> {
    return this.request('tokenize', { text }, options.signal);
  }

  detokenize(ids: number[], options: CallOptions = {}): Promise<string> {
    return this.request('detokenize', { ids }, options.signal);
  }

  score(request: ScoreRequest, options: CallOptions = {}): Promise<ScoreResult> {
    return this.request('score', { request }, options.signal);
  }

  generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    const onText = options.onText;
    // Tokens cross the worker boundary only when someone reads them: a message each, per token, for nothing.
    return this.request('generate', { request, stream: onText !== undefined }, options.signal, {
      onToken: onText ? (token) => onText(token.text) : undefined,
    });
  }

  /** Like `generate`, with the tokens as an async iterable (it ends when generation ends). */
  stream(request: GenerateRequest, options: CallOptions = {}): GenerationStream {
    const queue = new TokenQueue();
    const result = this.request('generate', { request, stream: true }, options.signal, { onToken: (token) => queue.push(token) });
    result.then(
      () => queue.end(),
      () => queue.end(),
    );
    return { tokens: queue, result };
  }

  cacheStatus(model: LoadModelSpec): Promise<CacheStatus> {
    return this.request('cache-status', { model });
  }

  /** Deletes a model's files; `others` keep the model library they share with it (see the protocol). */
  deleteFromCache(model: LoadModelSpec, others: LoadModelSpec[] = []): Promise<null> {
    return this.request('delete-from-cache', { model, others });
  }

  storageEstimate(): Promise<StorageEstimate | null> {
    return this.request('storage-estimate', {});
  }

  /** Checks a weights folder from inside the worker (see the protocol); rejects with what is wrong. */
  checkWeightsFolder(weightsUrl: string, expected: WeightsFolderExpectation | null): Promise<WeightsFolderCheck> {
    return this.request('check-weights-folder', { weightsUrl, expected });
  }

  /** The server worker only: what a user's server serves (see the protocol). */
  connectServer(connection: ServerConnection, options: CallOptions = {}): Promise<ServerFacts> {
    return this.request('server-connect', { connection }, options.signal);
  }

  /** Ends the worker; requests still in flight are rejected as cancelled. */
  terminate(): void {
    this.worker.terminate();
    this.rejectAll(new ModelError(classifyError(new DOMException('The model worker was closed.', 'AbortError'))));
  }

  private request<Name extends OperationName>(
    type: Name,
    params: Params<Name>,
    signal?: CancelSignal,
    handlers: Pick<Pending, 'onProgress' | 'onToken'> = {},
  ): Promise<Result<Name>> {
    if (this.crashed) return Promise.reject(this.crashed);
    if (signal?.aborted) return Promise.reject(new ModelError(classifyError(new DOMException('Cancelled.', 'AbortError'))));
    const id = this.nextRequestId++;
    return new Promise<Result<Name>>((resolve, reject) => {
      const onAbort = (): void => this.worker.postMessage({ id: this.nextRequestId++, type: 'cancel', target: id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        ...handlers,
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as Result<Name>);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      this.worker.postMessage({ id, type, ...params } as WorkerRequest);
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'log') {
      this.dispatchEvent(new WorkerLogEvent(message.level, message.message));
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.progress);
        return;
      case 'token':
        pending.onToken?.(message.token);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.value);
        return;
      case 'error': {
        this.pending.delete(message.id);
        const error = new ModelError(describeFailure(message.error));
        pending.reject(error);
        if (needsReload(error)) this.dispatchEvent(new ModelLostEvent(error));
        return;
      }
    }
  }

  private fail(event: Event): void {
    // Handled here: the page reports it in words, so the browser need not log it as an uncaught error as well.
    event.preventDefault();
    if (this.crashed) return;
    // An `error` event is an ErrorEvent (read structurally: not every environment has the class).
    const detail =
      event.type === 'error'
        ? (event as Partial<ErrorEvent>).message || 'The model worker stopped.'
        : 'The model worker sent a message that could not be read.';
    this.crashed = new ModelError(classifyError(new Error(`Model worker crashed: ${detail}`)));
    this.rejectAll(this.crashed);
    this.dispatchEvent(new WorkerCrashEvent(this.crashed));
  }

  private rejectAll(error: ModelError): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(error);
  }
}

/** Tokens pushed by the worker, read with `for await`. */
class TokenQueue implements AsyncIterable<GeneratedToken> {
  private readonly items: GeneratedToken[] = [];
  private waiting: ((result: IteratorResult<GeneratedToken>) => void) | null = null;
  private ended = false;

  push(token: GeneratedToken): void {
    if (this.waiting) {
      this.waiting({ value: token, done: false });
      this.waiting = null;
    } else {
      this.items.push(token);
    }
  }

  end(): void {
    this.ended = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterator<GeneratedToken> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item) return Promise.resolve({ value: item, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
    };
  }
}
