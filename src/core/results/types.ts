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
