// Connecting the Lab to the user's own servers (issue 14): ask each what it serves, let the user say which model is
// the base and which the aligned one (and further stages) and which family each is, then make those the session's
// comparison and check each model on its server. Several servers may be connected, since vLLM serves one model per
// process. Talking to a server happens in a server worker, whose Content-Security-Policy allows it; an API key stays
// in this page's memory (and that worker's) only.
import type { ModelRole } from '../core/model.ts';
import type { ChatTemplateId } from '../core/prompts/chat-templates.ts';
import { MAX_RUN_MODELS } from '../core/results/index.ts';
import type { InputProblem } from '../engine/catalog.ts';
import type { ModelWorkerClient } from '../engine/client.ts';
import { type LabError } from '../engine/errors/kinds.ts';
import { classifyError } from '../engine/errors/words.ts';
import { guessFamily, guessRole, serverComparison, type ConnectedServer } from '../engine/server/server-catalog.ts';
import type { ServerConnection } from '../engine/server/server-types.ts';
import type { LabSession } from './lab-session.ts';
import { startServerWorker } from './model-workers.ts';

/** The last connection attempt: none yet, under way, or failed (a success adds to `servers`). */
export type ConnectState = { status: 'idle' } | { status: 'connecting' } | { status: 'failed'; error: LabError };

/** What the user chose for one model of a server's list. */
export interface ModelPick {
  /** The base URL of the server it is on, as connecting settled it. */
  server: string;
  model: string;
  /** 'unused': not part of the comparison. */
  role: ModelRole | 'unused';
  family: ChatTemplateId | null;
}

/** A worker that can ask a server what it serves; tests hand in their own. */
export type StartConnectWorker = () => Pick<ModelWorkerClient, 'connectServer' | 'terminate'>;

/** First guesses from the models' names: roles and families, with at most a run's worth of models in use. */
export function defaultPicks(server: string, models: readonly string[], alreadyUsed = 0): ModelPick[] {
  return models.map((model, i) => ({
    server,
    model,
    role: alreadyUsed + i < MAX_RUN_MODELS ? guessRole(model) : 'unused',
    family: guessFamily(model),
  }));
}

export class ServerConnector extends EventTarget {
  state: ConnectState = { status: 'idle' };
  servers: ConnectedServer[] = [];
  picks: ModelPick[] = [];
  problems: InputProblem[] = [];
  private controller: AbortController | null = null;

  constructor(
    private readonly session: LabSession,
    private readonly startWorker: StartConnectWorker = () => startServerWorker('server connection', { id: 'server-connection', role: 'base' }),
  ) {
    super();
  }

  /**
   * Asks the server at `baseUrl` what it serves and adds it (connecting to one already connected refreshes it). The key,
   * if any, is sent as `Authorization: Bearer …` only.
   */
  async connect(baseUrl: string, apiKey: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const connection: ServerConnection = { baseUrl: baseUrl.trim(), apiKey: apiKey.trim() === '' ? null : apiKey.trim() };
    this.state = { status: 'connecting' };
    this.problems = [];
    this.changed();
    const client = this.startWorker();
    try {
      const facts = await client.connectServer(connection, { signal: controller.signal });
      this.servers = [...this.servers.filter((server) => server.facts.base !== facts.base), { connection, facts }];
      const others = this.picks.filter((pick) => pick.server !== facts.base);
      const inUse = others.filter((pick) => pick.role !== 'unused').length;
      this.picks = [...others, ...defaultPicks(facts.base, facts.models, inUse)];
      this.state = { status: 'idle' };
    } catch (error) {
      const labError = classifyError(error);
      this.state = labError.kind === 'aborted' ? { status: 'idle' } : { status: 'failed', error: labError };
    } finally {
      client.terminate();
      if (this.controller === controller) this.controller = null;
      this.changed();
    }
  }

  /** Forgets a server and the choices of its models. */
  remove(base: string): void {
    this.servers = this.servers.filter((server) => server.facts.base !== base);
    this.picks = this.picks.filter((pick) => pick.server !== base);
    this.changed();
  }

  setPick(server: string, model: string, change: Partial<Pick<ModelPick, 'role' | 'family'>>): void {
    this.picks = this.picks.map((pick) => (pick.server === server && pick.model === model ? { ...pick, ...change } : pick));
    this.changed();
  }

  /**
   * Makes the chosen models the session's comparison and checks each on its server (nothing downloads). Returns false,
   * with `problems` saying why, when the choice cannot be used.
   */
  use(): boolean {
    const choices = this.picks.flatMap(({ server, model, role, family }) => {
      const connected = this.servers.find((candidate) => candidate.facts.base === server);
      return role === 'unused' || !connected ? [] : [{ server: connected, model, role, family }];
    });
    const result = serverComparison(choices);
    if (!result.ok) {
      this.problems = result.problems;
      this.changed();
      return false;
    }
    this.problems = [];
    this.session.selectComparison(result.comparison);
    for (const model of this.session.models) void this.session.load(model.catalog.id);
    this.changed();
    return true;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
