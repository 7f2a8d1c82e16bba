// Runs of models on the user's server (issue 14) in run files and share links: the server's host, model name, version
// and what it could do are kept; a key or a full address never is, whatever a file holds; a model is in the browser
// (a weight format) or on a server (none), never both or neither.
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, parseRunExport, type RunExport, type ServerModelInfo } from '../../../../src/core/results/index.ts';
import { fakeChecks, sampleRun, sampleShare } from './support.ts';

const SERVER: ServerModelInfo = {
  software: 'vllm',
  host: 'gpu.lab.example:8000',
  model: 'meta-llama/Llama-3.1-70B',
  version: '0.11.0',
  family: 'llama-3.1',
  exact: 'exact',
  topK: null,
};

function serverRun(): RunExport {
  const file = sampleRun();
  file.run.models = file.run.models.map((model, i) => ({
    ...model,
    catalogId: `server-${i + 1}`,
    variant: null,
    revision: null,
    server: { ...SERVER, model: `${SERVER.model}${i === 0 ? '' : '-Instruct'}` },
  }));
  file.run.gpu = null;
  return file;
}

describe('a run on a server, in a run file', () => {
  it('is read whole, with where it ran', () => {
    const parsed = parseRunExport(JSON.stringify(serverRun()), fakeChecks);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.run.models[0]?.server).toEqual(SERVER);
  });

  it('drops a key or address a file adds, and refuses a host with a path or a user in it', () => {
    const file = serverRun() as unknown as { run: { models: Record<string, unknown>[] } };
    (file.run.models[0]?.server as Record<string, unknown>).apiKey = 'sk-secret';
    (file.run.models[0]?.server as Record<string, unknown>).baseUrl = 'http://user:pw@gpu/v1';
    const parsed = parseRunExport(JSON.stringify(file), fakeChecks);
    expect(parsed.ok && JSON.stringify(parsed.value)).not.toContain('secret');
    expect(parsed.ok && JSON.stringify(parsed.value)).not.toContain('baseUrl');
    for (const host of ['gpu/v1', 'user@gpu:8000', '']) {
      (file.run.models[0]?.server as Record<string, unknown>).host = host;
      expect(parseRunExport(JSON.stringify(file), fakeChecks).ok, host).toBe(false);
    }
  });

  it('refuses a model with neither a weight format nor a server, and one with both', () => {
    const neither = serverRun();
    delete neither.run.models[0]?.server;
    expect(parseRunExport(JSON.stringify(neither), fakeChecks)).toMatchObject({ ok: false, problems: [expect.stringContaining('has no weight format')] });
    const both = serverRun();
    if (both.run.models[0]) both.run.models[0].variant = 'q4f16';
    expect(parseRunExport(JSON.stringify(both), fakeChecks)).toMatchObject({ ok: false, problems: [expect.stringContaining('ran on a server')] });
  });

  it('refuses server facts of the wrong kind', () => {
    for (const [field, value] of [['software', 'tgi'], ['exact', 'maybe'], ['family', 'gpt'], ['topK', 0], ['version', 7]] as const) {
      const file = serverRun() as unknown as { run: { models: { server: Record<string, unknown> }[] } };
      (file.run.models[0] as { server: Record<string, unknown> }).server[field] = value;
      expect(parseRunExport(JSON.stringify(file), fakeChecks).ok, field).toBe(false);
    }
  });
});

describe('a run on a server, in a share link', () => {
  it('carries its models with no weight format and no server address, and is read back', () => {
    const share = { ...sampleShare(), models: [{ catalogId: 'server-1', variant: null, role: 'base' as const }, { catalogId: 'server-2', variant: null, role: 'instruct' as const }] };
    const decoded = decodeShare(encodeShare(share), fakeChecks);
    expect(decoded).toMatchObject({ ok: true, value: { models: share.models } });
  });

  it('refuses a browser model without a weight format, and a server model with one', () => {
    const browser = { ...sampleShare(), models: [{ catalogId: 'llama-3.1-8b-base', variant: null, role: 'base' as const }] };
    expect(() => encodeShare(browser)).toThrow(/has no weight format/);
    const server = { ...sampleShare(), models: [{ catalogId: 'server-1', variant: 'q4f16' as const, role: 'base' as const }] };
    expect(() => encodeShare(server)).toThrow(/ran on a server/);
  });
});
