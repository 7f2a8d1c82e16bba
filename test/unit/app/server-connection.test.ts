// Connecting the Lab to a server, through the real session, client and worker server in one thread (in-process-worker)
// with the real server backend against the stand-in: the server's models are listed with guessed roles and families,
// a choice that cannot be used says why, and a usable one becomes the comparison with every model checked and ready.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/app/lab-session.ts';
import { defaultPicks, ServerConnector } from '../../../src/app/server-connection.ts';
import type { CatalogModel } from '../../../src/engine/catalog.ts';
import { ModelWorkerClient } from '../../../src/engine/client.ts';
import type { LoadModelSpec } from '../../../src/engine/protocol.ts';
import { ServerBackend } from '../../../src/engine/server/server-backend.ts';
import { guessFamily, guessRole } from '../../../src/engine/server/server-catalog.ts';
import { InProcessWorker } from '../../fixtures/in-process-worker.ts';
import { designedPair } from '../../fixtures/stand-in-server/designs.ts';
import { startStandInServer, type StandInServer } from '../../fixtures/stand-in-server/stand-in-server.ts';

function serverWorker(id: string, role: CatalogModel['role']): ModelWorkerClient {
  return new ModelWorkerClient(new InProcessWorker(new ServerBackend()), { id, role });
}

function whenSettled(session: LabSession): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (session.models.every((model) => model.load.status === 'ready' || model.load.status === 'failed')) {
        session.removeEventListener('change', check);
        resolve();
      }
    };
    session.addEventListener('change', check);
    check();
  });
}

describe('guesses from a model’s name', () => {
  it('tell base from aligned and the family from the name, leaving unknown families to the user', () => {
    expect(guessRole('meta-llama/Llama-3.1-70B')).toBe('base');
    expect(guessRole('meta-llama/Llama-3.1-70B-Instruct')).toBe('instruct');
    expect(guessRole('allenai/Llama-3.1-Tulu-3-8B-DPO')).toBe('instruct');
    expect(guessRole('llama3.1:8b-text-q4_K_M')).toBe('base');
    expect(guessFamily('meta-llama/Llama-3.1-8B')).toBe('llama-3.1');
    expect(guessFamily('llama3.1:8b-instruct-q4_K_M')).toBe('llama-3.1');
    expect(guessFamily('Qwen/Qwen3-8B-Base')).toBe('qwen3');
    expect(guessFamily('my-finetune')).toBeNull();
    expect(guessFamily('allenai/Llama-3.1-Tulu-3-8B-DPO')).toBeNull();
    expect(defaultPicks('s', ['a', 'b', 'c', 'd', 'e']).map((pick) => pick.role)).toEqual(['base', 'base', 'base', 'base', 'unused']);
    expect(defaultPicks('s', ['a', 'b'], 3).map((pick) => pick.role)).toEqual(['base', 'unused']);
  });
});

describe('connecting the session to a server', () => {
  const pair = designedPair({ tokenizer: 'llama' });
  let server: StandInServer;

  beforeAll(async () => {
    server = await startStandInServer({ flavour: 'vllm', models: [pair.base, pair.aligned, { ...pair.base, id: 'my-finetune' }] });
  });

  afterAll(() => server.close());

  it('lists the models, refuses a choice without a family, and checks a usable one on the server', async () => {
    const session = new LabSession({ startWorker: (model: CatalogModel, spec: LoadModelSpec) => serverWorker(spec.modelId, model.role), storage: undefined });
    const connector = new ServerConnector(session, () => serverWorker('connect', 'base'));
    await connector.connect(server.baseUrl, '');
    expect(connector.servers.map((connected) => connected.facts)).toMatchObject([
      { software: 'vllm', version: '0.11.0', base: server.baseUrl, models: [pair.base.id, pair.aligned.id, 'my-finetune'] },
    ]);
    expect(connector.picks.map((pick) => [pick.role, pick.family])).toEqual([['base', 'llama-3.1'], ['instruct', 'llama-3.1'], ['base', null]]);

    expect(connector.use()).toBe(false);
    expect(connector.problems.map((problem) => problem.field)).toEqual([`family:${server.baseUrl}|my-finetune`]);
    expect(session.comparison.id).not.toBe('your-server');

    connector.setPick(server.baseUrl, 'my-finetune', { role: 'unused' });
    expect(connector.use()).toBe(true);
    expect(session.comparison.id).toBe('your-server');
    await whenSettled(session);
    expect(session.readyModels().map((model) => [model.catalog.role, model.catalog.name])).toEqual([['base', pair.base.id], ['instruct', pair.aligned.id]]);
    const ready = session.readyModels()[1]?.load;
    expect(ready?.status === 'ready' && ready.result.server?.capabilities).toMatchObject({ batch: 128, inFlight: 2, seeded: true });
  });

  it('takes the base from one server and the aligned model from another, as two vLLM processes serve them', async () => {
    const other = await startStandInServer({ flavour: 'vllm', models: [pair.aligned] });
    const session = new LabSession({ startWorker: (model: CatalogModel, spec: LoadModelSpec) => serverWorker(spec.modelId, model.role), storage: undefined });
    const connector = new ServerConnector(session, () => serverWorker('connect', 'base'));
    await connector.connect(server.baseUrl, '');
    await connector.connect(other.baseUrl, '');
    expect(connector.servers).toHaveLength(2);
    connector.setPick(server.baseUrl, pair.aligned.id, { role: 'unused' });
    connector.setPick(server.baseUrl, 'my-finetune', { role: 'unused' });
    expect(connector.use()).toBe(true);
    await whenSettled(session);
    const hosts = session.readyModels().map((model) => (model.load.status === 'ready' ? model.load.result.server?.info.host : null));
    expect(hosts).toEqual([new URL(server.baseUrl).host, new URL(other.baseUrl).host]);
    connector.remove(other.baseUrl);
    expect(connector.picks.every((pick) => pick.server === server.baseUrl)).toBe(true);
    await other.close();
  });

  it('says what went wrong when nobody answers', async () => {
    const session = new LabSession({ storage: undefined });
    const connector = new ServerConnector(session, () => serverWorker('connect', 'base'));
    await connector.connect('http://127.0.0.1:9/v1', '');
    expect(connector.state).toMatchObject({ status: 'failed', error: { kind: 'server-unreachable' } });
  });
});
