// The server backend's cost (issue 14): HTTP requests per model against the stand-in vLLM server, for the runs the
// paper made: rng-0-10 in exact mode (one score request), rock-paper-scissors in exact mode (100 rounds, one score
// request each) and rng-0-10 in sampled mode (1,500 valid answers). The server backend runs here in Node, as it runs
// in the server worker; the stand-in answers from designed models over the real Llama 3.1 tokenizer.
import type { GenerateRequest, LanguageModel, ModelRole, ScoreRequest } from '../src/core/model.ts';
import type { CommonParams, ProbeSpec, RecordBase } from '../src/core/probes/probe.ts';
import { PROBES } from '../src/core/probes/registry.ts';
import { runProbe } from '../src/core/probes/runner.ts';
import type { ChatTemplateId } from '../src/core/prompts/chat-templates.ts';
import { ServerBackend } from '../src/engine/server/server-backend.ts';
import { DesignedModel } from '../test/fixtures/stand-in-server/designed-model.ts';
import { alignedRng, alignedRps, BASE_RNG, BASE_RPS, llamaTokenizer } from '../test/fixtures/stand-in-server/designs.ts';
import { startStandInServer, type StandInModel, type StandInServer } from '../test/fixtures/stand-in-server/stand-in-server.ts';
import { integer, printTable, type SectionResult } from './section.ts';

/** Targets from issue 14, per model. */
export const SERVER_REQUEST_TARGETS = { exactRequestsRng0to10: 2, sampledRequestsFor1500: 20 } as const;

export interface ServerBenchResult {
  exactRequestsRng0to10: number;
  exactRequestsRps: number;
  sampledRequestsFor1500: number;
}

const FAMILY: ChatTemplateId = 'llama-3.1';

function served(id: string, role: ModelRole, endOfSequenceId: number): StandInModel {
  const tokenizer = llamaTokenizer();
  // The game's design first: it asks for the game's words in the prompt, the number question's does not.
  const designs = role === 'base' ? [BASE_RPS, BASE_RNG] : [alignedRps(FAMILY), alignedRng(FAMILY)];
  return { id, model: new DesignedModel(tokenizer, endOfSequenceId, designs), beginningOfSequenceId: 128000 };
}

/** A model of the stand-in server as probes drive it, and the count of HTTP requests it made. */
async function serverModel(server: StandInServer, model: string, role: ModelRole): Promise<{ model: LanguageModel; backend: ServerBackend }> {
  const backend = new ServerBackend();
  const spec = { modelId: model, source: { kind: 'server' as const, modelId: model, connection: { baseUrl: server.baseUrl, apiKey: null }, model, family: FAMILY }, contextWindowTokens: 2048 };
  await backend.load(spec, () => undefined, new AbortController().signal);
  const signal = new AbortController().signal;
  return {
    backend,
    model: {
      id: model,
      role,
      tokenize: (text: string) => backend.tokenize(text),
      score: (request: ScoreRequest) => backend.score(request, signal),
      generate: (request: GenerateRequest) => backend.generate(request, () => undefined, signal),
    },
  };
}

/** The most requests any one model needed for a whole run of `spec` with `params`. */
async function requestsPerModel(server: StandInServer, spec: ProbeSpec<CommonParams, RecordBase, unknown>, params: CommonParams): Promise<number> {
  const models = [await serverModel(server, 'meta-llama/Llama-3.1-8B', 'base'), await serverModel(server, 'meta-llama/Llama-3.1-8B-Instruct', 'instruct')];
  for await (const record of runProbe(spec, { models: models.map(({ model }) => ({ model, chatTemplate: FAMILY })), params })) void record;
  return Math.max(...models.map(({ backend }) => backend.requestCount));
}

export async function benchServer(): Promise<SectionResult> {
  const server = await startStandInServer({
    flavour: 'vllm',
    models: [served('meta-llama/Llama-3.1-8B', 'base', 128001), served('meta-llama/Llama-3.1-8B-Instruct', 'instruct', 128009)],
  });
  const rng = PROBES['rng-0-10'] as unknown as ProbeSpec<CommonParams, RecordBase, unknown>;
  const rps = PROBES.rps as unknown as ProbeSpec<CommonParams, RecordBase, unknown>;
  const result: ServerBenchResult = {
    exactRequestsRng0to10: await requestsPerModel(server, rng, { ...PROBES['rng-0-10'].defaultParams, mode: 'exact' }),
    exactRequestsRps: await requestsPerModel(server, rps, { ...PROBES.rps.defaultParams, mode: 'exact' }),
    sampledRequestsFor1500: await requestsPerModel(server, rng, { ...PROBES['rng-0-10'].defaultParams, mode: 'sampled', n: 1500 } as CommonParams),
  };
  await server.close();
  const within =
    result.exactRequestsRng0to10 <= SERVER_REQUEST_TARGETS.exactRequestsRng0to10 && result.sampledRequestsFor1500 <= SERVER_REQUEST_TARGETS.sampledRequestsFor1500;
  printTable('Server backend (stand-in vLLM, HTTP requests per model)', [
    ['rng-0-10, exact', integer.format(result.exactRequestsRng0to10), `target ≤ ${SERVER_REQUEST_TARGETS.exactRequestsRng0to10}`],
    ['rps, exact, 100 rounds', integer.format(result.exactRequestsRps), 'one score request per round'],
    ['rng-0-10, sampled, 1,500 answers', integer.format(result.sampledRequestsFor1500), `target ≤ ${SERVER_REQUEST_TARGETS.sampledRequestsFor1500}`],
  ]);
  return { key: 'server', value: result, withinBudget: within };
}
