// Reading what a server answers. The shapes are those the servers' sources define (docs/scale-out.md lists the files):
// vLLM's CompletionResponse (completion/protocol.py), llama.cpp's to_json_oaicompat (server-task.cpp; an array of such
// objects for several prompts), Ollama's GenerateResponse (api/types.go). A server's answer is data: anything that
// does not have the expected shape is refused as an older or different server, never half read.
import type { TokenLogprob } from '../../core/server/server-scoring.ts';
import { LabFailure } from '../errors/kinds.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function unexpected(what: string, detail: string): LabFailure {
  return new LabFailure('server-too-old', `${what} did not have the shape the lab reads: ${detail}`);
}

export interface ServedModel {
  id: string;
  /** vLLM writes "vllm", llama.cpp "llamacpp", Ollama "library" (or the user's namespace). */
  ownedBy: string | null;
}

/** GET /v1/models: {object: "list", data: [{id, owned_by, …}]}. */
export function readModelList(body: unknown): ServedModel[] {
  if (!isObject(body) || !Array.isArray(body.data)) throw unexpected('The model list (/v1/models)', 'it has no "data" list.');
  const models = body.data.flatMap((entry): ServedModel[] =>
    isObject(entry) && typeof entry.id === 'string' && entry.id !== '' ? [{ id: entry.id, ownedBy: typeof entry.owned_by === 'string' ? entry.owned_by : null }] : [],
  );
  if (models.length === 0) throw unexpected('The model list (/v1/models)', 'it lists no model.');
  return models;
}

/** The finish reasons the lab keeps: anything but running out of tokens ended the text on the model's own terms. */
function finishReason(value: unknown): 'stop' | 'length' {
  return value === 'length' ? 'length' : 'stop';
}

export interface CompletionChoice {
  text: string;
  finishReason: 'stop' | 'length';
}

function readChoices(body: unknown, what: string): Json[] {
  if (!isObject(body) || !Array.isArray(body.choices)) throw unexpected(what, 'it has no "choices" list.');
  const choices = body.choices.filter(isObject);
  if (choices.length !== body.choices.length) throw unexpected(what, 'a choice is not an object.');
  for (const choice of choices) if (typeof choice.text !== 'string') throw unexpected(what, 'a choice has no "text".');
  return [...choices].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
}

/** An echoed prompt with each token's log-probability (vLLM: echo, logprobs and return_tokens_as_token_ids). */
export interface EchoedSequence {
  ids: number[];
  /** null at the first token, which has no context. */
  logprobs: (number | null)[];
}

const TOKEN_ID = /^token_id:(\d+)$/;

/** vLLM's /v1/completions with echo: one sequence per prompt, in the order they were sent. */
export function readEchoedSequences(body: unknown, count: number): EchoedSequence[] {
  const what = 'The answer to an echoed completion';
  const choices = readChoices(body, what);
  if (choices.length !== count) throw unexpected(what, `it has ${choices.length} choices for ${count} prompts.`);
  return choices.map((choice) => {
    const logprobs = choice.logprobs;
    if (!isObject(logprobs) || !Array.isArray(logprobs.tokens) || !Array.isArray(logprobs.token_logprobs)) {
      throw unexpected(what, 'a choice has no "logprobs" with "tokens" and "token_logprobs".');
    }
    const ids = logprobs.tokens.map((token) => {
      const match = typeof token === 'string' ? TOKEN_ID.exec(token) : null;
      if (!match) throw unexpected(what, `a token is ${JSON.stringify(token)}, not "token_id:<id>" (return_tokens_as_token_ids is not supported).`);
      return Number(match[1]);
    });
    const values = logprobs.token_logprobs.map((value) => {
      if (value === null || typeof value === 'number') return value;
      throw unexpected(what, `a log-probability is ${JSON.stringify(value)}.`);
    });
    if (values.length !== ids.length) throw unexpected(what, 'it has a different number of tokens and log-probabilities.');
    return { ids, logprobs: values };
  });
}

/** llama.cpp answers several prompts with an array of completions, one prompt with one completion. */
function llamaCompletions(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

/** The choices of llama.cpp's (or any OpenAI-compatible server's) /v1/completions, over all prompts, in order. */
export function readCompletionChoices(body: unknown, count: number): CompletionChoice[] {
  const what = 'The answer to a completion';
  const choices = llamaCompletions(body).flatMap((completion) => readChoices(completion, what));
  if (choices.length !== count) throw unexpected(what, `it has ${choices.length} choices where ${count} were asked for.`);
  return choices.map((choice) => ({ text: choice.text as string, finishReason: finishReason(choice.finish_reason) }));
}

/** llama.cpp's top log-probabilities after each prompt (n_probs, one generated token each): one list per prompt. */
export function readNextTokenLists(body: unknown, count: number): TokenLogprob[][] {
  const what = 'The answer to a completion with n_probs';
  const choices = llamaCompletions(body).flatMap((completion) => readChoices(completion, what));
  if (choices.length !== count) throw unexpected(what, `it has ${choices.length} choices for ${count} prompts.`);
  return choices.map((choice) => {
    const logprobs = choice.logprobs;
    const first = isObject(logprobs) && Array.isArray(logprobs.content) ? logprobs.content[0] : undefined;
    if (!isObject(first) || !Array.isArray(first.top_logprobs)) throw unexpected(what, 'a choice has no "logprobs.content[0].top_logprobs".');
    return first.top_logprobs.map((entry) => {
      if (!isObject(entry) || !Number.isInteger(entry.id) || typeof entry.logprob !== 'number') {
        throw unexpected(what, 'a top log-probability has no "id" and "logprob".');
      }
      return { id: entry.id as number, logprob: entry.logprob };
    });
  });
}

/** Token ids from /tokenize: vLLM's {tokens: [ids]}, llama.cpp's {tokens: [ids]} (or [{id, piece}] with pieces). */
export function readTokens(body: unknown): number[] {
  if (!isObject(body) || !Array.isArray(body.tokens)) throw unexpected('The answer of /tokenize', 'it has no "tokens" list.');
  return body.tokens.map((token) => {
    const id = isObject(token) ? token.id : token;
    if (!Number.isInteger(id) || (id as number) < 0) throw unexpected('The answer of /tokenize', `a token is ${JSON.stringify(token)}.`);
    return id as number;
  });
}

/** Ollama's /api/generate without streaming. */
export function readOllamaGeneration(body: unknown): CompletionChoice & { promptTokens: number; completionTokens: number } {
  if (!isObject(body) || typeof body.response !== 'string') throw unexpected('The answer of /api/generate', 'it has no "response".');
  return {
    text: body.response,
    finishReason: finishReason(body.done_reason),
    promptTokens: Number.isInteger(body.prompt_eval_count) ? (body.prompt_eval_count as number) : 0,
    completionTokens: Number.isInteger(body.eval_count) ? (body.eval_count as number) : 0,
  };
}

/** A version from vLLM's /version or Ollama's /api/version ({version}) or llama.cpp's /props ({build_info}). */
export function readVersion(body: unknown, field: 'version' | 'build_info'): string | null {
  if (!isObject(body)) return null;
  const value = body[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : null;
}

/** llama.cpp's number of slots (/props total_slots): how many requests it serves at once. */
export function readSlots(body: unknown): number | null {
  return isObject(body) && Number.isInteger(body.total_slots) && (body.total_slots as number) > 0 ? (body.total_slots as number) : null;
}
