// Test doubles for the results tests: tiny per-probe checks, a valid run and share, and a share-link packer built
// on Node's zlib (so the tests do not pack links with the code under test).
import { crc32, deflateRawSync } from 'node:zlib';
import type { ProbeChecks, RunExport, SelfCheckResult, SharedRun } from '../../../../src/core/results/index.ts';

function fail(error: new (message: string) => Error, message: string): never {
  throw new error(message);
}

/** Checks in the manner of a probe spec: throw a RangeError/TypeError, return the value with only known fields. */
export const fakeChecks: ProbeChecks = {
  checkParams(_probeId, params) {
    const p = params as Record<string, unknown>;
    if (p.mode !== 'exact' && p.mode !== 'sampled') fail(RangeError, `The mode must be one of exact, sampled; got ${JSON.stringify(p.mode)}.`);
    if (p.framing !== 'native' && p.framing !== 'same-text') fail(RangeError, 'The framing must be one of native, same-text.');
    if (typeof p.temperature !== 'number' || !(p.temperature >= 0 && p.temperature <= 2)) fail(RangeError, 'The temperature must be a number from 0 to 2.');
    if (typeof p.seed !== 'number' || !Number.isInteger(p.seed) || p.seed < 0) fail(RangeError, 'The seed must be a whole number of 0 or more.');
    if (typeof p.n !== 'number' || !Number.isInteger(p.n) || p.n < 1) fail(RangeError, 'n (answers per model) must be a whole number of 1 or more.');
    return { mode: p.mode, framing: p.framing, temperature: p.temperature, seed: p.seed, n: p.n };
  },
  checkRecord(_probeId, record) {
    const r = record as Record<string, unknown>;
    const base = { probeId: r.probeId, modelId: r.modelId, index: r.index };
    if (r.kind === 'sample') {
      if (typeof r.text !== 'string') fail(TypeError, 'A sample needs the "text" the model wrote.');
      if (r.answer !== null && !(Number.isInteger(r.answer) && (r.answer as number) >= 0 && (r.answer as number) <= 10)) {
        fail(RangeError, `An answer must be a whole number from 0 to 10, or null; got ${JSON.stringify(r.answer)}.`);
      }
      return { ...base, kind: r.kind, text: r.text, answer: r.answer };
    }
    if (r.kind === 'distribution') {
      if (!Array.isArray(r.probabilities) || r.probabilities.some((p) => typeof p !== 'number')) {
        fail(TypeError, 'A distribution needs its "probabilities".');
      }
      return { ...base, kind: r.kind, probabilities: r.probabilities, other: r.other };
    }
    return fail(TypeError, `A record's "kind" must be "sample" or "distribution"; got ${JSON.stringify(r.kind)}.`);
  },
};

const BASE = 'Llama-3.1-8B-q4f16_1-MLC';
const INSTRUCT = 'Llama-3.1-8B-Instruct-q4f16_1-MLC';

function sample(modelId: string, index: number, text: string, answer: number | null) {
  return { probeId: 'rng-0-10' as const, modelId, index, kind: 'sample', text, answer };
}

/** A valid sampled run of two models whose records interleave, with texts that CSV must quote or neutralise. */
export function sampleRun(): RunExport {
  return {
    format: 'base-vs-aligned-run',
    schemaVersion: 1,
    run: {
      id: '3f2a9c1b-7d4e-4b8a-9c2d-0123456789ab',
      probeId: 'rng-0-10',
      specVersion: '1.0.0',
      appVersion: '0.1.0',
      createdAt: '2025-05-01T12:00:00.000Z',
      updatedAt: '2025-05-01T12:05:30.250Z',
      status: 'complete',
      params: { mode: 'sampled', framing: 'native', temperature: 1, seed: 42, n: 3 },
      models: [
        { id: BASE, catalogId: 'llama-3.1-8b-base', name: 'Llama 3.1 8B Base', role: 'base', variant: 'q4f16', revision: null },
        { id: INSTRUCT, catalogId: 'llama-3.1-8b-instruct', name: 'Llama 3.1 8B Instruct', role: 'instruct', variant: 'q4f16', revision: 'abc123' },
      ],
      gpu: { vendor: 'apple', architecture: 'metal-3', description: '' },
    },
    records: [
      sample(BASE, 0, ' 3', 3),
      sample(INSTRUCT, 0, '7', 7),
      sample(BASE, 1, '=HYPERLINK("http://x","y")', null),
      sample(INSTRUCT, 1, 'Sure, "7"\nis random', 7),
      sample(BASE, 2, '七 🎲 -2+3', null),
      sample(INSTRUCT, 2, '-4', null),
    ] as RunExport['records'],
  };
}

export function sampleShare(): SharedRun {
  return {
    probeId: 'rng-0-10',
    specVersion: '1.0.0',
    params: { mode: 'exact', framing: 'native', temperature: 1, seed: 7, n: 1500 },
    models: [
      { catalogId: 'ministral-3-3b-base', variant: 'q4f16', role: 'base' },
      { catalogId: 'ministral-3-3b-instruct', variant: 'q4f16', role: 'instruct' },
    ],
    language: 'ja',
    summary: [
      { modelIndex: 0, measure: 'p-seven', value: 0.1123456789, lo: 0.1123456789, hi: 0.1123456789, n: null, interval: 'exact' },
      { modelIndex: 1, measure: 'p-seven', value: 0.61, lo: 0.585, hi: 0.634, n: 1500, interval: 'dirichlet-jeffreys-95' },
      { modelIndex: 1, measure: 'chi-square-at-paper-n', value: 4123.5, lo: 3990, hi: 4250.25, n: 1500, interval: 'simulated-sample-95' },
    ],
  };
}

/** A share-link payload made with Node's zlib: any JSON text, any version byte, any checksum. */
export function packShare(json: string, options: { version?: number; checksum?: number } = {}): string {
  const bytes = Buffer.from(json, 'utf8');
  const header = Buffer.alloc(5);
  header.writeUInt8(options.version ?? 1, 0);
  header.writeUInt32BE(options.checksum ?? crc32(bytes), 1);
  return Buffer.concat([header, deflateRawSync(bytes)]).toString('base64url');
}

/** A self-check that found the exact path and the model's own answers disagree. */
export function mismatchedSelfCheck(overrides: Partial<SelfCheckResult> = {}): SelfCheckResult {
  return {
    verdict: 'mismatch',
    categories: ['7', 'other'],
    expected: [0.9, 0.1],
    observed: [20, 180],
    statistic: 512.3,
    pValue: 0.0002,
    alpha: 0.01,
    probeId: 'rng-0-10',
    checkedAt: '2025-05-01T12:00:00.000Z',
    runId: 'run',
    gpuDescription: 'Apple M2',
    ...overrides,
  };
}
