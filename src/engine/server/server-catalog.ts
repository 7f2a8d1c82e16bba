// "Your server" as a comparison (issue 14): the models a user picked from their servers' lists, each with its role
// (base, aligned, or a further stage) and its family (the chat format the lab renders its prompts in), as catalog
// models the rest of the lab already knows how to load, run and record. The models may come from several servers:
// vLLM serves one model per process, so a base and its aligned twin are two servers on two ports.
import { msg, str } from '@lit/localize';
import type { ModelRole } from '../../core/model.ts';
import { CHAT_TEMPLATE_IDS, type ChatTemplateId } from '../../core/prompts/chat-templates.ts';
import { MAX_RUN_MODELS } from '../../core/results/index.ts';
import type { CatalogModel, Comparison, InputProblem, ModelVariant } from '../catalog.ts';
import type { ServerConnection, ServerFacts } from './server-types.ts';

/** A server the Lab has connected to: how to reach it, and what it said it is and serves. */
export interface ConnectedServer {
  connection: ServerConnection;
  facts: ServerFacts;
}

export interface ServerModelChoice {
  /** The server it is on. */
  server: ConnectedServer;
  /** The model's name on the server. */
  model: string;
  role: ModelRole;
  /** null until the user has chosen one. */
  family: ChatTemplateId | null;
}

export type ServerComparisonResult = { ok: true; comparison: Comparison } | { ok: false; problems: InputProblem[] };

/** The probes need at most 2,048 tokens of context, as in the browser. */
const CONTEXT_WINDOW_TOKENS = 2048;

const ROLE_ORDER: Record<ModelRole, number> = { base: 0, instruct: 1, reasoning: 2 };

/** The id a server model's records carry: the server's host and the model's name, so a resumed run finds it again. */
export function serverModelId(facts: Pick<ServerFacts, 'host'>, model: string): string {
  return `server:${facts.host}/${model}`;
}

/** Which input a problem with one server model's choice belongs to. */
export function choiceField(what: 'model' | 'family', base: string, model: string): string {
  return `${what}:${base}|${model}`;
}

/** A first guess at a served model's family from its name (the user can change it). */
export function guessFamily(model: string): ChatTemplateId | null {
  const name = model.toLowerCase().replace(/[\s_]/g, '-');
  if (/llama-?3\.2/.test(name)) return 'llama-3.2';
  // Not Tulu 3: it is a Llama 3.1 model with a chat format of its own, which the lab does not have yet.
  if (/tulu/.test(name)) return null;
  if (/llama-?3(\.1)?\b|llama-?3\.1/.test(name)) return 'llama-3.1';
  if (/qwen-?3/.test(name)) return 'qwen3';
  if (/qwen-?2\.5/.test(name)) return 'qwen2.5';
  if (/smollm-?2/.test(name)) return 'smollm2';
  if (/ministral|mistral/.test(name)) return 'ministral-3';
  return null;
}

/** A first guess at a served model's role from its name: "instruct", "chat", "-it", SFT/DPO stages are aligned. */
export function guessRole(model: string): ModelRole {
  const name = model.toLowerCase();
  if (/reason|think|-r1\b/.test(name)) return 'reasoning';
  return /instruct|chat|-it\b|:it\b|sft|dpo|rlvr|\brl\b/.test(name) ? 'instruct' : 'base';
}

/** Checks the user's choices and makes the comparison; its models keep their connection (and key) in memory only. */
export function serverComparison(choices: readonly ServerModelChoice[]): ServerComparisonResult {
  const problems: InputProblem[] = [];
  if (choices.length === 0) problems.push({ field: 'models', message: msg('Choose at least one model of the server for the run.') });
  if (choices.length > MAX_RUN_MODELS) {
    problems.push({ field: 'models', message: msg(str`A run compares at most ${MAX_RUN_MODELS} models; ${choices.length} are chosen.`) });
  }
  for (const choice of choices) {
    if (!choice.server.facts.models.includes(choice.model)) {
      problems.push({ field: choiceField('model', choice.server.facts.base, choice.model), message: msg(str`The server does not list ${choice.model}: connect again to see its models.`) });
    }
    if (choice.family === null || !CHAT_TEMPLATE_IDS.includes(choice.family)) {
      problems.push({ field: choiceField('family', choice.server.facts.base, choice.model), message: msg(str`Choose the model family of ${choice.model}.`) });
    }
  }
  if (new Set(choices.map((choice) => serverModelId(choice.server.facts, choice.model))).size !== choices.length) {
    problems.push({ field: 'models', message: msg('Each model may be chosen once.') });
  }
  if (problems.length > 0) return { ok: false, problems };

  const ordered = [...choices].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const models: CatalogModel[] = ordered.map(({ family, server, ...choice }, i) => {
    if (family === null) throw new Error('Every family was checked above.');
    const modelId = serverModelId(server.facts, choice.model);
    const variant: ModelVariant = {
      source: { kind: 'server', modelId, connection: server.connection, model: choice.model, family },
      downloadBytes: 0,
      downloadBytesIsEstimate: false,
      vramMB: 0,
      revision: null,
    };
    return {
      id: `server-${i + 1}`,
      comparison: 'your-server',
      role: choice.role,
      name: choice.model,
      // Nothing is downloaded: both weight formats name the same server model.
      variants: { q4f16: variant, q4f32: variant },
      contextWindowTokens: CONTEXT_WINDOW_TOKENS,
      chatTemplate: family,
      licence: { name: 'As set by the model’s publisher', url: '' },
      sourceUrl: '',
    };
  });
  const base = models.find((model) => model.role === 'base') ?? models[0];
  const aligned = models.find((model) => model !== base) ?? base;
  const hosts = [...new Set(choices.map((choice) => choice.server.facts.host))];
  return {
    ok: true,
    comparison: {
      id: 'your-server',
      name: `Your server (${hosts.join(', ')})`,
      description: 'Models on a server the user runs, reached over its OpenAI-compatible API.',
      models,
      defaultPair: [base?.id ?? '', aligned?.id ?? ''],
    },
  };
}
