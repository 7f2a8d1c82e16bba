// Checks of weights that do not come from web-llm's prebuilt list (a bring-your-own base, the Llama 3.1 8B base)
// before any run can use them. Before loading: the folder must hold an MLC conversion (mlc-chat-config.json, a weight
// list, the tokenizer) of the architecture, quantization and vocabulary of the model library it runs on. After
// loading: a bring-your-own base must split text into tokens exactly as its twin does, or the two models would not be
// asked the same thing. Failures are thrown in words the classification reads (errors/classify.ts).
import type { TwinArchitecture } from './catalog.ts';

export interface WeightsFolderExpectation {
  /** e.g. "q4f16_1": the quantization of the twin's model library the base runs on. */
  quantization: string;
  architecture: TwinArchitecture;
}

/**
 * The weight list's file name: web-llm 0.2.86 reads only `tensor-cache.json`; mlc-llm wrote the same file as
 * `ndarray-cache.json` until its "Rename NDArray to Tensor" change (mlc-llm PR #3326, September 2025), which renamed
 * the file and nothing in it (its note: "apply this rename in your local model directories"). Folders converted
 * before that have only the old name; the model worker hands web-llm that file under the new name
 * (workers/web-llm-cache.ts).
 */
export type WeightListFile = 'tensor-cache.json' | 'ndarray-cache.json';

export interface WeightsFolderCheck {
  /** Which name the folder's weight list has. */
  weightList: WeightListFile;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

async function fetchFile(url: string, fetcher: Fetch, method: 'GET' | 'HEAD' = 'GET'): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(url, { method, cache: 'no-store' });
  } catch (error) {
    throw new Error(`Cannot fetch ${url} err= ${String(error)}`, { cause: error });
  }
  if (!response.ok) throw new Error(`Network response was not ok for ${url} (HTTP ${response.status})`);
  return response;
}

async function fetchJson(url: string, fetcher: Fetch): Promise<unknown> {
  const text = await (await fetchFile(url, fetcher)).text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${String(error)} (${url})`, { cause: error });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a parsed weight list is one web-llm can read: shard records, each naming its file. */
export function isWeightList(value: unknown): boolean {
  return (
    isRecord(value) &&
    Array.isArray(value.records) &&
    value.records.length > 0 &&
    value.records.every((shard) => isRecord(shard) && typeof shard.dataPath === 'string' && shard.dataPath !== '')
  );
}

/** A response that says the file is not there. */
function isMissing(error: unknown): boolean {
  return /\(HTTP (?:404|410)\)/.test(String(error));
}

/**
 * The folder's weight list, read under its current name or, when that is missing, its old one. Throws when neither
 * is there, in words that name the file (errors/classify.ts reads "tensor-cache.json … HTTP 404" as an old or broken
 * conversion), or when the list is not one web-llm can read.
 */
export async function readWeightList(weightsUrl: string, fetcher: Fetch): Promise<{ file: WeightListFile; list: unknown }> {
  for (const file of ['tensor-cache.json', 'ndarray-cache.json'] as const) {
    const url = new URL(file, weightsUrl).href;
    let list: unknown;
    try {
      list = await fetchJson(url, fetcher);
    } catch (error) {
      if (isMissing(error)) continue;
      throw error;
    }
    if (!isWeightList(list)) throw new Error(`${url} is not an MLC weight list: it has no records.`);
    return { file, list };
  }
  throw new Error(
    `Network response was not ok for ${new URL('tensor-cache.json', weightsUrl).href} (HTTP 404): the folder has neither tensor-cache.json nor ndarray-cache.json.`,
  );
}

/**
 * Reads the folder's mlc-chat-config.json and weight list and checks that its tokenizer is there. Resolves when the
 * folder looks like an MLC conversion the model library can run (`expected`, when the lab knows what that library
 * takes); throws otherwise, before anything is downloaded into the model cache.
 */
export async function checkWeightsFolder(
  weightsUrl: string,
  expected: WeightsFolderExpectation | null,
  fetcher: Fetch = fetch,
): Promise<WeightsFolderCheck> {
  const configUrl = new URL('mlc-chat-config.json', weightsUrl).href;
  const config = await fetchJson(configUrl, fetcher);
  const tokenizerFiles = isRecord(config) && Array.isArray(config.tokenizer_files) ? config.tokenizer_files.filter((file) => typeof file === 'string') : [];
  if (!isRecord(config) || typeof config.model_type !== 'string' || typeof config.vocab_size !== 'number' || tokenizerFiles.length === 0) {
    throw new Error(`${configUrl} is not an MLC model configuration: it lacks model_type, vocab_size or tokenizer_files.`);
  }
  if (expected) {
    const want = expected.architecture;
    if (config.model_type !== want.modelType) {
      throw new Error(`Model type does not match: ${config.model_type} in ${configUrl}, ${want.modelType} for the model library.`);
    }
    if (typeof config.quantization === 'string' && config.quantization !== expected.quantization) {
      throw new Error(`Quantization does not match: ${config.quantization} in ${configUrl}, ${expected.quantization} for the model library.`);
    }
    if (config.vocab_size !== want.vocabularySize) {
      throw new Error(`Vocabulary size does not match: ${config.vocab_size} in ${configUrl}, ${want.vocabularySize} for the model library.`);
    }
  }
  const { file } = await readWeightList(weightsUrl, fetcher);
  for (const tokenizerFile of tokenizerFiles) await fetchFile(new URL(tokenizerFile, weightsUrl).href, fetcher, 'HEAD');
  return { weightList: file };
}

/** Text with the things probes ask about (digits, numbers, moves, places, verse), spacing, punctuation and non-Latin script. */
export const TOKENIZER_SAMPLE =
  'Pick a number between 0 and 10: 7. 10, 3, 5! Rock, paper, scissors; hide in the library.\nWrite a poem — naïve café, 東京, Ελλάδα 🙂';

/** Any tokenizer; both models' workers are one. */
export interface TokenizingModel {
  tokenize(text: string): Promise<number[]>;
}

/** Throws when the base splits the sample text into other tokens than its twin. */
export async function compareTokenizers(base: TokenizingModel, twin: TokenizingModel): Promise<void> {
  const [baseIds, twinIds] = await Promise.all([base.tokenize(TOKENIZER_SAMPLE), twin.tokenize(TOKENIZER_SAMPLE)]);
  const same = baseIds.length === twinIds.length && baseIds.every((id, index) => id === twinIds[index]);
  if (!same) {
    throw new Error(
      `Tokenizer mismatch: the sample text became ${baseIds.length} tokens [${baseIds.slice(0, 8).join(', ')}, …] for the base and ${twinIds.length} [${twinIds.slice(0, 8).join(', ')}, …] for the instruct twin.`,
    );
  }
}
