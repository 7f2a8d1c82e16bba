// Connecting the Lab to the user's own server (issue 14): ask it what it serves, let the user say which model is the
// base and which the aligned one (and further stages) and which family each is, then make those the session's
// comparison and check each model on the server. Talking to the server happens in a server worker, whose
// Content-Security-Policy allows it; the API key stays in this page's memory (and that worker's) only.
import type { ModelRole } from '../core/model.ts';
import type { ChatTemplateId } from '../core/prompts/chat-templates.ts';
import type { InputProblem } from '../engine/catalog.ts';
import type { ModelWorkerClient } from '../engine/client.ts';
import { classifyError, type LabError } from '../engine/errors.ts';
import { guessFamily, guessRole, serverComparison } from '../engine/server/server-catalog.ts';
import type { ServerConnection, ServerFacts } from '../engine/server/server-types.ts';
import type { LabSession } from './lab-session.ts';
import { startServerWorker } from './model-workers.ts';
import { MAX_RUN_MODELS } from '../core/results/index.ts';

export type ConnectState =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'connected'; facts: ServerFacts }
  | { status: 'failed'; error: LabError };

/** What the user chose for one model of the server's list. */
export interface ModelPick {
  model: string;
  /** 'unused': not part of the comparison. */
  role: ModelRole | 'unused';
  family: ChatTemplateId | null;
}

/** A worker that can ask a server what it serves; tests hand in their own. */
export type StartConnectWorker = () => Pick<ModelWorkerClient, 'connectServer' | 'terminate'>;

/** The user's first guesses, from the models' names: roles and families, at most a run's worth of models in use. */
export function defaultPicks(models: readonly string[]): ModelPick[] {
  return models.map((model, i) => ({ model, role: i < MAX_RUN_MODELS ? guessRole(model) : 'unused', family: guessFamily(model) }));
}

export class ServerConnector extends EventTarget {
  state: ConnectState = { status: 'idle' };
  picks: ModelPick[] = [];
  problems: InputProblem[] = [];
  private connection: ServerConnection | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly session: LabSession,
    private readonly startWorker: StartConnectWorker = () => startServerWorker('server connection', { id: 'server-connection', role: 'base' }),
  ) {
    super();
  }

  /** Asks the server at `baseUrl` what it serves; the key, if any, is sent as `Authorization: Bearer …` only. */
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
      this.connection = connection;
      this.picks = defaultPicks(facts.models);
      this.state = { status: 'connected', facts };
    } catch (error) {
      const labError = classifyError(error);
      this.state = labError.kind === 'aborted' ? { status: 'idle' } : { status: 'failed', error: labError };
    } finally {
      client.terminate();
      if (this.controller === controller) this.controller = null;
      this.changed();
    }
  }

  setPick(model: string, change: Partial<Omit<ModelPick, 'model'>>): void {
    this.picks = this.picks.map((pick) => (pick.model === model ? { ...pick, ...change } : pick));
    this.changed();
  }

  /**
   * Makes the chosen models the session's comparison and checks each on the server (nothing downloads). Returns false,
   * with `problems` saying why, when the choice cannot be used.
   */
  use(): boolean {
    if (this.state.status !== 'connected' || !this.connection) return false;
    const choices = this.picks.flatMap(({ model, role, family }) => (role === 'unused' ? [] : [{ model, role, family }]));
    const result = serverComparison(this.connection, this.state.facts, choices);
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
