// What every probe is: a versioned spec that turns parameters into prompts, drives models one record at a time,
// and summarises the records with an N and an interval on every number (design.md §4).
import type { CancelSignal, LanguageModel } from '../model.ts';
import type { ChatTemplateId } from '../prompts/chat-templates.ts';
import type { ProbeId } from './index.ts';

/** "exact": read answer probabilities from the logits; "sampled": generate text and parse it, as the paper did. */
export type RunMode = 'exact' | 'sampled';

/**
 * "native": the base model reads a completion frame that reads like a document, the aligned model its own chat
 * template with the same question. "same-text": both read exactly the same text, the family's chat template.
 */
export type Framing = 'native' | 'same-text';

/** How firmly the paper's finding is on record (paper-notes.md tags). */
export type Reliability = 'quoted-from-paper' | 'secondary-source';

export interface Claim {
  /** What the paper claims, in plain words. */
  plainWords: string;
  /** What the paper reported, with its numbers where they are known. */
  paperFinding: string;
  /**
   * How firmly the whole of `paperFinding` is on record: its weakest part. A finding that quotes the abstract but
   * gives numbers from secondary summaries is "secondary-source".
   */
  reliability: Reliability;
  /** Where that report comes from. */
  source: string;
}

/** A model as a probe drives it. */
export interface ProbeModel {
  model: LanguageModel;
  /**
   * The chat format of the model's family (its aligned checkpoint's). Aligned models are always asked through it;
   * base models too in "same-text" framing.
   */
  chatTemplate: ChatTemplateId;
}

/** Parameters every probe has. */
export interface CommonParams {
  mode: RunMode;
  framing: Framing;
  /**
   * The temperature generations are sampled at: sampled mode only. Exact mode reads the model's own distribution
   * (temperature 1) in every probe, and draws from it as read where a probe draws (sequences, game moves); it ignores
   * this value. Why not apply it to the logits there too: the claims are about the model's own distribution, and a
   * tempered exact run could be compared or pooled only with runs at the same temperature.
   */
  temperature: number;
  /** Seeds everything random in the run: sampling, opponents, simulated samples. */
  seed: number;
}

/** Every record names its probe, its model and its place in that model's sequence of records. */
export interface RecordBase {
  probeId: ProbeId;
  modelId: string;
  /** 0, 1, 2 … per model, in the order the records were made. */
  index: number;
}

export interface StepContext<Params, Record> {
  params: Params;
  probeModel: ProbeModel;
  /** The model's position in the run (0 = the first model), for seeds. */
  modelIndex: number;
  /** The index of the record to make. */
  index: number;
  /** This model's records so far, in order (game history lives here). */
  previous: readonly Record[];
  signal?: CancelSignal;
}

/** An estimate as users see it: a value, its interval and how many observations it rests on. */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
  /** Observations behind it; null for an exact value read from the model's logits (no sampling noise). */
  n: number | null;
  /**
   * How the interval was made, in words a methods section would use. "bootstrap-calibrated-95": bias-corrected
   * basic bootstrap, stretched to the uniform value when the data are consistent with uniform play
   * (stats/calibrated-bootstrap.ts). "u-statistic-95": normal interval of an unbiased U-statistic
   * (stats/chi-square-distance.ts). "batch-means-95": t interval over batch means of a dependent sequence
   * (stats/batch-means.ts). "t-95": Student's t interval of a mean of independent values.
   */
  interval:
    | 'exact'
    | 'dirichlet-jeffreys-95'
    | 'wilson-95'
    | 'simulated-sample-95'
    | 'prompt-bootstrap-95'
    | 'fisher-z-95'
    | 'bootstrap-calibrated-95'
    | 'u-statistic-95'
    | 'batch-means-95'
    | 't-95';
}

export interface ProbeSpec<Params extends CommonParams, Record extends RecordBase, Summary> {
  id: ProbeId;
  /** Semantic version: a change that can change results is a new major or minor version. */
  version: string;
  title: string;
  claim: Claim;
  modes: readonly RunMode[];
  defaultParams: Params;
  /** Checks parameters from a form, a share link or an imported file; throws a RangeError/TypeError saying what is wrong. */
  checkParams(params: unknown): Params;
  /** Checks one stored or imported record; throws a RangeError/TypeError saying what is wrong. */
  checkRecord(record: unknown): Record;
  /** The exact text the model reads for its next record (shown to users, and what `runStep` sends). */
  prompt(params: Params, probeModel: ProbeModel, previous: readonly Record[]): string;
  /** Whether a model has all the records the run needs. */
  isComplete(records: readonly Record[], params: Params): boolean;
  /** 0 … 1: how far a model's records are towards complete. */
  progress(records: readonly Record[], params: Params): number;
  /** Makes one record. */
  runStep(context: StepContext<Params, Record>): Promise<Record>;
  /** Turns all records of a run into the numbers users see. */
  summarize(records: readonly Record[], params: Params, modelIds: readonly string[]): Summary;
}

/** Mixes a run's seed with the position of a record, so that each record's randomness is fixed and a resumed
 * run draws exactly what an uninterrupted one would. (A 32-bit mix in the style of splitmix32.) */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let hash = Math.trunc(seed) >>> 0;
  for (const part of parts) {
    hash = (hash ^ (Math.trunc(part) >>> 0)) >>> 0;
    hash = (hash + 0x9e3779b9) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
    hash = (hash ^ (hash >>> 16)) >>> 0;
  }
  return hash;
}
