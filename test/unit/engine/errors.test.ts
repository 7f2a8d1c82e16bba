import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, isLabError, LabFailure, needsReload, pausesRun, type ErrorKind, type LabError } from '../../../src/engine/errors/kinds.ts';
import { classifyFailure } from '../../../src/engine/errors/classify.ts';
import { classifyError, describeFailure } from '../../../src/engine/errors/words.ts';

// Message texts as web-llm 0.2.86 produces them (node_modules/@mlc-ai/web-llm/lib/index.js), with the class name
// prefix its worker boundary adds ("<name>: <message>"), and as its runtime (tvmjs) and browsers throw them.
const WEIGHTS = 'https://huggingface.co/mlc-ai/Ministral-3-3B-Base-2512-q4f16_1-MLC/resolve/main/';
const WEBLLM = {
  webGpuNotAvailable:
    "WebGPUNotAvailableError: WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine. Please make sure that your browser supports WebGPU and that it is enabled in your browser settings. You can also consult your browser's compatibility chart to see if it supports WebGPU. For more information about WebGPU support in your browser, visit https://webgpureport.org/",
  webGpuNotFound: 'WebGPUNotFoundError: Cannot find WebGPU in the environment',
  noAdapter:
    "Error: Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU, or your system settings are not configured properly. Please check if your device has a GPU properly set up and if your your browser supports WebGPU. You can also consult your browser's compatibility chart to see if it supports WebGPU. For more information about WebGPU support in your browser, visit https://webgpureport.org/",
  shaderF16:
    'ShaderF16SupportError: This model requires feature This model requires WebGPU extension shader-f16, which is not enabled in this browser. You can try to launch Chrome Canary in command line with flag "--enable-dawn-features=allow_unsafe_apis"., which is not yet supported by this browser.',
  featureF16: 'FeatureSupportError: This model requires feature shader-f16, which is not yet supported by this browser.',
  featureOther: 'FeatureSupportError: This model requires feature subgroups, which is not yet supported by this browser.',
  storageBindingLimit:
    'Error: Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit. requested=128MB, limit=64MB. ',
  bufferLimit:
    'Error: Cannot initialize runtime because of requested maxBufferSize exceeds limit. requested=256MB, limit=128MB. Consider upgrading your browser.',
  workgroupLimit:
    'Error: Cannot initialize runtime because of requested maxComputeWorkgroupStorageSize exceeds limit. requested=32768, limit=16384. ',
  deviceLost:
    'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.',
  deviceLostLog:
    'Device was lost. This can happen due to insufficient memory or other GPU constraints. Detailed error: [object GPUDeviceLostInfo]. Please try to reload WebLLM with a less resource-intensive model.',
  modelNotLoaded:
    'ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest. Please ensure you have called MLCEngine.reload(model) to load the model before initiating APIs, or initialize your engine using CreateMLCEngine() with a valid model configuration.',
  modelNotFound:
    'ModelNotFoundError: Cannot find model record in appConfig for Llama-3.1-8B-q4f16_1-MLC. Please check if the model ID is correct and included in the model_list configuration.',
  missingWasm:
    'MissingModelError: Missing `model_lib` for the model with ID "my-model". Please ensure that `model_lib` is provided in `model_list` for each model. This URL is essential for downloading the WASM library necessary to run the model.',
  contextTooLong:
    'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 2100; context window size: 2048\nConsider shortening the prompt, or increase `context_window_size`, or using sliding window via `sliding_window_size`.',
  integrity: `IntegrityError: Integrity verification failed for ${WEIGHTS}tokenizer.json\n  Expected: sha256-AAA\n  Actual: sha256-BBB\nThis may indicate file corruption or tampering.`,
  tokenizerFiles: 'UnsupportedTokenizerFilesError: Cannot handle tokenizer files tokenizer.txt',
  shapeMismatch: 'Error: data size and shape mismatch data.length100 vs 200',
  indexedDbFailedFetch: `Error: ArtifactIndexedDBCache failed to fetch: ${WEIGHTS}params_shard_3.bin`,
  indexedDbNotOk: `Error: Failed to store ${WEIGHTS}params_shard_3.bin with error: Error: Network response was not ok`,
  indexedDbOffline: `Error: Failed to store ${WEIGHTS}params_shard_3.bin with error: TypeError: Failed to fetch`,
  indexedDbQuota: `Error: Failed to store ${WEIGHTS}params_shard_3.bin with error: QuotaExceededError: Quota exceeded.`,
  indexedDbWriteAborted: `Error: Failed to store ${WEIGHTS}params_shard_3.bin with error: AbortError: The transaction was aborted, so the request cannot be fulfilled.`,
  // unload() calls abort("Engine.unload() is called."), so the fetch rejects with that string as its reason.
  indexedDbCancelled: `Error: Failed to store ${WEIGHTS}params_shard_3.bin with error: Engine.unload() is called.`,
  cacheRequestFailed: "TypeError: Failed to execute 'add' on 'Cache': Request failed",
  cacheNetworkError: "NetworkError: Failed to execute 'add' on 'Cache': Cache.add() encountered a network error",
  // The model worker asks the server again and appends the status (workers/web-llm-backend.ts).
  missingConfig: `Error: Failed to store ${WEIGHTS}mlc-chat-config.json with error: Error: Network response was not ok (HTTP 404 for ${WEIGHTS}mlc-chat-config.json)`,
  gatedConfig: `Error: Failed to store ${WEIGHTS}mlc-chat-config.json with error: Error: Network response was not ok (HTTP 401 for ${WEIGHTS}mlc-chat-config.json)`,
  busyHost: `Error: Failed to store ${WEIGHTS}params_shard_0.bin with error: Error: Network response was not ok (HTTP 503 for ${WEIGHTS}params_shard_0.bin)`,
  missingTensorCache: `Error: Failed to store ${WEIGHTS}tensor-cache.json with error: Error: Network response was not ok (HTTP 404 for ${WEIGHTS}tensor-cache.json)`,
  htmlConfig: 'SyntaxError: Unexpected token \'<\', "<!doctype "... is not valid JSON',
  htmlWasm: 'CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 64 6f @+0',
  missingWasmFile:
    'CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 4e 6f 74 20 @+0 (HTTP 404 for http://localhost:8000/fixture-libs/missing.wasm)',
};

/** An Error as a production bundle may leave it: the class renamed to one letter. */
function minified(text: string, name = 'e'): Error {
  const error = new Error(text.replace(/^\w+: /, ''));
  error.name = name;
  return error;
}

interface Case {
  what: string;
  raw: unknown;
  kind: ErrorKind;
  detail: string;
}

const asString = (what: string, text: string, kind: ErrorKind): Case => ({ what, raw: text, kind, detail: text });

/** The error of `text` with its class renamed by a minifier: the detail names the short class. */
const asMinified = (what: string, text: string, kind: ErrorKind, name = 'e'): Case => ({
  what,
  raw: minified(text, name),
  kind,
  detail: `${name}: ${text.replace(/^\w+: /, '')}`,
});

/** A DOMException, as the browser throws it. */
const asDomException = (what: string, message: string, name: string, kind: ErrorKind): Case => ({
  what,
  raw: new DOMException(message, name),
  kind,
  detail: `${name}: ${message}`,
});

const cases: Case[] = [
  asString('WebGPUNotAvailableError', WEBLLM.webGpuNotAvailable, 'no-webgpu'),
  asString('WebGPUNotFoundError', WEBLLM.webGpuNotFound, 'no-webgpu'),
  asMinified('WebGPUNotAvailableError, minified', WEBLLM.webGpuNotAvailable, 'no-webgpu', 't'),
  asString('no compatible GPU', WEBLLM.noAdapter, 'no-adapter'),
  asString('ShaderF16SupportError', WEBLLM.shaderF16, 'no-f16'),
  asString('FeatureSupportError for shader-f16', WEBLLM.featureF16, 'no-f16'),
  asMinified('ShaderF16SupportError, minified', WEBLLM.shaderF16, 'no-f16'),
  asString('maxStorageBufferBindingSize too small', WEBLLM.storageBindingLimit, 'limits'),
  asString('maxBufferSize too small', WEBLLM.bufferLimit, 'limits'),
  asString('maxComputeWorkgroupStorageSize too small', WEBLLM.workgroupLimit, 'limits'),
  asString('FeatureSupportError for another feature', WEBLLM.featureOther, 'limits'),
  asString('DeviceLostError', WEBLLM.deviceLost, 'device-lost'),
  asString('the device-lost log line', WEBLLM.deviceLostLog, 'device-lost'),
  asMinified('DeviceLostError, minified', WEBLLM.deviceLost, 'device-lost'),
  {
    what: 'a GPU out-of-memory error object',
    raw: { name: 'GPUOutOfMemoryError', message: 'Out of memory' },
    kind: 'out-of-memory',
    detail: 'GPUOutOfMemoryError: Out of memory',
  },
  {
    what: 'a failed ArrayBuffer allocation',
    raw: new RangeError('Array buffer allocation failed'),
    kind: 'out-of-memory',
    detail: 'RangeError: Array buffer allocation failed',
  },
  asString('a wasm memory that cannot grow', 'RangeError: WebAssembly.Memory(): could not allocate memory', 'out-of-memory'),
  asString('an emscripten OOM abort', 'RuntimeError: Aborted(OOM). Build with -sASSERTIONS for more info.', 'out-of-memory'),
  asString(
    'a mapped buffer too large',
    "RangeError: Failed to execute 'createBuffer' on 'GPUDevice': createBuffer failed, size (4294967296) is too large for the implementation when mappedAtCreation == true",
    'out-of-memory',
  ),
  asString('fetch failed (Chrome)', 'TypeError: Failed to fetch', 'network'),
  asString('fetch failed (Firefox)', 'TypeError: NetworkError when attempting to fetch resource.', 'network'),
  asString('fetch failed (Safari)', 'TypeError: Load failed', 'network'),
  asString('IndexedDB cache failed to fetch', WEBLLM.indexedDbFailedFetch, 'network'),
  asString('IndexedDB store without a status', WEBLLM.indexedDbNotOk, 'network'),
  asString('IndexedDB store while offline', WEBLLM.indexedDbOffline, 'network'),
  asString('Cache API request failed', WEBLLM.cacheRequestFailed, 'network'),
  asString('Cache API network error', WEBLLM.cacheNetworkError, 'network'),
  asString('host busy', WEBLLM.busyHost, 'network'),
  asDomException('Cache API network error as a DOMException', "Failed to execute 'add' on 'Cache': Cache.add() encountered a network error", 'NetworkError', 'network'),
  {
    what: 'fetch failed, from our own worker as a plain object',
    raw: { name: 'TypeError', message: 'Failed to fetch' },
    kind: 'network',
    detail: 'TypeError: Failed to fetch',
  },
  asString('ModelNotFoundError', WEBLLM.modelNotFound, 'not-found'),
  asString('MissingModelWasmError', WEBLLM.missingWasm, 'not-found'),
  asString('a missing config (HTTP 404)', WEBLLM.missingConfig, 'not-found'),
  asString('a gated config (HTTP 401)', WEBLLM.gatedConfig, 'not-found'),
  asString('a missing wasm served as a 404 page', WEBLLM.missingWasmFile, 'not-found'),
  asDomException('QuotaExceededError as a DOMException', 'Quota exceeded.', 'QuotaExceededError', 'quota'),
  asString('QuotaExceededError inside the IndexedDB cache', WEBLLM.indexedDbQuota, 'quota'),
  asString('an IndexedDB write the browser refused', WEBLLM.indexedDbWriteAborted, 'quota'),
  asDomException('AbortError as a DOMException', 'The operation was aborted.', 'AbortError', 'aborted'),
  asString("web-llm's abort reason", 'Engine.unload() is called.', 'aborted'),
  asString("web-llm's abort reason inside the IndexedDB cache", WEBLLM.indexedDbCancelled, 'aborted'),
  asString('an abort without reason', 'AbortError: signal is aborted without reason', 'aborted'),
  asString('ContextWindowSizeExceededError', WEBLLM.contextTooLong, 'context-too-long'),
  asMinified('ContextWindowSizeExceededError, minified', WEBLLM.contextTooLong, 'context-too-long'),
  asString('an HTML page instead of the config', WEBLLM.htmlConfig, 'bad-model'),
  asString('an HTML page instead of the wasm', WEBLLM.htmlWasm, 'bad-model'),
  asString('no tensor-cache.json', WEBLLM.missingTensorCache, 'bad-model'),
  asString('IntegrityError', WEBLLM.integrity, 'bad-model'),
  asString('UnsupportedTokenizerFilesError', WEBLLM.tokenizerFiles, 'bad-model'),
  asString('weights that do not fit the runtime', WEBLLM.shapeMismatch, 'bad-model'),
  asString(
    'a vocabulary mismatch reported by our worker',
    "Error: The tokenizer's vocabulary (151936 tokens) does not match the model's output (49152 logits).",
    'bad-model',
  ),
  {
    what: 'an HTML config as a SyntaxError object',
    raw: new SyntaxError('Unexpected token \'<\', "<!doctype "... is not valid JSON'),
    kind: 'bad-model',
    detail: WEBLLM.htmlConfig,
  },
  asString('a crashed model worker', 'Error: Model worker crashed: Uncaught RuntimeError: unreachable', 'worker-crashed'),
  asString(
    'a crashed model worker whose last words mention memory',
    'Error: Model worker crashed: Uncaught RuntimeError: Aborted(Cannot enlarge memory arrays)',
    'worker-crashed',
  ),
  asString(
    'a tokenizer that does not match the twin’s (the lab’s own check)',
    'Error: Tokenizer mismatch: the sample text became 98 tokens [1, 2, …] for the base and 97 [1, 3, …] for the instruct twin.',
    'bad-model',
  ),
  asString(
    'a folder whose config is no MLC config (the lab’s own check)',
    `Error: ${WEIGHTS}mlc-chat-config.json is not an MLC model configuration: it lacks model_type, vocab_size or tokenizer_files.`,
    'bad-model',
  ),
  asString(
    'a vocabulary size other than the twin’s (the lab’s own check)',
    `Error: Vocabulary size does not match: 32000 in ${WEIGHTS}mlc-chat-config.json, 49152 for the instruct twin.`,
    'bad-model',
  ),
  asString('an unknown web-llm error', 'UnclearModelToUseError: Multiple models are loaded in engine.', 'internal'),
  asString('ModelNotLoadedError with no working session before', WEBLLM.modelNotLoaded, 'internal'),
  { what: 'undefined', raw: undefined, kind: 'internal', detail: 'undefined' },
  { what: 'null', raw: null, kind: 'internal', detail: 'null' },
  { what: 'a number', raw: 42, kind: 'internal', detail: '42' },
  { what: 'an empty object', raw: {}, kind: 'internal', detail: '{}' },
  { what: 'an Error with no message', raw: new Error(), kind: 'internal', detail: 'Error' },
];

describe('classifyError', () => {
  it.each(cases)('$what is $kind', ({ raw, kind, detail }) => {
    const error = classifyError(raw);
    expect(error.kind).toBe(kind);
    expect(error.message.trim()).not.toBe('');
    expect(error.nextStep.trim()).not.toBe('');
    expect(error.detail).toBe(detail);
  });

  it("covers every kind in the cases above but those of the user's own server (test/unit/engine/server)", () => {
    const kinds = new Set(cases.map((testCase) => testCase.kind));
    const onServer = (kind: ErrorKind) => kind.startsWith('server-') || kind === 'mixed-content' || kind === 'wrong-family';
    expect([...kinds].sort()).toEqual(ERROR_KINDS.filter((kind) => !onServer(kind)).sort());
  });

  it('reads ModelNotLoadedError after a working session as a lost device', () => {
    expect(classifyError(WEBLLM.modelNotLoaded, { modelWasWorking: true }).kind).toBe('device-lost');
    expect(classifyError(WEBLLM.modelNotLoaded, { modelWasWorking: false }).kind).toBe('internal');
  });

  it('pauses a run, rather than failing it, when the model or its worker broke', () => {
    for (const raw of [WEBLLM.deviceLost, 'Error: Model worker crashed: boom', WEBLLM.indexedDbCancelled]) {
      expect(pausesRun(classifyError(raw)), raw).toBe(true);
    }
    for (const raw of [WEBLLM.contextTooLong, WEBLLM.htmlConfig, 'UnclearModelToUseError: Multiple models are loaded in engine.']) {
      expect(pausesRun(classifyError(raw)), raw).toBe(false);
    }
  });

  it('asks for the model to be loaded again in a new worker after a lost device or a crash, and only then', () => {
    expect(needsReload(classifyError(WEBLLM.modelNotLoaded, { modelWasWorking: true }))).toBe(true);
    expect(needsReload(classifyError('Error: Model worker crashed: boom'))).toBe(true);
    expect(needsReload(classifyError(WEBLLM.indexedDbOffline))).toBe(false);
    expect(needsReload(classifyError(WEBLLM.indexedDbQuota))).toBe(false);
  });

  it('suggests the smaller comparison or closing other tabs when the device is lost mid-run', () => {
    const error = classifyError(WEBLLM.modelNotLoaded, { modelWasWorking: true, modelName: 'Ministral 3 3B Base' });
    expect(error.message).toContain('Ministral 3 3B Base');
    expect(error.nextStep).toContain('Close other tabs');
    expect(error.nextStep).toContain('smaller comparison');
  });

  it('says how full the storage is and which cached models could go, with the sizes the page gives', () => {
    const error = classifyError(new DOMException('Quota exceeded.', 'QuotaExceededError'), {
      storage: { used: '1.9 GB', allowed: '2 GB' },
      cachedModels: [
        { name: 'Llama 3.1 8B Base', size: '4.5 GB' },
        { name: 'Ministral 3 3B Base', size: '1.9 GB' },
      ],
    });
    expect(error.message).toContain('1.9 GB of 2 GB used');
    expect(error.nextStep).toContain('Llama 3.1 8B Base (4.5 GB), Ministral 3 3B Base (1.9 GB)');
  });

  it('still gives a next step for a full storage when the app knows nothing more', () => {
    const error = classifyError(WEBLLM.indexedDbQuota);
    expect(error.message).not.toContain('used)');
    expect(error.nextStep).toContain('Delete a cached model');
  });

  it('tells a user-given address to end in /resolve/<revision>/ when a file is missing', () => {
    const mine = classifyError(WEBLLM.missingConfig, { addressFromUser: true });
    expect(mine.message).toContain('mlc-chat-config.json');
    expect(mine.nextStep).toContain('/resolve/<revision>/');
    expect(classifyError(WEBLLM.missingConfig).nextStep).not.toContain('/resolve/<revision>/');
  });

  it('names the model when the app knows it', () => {
    expect(classifyError(WEBLLM.deviceLost, { modelName: 'Llama 3.1 8B Base' }).message).toContain('Llama 3.1 8B Base');
  });

  it('says that the 32-bit weights will be used when shader-f16 is missing', () => {
    expect(classifyError(WEBLLM.shaderF16).message).toContain('32-bit');
  });

  it('names a limit in plain words, with what the GPU allows and what is needed', () => {
    const message = classifyError(WEBLLM.storageBindingLimit).message;
    expect(message).toContain('largest storage buffer binding');
    expect(message).toContain('64MB');
    expect(message).toContain('128MB');
  });

  it('gives the prompt length and the room for it', () => {
    const message = classifyError(WEBLLM.contextTooLong).message;
    expect(message).toContain('2100');
    expect(message).toContain('2048');
  });

  it('says a partial download resumes', () => {
    expect(classifyError('TypeError: Failed to fetch').nextStep).toContain('resumes');
  });

  it('explains a folder without a weight list under either name', () => {
    const error = classifyError(WEBLLM.missingTensorCache);
    expect(error.message).toContain('neither tensor-cache.json nor ndarray-cache.json');
    expect(error.nextStep).toContain('whole folder');
  });

  it('keeps the kind of a LabFailure, with its text as the detail', () => {
    const error = classifyError(new LabFailure('no-adapter', 'navigator.gpu.requestAdapter() returned null.'));
    expect(error.kind).toBe('no-adapter');
    expect(error.detail).toBe('navigator.gpu.requestAdapter() returned null.');
    expect(error.nextStep).not.toBe('');
  });

  it('keeps the kind of a LabError and redoes its words with the context', () => {
    const fromWorker = classifyError(WEBLLM.indexedDbQuota);
    const again = classifyError(fromWorker, { storage: { used: '500 MB', allowed: '600 MB' } });
    expect(again.kind).toBe('quota');
    expect(again.detail).toBe(WEBLLM.indexedDbQuota);
    expect(again.message).toContain('500 MB of 600 MB used');
  });

  it('words a failure a worker classified, which carries only its kind and detail', () => {
    const posted = structuredClone(classifyFailure(new LabFailure('no-adapter', 'requestAdapter() returned null.')));
    expect(posted).toEqual({ kind: 'no-adapter', detail: 'requestAdapter() returned null.' });
    const worded = describeFailure(posted, { modelName: 'Ministral 3 3B Base' });
    expect(worded.kind).toBe('no-adapter');
    expect(worded.nextStep).toContain('hardware acceleration');
    expect(classifyError(posted)).toEqual(worded);
  });

  it('reads an internal LabError again, since the context may know more than the worker did', () => {
    const fromWorker = classifyError(WEBLLM.modelNotLoaded);
    expect(fromWorker.kind).toBe('internal');
    expect(classifyError(fromWorker, { modelWasWorking: true }).kind).toBe('device-lost');
  });
});

describe('isLabError', () => {
  const good: LabError = { kind: 'network', message: 'm', nextStep: 'n', detail: 'd' };

  it('accepts a LabError, also after a structured clone', () => {
    expect(isLabError(good)).toBe(true);
    expect(isLabError(structuredClone(classifyError('TypeError: Failed to fetch')))).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['a string', 'network'],
    ['an Error', new Error('network')],
    ['an unknown kind', { ...good, kind: 'gremlins' }],
    ['a missing next step', { kind: 'network', message: 'm', detail: 'd' }],
    ['a detail that is not text', { ...good, detail: 42 }],
  ])('rejects %s', (_what, value) => {
    expect(isLabError(value)).toBe(false);
  });
});
