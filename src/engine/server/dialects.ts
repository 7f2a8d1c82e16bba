// How the lab asks each server for what it needs (issue 14). Every server gets the prompt text the lab's templates
// rendered, unchanged: vLLM as text with add_special_tokens off (no second BOS), llama.cpp's server as token ids (it
// puts BOS before any text prompt; README: /completion "prompt"), Ollama with raw on (else it wraps the prompt in the
// model's own template: server/routes.go). Sampling always names every setting (temperature, top_p 1, no top-k or
// min-p, penalties as asked), since servers fill unset ones from the model's generation config or their own defaults
// (llama.cpp: top_k 40, top_p 0.95, min_p 0.05; Ollama: top_k 40, top_p 0.9).
import type { GenerateRequest, GenerateResult, ScoreCost, ScoreRequest, ScoreResult } from '../../core/model.ts';
import type { ChatTemplateId } from '../../core/prompts/chat-templates.ts';
import type { ServerSoftware } from '../../core/results/index.ts';
import {
  combineScore,
  coveringSequences,
  LogprobTable,
  mergedVariants,
  neededContexts,
  serverTrie,
  textsAlone,
  textsInContext,
  TokenizationTable,
  unreadPairs,
} from '../../core/server/server-scoring.ts';
import { familyMarkers } from '../../core/server/family.ts';
import { LabFailure } from '../errors/kinds.ts';
import { asFailure } from './detect.ts';
import { ServerStatusError, type ServerHttp } from './http.ts';
import {
  readCompletionChoices,
  readEchoedSequences,
  readNextTokenLists,
  readOllamaGeneration,
  readTokens,
  readSlots,
  type EchoedSequence,
} from './responses.ts';
import type { FetchBatch } from './sampler.ts';
import type { ServerCapabilities } from './server-types.ts';

/** How many next-token log-probabilities the lab asks a top-k server for: enough to hold a small answer set. */
export const TOP_K = 100;
/** The most answers one vLLM request asks for (`n`). */
const VLLM_MAX_BATCH = 128;
/** The most requests kept in flight at once. */
const MAX_IN_FLIGHT = 8;

/** The text capability checks send: the family's beginning of text and a word, so BOS handling shows. */
export function probeText(family: ChatTemplateId): string {
  return `${familyMarkers(family).beginningOfText}Hello`;
}

export interface Dialect {
  readonly software: ServerSoftware;
  /** The server's tokenization of each text, special-token text read as the special token, nothing added. */
  tokenize(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
  /** What the server can do with this model; `probeIds` is the server's tokenization of probeText(family). */
  capabilities(family: ChatTemplateId, probeIds: readonly number[] | null, signal?: AbortSignal): Promise<ServerCapabilities>;
  score(request: ScoreRequest, endOfSequenceIds: readonly number[], capabilities: ServerCapabilities, signal: AbortSignal): Promise<ScoreResult>;
  fetchBatch: FetchBatch;
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asFailure(modelMissing(error));
  }
}

/** A 404 (or 400) that names the model: the server does not serve it (any more). */
function modelMissing(error: unknown): unknown {
  if (error instanceof ServerStatusError && (error.status === 404 || error.status === 400) && /model/i.test(error.serverMessage) && /not (?:exist|found)|does not exist|unknown/i.test(error.serverMessage)) {
    return new LabFailure('server-model-missing', error.message);
  }
  return error;
}

/** Runs `work` over `items` with at most `limit` at once, keeping their order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A batch from a server that answers one request with one answer: `count` requests at once, seeds seed, seed + 1 … */
function oneAnswerEach(count: number, seed: number, fetchOne: (seed: number) => Promise<GenerateResult>): Promise<GenerateResult[]> {
  return pooled(Array.from({ length: count }, (_, i) => (seed + i) >>> 0), count, (oneSeed) => call(() => fetchOne(oneSeed)));
}

function samplingSettings(request: GenerateRequest) {
  return {
    temperature: request.temperature,
    top_p: 1,
    max_tokens: request.maxTokens,
    stop: request.stop ?? [],
    frequency_penalty: request.frequencyPenalty ?? 0,
    presence_penalty: request.presencePenalty ?? 0,
  };
}

function noLogprobs(software: ServerSoftware, reason: string): LabFailure {
  return new LabFailure('server-unsupported', `${software}: ${reason}`);
}

const tokenCount = (sequences: readonly (readonly number[])[]): number => sequences.reduce((sum, sequence) => sum + sequence.length, 0);

/** Adds to `table` the server's tokenization of every text it lacks. */
async function tokenizeMissing(dialect: Pick<Dialect, 'tokenize'>, table: TokenizationTable, texts: readonly string[], signal?: AbortSignal): Promise<void> {
  const missing = texts.filter((text) => !table.has(text));
  if (missing.length === 0) return;
  const ids = await dialect.tokenize(missing, signal);
  missing.forEach((text, i) => table.set(text, ids[i] as number[]));
}

// -------------------------------------------------------------------------------------------------------------------
// vLLM: vllm/entrypoints/openai/completion/protocol.py (CompletionRequest: echo, logprobs, add_special_tokens,
// return_tokens_as_token_ids, prompt as text, texts or token ids) and serving.py (echo with max_tokens 0 returns the
// prompt alone, with each token's log-probability given the tokens before it).

export class VllmDialect implements Dialect {
  readonly software = 'vllm' as const;
  /** 0 where vLLM echoes without generating (echo_without_generation); 1 on servers that refuse max_tokens 0. */
  private echoMaxTokens: 0 | 1 = 0;

  constructor(
    private readonly http: ServerHttp,
    private readonly model: string,
  ) {}

  tokenize(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    return call(() =>
      pooled(texts, MAX_IN_FLIGHT, async (text) => readTokens(await this.http.post('/tokenize', { model: this.model, prompt: text, add_special_tokens: false }, signal))),
    );
  }

  /** Each prompt echoed with its tokens' log-probabilities: one request for all of them. */
  private async echo(prompts: readonly (string | number[])[], signal?: AbortSignal): Promise<EchoedSequence[]> {
    const body = await this.http.post(
      'completions',
      {
        model: this.model,
        prompt: prompts,
        echo: true,
        max_tokens: this.echoMaxTokens,
        logprobs: 0,
        return_tokens_as_token_ids: true,
        add_special_tokens: false,
        temperature: 1,
      },
      signal,
    );
    const sequences = readEchoedSequences(body, prompts.length);
    // With max_tokens 1 the one generated token follows the prompt; it is not part of what was asked about.
    return this.echoMaxTokens === 0 ? sequences : sequences.map(({ ids, logprobs }) => ({ ids: ids.slice(0, -1), logprobs: logprobs.slice(0, -1) }));
  }

  async capabilities(family: ChatTemplateId, probeIds: readonly number[] | null, signal?: AbortSignal): Promise<ServerCapabilities> {
    const sampling = { batch: VLLM_MAX_BATCH, inFlight: 2, seeded: true };
    let echoed: EchoedSequence | undefined;
    try {
      echoed = (await call(() => this.echo([probeText(family)], signal)))[0];
    } catch (error) {
      if (!(error instanceof LabFailure) || error.kind !== 'server-error') {
        if (error instanceof LabFailure && error.kind === 'server-too-old') return { exact: 'none', topK: null, exactUnavailable: error.message, ...sampling };
        throw error;
      }
      // Versions before echo_without_generation refuse max_tokens 0: ask for one token and leave it out.
      this.echoMaxTokens = 1;
      echoed = (await call(() => this.echo([probeText(family)], signal)))[0];
    }
    if (!echoed || !probeIds || echoed.ids.join() !== probeIds.join()) {
      return {
        exact: 'none',
        topK: null,
        exactUnavailable: `vllm: the completions endpoint read ${echoed?.ids.join(', ') ?? 'nothing'} where /tokenize read ${probeIds?.join(', ') ?? 'nothing'}.`,
        ...sampling,
      };
    }
    return { exact: 'exact', topK: null, exactUnavailable: null, ...sampling };
  }

  async score(request: ScoreRequest, endOfSequenceIds: readonly number[], capabilities: ServerCapabilities, signal: AbortSignal): Promise<ScoreResult> {
    if (capabilities.exact !== 'exact') throw noLogprobs(this.software, capabilities.exactUnavailable ?? 'no log-probabilities');
    const table = new TokenizationTable();
    const logprobs = new LogprobTable();
    const sent: number[][] = [];
    // One request tokenizes the prompt, each variant and each terminator after it, and reads every log-probability
    // along them: usually all the trie needs.
    const texts = textsInContext(request);
    const echoed = await call(() => this.echo(texts, signal));
    // The first text is the prompt: no context the trie reads is shorter.
    const promptLength = echoed[0]?.ids.length ?? 1;
    texts.forEach((text, i) => {
      const sequence = echoed[i] as EchoedSequence;
      table.set(text, sequence.ids);
      logprobs.addSequence(sequence.ids, sequence.logprobs, promptLength);
      sent.push(sequence.ids);
    });
    const merged = mergedVariants(request, table);
    if (merged.length > 0) {
      const alone = textsAlone(request, merged);
      const ids = await call(() => this.echo(alone, signal));
      alone.forEach((text, i) => table.set(text, (ids[i] as EchoedSequence).ids));
      sent.push(...ids.map((sequence) => sequence.ids));
    }
    const trie = serverTrie(request, table, endOfSequenceIds);
    const unread = coveringSequences(unreadPairs(neededContexts(trie), logprobs));
    if (unread.length > 0) {
      const read = await call(() => this.echo(unread, signal));
      for (const sequence of read) logprobs.addSequence(sequence.ids, sequence.logprobs, trie.promptIds.length);
      sent.push(...unread);
    }
    return combineScore(request, trie, logprobs, { forwardPasses: sent.length, prefillTokens: tokenCount(sent) });
  }

  readonly fetchBatch: FetchBatch = (request, count, seed, signal) =>
    call(async () => {
      const body = await this.http.post(
        'completions',
        {
          model: this.model,
          prompt: request.prompt,
          add_special_tokens: false,
          n: count,
          seed,
          ...samplingSettings(request),
          // vLLM accepts -1 and, in newer versions, 0 for "no top-k"; -1 works in both.
          top_k: -1,
          min_p: 0,
          repetition_penalty: request.repetitionPenalty ?? 1,
        },
        signal,
      );
      return generated(readCompletionChoices(body, count), body);
    });
}

/** GenerateResults from choices, with the token counts the answer's usage gives (split evenly: it is per request). */
function generated(choices: readonly { text: string; finishReason: 'stop' | 'length' }[], body: unknown): GenerateResult[] {
  const usage = (Array.isArray(body) ? body[0] : body) as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | undefined;
  const promptTokens = typeof usage?.usage?.prompt_tokens === 'number' ? usage.usage.prompt_tokens : 0;
  const completionTokens = typeof usage?.usage?.completion_tokens === 'number' ? usage.usage.completion_tokens : 0;
  return choices.map((choice) => ({
    text: choice.text,
    finishReason: choice.finishReason,
    promptTokens: Array.isArray(body) ? promptTokens : Math.round(promptTokens / Math.max(1, choices.length)),
    completionTokens: Math.round(completionTokens / Math.max(1, Array.isArray(body) ? 1 : choices.length)),
  }));
}

// -------------------------------------------------------------------------------------------------------------------
// llama.cpp's server: tools/server/server-task.cpp (params_from_json_cmpl: n_probs, seed, top_k, min_p …;
// to_json_oaicompat: logprobs.content[].top_logprobs with ids), server-common.cpp (no echo), README (/tokenize with
// add_special and parse_special; several prompts in one request; token-id prompts get no BOS; /props total_slots).
// Its n_probs are the model's own next-token probabilities (a softmax of the raw logits), the k likeliest of them.

export class LlamaCppDialect implements Dialect {
  readonly software = 'llama.cpp' as const;
  private readonly promptIds = new Map<string, number[]>();

  constructor(
    private readonly http: ServerHttp,
    private readonly model: string,
  ) {}

  tokenize(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    return call(() =>
      pooled(texts, MAX_IN_FLIGHT, async (text) =>
        readTokens(await this.http.post('/tokenize', { model: this.model, content: text, add_special: false, parse_special: true }, signal)),
      ),
    );
  }

  private nextTokens(contexts: readonly number[][], signal?: AbortSignal) {
    return call(async () => {
      const body = await this.http.post(
        'completions',
        { model: this.model, prompt: contexts, max_tokens: 1, n_probs: TOP_K, temperature: 1, top_k: 0, top_p: 1, min_p: 0, cache_prompt: true },
        signal,
      );
      return readNextTokenLists(body, contexts.length);
    });
  }

  async capabilities(_family: ChatTemplateId, probeIds: readonly number[] | null, signal?: AbortSignal): Promise<ServerCapabilities> {
    const props = await call(() => this.http.get('/props', signal)).catch(() => null);
    const sampling = { batch: 1, inFlight: Math.min(MAX_IN_FLIGHT, readSlots(props) ?? 1), seeded: true };
    if (!probeIds || probeIds.length === 0) return { exact: 'none', topK: null, exactUnavailable: 'llama.cpp: no tokenization to ask with.', ...sampling };
    try {
      await this.nextTokens([[...probeIds]], signal);
    } catch (error) {
      if (error instanceof LabFailure && (error.kind === 'server-too-old' || error.kind === 'server-error')) {
        return { exact: 'none', topK: null, exactUnavailable: error.message, ...sampling };
      }
      throw error;
    }
    return { exact: 'top-k', topK: TOP_K, exactUnavailable: null, ...sampling };
  }

  async score(request: ScoreRequest, endOfSequenceIds: readonly number[], capabilities: ServerCapabilities, signal: AbortSignal): Promise<ScoreResult> {
    if (capabilities.exact === 'none') throw noLogprobs(this.software, capabilities.exactUnavailable ?? 'no log-probabilities');
    const table = new TokenizationTable();
    await tokenizeMissing(this, table, textsInContext(request), signal);
    await tokenizeMissing(this, table, textsAlone(request, mergedVariants(request, table)), signal);
    const trie = serverTrie(request, table, endOfSequenceIds);
    const contexts = neededContexts(trie).map(({ context }) => context);
    const logprobs = new LogprobTable();
    const lists = await this.nextTokens(contexts, signal);
    contexts.forEach((context, i) => logprobs.addTopK(context, lists[i] ?? []));
    const cost: ScoreCost = { forwardPasses: contexts.length, prefillTokens: tokenCount(contexts) };
    return combineScore(request, trie, logprobs, cost);
  }

  /** The prompt as token ids, tokenized once per distinct prompt. */
  private async idsOf(prompt: string, signal?: AbortSignal): Promise<number[]> {
    const known = this.promptIds.get(prompt);
    if (known) return known;
    const [ids] = await this.tokenize([prompt], signal);
    if (this.promptIds.size > 64) this.promptIds.clear();
    this.promptIds.set(prompt, ids as number[]);
    return ids as number[];
  }

  readonly fetchBatch: FetchBatch = async (request, count, seed, signal) => {
    const prompt = await this.idsOf(request.prompt, signal);
    // One answer per request (whether n_cmpl's answers get seeds of their own is not documented), each with a seed.
    return oneAnswerEach(count, seed, async (oneSeed) => {
      const body = await this.http.post(
        'completions',
        {
          model: this.model,
          prompt,
          seed: oneSeed,
          ...samplingSettings(request),
          top_k: 0,
          min_p: 0,
          typical_p: 1,
          repeat_penalty: request.repetitionPenalty ?? 1,
          dry_multiplier: 0,
          xtc_probability: 0,
          mirostat: 0,
          cache_prompt: true,
        },
        signal,
      );
      return generated(readCompletionChoices(body, 1), body)[0] as GenerateResult;
    });
  };
}

// -------------------------------------------------------------------------------------------------------------------
// Ollama: openai/openai.go (its /v1/completions takes a text prompt and returns no log-probabilities, and leaves raw
// off), server/routes.go (GenerateHandler: raw skips the template; /api/version), api/types.go (options). It has no
// tokenizer endpoint, so the lab cannot build answer tries for it: sampled mode only.

export class OllamaDialect implements Dialect {
  readonly software = 'ollama' as const;

  constructor(
    private readonly http: ServerHttp,
    private readonly model: string,
  ) {}

  tokenize(): Promise<number[][]> {
    return Promise.reject(noLogprobs(this.software, 'Ollama has no tokenizer endpoint.'));
  }

  async capabilities(): Promise<ServerCapabilities> {
    return {
      exact: 'none',
      topK: null,
      exactUnavailable: 'ollama: no tokenizer endpoint, and its OpenAI-compatible completions return no log-probabilities.',
      batch: 1,
      inFlight: 4,
      seeded: true,
    };
  }

  score(): Promise<ScoreResult> {
    return Promise.reject(noLogprobs(this.software, 'Ollama has no tokenizer endpoint, so answers cannot be read token by token.'));
  }

  readonly fetchBatch: FetchBatch = (request, count, seed, signal) =>
    oneAnswerEach(count, seed, async (oneSeed) => {
      const settings = samplingSettings(request);
      const body = await this.http.post(
        '/api/generate',
        {
          model: this.model,
          prompt: request.prompt,
          raw: true,
          stream: false,
          options: {
            temperature: settings.temperature,
            top_p: 1,
            top_k: 0,
            min_p: 0,
            repeat_penalty: request.repetitionPenalty ?? 1,
            frequency_penalty: settings.frequency_penalty,
            presence_penalty: settings.presence_penalty,
            seed: oneSeed,
            num_predict: request.maxTokens,
            stop: settings.stop,
          },
        },
        signal,
      );
      const answer = readOllamaGeneration(body);
      return { text: answer.text, finishReason: answer.finishReason, promptTokens: answer.promptTokens, completionTokens: answer.completionTokens };
    });
}

// -------------------------------------------------------------------------------------------------------------------
// Any other server with an OpenAI-compatible /v1/completions: sampled mode with the standard parameters only. Whether
// it adds a BOS before the prompt cannot be checked without a tokenizer; the Lab says so.

export class GenericDialect implements Dialect {
  readonly software = 'openai-compatible' as const;

  constructor(
    private readonly http: ServerHttp,
    private readonly model: string,
  ) {}

  tokenize(): Promise<number[][]> {
    return Promise.reject(noLogprobs(this.software, 'the server has no known tokenizer endpoint.'));
  }

  async capabilities(): Promise<ServerCapabilities> {
    return { exact: 'none', topK: null, exactUnavailable: 'openai-compatible: no known tokenizer endpoint.', batch: 1, inFlight: 2, seeded: false };
  }

  score(): Promise<ScoreResult> {
    return Promise.reject(noLogprobs(this.software, 'the server has no known tokenizer endpoint.'));
  }

  readonly fetchBatch: FetchBatch = (request, count, seed, signal) =>
    oneAnswerEach(count, seed, async (oneSeed) => {
      const body = await this.http.post('completions', { model: this.model, prompt: request.prompt, seed: oneSeed, ...samplingSettings(request) }, signal);
      return generated(readCompletionChoices(body, 1), body)[0] as GenerateResult;
    });
}

export function dialectFor(software: ServerSoftware, http: ServerHttp, model: string): Dialect {
  switch (software) {
    case 'vllm':
      return new VllmDialect(http, model);
    case 'llama.cpp':
      return new LlamaCppDialect(http, model);
    case 'ollama':
      return new OllamaDialect(http, model);
    case 'openai-compatible':
      return new GenericDialect(http, model);
  }
}
