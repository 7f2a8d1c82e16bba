// Connecting to the user's server (issue 14): the models it serves, which server it is and its version, each found
// with a small request. What each server offers was read from its source (docs/scale-out.md lists the files):
// vLLM answers GET /version, llama.cpp's server GET /props (with build_info), Ollama GET /api/version. The model list
// names its owner ("vllm", "llamacpp", "library"), which says which to ask first, so a server is rarely asked for an
// address it does not have.
import type { ServerSoftware } from '../../core/results/index.ts';
import { LabFailure } from '../errors/kinds.ts';
import { ServerStatusError, statusFailure, type ServerHttp } from './http.ts';
import { readModelList, readVersion } from './responses.ts';
import type { ServerFacts } from './server-types.ts';

/** A failure as the lab names it: HTTP error statuses become kinds, the lab's own failures pass unchanged. */
export function asFailure(error: unknown): unknown {
  return error instanceof ServerStatusError ? statusFailure(error) : error;
}

const VERSION_PROBES: Record<Exclude<ServerSoftware, 'openai-compatible'>, { path: string; field: 'version' | 'build_info' }> = {
  vllm: { path: '/version', field: 'version' },
  'llama.cpp': { path: '/props', field: 'build_info' },
  ollama: { path: '/api/version', field: 'version' },
};

const OWNERS: Record<string, Exclude<ServerSoftware, 'openai-compatible'>> = { vllm: 'vllm', llamacpp: 'llama.cpp', library: 'ollama', ollama: 'ollama' };

/**
 * The server's version, when `software` answers its version request; undefined when this is not that server (the
 * address is missing or answers something else). A server that stops answering fails as it would anywhere.
 */
async function versionOf(http: ServerHttp, software: keyof typeof VERSION_PROBES, signal?: AbortSignal): Promise<string | null | undefined> {
  const probe = VERSION_PROBES[software];
  let body: unknown;
  try {
    body = await http.get(probe.path, signal);
  } catch (error) {
    if (error instanceof ServerStatusError && error.status !== 401 && error.status !== 403) return undefined;
    if (error instanceof LabFailure && error.kind === 'server-too-old') return undefined;
    throw asFailure(error);
  }
  const version = readVersion(body, probe.field);
  if (version !== null) return version;
  // llama.cpp's /props has build_info since 2024; an older one still has its generation settings.
  return software === 'llama.cpp' && typeof body === 'object' && body !== null && 'default_generation_settings' in body ? null : undefined;
}

export async function detectServer(http: ServerHttp, signal?: AbortSignal): Promise<ServerFacts> {
  let models;
  try {
    models = readModelList(await http.get('models', signal));
  } catch (error) {
    throw asFailure(error);
  }
  const hinted = models.map((model) => OWNERS[model.ownedBy ?? '']).find((software) => software !== undefined);
  const order = [...new Set([...(hinted ? [hinted] : []), 'vllm', 'llama.cpp', 'ollama'] as const)];
  let software: ServerSoftware = 'openai-compatible';
  let version: string | null = null;
  for (const candidate of order) {
    const found = await versionOf(http, candidate, signal);
    if (found === undefined) continue;
    software = candidate;
    version = found;
    break;
  }
  return { software, version, host: http.address.host, base: http.address.base, models: models.map((model) => model.id) };
}
