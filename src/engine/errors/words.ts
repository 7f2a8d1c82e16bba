// Words for failures: for each kind a plain-words message and a next step, in the reader's language (design.md §7).
// Only the page loads this module: workers classify (classify.ts) and post a failure's kind and detail, and the page
// words it.
import { msg, str } from '@lit/localize';
import {
  classifyFailure,
  HTTP_BUSY,
  HTTP_NOT_FOUND,
  HTTP_STATUS,
  INTEGRITY,
  MISSING_FEATURE,
  MODEL_NOT_LOADED,
  NO_RECORD,
  NO_TENSOR_CACHE,
  NOT_JSON,
  NOT_MLC_CONFIG,
  NOT_WASM,
  PROMPT_SIZE,
  RUNTIME_LIMIT,
  TOKENIZER_FILES,
  TOKENIZER_MISMATCH,
  URL_IN_TEXT,
} from './classify.ts';
import type { ErrorContext, ErrorKind, Failure, LabError } from './kinds.ts';

interface Words {
  message: string;
  nextStep: string;
}

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
  const cached = context.cachedModels ?? [];
  const nextStep =
    cached.length > 0
      ? msg(str`Delete a cached model you no longer need: ${cached.map((model) => `${model.name} (${model.size})`).join(', ')}. Then try again.`)
      : msg(
          "Delete a cached model you no longer need, or free up disk space (browsers size a site's storage from the free disk space), then try again. Private windows allow much less storage.",
        );
  const message = storage
    ? msg(str`Your browser's storage for this site is full (${storage.used} of ${storage.allowed} used), so the model files cannot be saved.`)
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

/** A classified failure in words, for the page. */
export function describeFailure(failure: Failure, context: ErrorContext = {}): LabError {
  return { kind: failure.kind, ...DESCRIBE[failure.kind](failure.detail, context), detail: failure.detail };
}

/** Classifies anything thrown or posted (classify.ts `classifyFailure`) and words it. */
export function classifyError(raw: unknown, context: ErrorContext = {}): LabError {
  return describeFailure(classifyFailure(raw, context), context);
}
