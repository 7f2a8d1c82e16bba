// "Bring your own base" (design.md §5): checking the addresses a user gives for MLC-converted base weights, and the
// comparison they make with the prebuilt instruct twin whose model library the base runs on.
import { msg, str } from '@lit/localize';
import {
  BRING_YOUR_OWN_TWINS,
  CONTEXT_WINDOW_TOKENS,
  QUANTIZATION,
  type CatalogModel,
  type Comparison,
  type InputProblem,
  type ModelVariant,
} from './catalog.ts';
import type { WeightVariant } from './preflight.ts';

export interface BringYourOwnInput {
  /** Addresses of MLC-converted base weights, one per variant the user has. */
  weightsUrls: Partial<Record<WeightVariant, string>>;
  /** The catalog id of one of `BRING_YOUR_OWN_TWINS`. */
  twinId: string;
}

export type BringYourOwnResult =
  | { ok: true; model: CatalogModel; comparison: Comparison }
  | { ok: false; problems: InputProblem[] };

const EXAMPLE_WEIGHTS_URL = 'https://huggingface.co/you/SmolLM2-360M-q4f16_1-MLC/resolve/main/';

/** The folder form web-llm keeps as it is; without it, its cleanModelUrl appends "resolve/main/" itself. */
const RESOLVE_FOLDER = /^(.*)\/resolve\/([^/]+)\/?$/;

interface CheckedUrl {
  /** Normalised: absolute, ending in a slash. */
  href: string;
  /** The address before "/resolve/": on Hugging Face, the repository's page. */
  repositoryUrl: string;
  /** The folder's last name before "/resolve/", e.g. "SmolLM2-360M-q4f16_1-MLC". */
  repositoryName: string;
  revision: string;
}

function checkWeightsUrl(text: string, variant: WeightVariant): CheckedUrl | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return msg(str`This is not a complete web address. Give the full address of the weights folder, e.g. ${EXAMPLE_WEIGHTS_URL}`);
  }
  if (url.protocol !== 'https:') {
    return msg('The address must start with https://: a page served over https may not download from other addresses.');
  }
  if (text.includes('?') || text.includes('#')) {
    return msg('Remove everything from the "?" or "#" on: the lab adds file names to the end of this address.');
  }
  const folder = RESOLVE_FOLDER.exec(url.pathname);
  if (!folder) {
    return msg(
      str`The address must end in /resolve/<revision>/, the folder that holds mlc-chat-config.json and the weights, e.g. ${EXAMPLE_WEIGHTS_URL} (on Hugging Face, a commit hash in place of "main" pins the exact files). Without it the model runtime adds "resolve/main/" to the address itself, which only works for the main branch of a Hugging Face repository.`,
    );
  }
  const other: WeightVariant = variant === 'q4f16' ? 'q4f32' : 'q4f16';
  if (url.pathname.includes(QUANTIZATION[other])) {
    return msg(
      str`This address looks like ${QUANTIZATION[other]} weights, but this field is for ${QUANTIZATION[variant]} weights: the quantization must match the instruct twin whose model library they run on.`,
    );
  }
  const before = folder[1] ?? '';
  return {
    href: url.href.endsWith('/') ? url.href : `${url.href}/`,
    repositoryUrl: `${url.origin}${before}`,
    repositoryName: before.split('/').filter((part) => part !== '').pop() ?? url.hostname,
    revision: folder[2] ?? 'main',
  };
}

/** "SmolLM2-360M-q4f16_1-MLC" → "SmolLM2-360M": the name without the format, which the lab shows separately. */
function baseModelName(repositoryName: string): string {
  return repositoryName.replace(/-MLC$/i, '').replace(/-q4f(?:16|32)_1$/i, '');
}

/**
 * "Bring your own base": MLC-converted base weights at the user's addresses, paired with a prebuilt instruct twin
 * of the same architecture, whose wasm the base runs on. The weights must have the twin's quantization.
 */
export function bringYourOwnBase(input: BringYourOwnInput): BringYourOwnResult {
  const problems: InputProblem[] = [];
  const twin = BRING_YOUR_OWN_TWINS.find((candidate) => candidate.id === input.twinId);
  if (!twin) {
    problems.push({
      field: 'twinId',
      message: msg(str`Choose one of the instruct twins the lab offers: ${BRING_YOUR_OWN_TWINS.map((model) => model.name).join(', ')}.`),
    });
  }

  const checked: { variant: WeightVariant; url: CheckedUrl }[] = [];
  let givenCount = 0;
  for (const variant of Object.keys(QUANTIZATION) as WeightVariant[]) {
    const text = input.weightsUrls[variant]?.trim() ?? '';
    if (text === '') continue;
    givenCount += 1;
    const result = checkWeightsUrl(text, variant);
    if (typeof result === 'string') problems.push({ field: `weightsUrls.${variant}`, message: result });
    else checked.push({ variant, url: result });
  }
  if (givenCount === 0) {
    problems.push({
      field: 'weightsUrls',
      message: msg('Give the address of at least one version of the weights: q4f16_1 (for GPUs with 16-bit floats) or q4f32_1 (for all others).'),
    });
  }
  const first = checked[0]?.url;
  if (problems.length > 0 || !twin || !first) return { ok: false, problems };

  const variants: Partial<Record<WeightVariant, ModelVariant>> = {};
  for (const { variant, url } of checked) {
    const twinVariant = twin.variants[variant];
    if (twinVariant?.source.kind !== 'prebuilt') throw new Error(`${twin.name} has no prebuilt ${QUANTIZATION[variant]} model.`);
    variants[variant] = {
      source: {
        kind: 'weights-on-prebuilt-lib',
        // Prefixed so that it can never equal the id of a prebuilt model, such as the twin's own.
        modelId: `your-${baseModelName(url.repositoryName)}-${QUANTIZATION[variant]}-MLC`,
        weightsUrl: url.href,
        libFromModelId: twinVariant.source.modelId,
      },
      // Same architecture as the twin, so about the same size and memory.
      downloadBytes: twinVariant.downloadBytes,
      downloadBytesIsEstimate: true,
      vramMB: twinVariant.vramMB,
      revision: url.revision === 'main' ? null : url.revision,
    };
  }

  const model: CatalogModel = {
    id: 'bring-your-own-base',
    comparison: 'bring-your-own',
    role: 'base',
    name: `Your base model (${baseModelName(first.repositoryName)})`,
    variants,
    contextWindowTokens: CONTEXT_WINDOW_TOKENS,
    chatTemplate: null,
    licence: { name: 'As set by whoever published these weights', url: first.repositoryUrl },
    sourceUrl: first.repositoryUrl,
  };
  const comparison: Comparison = {
    id: 'bring-your-own',
    name: `${model.name} vs ${twin.name}`,
    description:
      `A base model you converted and host yourself, next to ${twin.name}, which is ready to run. For families ` +
      'the lab does not list; docs/models.md explains how to convert and host the weights.',
    models: [model, twin],
    defaultPair: [model.id, twin.id],
  };
  return { ok: true, model, comparison };
}
