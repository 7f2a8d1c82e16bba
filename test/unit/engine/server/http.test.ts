// Talking HTTP to the user's server: addresses as users type them, the key only in its header, and each way a request
// can fail named as the kind the Lab explains (a browser says only "Failed to fetch"; the lab asks what it can).
import { describe, expect, it } from 'vitest';
import { LabFailure, pausesRun } from '../../../../src/engine/errors/kinds.ts';
import { classifyError } from '../../../../src/engine/errors/words.ts';
import { serverAddress, ServerHttp, statusFailure, type ServerHttpOptions } from '../../../../src/engine/server/http.ts';

function failing(kind: 'network' | 'cors'): typeof fetch {
  return async (_input, init) => {
    if (init?.mode === 'no-cors' && kind === 'cors') return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  };
}

async function kindOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return classifyError(error instanceof Error && error.name === 'ServerStatusError' ? statusFailure(error as never) : error).kind;
  }
  return 'none';
}

function http(options: Partial<ServerHttpOptions>): ServerHttp {
  return new ServerHttp({ address: serverAddress('http://localhost:8000/v1'), apiKey: null, ...options });
}

describe('server addresses', () => {
  it('read what users type: the root, /v1 with or without a slash, a proxy prefix', () => {
    expect(serverAddress('http://localhost:8000')).toEqual({ base: 'http://localhost:8000/v1', root: 'http://localhost:8000', host: 'localhost:8000' });
    expect(serverAddress(' http://localhost:8000/v1/ ').base).toBe('http://localhost:8000/v1');
    expect(serverAddress('https://gpu.example/lab/v1')).toMatchObject({ base: 'https://gpu.example/lab/v1', root: 'https://gpu.example/lab', host: 'gpu.example' });
  });

  it('refuse what is no http(s) address, and one with a password in it', () => {
    for (const typed of ['localhost:8000', 'ftp://gpu.example', 'http://me:secret@gpu.example/v1', '']) {
      expect(() => serverAddress(typed), typed).toThrow(LabFailure);
    }
  });
});

describe('requests', () => {
  it('send the key only as a bearer token', async () => {
    const seen: RequestInit[] = [];
    const client = http({ apiKey: ' sk-123 ', fetcher: async (_input, init) => (seen.push(init ?? {}), Response.json({ ok: true })) });
    await client.post('completions', { a: 1 });
    expect(seen[0]?.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer sk-123' });
    expect(client.requestCount).toBe(1);
  });

  it('name each failure: unreachable, CORS, blocked by the policy, mixed content, auth, missing route, not JSON', async () => {
    expect(await kindOf(http({ fetcher: failing('network') }).get('models'))).toBe('server-unreachable');
    expect(await kindOf(http({ fetcher: failing('cors') }).get('models'))).toBe('server-cors');
    expect(await kindOf(http({ fetcher: failing('network'), wasBlocked: async () => true }).get('models'))).toBe('server-blocked');
    const lan = new ServerHttp({ address: serverAddress('http://192.168.1.9:8000'), apiKey: null, pageProtocol: 'https:', fetcher: failing('network') });
    expect(await kindOf(lan.get('models'))).toBe('mixed-content');
    // This computer's own address is not mixed content, even from an https page.
    expect(await kindOf(http({ pageProtocol: 'https:', fetcher: async () => Response.json({}) }).get('models'))).toBe('none');
    expect(await kindOf(http({ fetcher: async () => Response.json({ error: 'Unauthorized' }, { status: 401 }) }).get('models'))).toBe('server-auth');
    expect(await kindOf(http({ fetcher: async () => Response.json({ detail: 'Not Found' }, { status: 404 }) }).get('/version'))).toBe('server-too-old');
    expect(await kindOf(http({ fetcher: async () => new Response('<html>', { status: 200 }) }).get('models'))).toBe('server-too-old');
    expect(await kindOf(http({ fetcher: async () => Response.json({ error: { message: 'boom' } }, { status: 500 }) }).get('models'))).toBe('server-error');
  });
});

describe('the words for server failures', () => {
  it('name the server, say what to do, and pause a run where the server (not the run) broke', () => {
    const detail = 'No answer from http://localhost:8000 (TypeError: Failed to fetch).';
    for (const kind of ['server-unreachable', 'server-cors', 'mixed-content', 'server-blocked', 'server-auth', 'server-too-old', 'server-error'] as const) {
      const error = classifyError(new LabFailure(kind, detail));
      expect(error.kind).toBe(kind);
      expect(error.message, kind).toContain('http://localhost:8000');
      expect(error.nextStep.length, kind).toBeGreaterThan(20);
      expect(error.detail).toBe(detail);
    }
    expect(pausesRun({ kind: 'server-unreachable' })).toBe(true);
    expect(pausesRun({ kind: 'server-error' })).toBe(true);
    expect(pausesRun({ kind: 'server-auth' })).toBe(false);
    expect(classifyError(new LabFailure('server-model-missing', 'x'), { modelName: 'Llama-3.1-70B' }).message).toContain('Llama-3.1-70B');
  });
});
