// Checks of a bring-your-own base before any run can use it. Before loading: the folder at the user's address must
// hold an MLC conversion (mlc-chat-config.json, tensor-cache.json, the tokenizer) of the twin's architecture,
// quantization and vocabulary. After loading: the base must split text into tokens exactly as its twin does, or the
// two models would not be asked the same thing. Failures are thrown in words `classifyError` reads (errors.ts).
import type { TwinArchitecture } from './catalog.ts';

export interface WeightsFolderExpectation {
  /** e.g. "q4f16_1": the quantization of the twin's model library the base runs on. */
  quantization: string;
  architecture: TwinArchitecture;
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

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

/**
 * Reads the folder's mlc-chat-config.json and tensor-cache.json and checks that its tokenizer is there. Resolves when
 * the folder looks like an MLC conversion the twin's model library can run; throws otherwise, before anything is
 * downloaded into the model cache.
 */
export async function checkWeightsFolder(weightsUrl: string, expected: WeightsFolderExpectation, fetcher: Fetch = fetch): Promise<void> {
  const configUrl = new URL('mlc-chat-config.json', weightsUrl).href;
  const config = await fetchJson(configUrl, fetcher);
  const tokenizerFiles = isRecord(config) && Array.isArray(config.tokenizer_files) ? config.tokenizer_files.filter((file) => typeof file === 'string') : [];
  if (!isRecord(config) || typeof config.model_type !== 'string' || typeof config.vocab_size !== 'number' || tokenizerFiles.length === 0) {
    throw new Error(`${configUrl} is not an MLC model configuration: it lacks model_type, vocab_size or tokenizer_files.`);
  }
  const want = expected.architecture;
  if (config.model_type !== want.modelType) {
    throw new Error(`Model type does not match: ${config.model_type} in ${configUrl}, ${want.modelType} for the model library.`);
  }
  if (typeof config.quantization === 'string' && config.quantization !== expected.quantization) {
    throw new Error(`Quantization does not match: ${config.quantization} in ${configUrl}, ${expected.quantization} for the model library.`);
  }
  if (config.vocab_size !== want.vocabularySize) {
    throw new Error(`Vocabulary size does not match: ${config.vocab_size} in ${configUrl}, ${want.vocabularySize} for the instruct twin.`);
  }
  const shardListUrl = new URL('tensor-cache.json', weightsUrl).href;
  const shardList = await fetchJson(shardListUrl, fetcher);
  if (!isRecord(shardList) || !Array.isArray(shardList.records) || shardList.records.length === 0) {
    throw new Error(`${shardListUrl} is not an MLC weight list: it has no records.`);
  }
  for (const file of tokenizerFiles) await fetchFile(new URL(file, weightsUrl).href, fetcher, 'HEAD');
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
