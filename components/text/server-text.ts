// The user's own server in the reader's language (issue 14): which server, which model family, what it can do.
import { msg, str } from '@lit/localize';
import { countText, formatNumber } from '../../src/app/format.ts';
import type { ChatTemplateId } from '../../src/core/prompts/chat-templates.ts';
import type { ServerModelInfo, ServerSoftware } from '../../src/core/results/index.ts';
import type { ServerCapabilities } from '../../src/engine/server/server-types.ts';

export function softwareName(software: ServerSoftware): string {
  switch (software) {
    case 'vllm':
      return 'vLLM';
    case 'llama.cpp':
      return msg('llama.cpp’s server');
    case 'ollama':
      return 'Ollama';
    case 'openai-compatible':
      return msg('an OpenAI-compatible server');
  }
}

/** "vLLM 0.11.0 at localhost:8000". */
export function serverText(info: Pick<ServerModelInfo, 'software' | 'version' | 'host'>): string {
  const name = info.version ? `${softwareName(info.software)} ${info.version}` : softwareName(info.software);
  return msg(str`${name} at ${info.host}`);
}

/** A model family as the reader knows it: the chat format, and the models that use it. */
export function familyName(family: ChatTemplateId): string {
  switch (family) {
    case 'llama-3.1':
      return msg('Llama 3.1 (Llama 3.1 8B and 70B)');
    case 'llama-3.2':
      return msg('Llama 3.2 (1B, 3B)');
    case 'ministral-3':
      return msg('Ministral 3');
    case 'qwen2.5':
      return msg('Qwen2.5');
    case 'smollm2':
      return msg('SmolLM2');
    case 'qwen3':
      return msg('Qwen3 (without thinking)');
  }
}

/** How exact mode reads answers on this server, in plain words. */
export function exactText(info: Pick<ServerModelInfo, 'exact' | 'topK'>): string {
  switch (info.exact) {
    case 'exact':
      return msg('Exact: the server reports the probability of every token of every answer and of its end.');
    case 'top-k':
      return msg(
        str`From the ${info.topK ?? 0} likeliest next tokens at each step: exact where an answer’s tokens are among them; otherwise the answer gets what is certainly its, and the rest counts as “other”.`,
      );
    case 'none':
      return msg('Not available on this server: use sampled mode.');
  }
}

/** How sampled mode asks this server, in plain words. */
export function samplingText(capabilities: Pick<ServerCapabilities, 'batch' | 'inFlight' | 'seeded'>): string {
  const seeds = capabilities.seeded ? msg('each request with its own seed') : msg('seeds not known to be honoured');
  const inFlight = capabilities.inFlight;
  if (capabilities.batch <= 1) return msg(str`One answer per request, ${formatNumber(inFlight)} at once, ${seeds}.`);
  const batch = formatNumber(capabilities.batch);
  return countText(inFlight, {
    one: (n) => msg(str`Up to ${batch} answers per request, ${n} request at a time, ${seeds}.`),
    other: (n) => msg(str`Up to ${batch} answers per request, ${n} requests at once, ${seeds}.`),
  });
}
