// Error kinds: every failure that reaches a user has a kind, a plain-words message and a next step.
// web-llm's errors arrive as strings (across its worker boundary), Error objects with minified names, or
// DOMExceptions; they are classified here and nowhere else.
import { msg, str } from '@lit/localize';

/** design.md §2. */
export type ErrorKind =
  | 'no-webgpu'
  | 'no-adapter'
  | 'no-f16'
  | 'limits'
  | 'device-lost'
  | 'out-of-memory'
  | 'network'
  | 'not-found'
  | 'quota'
  | 'aborted'
  | 'context-too-long'
  | 'bad-model'
  | 'worker-crashed'
  // The user's own server (issue 14): each says what went wrong between the lab and that server.
  | 'server-unreachable'
  | 'server-cors'
  | 'mixed-content'
  | 'server-blocked'
  | 'server-auth'
  | 'server-model-missing'
  | 'server-too-old'
  | 'server-unsupported'
  | 'server-error'
  | 'wrong-family'
  | 'internal';

/** What crosses the worker boundary and what the UI shows. Plain data: it survives structured clone. */
export interface LabError {
  kind: ErrorKind;
  /** What failed and why, in plain words. */
  message: string;
  /** What the user can do now. */
  nextStep: string;
  /** The original error text, for the "technical detail" disclosure and bug reports. */
  detail: string;
}

/** Facts the app knows and the raw error does not; they make the message specific. */
export interface ErrorContext {
  /** The checkpoint as the user knows it, e.g. "Ministral 3 3B Base". */
  modelName?: string;
  /** The browser's storage estimate for this site. */
  storage?: { usageBytes: number; quotaBytes: number };
  /** Models in the browser's cache, with their sizes: what the user could delete to make room. */
  cachedModels?: { name: string; bytes: number }[];
  /**
   * Whether the model had loaded and answered before this failure. web-llm reports a GPU lost after loading only as
   * a ModelNotLoadedError on the next request (webllm-notes §1.4); after a working session that error means the
   * device was lost.
   */
  modelWasWorking?: boolean;
  /** Whether the model's files come from an address the user gave ("bring your own base"). */
  addressFromUser?: boolean;
}

/** A failure whose kind our own code already knows (e.g. the worker's WebGPU check); `classifyError` keeps it. */
export class LabFailure extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, detail: string) {
    super(detail);
    this.name = 'LabFailure';
    this.kind = kind;
  }
}

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
const RUNTIME_LIMIT = /Cannot initialize runtime because of requested (\w+) exceeds limit\. requested=(\S+), limit=([^\s.]+)/;
const MISSING_FEATURE = /This model requires feature (\S+), which is not yet supported/;
const LIMITS = /Cannot initialize runtime because of requested|\bFeatureSupportError\b|This model requires feature|exceeds the (?:adapter'?s? )?limit/;
const DEVICE_LOST = /\bDeviceLostError\b|device (?:was|is|has been) lost/i;
const MODEL_NOT_LOADED = /\b(?:WorkerEngine)?ModelNotLoadedError\b|Model not loaded before trying to complete/;
const OUT_OF_MEMORY = /out of memory|\bOOM\b|GPUOutOfMemoryError|Not enough memory|Array buffer allocation failed|could not allocate memory|Cannot enlarge memory|createBuffer failed|createBuffer.*too large/i;
const CONTEXT_TOO_LONG = /\bContextWindowSizeExceededError\b|Prompt tokens exceed context window size/;
const PROMPT_SIZE = /number of prompt tokens: (\d+); context window size: (\d+)/;
const NOT_JSON = /is not valid JSON|Unexpected token '?<|JSON\.parse: unexpected character|JSON Parse error/;
const NOT_WASM = /expected magic word|\bCompileError\b/;
const NO_TENSOR_CACHE = /tensor-cache\.json[\s\S]*\bHTTP 404\b/;
const INTEGRITY = /\bIntegrityError\b|Integrity verification failed/;
const TOKENIZER_FILES = /\bUnsupportedTokenizerFilesError\b|Cannot handle tokenizer files/;
const WEIGHTS_MISMATCH =
  /data size and shape mismatch|(?:vocab\w*|quantization|model type)[^.\n]*(?:mismatch|does not match|differ)|\bArtifactManifestError\b|Cannot find required VM function/i;
/** The lab's own check that a bring-your-own base splits text into tokens exactly as its instruct twin does. */
const TOKENIZER_MISMATCH = /\bTokenizer mismatch\b/;
/** The lab's own check of a weights folder: its config or weight list lacks what every MLC conversion has. */
const NOT_MLC_CONFIG = /is not an MLC (?:model configuration|weight list)/;
/** The client's words for a worker that died (client.ts): an uncaught error or a message that could not be read. */
const WORKER_CRASHED = /\bModel worker crashed: /;
const NO_RECORD = /\bModelNotFoundError\b|Cannot find model record|\bMissingModel(?:Wasm)?Error\b|Missing `model_lib`/;
const HTTP_NOT_FOUND = /\bHTTP (404|410|401|403)\b/;
const HTTP_BUSY = /\bHTTP (429|5\d\d)\b/;
const NETWORK = /Failed to fetch|NetworkError|network error|TypeError: Load failed|Cache\.add\(\)|Failed to execute 'add' on 'Cache'|Network response was not ok|ArtifactIndexedDBCache failed to fetch|Failed to store \S+ with error|Cannot fetch \S+|ERR_INTERNET_DISCONNECTED/;
const URL_IN_TEXT = /https?:\/\/[^\s'"<>()]+/;

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

interface Words {
  message: string;
  nextStep: string;
}

// The words below go through @lit/localize: on the page they are in the reader's language. A worker has no
// language set and words its errors in English; the page classifies them again (classifyError keeps the kind) and
// so shows them in the reader's language.
function smallerModel(): string {
  return msg(
    'Close other tabs and apps that use the graphics card, then load the model again, or choose a smaller comparison (Ministral 3 3B rather than Llama 3.1 8B, or a small bring-your-own base).',
  );
}

function checkAddress(): string {
  return msg(
    'Check the address you gave: it must be the folder that holds mlc-chat-config.json, tensor-cache.json and the params_shard files, ending in /resolve/<revision>/ (for example https://huggingface.co/you/SmolLM2-360M-q4f16_1-MLC/resolve/main/).',
  );
}

function modelLabel(context: ErrorContext): string {
  return context.modelName ?? msg('the model');
}

/** The last part of the first address in the text, e.g. "mlc-chat-config.json", or null when there is none. */
function fileNamed(detail: string): string | null {
  const url = URL_IN_TEXT.exec(detail)?.[0].replace(/[.,;:]+$/, '');
  if (!url) return null;
  const parts = url.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? url;
}

/** " (file)" after a model's name, or nothing. */
function inParentheses(file: string | null): string {
  return file ? ` (${file})` : '';
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

function describeBadModel(detail: string, context: ErrorContext): Words {
  const model = modelLabel(context);
  const file = inParentheses(fileNamed(detail));
  const fixAddressOrCache = context.addressFromUser
    ? checkAddress()
    : msg('Try again later. If it keeps happening, delete this model from the cache and load it again.');
  if (NO_TENSOR_CACHE.test(detail)) {
    return {
      message: msg(
        str`The weights folder of ${model} has no list of its weight files: neither tensor-cache.json nor ndarray-cache.json, the name older conversions gave it.`,
      ),
      nextStep: msg('The folder is incomplete: upload the whole folder that mlc_llm convert_weight wrote, or convert the model again.'),
    };
  }
  if (NOT_JSON.test(detail)) {
    return {
      message: msg(str`Where a file of ${model}${file} was expected, the server sent something else, most likely a web page.`),
      nextStep: fixAddressOrCache,
    };
  }
  if (NOT_WASM.test(detail)) {
    return {
      message: msg(
        str`The model library of ${model} (its compiled .wasm program) is not a WebAssembly program; the server most likely sent an error page.`,
      ),
      nextStep: fixAddressOrCache,
    };
  }
  if (INTEGRITY.test(detail)) {
    return {
      message: msg(str`A downloaded file of ${model}${file} does not match its expected checksum: it is damaged or has changed.`),
      nextStep: msg('Delete this model from the cache and load it again.'),
    };
  }
  if (TOKENIZER_MISMATCH.test(detail)) {
    return {
      message: msg(
        str`${capitalised(model)} splits text into tokens differently from its instruct twin, so the two models would not be asked the same thing and their answers could not be compared.`,
      ),
      nextStep: msg(
        'Use base weights of the same model family as the instruct twin (for example SmolLM2-360M for SmolLM2 360M Instruct), converted with the tokenizer files that came with them.',
      ),
    };
  }
  if (NOT_MLC_CONFIG.test(detail)) {
    return {
      message: msg(str`The files of ${model}${file} are not those of a model converted with MLC.`),
      nextStep: `${msg('Convert the model with mlc_llm (convert_weight, then gen_config) and host the folder it writes.')} ${checkAddress()}`,
    };
  }
  if (TOKENIZER_FILES.test(detail)) {
    return {
      message: msg(str`The tokenizer of ${model} (how it splits text into tokens) is in a form the lab cannot read.`),
      nextStep: msg('Convert the model again with mlc_llm so that the folder contains tokenizer.json.'),
    };
  }
  return {
    message: msg(
      str`The weights of ${model} do not fit the model library (the compiled program) they were paired with: a different architecture, vocabulary or quantization.`,
    ),
    nextStep: msg(
      "Use base weights of the same model family as the instruct twin, converted with the same quantization (q4f16_1 or q4f32_1) and the twin's conversation template.",
    ),
  };
}

function describeNotFound(detail: string, context: ErrorContext): Words {
  const model = modelLabel(context);
  if (NO_RECORD.test(detail)) {
    return {
      message: msg(str`The lab's catalog entry for ${model} is incomplete: the lab cannot tell how to load it.`),
      nextStep: msg('Reload the page. If it keeps happening, please report it with the technical detail below.'),
    };
  }
  const file = fileNamed(detail);
  const status = HTTP_NOT_FOUND.exec(detail)?.[1];
  if (status === '401' || status === '403') {
    return {
      message: msg(
        str`The server refused to send a file of ${model}${inParentheses(file)} (HTTP ${status}): the repository may be private or gated.`,
      ),
      nextStep: context.addressFromUser
        ? `${msg('Make the repository public, or host the files where anyone can read them.')} ${checkAddress()}`
        : msg('Try again later. If it keeps happening, the model host has changed its files; please report it.'),
    };
  }
  return {
    message: file ? msg(str`A file of ${model} was not found on the server: ${file}.`) : msg(str`A file of ${model} was not found on the server.`),
    nextStep: context.addressFromUser
      ? checkAddress()
      : msg('The model host may have moved or renamed the files. Try again later; if it keeps happening, please report it.'),
  };
}

function describeQuota(context: ErrorContext): Words {
  const storage = context.storage;
  const cached = [...(context.cachedModels ?? [])].sort((a, b) => b.bytes - a.bytes);
  const nextStep =
    cached.length > 0
      ? msg(
          str`Delete a cached model you no longer need: ${cached.map((model) => `${model.name} (${formatBytes(model.bytes)})`).join(', ')}. Then try again.`,
        )
      : msg(
          "Delete a cached model you no longer need, or free up disk space (browsers size a site's storage from the free disk space), then try again. Private windows allow much less storage.",
        );
  const message = storage
    ? msg(
        str`Your browser's storage for this site is full (${formatBytes(storage.usageBytes)} of ${formatBytes(storage.quotaBytes)} used), so the model files cannot be saved.`,
      )
    : msg("Your browser's storage for this site is full, so the model files cannot be saved.");
  return { message, nextStep };
}

/** The adapter limits web-llm checks, in the words of the "Your GPU" page. */
function limitName(limit: string): string {
  switch (limit) {
    case 'maxBufferSize':
      return msg('largest buffer');
    case 'maxStorageBufferBindingSize':
      return msg('largest storage buffer binding');
    case 'maxComputeWorkgroupStorageSize':
      return msg('workgroup memory');
    case 'maxStorageBuffersPerShaderStage':
      return msg('storage buffers per shader');
    default:
      return limit;
  }
}

function describeLimits(detail: string): Words {
  const limit = RUNTIME_LIMIT.exec(detail);
  const feature = MISSING_FEATURE.exec(detail)?.[1];
  const message = feature
    ? msg(str`This graphics card lacks a WebGPU feature the models need (${feature}).`)
    : limit
      ? msg(
          str`This graphics card cannot give the lab buffers as large as the models need (${limitName(limit[1] ?? '')}: this GPU allows ${limit[3] ?? ''}, the models need ${limit[2] ?? ''}).`,
        )
      : msg('This graphics card cannot give the lab buffers as large as the models need.');
  return {
    message,
    nextStep: msg(
      'Try a recent Chrome or Edge, update the graphics driver, or, on a laptop with two graphics chips, make the browser use the high-performance one. The "Your GPU" page shows what this GPU offers.',
    ),
  };
}

function describeContextTooLong(detail: string, context: ErrorContext): Words {
  const sizes = PROMPT_SIZE.exec(detail);
  const model = modelLabel(context);
  return {
    message: sizes
      ? msg(str`The prompt is too long for ${model}: ${sizes[1] ?? ''} tokens, and the lab gives it room for ${sizes[2] ?? ''}.`)
      : msg(str`The prompt is too long for the room the lab gives ${model}.`),
    nextStep: msg('Shorten the prompt, or play fewer rounds so that the game history in the prompt is shorter.'),
  };
}

function describeNetwork(detail: string, context: ErrorContext): Words {
  const what = `${modelLabel(context)}${inParentheses(fileNamed(detail))}`;
  const busy = HTTP_BUSY.exec(detail)?.[1];
  if (busy) {
    return {
      message: msg(str`The server that holds ${what} is busy or failing (HTTP ${busy}).`),
      nextStep: msg('Wait a minute and try again; the files already downloaded are kept, so the download resumes where it stopped.'),
    };
  }
  return {
    message: msg(str`The download of ${what} failed: the connection dropped or the server could not be reached.`),
    nextStep: msg(
      'Check your internet connection and try again; the files already downloaded are kept, so the download resumes where it stopped.',
    ),
  };
}

function describeInternal(detail: string, context: ErrorContext): Words {
  if (MODEL_NOT_LOADED.test(detail)) {
    return { message: msg(str`${capitalised(modelLabel(context))} is not loaded.`), nextStep: msg('Load it, then try again.') };
  }
  return {
    message: msg('Something went wrong that the lab does not recognise.'),
    nextStep: msg('Try again. If it happens again, reload the page; the technical detail below helps a bug report.'),
  };
}

/** The server address named in a detail text (its origin), or words for it when the detail names none. */
function serverNamed(detail: string): string {
  const url = URL_IN_TEXT.exec(detail)?.[0].replace(/[.,;:)]+$/, '');
  if (!url) return msg('the server');
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** This page's own address, as a server's CORS setting must name it. */
function thisPage(): string {
  return globalThis.location?.origin ?? msg('this page’s address');
}

const HTTP_STATUS = /\bHTTP (\d{3})\b/;

function resumeNote(): string {
  return msg('A run that stopped keeps every answer made so far and resumes where it stopped.');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words for each kind; a Record, so a new kind cannot be added without them. */
const DESCRIBE: Record<ErrorKind, (detail: string, context: ErrorContext) => Words> = {
  'no-webgpu': () => ({
    message: msg('This browser does not offer WebGPU, which the lab needs to run language models on your graphics card.'),
    nextStep: msg(
      'Open the lab in a browser with WebGPU, such as Chrome or Edge 113 or newer on Windows, macOS or ChromeOS, or Safari 26. The "Your GPU" page says what this browser lacks.',
    ),
  }),
  'no-adapter': () => ({
    message: msg(
      'This browser has WebGPU but found no graphics card it may use: hardware acceleration may be off, or the graphics driver is blocked.',
    ),
    nextStep: msg(
      'Turn on hardware acceleration in the browser\'s settings, update the graphics driver and restart the browser. The "Your GPU" page has more.',
    ),
  }),
  'no-f16': (_detail, context) => ({
    message: msg(
      str`This graphics card lacks 16-bit floats (the WebGPU feature shader-f16), which the 16-bit version of ${modelLabel(context)} needs; the 32-bit weights will be used.`,
    ),
    nextStep: msg('Load the model again; the 32-bit (q4f32) weights are a somewhat larger download.'),
  }),
  limits: (detail) => describeLimits(detail),
  'device-lost': (_detail, context) => ({
    message: msg(
      str`The graphics card stopped working for this page while running ${modelLabel(context)} (the browser lost its connection to the GPU). This most often means it ran out of memory.`,
    ),
    nextStep: smallerModel(),
  }),
  'out-of-memory': (_detail, context) => ({
    message: msg(str`The graphics card, or the browser, ran out of memory for ${modelLabel(context)}.`),
    nextStep: smallerModel(),
  }),
  network: describeNetwork,
  'not-found': describeNotFound,
  quota: (_detail, context) => describeQuota(context),
  aborted: () => ({
    message: msg('Stopped: it was cancelled before it finished.'),
    nextStep: msg('Start it again when you are ready; a download resumes from the files already saved.'),
  }),
  'context-too-long': describeContextTooLong,
  'bad-model': describeBadModel,
  'worker-crashed': (_detail, context) => ({
    message: msg(str`The part of the page that runs ${modelLabel(context)} (its worker) stopped unexpectedly.`),
    nextStep: msg('Load the model again: the lab starts it afresh. Results already made are saved, and a run that was going on can be resumed.'),
  }),
  'server-unreachable': (detail) => ({
    message: msg(str`No server answered at ${serverNamed(detail)}: the address may be wrong, or the server is not running or has stopped.`),
    nextStep: `${msg(
      'Check the address (vLLM usually listens on http://localhost:8000/v1, llama.cpp’s server on http://localhost:8080/v1, Ollama on http://localhost:11434/v1) and that the server is running, then try again.',
    )} ${resumeNote()}`,
  }),
  'server-cors': (detail) => ({
    message: msg(str`The server at ${serverNamed(detail)} answered, but does not let this page read its answers (it sends no CORS permission for it).`),
    nextStep: msg(
      str`Start the server so that it allows ${thisPage()}: vLLM allows every page unless started with --allowed-origins; llama.cpp’s server takes --cors-origins; Ollama reads OLLAMA_ORIGINS. docs/scale-out.md shows each.`,
    ),
  }),
  'mixed-content': (detail) => ({
    message: msg(
      str`This page was loaded over https, and browsers do not let an https page call a plain-http address such as ${serverNamed(detail)} (only this computer’s own, localhost).`,
    ),
    nextStep: msg(
      'Serve the server over https (for example behind a reverse proxy with a certificate), reach it as localhost through an SSH tunnel (ssh -L 8000:localhost:8000 …), or open a copy of the lab served over plain http on the same network (docs/operating.md).',
    ),
  }),
  'server-blocked': (detail) => ({
    message: msg(
      str`This copy of the lab may not reach ${serverNamed(detail)}: its Content-Security-Policy allows https addresses and this computer’s own (localhost), not other plain-http addresses.`,
    ),
    nextStep: msg('Whoever hosts this copy adds the server’s address to connect-src in the policy for assets/ (docs/operating.md); or use an https address, or localhost.'),
  }),
  'server-auth': (detail) => ({
    message: msg(str`The server at ${serverNamed(detail)} refused the request: it needs an API key, or not this one.`),
    nextStep: msg('Type the key the server was started with (vLLM and llama.cpp: --api-key). The lab keeps it only while this page is open and never saves or shares it.'),
  }),
  'server-model-missing': (detail, context) => ({
    message: msg(str`The server at ${serverNamed(detail)} does not serve ${modelLabel(context)}.`),
    nextStep: msg('Connect again to see the models it serves now, and choose from those: the name must match exactly.'),
  }),
  'server-too-old': (detail) => ({
    message: msg(str`The server at ${serverNamed(detail)} does not offer what the lab needs: it may be too old, or not an OpenAI-compatible server.`),
    nextStep: msg('Update the server to a recent version, and check that the address ends where its OpenAI API starts (…/v1). The technical detail below says what was missing.'),
  }),
  'server-unsupported': () => ({
    message: msg('This server does not give the token probabilities that exact mode reads.'),
    nextStep: msg('Run the experiment in sampled mode, or serve the model with vLLM (exact) or llama.cpp’s server (exact where its top probabilities cover the answers, bounds otherwise).'),
  }),
  'server-error': (detail) => {
    const status = HTTP_STATUS.exec(detail)?.[1];
    return {
      message: status
        ? msg(str`The server at ${serverNamed(detail)} failed to answer (HTTP ${status}).`)
        : msg(str`The server at ${serverNamed(detail)} failed to answer.`),
      nextStep: `${msg('Its own log says why; its message is in the technical detail below. Then try again.')} ${resumeNote()}`,
    };
  },
  'wrong-family': (_detail, context) => ({
    message: msg(
      str`${capitalised(modelLabel(context))} does not read the special tokens of the model family chosen for it, so the lab’s prompts would not mean what they say to it.`,
    ),
    nextStep: msg('Choose the family that matches the model (the one whose chat format it was trained with), then load it again.'),
  }),
  internal: describeInternal,
};

/**
 * Failures after which a run is paused rather than failed: the model (or the server running it), not the run, broke.
 * Its records are kept and it resumes once the model is loaded again, or the server answers again.
 */
export function pausesRun(error: Pick<LabError, 'kind'>): boolean {
  return ['device-lost', 'worker-crashed', 'out-of-memory', 'aborted', 'server-unreachable', 'server-error'].includes(error.kind);
}

/** Failures that leave the model unusable in its worker: the way forward is a new worker, i.e. loading it again. */
export function needsReload(error: Pick<LabError, 'kind'>): boolean {
  return ['device-lost', 'worker-crashed', 'out-of-memory'].includes(error.kind);
}

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && Object.hasOwn(DESCRIBE, value);
}

/** A structural check, for data that crossed a worker boundary. */
export function isLabError(value: unknown): value is LabError {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    isErrorKind(fields.kind) &&
    typeof fields.message === 'string' &&
    typeof fields.nextStep === 'string' &&
    typeof fields.detail === 'string'
  );
}

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
 * DOMExceptions, `{ name, message }` objects, a `LabFailure`, or a `LabError` (whose kind is kept, unless it is
 * `internal`: then its detail is read again, since `context` may know more than the worker did).
 */
export function classifyError(raw: unknown, context: ErrorContext = {}): LabError {
  let kind: ErrorKind;
  let detail: string;
  if (raw instanceof LabFailure) {
    kind = raw.kind;
    detail = raw.message;
  } else if (isLabError(raw)) {
    detail = raw.detail;
    kind = raw.kind === 'internal' ? detectKind(detail, context) : raw.kind;
  } else {
    detail = originalText(raw);
    kind = detectKind(detail, context);
  }
  return { kind, ...DESCRIBE[kind](detail, context), detail };
}
