// A run as it leaves the app: its metadata and records as the store keeps them (design.md §6), written to a file
// that the lab can read back whole.
import type { ModelRole } from '../model.ts';
import type { ProbeId } from '../probes/index.ts';
import type { CommonParams, RecordBase } from '../probes/probe.ts';
import type { ChatTemplateId } from '../prompts/chat-templates.ts';

/**
 * MLC's 4-bit weight formats. The same union as src/engine's; declared again because src/core imports nothing
 * outside src/core.
 */
export type WeightVariant = 'q4f16' | 'q4f32';

/** A run's parameters: those every probe has, and the probe's own. */
export type RunParams = CommonParams & Record<string, unknown>;

/** How fast a model loaded and generated on the run's GPU (issue 13), for diagnostics and bug reports. */
export interface ModelPerformance {
  /** Seconds from the click on Load to the model ready (a download included, when there was one); null if unknown. */
  loadSeconds: number | null;
  /** Whether every weight file came from the browser's cache at that load; null if unknown. */
  weightsFromCache: boolean | null;
  /** Tokens generated per second over this run's generations (each one's prefill included); null before any. */
  tokensPerSecond: number | null;
  /** The tokens behind `tokensPerSecond`. */
  generatedTokens: number;
}

/**
 * The self-check of the exact path on a GPU (issue 13): answers sampled through ordinary generation, tested against
 * the distribution read from the logits for the same prompt. A mismatch means the two disagree (a chat template,
 * an answer spelling, the end of text or a GPU kernel), so exact numbers from this model and GPU are in doubt.
 */
export interface SelfCheckResult {
  /** "mismatch" when the samples do not fit the exact distribution (p-value below `alpha`). */
  verdict: 'agrees' | 'mismatch';
  /** The answers the probe reads, then "other" (anything else). */
  categories: string[];
  /** Exact probability of each category, from the logits. */
  expected: number[];
  /** How many of the sampled answers fell in each category. */
  observed: number[];
  /** The likelihood-ratio statistic G = 2 Σ O ln(O / E). */
  statistic: number;
  /** P(G at least this large) when the samples follow the exact distribution (Monte Carlo, seeded). */
  pValue: number;
  alpha: number;
  /** The probe whose first exact question was checked. */
  probeId: ProbeId;
  /** When it ran, and in which run: a later run of the model on the same GPU and lab version reuses it. */
  checkedAt: string;
  runId: string;
  /** The GPU as the model worker described it. */
  gpuDescription: string;
}

/** A model as a run used it. */
export interface RunModelInfo {
  /** The model id the run's records carry in `modelId`. */
  id: string;
  /** The model's id in the app's catalog, e.g. "ministral-3-3b-base". */
  catalogId: string;
  /** As the user reads it, e.g. "Ministral 3 3B Base". */
  name: string;
  role: ModelRole;
  /** The browser's weight format; null for a model a server ran (the server holds its weights in its own format). */
  variant: WeightVariant | null;
  /** The pinned weights revision (a commit), or null when the weights followed the repository's `main`. */
  revision: string | null;
  /** Absent in runs made before the lab measured it. */
  performance?: ModelPerformance;
  /** Absent when the run has none: sampled runs, and runs made before the lab had one. */
  selfCheck?: SelfCheckResult;
  /** Present when the model ran on the user's own server rather than in the browser (issue 14). */
  server?: ServerModelInfo;
}

/** The servers the lab knows how to talk to; "openai-compatible" is any other that offers /v1/completions. */
export type ServerSoftware = 'vllm' | 'llama.cpp' | 'ollama' | 'openai-compatible';

/**
 * How a server lets the lab read answer probabilities: "exact" every needed log-probability (vLLM's echoed prompt
 * log-probabilities), "top-k" only the k likeliest next tokens (then unread ones are bounded), "none" not at all.
 */
export type ExactSupport = 'exact' | 'top-k' | 'none';

/** A model as a server ran it. The address's host only: never the API key, never the full address. */
export interface ServerModelInfo {
  software: ServerSoftware;
  /** host:port, e.g. "localhost:8000". */
  host: string;
  /** The model's name on the server, e.g. "meta-llama/Llama-3.1-70B". */
  model: string;
  /** What the server reports as its version (vLLM /version, llama.cpp build_info, Ollama /api/version), or null. */
  version: string | null;
  /** The model family (chat format) the user chose for it: the lab's templates render its prompts. */
  family: ChatTemplateId;
  exact: ExactSupport;
  /** With "top-k": how many next-token log-probabilities the lab asks for; otherwise null. */
  topK: number | null;
}

/** The GPU a run ran on, as the WebGPU adapter describes it (its fields are often empty strings). */
export interface GpuInfo {
  vendor: string;
  architecture: string;
  description: string;
}

/**
 * How a run takes turns: "alternate" (one record per model in turn; both models stay loaded) or
 * "one-model-at-a-time" (every record of the first model, then it is unloaded and the next loaded: for GPUs that
 * cannot hold both).
 */
export type RunSchedule = 'alternate' | 'one-model-at-a-time';

/** "incomplete": stopped by the user or interrupted (a closed tab, a lost device); it can be resumed. */
export type RunStatus = 'running' | 'complete' | 'incomplete' | 'failed';

export interface RunInfo {
  id: string;
  probeId: ProbeId;
  /** The version of the probe spec that made the records. */
  specVersion: string;
  /** The version of the lab that made the run. */
  appVersion: string;
  /** ISO 8601 date-times, e.g. "2025-05-01T12:00:00.000Z". */
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** Includes the seed (`params.seed`). */
  params: RunParams;
  /** 1 to 4 models, in the order the run drove them. */
  models: RunModelInfo[];
  /** Null when the GPU could not be identified. */
  gpu: GpuInfo | null;
  /** Absent in runs made before the lab offered a choice: those alternate. */
  schedule?: RunSchedule;
}

/** A run file: everything needed to see, check and resume a run. */
export interface RunExport {
  format: 'base-vs-aligned-run';
  schemaVersion: 1;
  run: RunInfo;
  /** Each model's records in index order (0, 1, 2 …); models' records may interleave. */
  records: RecordBase[];
  /**
   * The probe's summary when the file was written, for people who read the file. The lab never trusts it: it
   * recomputes the summary from the records.
   */
  summary?: unknown;
}

/**
 * The per-probe checks a run file or share link goes through. Each throws a RangeError or TypeError saying what is
 * wrong, and returns the value as the probe types it (it may drop fields it does not know).
 */
export interface ProbeChecks {
  /** Returns the parameters, every probe's and the probe's own (a probe's `checkParams`). */
  checkParams(probeId: ProbeId, params: unknown): unknown;
  /** Returns the record, keeping its `probeId`, `modelId` and `index`. */
  checkRecord(probeId: ProbeId, record: unknown): unknown;
}

/** What every parser here returns: the whole value, or the reasons it was refused in plain words. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };
