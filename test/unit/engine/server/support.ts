// Helpers for the server backend's Node tests: the rng-0-10 probe's own prompts and score requests, and loading a
// model of a stand-in server into a ServerBackend.
import type { LanguageModel, ModelRole, ScoreRequest } from '../../../../src/core/model.ts';
import { answerSlot } from '../../../../src/core/probes/framing.ts';
import { PROBES } from '../../../../src/core/probes/registry.ts';
import { scoreRequest, type Rng010Params } from '../../../../src/core/probes/rng-0-10/index.ts';
import type { ChatTemplateId } from '../../../../src/core/prompts/chat-templates.ts';
import type { LoadModelSpec, LoadResult } from '../../../../src/engine/protocol.ts';
import { ServerBackend } from '../../../../src/engine/server/server-backend.ts';
import type { StandInServer } from '../../../fixtures/stand-in-server/stand-in-server.ts';

/** The prompt rng-0-10 sends a model of this role and family (native framing). */
export function rngPrompt(role: ModelRole, family: ChatTemplateId): string {
  const spec = PROBES['rng-0-10'];
  const params: Rng010Params = { ...spec.defaultParams };
  return spec.prompt(params, { model: { id: 'test', role } as LanguageModel, chatTemplate: family }, []);
}

export function rngScoreRequest(role: ModelRole, family: ChatTemplateId): ScoreRequest {
  const probeModel = { model: { id: 'test', role } as LanguageModel, chatTemplate: family };
  return scoreRequest(rngPrompt(role, family), answerSlot(probeModel, PROBES['rng-0-10'].defaultParams.framing));
}

export function serverSpec(server: StandInServer, model: string, family: ChatTemplateId, apiKey: string | null = null): LoadModelSpec {
  return {
    modelId: `server:test/${model}`,
    source: { kind: 'server', modelId: `server:test/${model}`, connection: { baseUrl: server.baseUrl, apiKey }, model, family },
    contextWindowTokens: 2048,
  };
}

export async function loadOn(
  server: StandInServer,
  model: string,
  family: ChatTemplateId,
  apiKey: string | null = null,
): Promise<{ backend: ServerBackend; result: LoadResult }> {
  const backend = new ServerBackend();
  const result = await backend.load(serverSpec(server, model, family, apiKey), () => undefined, new AbortController().signal);
  return { backend, result };
}
