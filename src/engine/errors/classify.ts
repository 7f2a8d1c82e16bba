// Classifying failures: web-llm's errors arrive as strings (across its worker boundary), Error objects with minified
// names, or DOMExceptions; they get their kind here and nowhere else. No words: workers classify too, and words
// (words.ts) load the translations.
import { isFailure, LabFailure, type ErrorContext, type ErrorKind, type Failure } from './kinds.ts';

// The texts below are web-llm 0.2.86's and its runtime's (lib/index.js), plus what browsers throw for fetch,
// storage and WebGPU. Class names are matched as words and the messages too, because a bundler may rename the
// classes and web-llm's worker boundary turns every error into "<name>: <message>".
const ABORTED = /\bAbortError\b|Engine\.unload\(\) is called|signal is aborted without reason|\b(?:The|This) operation was aborted|The user aborted a request/i;
const QUOTA = /QuotaExceeded|quota (?:has been )?exceeded|exceeded the quota|QUOTA_REACHED/i;
/** IndexedDB's AbortError for a write the browser refused: it is not a cancel, and mostly a full store (web-llm #374). */
const STORE_REFUSED = /The transaction was aborted/;
const NO_WEBGPU = /\bWebGPUNotAvailableError\b|\bWebGPUNotFoundError\b|WebGPU is not supported in your current environment|Cannot find WebGPU in the environment/;
const NO_ADAPTER = /Unable to find a compatible GPU/;
const NO_F16 = /\bShaderF16SupportError\b|requires (?:WebGPU extension |feature )?shader-f16/;
export const RUNTIME_LIMIT = /Cannot initialize runtime because of requested (\w+) exceeds limit\. requested=(\S+), limit=([^\s.]+)/;
export const MISSING_FEATURE = /This model requires feature (\S+), which is not yet supported/;
const LIMITS = /Cannot initialize runtime because of requested|\bFeatureSupportError\b|This model requires feature|exceeds the (?:adapter'?s? )?limit/;
const DEVICE_LOST = /\bDeviceLostError\b|device (?:was|is|has been) lost/i;
export const MODEL_NOT_LOADED = /\b(?:WorkerEngine)?ModelNotLoadedError\b|Model not loaded before trying to complete/;
const OUT_OF_MEMORY = /out of memory|\bOOM\b|GPUOutOfMemoryError|Not enough memory|Array buffer allocation failed|could not allocate memory|Cannot enlarge memory|createBuffer failed|createBuffer.*too large/i;
const CONTEXT_TOO_LONG = /\bContextWindowSizeExceededError\b|Prompt tokens exceed context window size/;
export const PROMPT_SIZE = /number of prompt tokens: (\d+); context window size: (\d+)/;
export const NOT_JSON = /is not valid JSON|Unexpected token '?<|JSON\.parse: unexpected character|JSON Parse error/;
export const NOT_WASM = /expected magic word|\bCompileError\b/;
export const NO_TENSOR_CACHE = /tensor-cache\.json[\s\S]*\bHTTP 404\b/;
export const INTEGRITY = /\bIntegrityError\b|Integrity verification failed/;
export const TOKENIZER_FILES = /\bUnsupportedTokenizerFilesError\b|Cannot handle tokenizer files/;
const WEIGHTS_MISMATCH =
  /data size and shape mismatch|(?:vocab\w*|quantization|model type)[^.\n]*(?:mismatch|does not match|differ)|\bArtifactManifestError\b|Cannot find required VM function/i;
/** The lab's own check that a bring-your-own base splits text into tokens exactly as its instruct twin does. */
export const TOKENIZER_MISMATCH = /\bTokenizer mismatch\b/;
/** The lab's own check of a weights folder: its config or weight list lacks what every MLC conversion has. */
export const NOT_MLC_CONFIG = /is not an MLC (?:model configuration|weight list)/;
/** The client's words for a worker that died (client.ts): an uncaught error or a message that could not be read. */
const WORKER_CRASHED = /\bModel worker crashed: /;
export const NO_RECORD = /\bModelNotFoundError\b|Cannot find model record|\bMissingModel(?:Wasm)?Error\b|Missing `model_lib`/;
export const HTTP_NOT_FOUND = /\bHTTP (404|410|401|403)\b/;
export const HTTP_BUSY = /\bHTTP (429|5\d\d)\b/;
const NETWORK = /Failed to fetch|NetworkError|network error|TypeError: Load failed|Cache\.add\(\)|Failed to execute 'add' on 'Cache'|Network response was not ok|ArtifactIndexedDBCache failed to fetch|Failed to store \S+ with error|Cannot fetch \S+|ERR_INTERNET_DISCONNECTED/;
export const URL_IN_TEXT = /https?:\/\/[^\s'"<>()]+/;

/** The first rule whose test matches names the kind; the order settles texts that match several. */
const KIND_RULES: { kind: ErrorKind; matches(text: string, context: ErrorContext): boolean }[] = [
  // First: the crash's own detail quotes whatever the worker threw, which may look like any other kind.
  { kind: 'worker-crashed', matches: (text) => WORKER_CRASHED.test(text) },
  // A full cache surfaces as "Failed to store … with error: QuotaExceededError …" or as a refused IndexedDB write.
  { kind: 'quota', matches: (text) => QUOTA.test(text) || STORE_REFUSED.test(text) },
  // web-llm's IndexedDB cache reports a cancelled download as "Failed to store … with error: Engine.unload() is called."
  { kind: 'aborted', matches: (text) => ABORTED.test(text) },
  { kind: 'no-webgpu', matches: (text) => NO_WEBGPU.test(text) },
  { kind: 'no-adapter', matches: (text) => NO_ADAPTER.test(text) },
  // Before `limits`: ShaderF16SupportError is a FeatureSupportError.
  { kind: 'no-f16', matches: (text) => NO_F16.test(text) },
  { kind: 'limits', matches: (text) => LIMITS.test(text) },
  // Before `out-of-memory`: DeviceLostError's own message mentions running out of memory.
  {
    kind: 'device-lost',
    matches: (text, context) => DEVICE_LOST.test(text) || (context.modelWasWorking === true && MODEL_NOT_LOADED.test(text)),
  },
  { kind: 'out-of-memory', matches: (text) => OUT_OF_MEMORY.test(text) },
  { kind: 'context-too-long', matches: (text) => CONTEXT_TOO_LONG.test(text) },
  // A 404 for tensor-cache.json means the weights folder is an old or broken conversion, not a wrong address.
  { kind: 'bad-model', matches: (text) => NO_TENSOR_CACHE.test(text) },
  // Before the other bad-model texts: an error page sent with a 404 status is a missing file, not a broken one.
  { kind: 'not-found', matches: (text) => NO_RECORD.test(text) || HTTP_NOT_FOUND.test(text) },
  {
    kind: 'bad-model',
    matches: (text) =>
      [NOT_JSON, NOT_WASM, INTEGRITY, TOKENIZER_FILES, TOKENIZER_MISMATCH, NOT_MLC_CONFIG, WEIGHTS_MISMATCH].some((pattern) => pattern.test(text)),
  },
  { kind: 'network', matches: (text) => NETWORK.test(text) || HTTP_BUSY.test(text) },
];

/** Any HTTP status in a detail text, for the words of a server's failure. */
export const HTTP_STATUS = /\bHTTP (\d{3})\b/;

/** The original text of anything thrown: "name: message" for errors and error-like objects, else its own words. */
function originalText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'object' && raw !== null) {
    const { name, message } = raw as { name?: unknown; message?: unknown };
    const parts = [name, message].filter((part): part is string => typeof part === 'string' && part !== '');
    if (parts.length > 0) return parts.join(': ');
    try {
      return JSON.stringify(raw) ?? String(raw);
    } catch {
      return Object.prototype.toString.call(raw);
    }
  }
  return String(raw);
}

function detectKind(text: string, context: ErrorContext): ErrorKind {
  return KIND_RULES.find((rule) => rule.matches(text, context))?.kind ?? 'internal';
}

/**
 * The one place where failures are classified. Takes anything thrown or posted: web-llm's strings and errors,
 * DOMExceptions, `{ name, message }` objects, a `LabFailure`, or a classified failure (whose kind is kept, unless it
 * is `internal`: then its detail is read again, since `context` may know more than the worker did).
 */
export function classifyFailure(raw: unknown, context: ErrorContext = {}): Failure {
  if (raw instanceof LabFailure) return { kind: raw.kind, detail: raw.message };
  if (isFailure(raw)) return { kind: raw.kind === 'internal' ? detectKind(raw.detail, context) : raw.kind, detail: raw.detail };
  const detail = originalText(raw);
  return { kind: detectKind(detail, context), detail };
}
