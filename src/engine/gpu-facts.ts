// Reads the facts the preflight decides from. This is the side-effecting edge: it asks the browser for an
// adapter (which downloads nothing and creates no device).
import type { AdapterFacts, GpuFacts } from './preflight.ts';

/** Older Chromium exposed adapter info only through this method; newer ones have `adapter.info`. */
interface AdapterWithLegacyInfo extends GPUAdapter {
  requestAdapterInfo?: () => Promise<GPUAdapterInfo>;
  /** Deprecated in favour of `info.isFallbackAdapter`; still the only source in some browsers. */
  isFallbackAdapter?: boolean;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function adapterInfo(adapter: AdapterWithLegacyInfo): Promise<GPUAdapterInfo | null> {
  if (adapter.info) return adapter.info;
  if (adapter.requestAdapterInfo) return adapter.requestAdapterInfo();
  return null;
}

async function describeAdapter(adapter: AdapterWithLegacyInfo): Promise<AdapterFacts> {
  const info = await adapterInfo(adapter);
  const limits = adapter.limits;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    // Older browsers lack `info.isFallbackAdapter`; the property then reads undefined despite its type.
    isFallbackAdapter: Boolean((info?.isFallbackAdapter as boolean | undefined) ?? adapter.isFallbackAdapter),
    hasShaderF16: adapter.features.has('shader-f16'),
    limits: {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  };
}

/** Asks for the adapter the model runtime will ask for (web-llm requests "high-performance"). */
export async function readGpuFacts(nav: { readonly gpu?: GPU } = navigator): Promise<GpuFacts> {
  const gpu = nav.gpu;
  if (!gpu) return { hasWebGpuApi: false, adapter: null, adapterRequestError: null };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return {
      hasWebGpuApi: true,
      adapter: adapter ? await describeAdapter(adapter) : null,
      adapterRequestError: null,
    };
  } catch (error) {
    return { hasWebGpuApi: true, adapter: null, adapterRequestError: describeError(error) };
  }
}
