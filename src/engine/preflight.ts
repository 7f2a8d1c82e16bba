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
export type PreflightWarning = { kind: 'no-f16' } | { kind: 'small-buffers'; shortfalls: LimitShortfall[] };

/**
 * "ready": a graphics card the models run on. "software": the browser draws with the processor (a software
 * renderer): the models load and answer correctly, but far too slowly to be useful, so the lab says so and runs only
 * when asked to anyway. "unsupported": the models cannot run here at all.
 */
export type PreflightVerdict =
  | { status: 'ready'; variant: WeightVariant; warnings: PreflightWarning[] }
  | { status: 'software'; variant: WeightVariant; warnings: PreflightWarning[] }
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

/**
 * The software renderers browsers fall back to when they cannot use a GPU: Chromium's SwiftShader, Mesa's llvmpipe,
 * lavapipe and softpipe (Linux, virtual machines), and Windows' WARP ("Microsoft Basic Render Driver"). Browsers do not
 * always flag them as fallback adapters (llvmpipe through Vulkan is not), so their names count too.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|basic render driver|software (?:renderer|rasterizer)/i;

export function isSoftwareRenderer(adapter: AdapterFacts): boolean {
  return adapter.isFallbackAdapter || SOFTWARE_RENDERER.test([adapter.vendor, adapter.architecture, adapter.device, adapter.description].join(' '));
}

/** Whether models can run here at all (on a software renderer they can, if far too slowly). */
export function canRunModels(verdict: PreflightVerdict): verdict is Extract<PreflightVerdict, { variant: WeightVariant }> {
  return verdict.status !== 'unsupported';
}

export function decidePreflight(facts: GpuFacts): PreflightVerdict {
  if (!facts.hasWebGpuApi) return { status: 'unsupported', reason: 'no-webgpu' };
  const adapter = facts.adapter;
  if (!adapter) return { status: 'unsupported', reason: 'no-adapter', adapterRequestError: facts.adapterRequestError };

  const missing = shortfalls(adapter.limits, REQUIRED_LIMITS);
  if (missing.length > 0) return { status: 'unsupported', reason: 'limits', shortfalls: missing };

  const warnings: PreflightWarning[] = [];
  if (!adapter.hasShaderF16) warnings.push({ kind: 'no-f16' });
  const tight = shortfalls(adapter.limits, COMFORTABLE_LIMITS);
  if (tight.length > 0) warnings.push({ kind: 'small-buffers', shortfalls: tight });

  const variant: WeightVariant = adapter.hasShaderF16 ? 'q4f16' : 'q4f32';
  return { status: isSoftwareRenderer(adapter) ? 'software' : 'ready', variant, warnings };
}
