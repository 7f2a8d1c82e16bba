// Answers the model-worker protocol (src/engine/protocol.ts) with an inference backend.
// Model operations run one at a time, in arrival order: a GPU model can only do one thing at once, and its
// KV cache must not be shared by interleaved requests. `cancel`, `interrupt` and the read-only cache and
// storage queries answer at once.
import { checkWeightsFolder } from '../src/engine/bring-your-own-check.ts';
import { classifyFailure } from '../src/engine/errors/classify.ts';
import { LabFailure } from '../src/engine/errors/kinds.ts';
import type { GeneratedToken } from '../src/core/model.ts';
import type { OperationName, Operations, WorkerMessage, WorkerRequest } from '../src/engine/protocol.ts';
import type { InferenceBackend } from './backend.ts';

/** The part of a worker's global scope this needs (a real DedicatedWorkerGlobalScope fits). */
export interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

type Result<Name extends OperationName> = Operations[Name]['result'];

/** `fetcher` is the worker's own fetch; Node tests of the main-thread side hand in a stand-in for the model host. */
export function serveModelWorker(scope: WorkerScope, backend: InferenceBackend, fetcher: typeof fetch = (input, init) => fetch(input, init)): void {
  /** Requests that have started or are queued, so that `cancel` can reach them. */
  const cancellers = new Map<number, AbortController>();
  const generations = new Set<number>();
  let queue: Promise<unknown> = Promise.resolve();
  /**
   * Whether a model has loaded and not been unloaded since. web-llm reports a GPU device lost after loading only as
   * "model not loaded" on the next request (webllm-notes §1.4); this tells that apart from a request made too early.
   */
  let modelWasWorking = false;

  const post = (message: WorkerMessage): void => scope.postMessage(message);

  function inQueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function storageEstimate(): Promise<Result<'storage-estimate'>> {
    const estimate = await globalThis.navigator?.storage?.estimate?.();
    if (!estimate) return null;
    return { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 };
  }

  async function run(request: WorkerRequest, signal: AbortSignal): Promise<unknown> {
    const abortedBeforeStart = (): void => {
      if (signal.aborted) throw new DOMException('Cancelled before it started.', 'AbortError');
    };
    switch (request.type) {
      case 'cancel':
        cancellers.get(request.target)?.abort();
        return null;
      case 'interrupt':
        for (const id of generations) cancellers.get(id)?.abort();
        return null;
      case 'cache-status':
        return backend.cacheStatus(request.model);
      case 'delete-from-cache':
        return inQueue(() => {
          // Deleting the loaded model's files unloads it.
          modelWasWorking = false;
          return backend.deleteFromCache(request.model, request.others).then(() => null);
        });
      case 'storage-estimate':
        return storageEstimate();
      case 'check-weights-folder':
        return checkWeightsFolder(request.weightsUrl, request.expected, fetcher);
      case 'load':
        return inQueue(async () => {
          abortedBeforeStart();
          modelWasWorking = false;
          const result = await backend.load(request.model, (progress) => post({ type: 'progress', id: request.id, progress }), signal);
          modelWasWorking = true;
          return result;
        });
      case 'unload':
        return inQueue(() => {
          modelWasWorking = false;
          return backend.unload().then(() => null);
        });
      case 'tokenize':
        return inQueue(() => backend.tokenize(request.text));
      case 'detokenize':
        return inQueue(() => backend.detokenize(request.ids));
      case 'score':
        return inQueue(() => {
          abortedBeforeStart();
          return backend.score(request.request, signal);
        });
      case 'server-connect':
        if (!backend.connect) throw new LabFailure('internal', 'This model worker does not talk to servers.');
        return backend.connect(request.connection, signal);
      case 'generate':
        generations.add(request.id);
        return inQueue(() => {
          abortedBeforeStart();
          const onToken = request.stream ? (token: GeneratedToken) => post({ type: 'token', id: request.id, token }) : () => undefined;
          return backend.generate(request.request, onToken, signal);
        }).finally(() => generations.delete(request.id));
    }
  }

  // A rejection nobody handled inside the worker would otherwise vanish into the worker's console.
  scope.addEventListener('unhandledrejection', (event) => {
    post({ type: 'log', level: 'error', message: `Unhandled rejection in the model worker: ${String(event.reason)}` });
  });

  scope.addEventListener('message', (event) => {
    const request = event.data;
    const controller = new AbortController();
    cancellers.set(request.id, controller);
    run(request, controller.signal).then(
      (value) => post({ type: 'result', id: request.id, value }),
      (error: unknown) => post({ type: 'error', id: request.id, error: classifyFailure(error, { modelWasWorking }) }),
    ).finally(() => cancellers.delete(request.id));
  });
}
