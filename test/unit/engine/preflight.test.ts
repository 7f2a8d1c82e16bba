import { describe, expect, it } from 'vitest';
import { decidePreflight, type AdapterFacts, type GpuFacts } from '../../../src/engine/preflight.ts';
import { gpuAdapter } from '../../support/builders.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

function withAdapter(adapter: AdapterFacts): GpuFacts {
  return { hasWebGpuApi: true, adapter, adapterRequestError: null };
}

describe('decidePreflight', () => {
  it('explains that WebGPU is missing when navigator.gpu is absent', () => {
    expect(decidePreflight({ hasWebGpuApi: false, adapter: null, adapterRequestError: null })).toEqual({
      status: 'unsupported',
      reason: 'no-webgpu',
    });
  });

  it('reports no adapter when requestAdapter() gives null', () => {
    expect(decidePreflight({ hasWebGpuApi: true, adapter: null, adapterRequestError: null })).toEqual({
      status: 'unsupported',
      reason: 'no-adapter',
      adapterRequestError: null,
    });
  });

  it('keeps what requestAdapter() threw, for the technical detail', () => {
    const verdict = decidePreflight({ hasWebGpuApi: true, adapter: null, adapterRequestError: 'OperationError: boom' });
    expect(verdict).toEqual({ status: 'unsupported', reason: 'no-adapter', adapterRequestError: 'OperationError: boom' });
  });

  it('picks q4f16 with no warnings when the adapter has shader-f16 and large limits', () => {
    expect(decidePreflight(withAdapter(gpuAdapter()))).toEqual({ status: 'ready', variant: 'q4f16', warnings: [] });
  });

  it('picks q4f32 and says why when shader-f16 is missing', () => {
    expect(decidePreflight(withAdapter(gpuAdapter({ hasShaderF16: false })))).toEqual({
      status: 'ready',
      variant: 'q4f32',
      warnings: [{ kind: 'no-f16' }],
    });
  });

  it('tells a software renderer apart, like SwiftShader (no f16, 1 GiB buffers, fallback): the models would be far too slow', () => {
    const swiftShader = gpuAdapter({
      vendor: 'google',
      architecture: 'swiftshader',
      isFallbackAdapter: true,
      hasShaderF16: false,
      limits: {
        maxBufferSize: GiB,
        maxStorageBufferBindingSize: GiB,
        maxComputeWorkgroupStorageSize: 32 * 1024,
        maxStorageBuffersPerShaderStage: 10,
        maxComputeInvocationsPerWorkgroup: 256,
      },
    });
    expect(decidePreflight(withAdapter(swiftShader))).toEqual({ status: 'software', variant: 'q4f32', warnings: [{ kind: 'no-f16' }] });
  });

  it('knows software renderers by name where the browser does not flag them as a fallback: llvmpipe, lavapipe, WARP', () => {
    const named = [
      { vendor: 'mesa', architecture: '', device: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
      { vendor: 'mesa', architecture: '', device: 'lavapipe', description: '' },
      { vendor: 'microsoft', architecture: '', device: '', description: 'Microsoft Basic Render Driver' },
    ];
    for (const names of named) {
      expect(decidePreflight(withAdapter(gpuAdapter({ ...names, isFallbackAdapter: false }))).status, names.description || names.device).toBe('software');
    }
    expect(decidePreflight(withAdapter(gpuAdapter({ vendor: 'intel', description: 'Intel(R) UHD Graphics 620' }))).status).toBe('ready');
  });

  it('refuses limits below what the runtime accepts, naming each one', () => {
    const low = gpuAdapter({
      limits: {
        maxBufferSize: 128 * MiB,
        maxStorageBufferBindingSize: 64 * MiB,
        maxComputeWorkgroupStorageSize: 16 * 1024,
        maxStorageBuffersPerShaderStage: 8,
        maxComputeInvocationsPerWorkgroup: 256,
      },
    });
    expect(decidePreflight(withAdapter(low))).toEqual({
      status: 'unsupported',
      reason: 'limits',
      shortfalls: [
        { limit: 'maxBufferSize', required: 256 * MiB, actual: 128 * MiB },
        { limit: 'maxStorageBufferBindingSize', required: 128 * MiB, actual: 64 * MiB },
        { limit: 'maxComputeWorkgroupStorageSize', required: 32 * 1024, actual: 16 * 1024 },
        { limit: 'maxStorageBuffersPerShaderStage', required: 10, actual: 8 },
      ],
    });
  });

  it('accepts limits exactly at the minimum but warns that they are small', () => {
    const atMinimum = gpuAdapter({
      limits: {
        maxBufferSize: 256 * MiB,
        maxStorageBufferBindingSize: 128 * MiB,
        maxComputeWorkgroupStorageSize: 32 * 1024,
        maxStorageBuffersPerShaderStage: 10,
        maxComputeInvocationsPerWorkgroup: 256,
      },
    });
    expect(decidePreflight(withAdapter(atMinimum))).toEqual({
      status: 'ready',
      variant: 'q4f16',
      warnings: [
        {
          kind: 'small-buffers',
          shortfalls: [
            { limit: 'maxBufferSize', required: GiB, actual: 256 * MiB },
            { limit: 'maxStorageBufferBindingSize', required: GiB, actual: 128 * MiB },
          ],
        },
      ],
    });
  });

  it('fails on a single limit one byte short', () => {
    const adapter = gpuAdapter();
    adapter.limits.maxStorageBufferBindingSize = 128 * MiB - 1;
    const verdict = decidePreflight(withAdapter(adapter));
    expect(verdict.status).toBe('unsupported');
    expect(verdict).toMatchObject({ reason: 'limits', shortfalls: [{ limit: 'maxStorageBufferBindingSize' }] });
  });
});
