// The WebGPU preflight decision: from facts about this browser's WebGPU, what can it run?
// Pure, so every case is tested in Node; reading the facts from `navigator.gpu` lives in gpu-facts.ts.

/** The two weight formats the catalog offers: 4-bit weights with 16-bit or with 32-bit arithmetic. */
export type WeightVariant = 'q4f16' | 'q4f32';

export interface AdapterLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeInvocationsPerWorkgroup: number;
}

export type AdapterLimitName = keyof AdapterLimits;

export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software or otherwise degraded adapter (e.g. SwiftShader): it works, but far too slowly for a model. */
  isFallbackAdapter: boolean;
  hasShaderF16: boolean;
  limits: AdapterLimits;
}

export interface GpuFacts {
  /** Whether `navigator.gpu` exists at all. */
  hasWebGpuApi: boolean;
  /** The adapter `requestAdapter()` gave, or null when it gave none (or threw). */
  adapter: AdapterFacts | null;
  /** What `requestAdapter()` threw, if it threw. */
  adapterRequestError: string | null;
}

/**
 * The smallest limits the model runtime accepts. These are the fallbacks web-llm 0.2.86 requests in
 * `detectGPUDevice` (it asks for 1 GiB buffers first, then falls back to these, and fails below them).
 */
export const REQUIRED_LIMITS: Readonly<Partial<AdapterLimits>> = {
  maxBufferSize: 256 * 2 ** 20,
  maxStorageBufferBindingSize: 128 * 2 ** 20,
  maxComputeWorkgroupStorageSize: 32 * 2 ** 10,
  maxStorageBuffersPerShaderStage: 10,
};

/** Below these, web-llm still loads but warns: the larger models may not fit in one buffer. */
export const COMFORTABLE_LIMITS: Readonly<Partial<AdapterLimits>> = {
  maxBufferSize: 2 ** 30,
  maxStorageBufferBindingSize: 2 ** 30,
};

export interface LimitShortfall {
  limit: AdapterLimitName;
  required: number;
  actual: number;
}

/** Things worth telling the user even though the lab can run. */
export type PreflightWarning =
  | { kind: 'no-f16' }
  | { kind: 'software-adapter' }
  | { kind: 'small-buffers'; shortfalls: LimitShortfall[] };

export type PreflightVerdict =
  | { status: 'ready'; variant: WeightVariant; warnings: PreflightWarning[] }
  | { status: 'unsupported'; reason: 'no-webgpu' }
  | { status: 'unsupported'; reason: 'no-adapter'; adapterRequestError: string | null }
  | { status: 'unsupported'; reason: 'limits'; shortfalls: LimitShortfall[] };

function shortfalls(limits: AdapterLimits, wanted: Readonly<Partial<AdapterLimits>>): LimitShortfall[] {
  const result: LimitShortfall[] = [];
  for (const [name, required] of Object.entries(wanted) as [AdapterLimitName, number][]) {
    const actual = limits[name];
    if (actual < required) result.push({ limit: name, required, actual });
  }
  return result;
}

export function decidePreflight(facts: GpuFacts): PreflightVerdict {
  if (!facts.hasWebGpuApi) return { status: 'unsupported', reason: 'no-webgpu' };
  const adapter = facts.adapter;
  if (!adapter) return { status: 'unsupported', reason: 'no-adapter', adapterRequestError: facts.adapterRequestError };

  const missing = shortfalls(adapter.limits, REQUIRED_LIMITS);
  if (missing.length > 0) return { status: 'unsupported', reason: 'limits', shortfalls: missing };

  const warnings: PreflightWarning[] = [];
  if (!adapter.hasShaderF16) warnings.push({ kind: 'no-f16' });
  if (adapter.isFallbackAdapter) warnings.push({ kind: 'software-adapter' });
  const tight = shortfalls(adapter.limits, COMFORTABLE_LIMITS);
  if (tight.length > 0) warnings.push({ kind: 'small-buffers', shortfalls: tight });

  return { status: 'ready', variant: adapter.hasShaderF16 ? 'q4f16' : 'q4f32', warnings };
}
