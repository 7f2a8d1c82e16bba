// The model catalog (design.md §5): comparisons of checkpoints that share an architecture and tokenizer.
// Facts come from web-llm 0.2.86's prebuilt list (model ids, VRAM) and the models' cards (licences, parameters).
import type { ModelRole } from '../core/model.ts';
import type { ChatTemplateId } from '../core/prompts/chat-templates.ts';
import type { WeightVariant } from './preflight.ts';
import type { ServerConnection } from './server/server-types.ts';

/** Where a checkpoint's files come from, in terms the model worker turns into a web-llm ModelRecord. */
export type ModelSource =
  /** A record of web-llm's own prebuilt list, used as it is. */
  | { kind: 'prebuilt'; modelId: string }
  /**
   * Weights of our choosing (e.g. a base model) run on the wasm of a prebuilt model with the same architecture
   * and quantization (e.g. its instruct twin). The worker looks the wasm up in web-llm's prebuilt list at run time,
   * so it always matches the installed runtime.
   */
  | { kind: 'weights-on-prebuilt-lib'; modelId: string; weightsUrl: string; libFromModelId: string }
  /** Weights and wasm both at addresses of our choosing: a copy hosted with the app, or the browser tests' fixtures. */
  | { kind: 'self-hosted'; weightsUrl: string; libUrl: string }
  /**
   * A model on the user's own OpenAI-compatible server (issue 14), run by the server worker, not web-llm. `model` is
   * its name on the server; `family` the chat format the user chose for it. The connection's key lives only here,
   * in the page's memory.
   */
  | { kind: 'server'; modelId: string; connection: ServerConnection; model: string; family: ChatTemplateId };

export type ComparisonId = 'ministral-3-3b' | 'llama-3.1-8b' | 'bring-your-own' | 'your-server';

/** One weight format of a checkpoint. */
export interface ModelVariant {
  source: ModelSource;
  /** What the user downloads for it: the weights (the tokenizer and model library add a few MB more). */
  downloadBytes: number;
  /** True when `downloadBytes` comes from the parameter count, not from the host's file listing. */
  downloadBytesIsEstimate: boolean;
  /** GPU memory web-llm lists for the model at a 4,096-token context; the lab asks for less context, so this is an upper bound. */
  vramMB: number;
  /** The pinned Hugging Face revision (a commit), or null when the weights follow the repository's `main`. */
  revision: string | null;
}

export interface Licence {
  name: string;
  url: string;
}

export interface CatalogModel {
  /** Stable id in our catalog, e.g. 'ministral-3-3b-base'. */
  id: string;
  comparison: ComparisonId;
  role: ModelRole;
  /** As the user reads it, e.g. 'Ministral 3 3B Base'. */
  name: string;
  /**
   * Every catalog model has both variants; a bring-your-own base has those the user gave an address for, so the
   * type says a variant may be missing.
   */
  variants: Partial<Record<WeightVariant, ModelVariant>>;
  /** What we ask web-llm for: probes need at most 2,048 tokens, and a smaller KV cache saves GPU memory. */
  contextWindowTokens: number;
  /** The aligned model's chat format; null for base models (they get completion frames). */
  chatTemplate: ChatTemplateId | null;
  licence: Licence;
  /** The model card. */
  sourceUrl: string;
}

export interface Comparison {
  id: ComparisonId;
  name: string;
  /** What it is good for, in plain words. */
  description: string;
  models: CatalogModel[];
  /** The base and the aligned checkpoint a run compares unless the user picks others. */
  defaultPair: [baseId: string, alignedId: string];
}

/** How each variant is spelled in MLC model names and web-llm ids. */
export const QUANTIZATION: Record<WeightVariant, string> = { q4f16: 'q4f16_1', q4f32: 'q4f32_1' };

/** Bytes per parameter of MLC's 4-bit formats, from shard sizes on Hugging Face (webllm-notes §4.3). */
const BYTES_PER_PARAMETER: Record<WeightVariant, number> = { q4f16: 0.56, q4f32: 0.63 };

/** The UI asks before any download larger than this (design.md §5). */
export const CONFIRM_DOWNLOAD_ABOVE_BYTES = 1e9;

/** The context window the lab gives every model: room for the longest prompt and answer of any probe. */
export const CONTEXT_WINDOW_TOKENS = 2048;

const APACHE_2: Licence = { name: 'Apache 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' };
const LLAMA_3_1: Licence = { name: 'Llama 3.1 Community License', url: 'https://www.llama.com/llama3_1/license/' };
const LLAMA_3_2: Licence = { name: 'Llama 3.2 Community License', url: 'https://www.llama.com/llama3_2/license/' };

/**
 * Both variants of a model in web-llm's prebuilt list, named `<prefix>-q4f16_1-MLC` and `<prefix>-q4f32_1-MLC`.
 * Sizes are estimated: no file listing of these repositories was available when the catalog was written.
 */
function prebuiltVariants(idPrefix: string, parameters: number, vramMB: Record<WeightVariant, number>): Record<WeightVariant, ModelVariant> {
  const variant = (weights: WeightVariant): ModelVariant => ({
    source: { kind: 'prebuilt', modelId: `${idPrefix}-${QUANTIZATION[weights]}-MLC` },
    downloadBytes: Math.round(parameters * BYTES_PER_PARAMETER[weights]),
    downloadBytesIsEstimate: true,
    vramMB: vramMB[weights],
    revision: null,
  });
  return { q4f16: variant('q4f16'), q4f32: variant('q4f32') };
}

// Ministral 3 3B: a 3.4B-parameter language model (its card; the 0.4B vision encoder is not used here).
const MINISTRAL_PARAMETERS = 3.4e9;
const MINISTRAL_VRAM_MB = { q4f16: 2863.69, q4f32: 3532.37 };

const MINISTRAL_MODELS: CatalogModel[] = [
  {
    id: 'ministral-3-3b-base',
    comparison: 'ministral-3-3b',
    role: 'base',
    name: 'Ministral 3 3B Base',
    variants: prebuiltVariants('Ministral-3-3B-Base-2512', MINISTRAL_PARAMETERS, MINISTRAL_VRAM_MB),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: null,
    licence: APACHE_2,
    sourceUrl: 'https://huggingface.co/mistralai/Ministral-3-3B-Base-2512',
  },
  {
    id: 'ministral-3-3b-instruct',
    comparison: 'ministral-3-3b',
    role: 'instruct',
    name: 'Ministral 3 3B Instruct',
    // web-llm converted the BF16 release of the instruct model (the main release is FP8).
    variants: prebuiltVariants('Ministral-3-3B-Instruct-2512-BF16', MINISTRAL_PARAMETERS, MINISTRAL_VRAM_MB),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: 'ministral-3',
    licence: APACHE_2,
    sourceUrl: 'https://huggingface.co/mistralai/Ministral-3-3B-Instruct-2512',
  },
  {
    id: 'ministral-3-3b-reasoning',
    comparison: 'ministral-3-3b',
    role: 'reasoning',
    name: 'Ministral 3 3B Reasoning',
    variants: prebuiltVariants('Ministral-3-3B-Reasoning-2512', MINISTRAL_PARAMETERS, MINISTRAL_VRAM_MB),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    // A decision, not an accident: the Reasoning model's own template (with a [THINK] system prompt) could not be
    // found offline, so it is asked through the Instruct format, without that system prompt, and answers directly.
    chatTemplate: 'ministral-3',
    licence: APACHE_2,
    sourceUrl: 'https://huggingface.co/mistralai/Ministral-3-3B-Reasoning-2512',
  },
];

const LLAMA_8B_PARAMETERS = 8.03e9;
const LLAMA_8B_VRAM_MB = { q4f16: 5001.0, q4f32: 6101.01 };

/** mlc-ai's conversion of the base model, run on the instruct model's wasm as web-llm's text-completion example does. */
function llamaBaseVariant(weights: WeightVariant): ModelVariant {
  const name = `Llama-3.1-8B-${QUANTIZATION[weights]}-MLC`;
  return {
    source: {
      kind: 'weights-on-prebuilt-lib',
      modelId: name,
      weightsUrl: `https://huggingface.co/mlc-ai/${name}/resolve/main/`,
      libFromModelId: `Llama-3.1-8B-Instruct-${QUANTIZATION[weights]}-MLC`,
    },
    downloadBytes: Math.round(LLAMA_8B_PARAMETERS * BYTES_PER_PARAMETER[weights]),
    downloadBytesIsEstimate: true,
    vramMB: LLAMA_8B_VRAM_MB[weights],
    revision: null,
  };
}

const LLAMA_8B_MODELS: CatalogModel[] = [
  {
    id: 'llama-3.1-8b-base',
    comparison: 'llama-3.1-8b',
    role: 'base',
    name: 'Llama 3.1 8B Base',
    variants: { q4f16: llamaBaseVariant('q4f16'), q4f32: llamaBaseVariant('q4f32') },
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: null,
    licence: LLAMA_3_1,
    sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B',
  },
  {
    id: 'llama-3.1-8b-instruct',
    comparison: 'llama-3.1-8b',
    role: 'instruct',
    name: 'Llama 3.1 8B Instruct',
    variants: prebuiltVariants('Llama-3.1-8B-Instruct', LLAMA_8B_PARAMETERS, LLAMA_8B_VRAM_MB),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: 'llama-3.1',
    licence: LLAMA_3_1,
    sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
  },
];

/** The fixed comparisons, the default first. "Bring your own base" is made by `bringYourOwnBase`. */
export const COMPARISONS: readonly Comparison[] = [
  {
    id: 'ministral-3-3b',
    name: 'Ministral 3 3B',
    description:
      'Mistral AI\'s 3-billion-parameter model at three stages of training: the base model (trained only to ' +
      'continue text), the instruct model (then trained to follow instructions and chat) and the reasoning model ' +
      '(trained to think step by step). The default: all three are ready to run, about 2 GB to download each, and ' +
      'each needs about 3 GB of GPU memory.',
    models: MINISTRAL_MODELS,
    defaultPair: ['ministral-3-3b-base', 'ministral-3-3b-instruct'],
  },
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    description:
      'Meta\'s 8-billion-parameter base model and its instruct twin: the very pair West & Potts (2025) tested, so the ' +
      'closest check of the paper. About 4.5 GB to download each, and 5 to 6 GB of GPU memory each, so 10 to 12 GB ' +
      'for both at once (or run them one at a time): for desktop GPUs and well-equipped laptops.',
    models: LLAMA_8B_MODELS,
    defaultPair: ['llama-3.1-8b-base', 'llama-3.1-8b-instruct'],
  },
];

export const DEFAULT_COMPARISON_ID: ComparisonId = 'ministral-3-3b';

/** The prebuilt instruct models a bring-your-own base can be paired with; the base runs on the twin's wasm. */
export const BRING_YOUR_OWN_TWINS: readonly CatalogModel[] = [
  {
    id: 'smollm2-360m-instruct',
    comparison: 'bring-your-own',
    role: 'instruct',
    name: 'SmolLM2 360M Instruct',
    variants: prebuiltVariants('SmolLM2-360M-Instruct', 362e6, { q4f16: 376.06, q4f32: 579.61 }),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: 'smollm2',
    licence: APACHE_2,
    sourceUrl: 'https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct',
  },
  {
    id: 'qwen2.5-0.5b-instruct',
    comparison: 'bring-your-own',
    role: 'instruct',
    name: 'Qwen2.5 0.5B Instruct',
    variants: prebuiltVariants('Qwen2.5-0.5B-Instruct', 494e6, { q4f16: 944.62, q4f32: 1060.2 }),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: 'qwen2.5',
    licence: APACHE_2,
    sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct',
  },
  {
    id: 'llama-3.2-1b-instruct',
    comparison: 'bring-your-own',
    role: 'instruct',
    name: 'Llama 3.2 1B Instruct',
    variants: prebuiltVariants('Llama-3.2-1B-Instruct', 1.24e9, { q4f16: 879.04, q4f32: 1128.82 }),
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: 'llama-3.2',
    licence: LLAMA_3_2,
    sourceUrl: 'https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct',
  },
];

/**
 * What a bring-your-own base must share with its twin to run on the twin's model library and to be compared with
 * it token for token: the architecture and vocabulary of the twin's family (from the models' config.json files).
 */
export interface TwinArchitecture {
  /** mlc-chat-config.json's `model_type`. */
  modelType: string;
  /** mlc-chat-config.json's `vocab_size`. */
  vocabularySize: number;
}

export const TWIN_ARCHITECTURE: Readonly<Record<string, TwinArchitecture>> = {
  'smollm2-360m-instruct': { modelType: 'llama', vocabularySize: 49152 },
  'qwen2.5-0.5b-instruct': { modelType: 'qwen2', vocabularySize: 151936 },
  'llama-3.2-1b-instruct': { modelType: 'llama', vocabularySize: 128256 },
};

/** Llama 3.1 8B's config.json: the library the catalog's Llama 3.1 8B base runs on. */
const LLAMA_3_1_8B_ARCHITECTURE: TwinArchitecture = { modelType: 'llama', vocabularySize: 128256 };

/**
 * What a folder of weights must match to run on the model library it borrows, for every model whose weights are
 * not in web-llm's prebuilt list (`weights-on-prebuilt-lib`): the architecture of the prebuilt model the library
 * belongs to. Null when the lab does not know that library's architecture.
 */
export function libraryArchitecture(source: ModelSource): TwinArchitecture | null {
  if (source.kind !== 'weights-on-prebuilt-lib') return null;
  const owner = [...COMPARISONS.flatMap((comparison) => comparison.models), ...BRING_YOUR_OWN_TWINS].find((model) =>
    Object.values(model.variants).some((variant) => variant?.source.kind === 'prebuilt' && variant.source.modelId === source.libFromModelId),
  );
  if (!owner) return null;
  return owner.id === 'llama-3.1-8b-instruct' ? LLAMA_3_1_8B_ARCHITECTURE : (TWIN_ARCHITECTURE[owner.id] ?? null);
}

/** The instruct twin of a bring-your-own comparison's base, or null for a model that is no such base. */
export function bringYourOwnTwinOf(model: CatalogModel, comparison: Comparison): CatalogModel | null {
  if (model.comparison !== 'bring-your-own' || model.role !== 'base') return null;
  return comparison.models.find((candidate) => candidate.id in TWIN_ARCHITECTURE) ?? null;
}

export function findComparison(id: string): Comparison | undefined {
  return COMPARISONS.find((comparison) => comparison.id === id);
}

/** A model of the fixed comparisons or a bring-your-own twin, by catalog id. */
export function findModel(id: string): CatalogModel | undefined {
  return [...COMPARISONS.flatMap((comparison) => comparison.models), ...BRING_YOUR_OWN_TWINS].find((model) => model.id === id);
}

export interface DownloadSize {
  bytes: number;
  /** True when any part of it is an estimate. */
  isEstimate: boolean;
  /** Whether the UI must ask before downloading (more than 1 GB). */
  needsConfirmation: boolean;
}

/**
 * What the user must confirm before the given models are downloaded in the given variant (pass the ones not yet
 * cached). Throws when a model lacks the variant: the UI must not offer it.
 */
export function downloadSize(models: readonly CatalogModel[], variant: WeightVariant): DownloadSize {
  let bytes = 0;
  let isEstimate = false;
  for (const model of models) {
    const chosen = model.variants[variant];
    if (!chosen) throw new Error(`${model.name} has no ${QUANTIZATION[variant]} weights.`);
    bytes += chosen.downloadBytes;
    isEstimate ||= chosen.downloadBytesIsEstimate;
  }
  return { bytes, isEstimate, needsConfirmation: bytes > CONFIRM_DOWNLOAD_ABOVE_BYTES };
}

export interface InputProblem {
  /** Which input is wrong, e.g. 'weightsUrls.q4f16' or 'twinId'. */
  field: string;
  message: string;
}
