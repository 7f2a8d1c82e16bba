// The diagnostics report: what a bug report from a real GPU needs, and no prompts or answers unless asked for.
import { describe, expect, it } from 'vitest';
import { diagnosticsFileName, diagnosticsReport, diagnosticsText, type DiagnosticsInput } from '../../../src/app/diagnostics.ts';
import { loadSpecFor } from '../../../src/app/model-workers.ts';
import { WEB_LLM_VERSION } from '../../../src/app/version.ts';
import { findModel, type CatalogModel } from '../../../src/engine/catalog.ts';
import type { LoadModelSpec } from '../../../src/engine/protocol.ts';
import { sampleRun } from '../core/results/support.ts';

const llamaBase = findModel('llama-3.1-8b-base') as CatalogModel;
const llamaSpec = loadSpecFor(llamaBase, 'q4f16') as LoadModelSpec;

function input(includePromptsAndAnswers: boolean): DiagnosticsInput {
  const run = sampleRun();
  run.run.params = { ...run.run.params, topics: ['my secret garden'] };
  return {
    now: new Date('2025-05-01T12:00:00.000Z'),
    browser: { userAgent: 'TestBrowser/1.0', languages: ['ja', 'en'], hardwareConcurrency: 8, deviceMemoryGB: 8 },
    gpu: {
      hasWebGpuApi: true,
      adapter: {
        vendor: 'apple',
        architecture: 'metal-3',
        device: '',
        description: 'Apple M2',
        isFallbackAdapter: false,
        hasShaderF16: true,
        limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, maxComputeWorkgroupStorageSize: 32768, maxStorageBuffersPerShaderStage: 10, maxComputeInvocationsPerWorkgroup: 1024 },
      },
      adapterRequestError: null,
    },
    storage: { usageBytes: 5e9, quotaBytes: 1e11 },
    models: [
      {
        catalog: llamaBase,
        spec: llamaSpec,
        load: {
          status: 'ready',
          loadSeconds: 42.5,
          result: {
            weightsFromCache: false,
            endOfSequenceIds: [128001, 128009],
            gpuDescription: 'Apple M2',
            weightsUrl: 'https://huggingface.co/mlc-ai/Llama-3.1-8B-q4f16_1-MLC/resolve/main/',
            modelLibUrl: 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Llama-3_1-8B-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm',
            weightsRevision: 'abc1234',
          },
        },
        cache: { weights: true, config: true, tokenizer: true, wasm: true, readyOffline: true },
        selfCheck: null,
      },
    ],
    recentErrors: [{ at: '2025-05-01T11:59:00.000Z', model: 'Llama 3.1 8B Instruct', kind: 'device-lost', message: 'The graphics card stopped.', detail: 'DeviceLostError' }],
    run: { info: run.run, records: run.records, firstPrompts: { [run.run.models[0]!.id]: '<|begin_of_text|>Q: Pick a number.' } },
    includePromptsAndAnswers,
  };
}

describe('the diagnostics report', () => {
  it('names the browser, the adapter, the runtime, each model’s files, revision, load time and the latest failures', () => {
    const report = diagnosticsReport(input(false));
    expect(report).toMatchObject({
      format: 'base-vs-aligned-diagnostics',
      webLlmVersion: WEB_LLM_VERSION,
      browser: { userAgent: 'TestBrowser/1.0', deviceMemoryGB: 8 },
      gpu: { webGpu: true, adapter: { description: 'Apple M2', hasShaderF16: true } },
      recentErrors: [{ kind: 'device-lost' }],
    });
    expect(report.models[0]).toMatchObject({
      modelId: 'Llama-3.1-8B-q4f16_1-MLC',
      source: 'weights-on-prebuilt-lib',
      weightsUrl: 'https://huggingface.co/mlc-ai/Llama-3.1-8B-q4f16_1-MLC/resolve/main/',
      revisionFetched: 'abc1234',
      loadSeconds: 42.5,
      weightsFromCache: false,
      endOfSequenceIds: [128001, 128009],
    });
    expect(report.run).toMatchObject({ probeId: 'rng-0-10', schedule: 'alternate', recordsPerModel: { 'Llama-3.1-8B-q4f16_1-MLC': 3 } });
  });

  it('leaves out prompts, answers and the user’s own text unless asked', () => {
    const text = diagnosticsText(input(false));
    const run = sampleRun();
    for (const record of run.records) expect(text).not.toContain(JSON.stringify((record as unknown as { text: string }).text));
    expect(text).not.toContain('my secret garden');
    expect(text).not.toContain('firstPrompts');
    expect(JSON.parse(text)).toMatchObject({ includesPromptsAndAnswers: false, run: { params: { mode: 'sampled', seed: expect.any(Number) } } });
  });

  it('carries them when the user ticks the box: the records and the prompt each model read first', () => {
    const report = diagnosticsReport(input(true));
    expect(report.includesPromptsAndAnswers).toBe(true);
    expect(report.run?.records).toHaveLength(6);
    expect(report.run?.params).toMatchObject({ topics: ['my secret garden'] });
    expect(Object.values(report.run?.firstPrompts ?? {})[0]).toContain('<|begin_of_text|>');
  });

  it('is named for the day it was made', () => {
    expect(diagnosticsFileName(new Date('2025-05-01T12:00:00.000Z'))).toBe('base-vs-aligned-diagnostics_2025-05-01.json');
  });
});
