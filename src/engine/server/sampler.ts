// Sampled mode at server speed (issue 14). Probes ask for one answer at a time, each with its own seed, and store
// each as it arrives; a server is fastest when asked for many at once. The sampler sits between: the first time a
// prompt is asked for it fetches one answer; when the same prompt (with the same settings) is asked for again, it
// fetches batches that grow to the server's limit, keeps up to `inFlight` of them running, and hands their answers
// out one per call, in order. A game, whose every prompt is new, so costs one request per move and wastes nothing;
// 1,500 answers to one prompt cost about a dozen requests. Each request carries the seed of the call that started it
// (and, for a batch, the server derives its answers' seeds from it), so a run is repeatable on the same server up to
// where its batches start: a resumed run starts new batches, and draws other answers of the same distribution.
import type { GenerateRequest, GenerateResult } from '../../core/model.ts';

/** Fetches `count` answers to one request in one HTTP request (or as the server allows), all from `seed`. */
export type FetchBatch = (request: GenerateRequest, count: number, seed: number, signal: AbortSignal) => Promise<GenerateResult[]>;

export interface SamplerLimits {
  /** The most answers one batch asks for. */
  maxBatch: number;
  /** The most batches running at once for one prompt. */
  inFlight: number;
}

/** Batches grow by this factor from 1 while a prompt keeps being asked for. */
const GROWTH = 8;
/** A batch asks for at most this many tokens in all (answers × maxTokens), so long answers come in smaller batches. */
const TOKENS_PER_BATCH = 16_384;

interface Pool {
  ready: GenerateResult[];
  running: Set<Promise<void>>;
  nextSize: number;
  /** Calls for this prompt so far: only a prompt asked for again is fetched ahead. */
  asked: number;
  failure: unknown;
}

/** Requests that differ only in their seed ask for answers from one distribution. */
function keyOf(request: GenerateRequest): string {
  return JSON.stringify({ ...request, seed: undefined });
}

export class BatchedSampler {
  private readonly pools = new Map<string, Pool>();
  private controller = new AbortController();

  constructor(
    private readonly fetchBatch: FetchBatch,
    private readonly limits: SamplerLimits,
  ) {}

  /** One answer to `request`; rejects with the server's failure, or an AbortError when `signal` stops it. */
  async take(request: GenerateRequest, signal: AbortSignal): Promise<GenerateResult> {
    const key = keyOf(request);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { ready: [], running: new Set(), nextSize: 1, asked: 0, failure: undefined };
      this.pools.set(key, pool);
    }
    pool.asked += 1;
    const onAbort = (): void => this.clear();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal.aborted) throw new DOMException('Sampling was stopped.', 'AbortError');
        if (pool.failure !== undefined) {
          const failure = pool.failure;
          this.pools.delete(key);
          throw failure;
        }
        const answer = pool.ready.shift();
        if (answer) {
          if (pool.asked > 1 && pool.running.size < this.limits.inFlight && pool.ready.length < this.cap(request)) this.start(pool, request);
          return answer;
        }
        if (pool.running.size === 0) this.start(pool, request);
        await Promise.race(pool.running);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stops every batch and forgets every answer not handed out (a stopped run starts afresh when resumed). */
  clear(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.pools.clear();
  }

  private cap(request: GenerateRequest): number {
    return Math.max(1, Math.min(this.limits.maxBatch, Math.floor(TOKENS_PER_BATCH / Math.max(1, request.maxTokens))));
  }

  private start(pool: Pool, request: GenerateRequest): void {
    const size = Math.min(pool.nextSize, this.cap(request));
    pool.nextSize = Math.min(size * GROWTH, this.cap(request));
    const signal = this.controller.signal;
    const batch = this.fetchBatch(request, size, request.seed, signal).then(
      (answers) => {
        if (!signal.aborted) pool.ready.push(...answers);
      },
      (error: unknown) => {
        if (!signal.aborted) pool.failure = error;
      },
    );
    const running = batch.finally(() => pool.running.delete(running));
    pool.running.add(running);
  }
}
