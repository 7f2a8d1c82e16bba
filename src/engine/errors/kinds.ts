// Error kinds: every failure that reaches a user has a kind (design.md §2). A failure crosses a worker boundary as
// its kind and original text only; the page words it (words.ts), so that workers never load the translations.

/** design.md §2. A new kind is added here, in classify.ts and in words.ts, in both languages at once. */
export const ERROR_KINDS = [
  'no-webgpu',
  'no-adapter',
  'no-f16',
  'limits',
  'device-lost',
  'out-of-memory',
  'network',
  'not-found',
  'quota',
  'aborted',
  'context-too-long',
  'bad-model',
  'worker-crashed',
  // The user's own server (issue 14): each says what went wrong between the lab and that server.
  'server-unreachable',
  'server-cors',
  'mixed-content',
  'server-blocked',
  'server-auth',
  'server-model-missing',
  'server-too-old',
  'server-unsupported',
  'server-error',
  'wrong-family',
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A classified failure: what crosses a worker boundary. Plain data: it survives structured clone. */
export interface Failure {
  kind: ErrorKind;
  /** The original error text, for the "technical detail" disclosure and bug reports. */
  detail: string;
}

/** A failure as the UI shows it: its kind, plain words for what failed and why, and what to do next. */
export interface LabError extends Failure {
  /** What failed and why, in plain words. */
  message: string;
  /** What the user can do now. */
  nextStep: string;
}

/** Facts the app knows and the raw error does not; they make the kind surer and the words specific. */
export interface ErrorContext {
  /** The checkpoint as the user knows it, e.g. "Ministral 3 3B Base". */
  modelName?: string;
  /** The browser's storage estimate for this site, sizes in the reader's words (e.g. "1.9 GB"). */
  storage?: { used: string; allowed: string };
  /** Models in the browser's cache, largest first, with their sizes in words: what the user could delete to make room. */
  cachedModels?: { name: string; size: string }[];
  /**
   * Whether the model had loaded and answered before this failure. web-llm reports a GPU lost after loading only as
   * a ModelNotLoadedError on the next request (webllm-notes §1.4); after a working session that error means the
   * device was lost.
   */
  modelWasWorking?: boolean;
  /** Whether the model's files come from an address the user gave ("bring your own base"). */
  addressFromUser?: boolean;
}

/** A failure whose kind our own code already knows (e.g. the worker's WebGPU check); classification keeps it. */
export class LabFailure extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, detail: string) {
    super(detail);
    this.name = 'LabFailure';
    this.kind = kind;
  }
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

/** A structural check, for data that crossed a worker boundary. */
export function isFailure(value: unknown): value is Failure {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return isErrorKind(fields.kind) && typeof fields.detail === 'string';
}

/** A structural check of a worded failure. */
export function isLabError(value: unknown): value is LabError {
  if (!isFailure(value)) return false;
  const fields = value as unknown as Record<string, unknown>;
  return typeof fields.message === 'string' && typeof fields.nextStep === 'string';
}

/**
 * Failures after which a run is paused rather than failed: the model (or the server running it), not the run, broke.
 * Its records are kept and it resumes once the model is loaded again, or the server answers again.
 */
export function pausesRun(error: Pick<Failure, 'kind'>): boolean {
  return ['device-lost', 'worker-crashed', 'out-of-memory', 'aborted', 'server-unreachable', 'server-error'].includes(error.kind);
}

/** Failures that leave the model unusable in its worker: the way forward is a new worker, i.e. loading it again. */
export function needsReload(error: Pick<Failure, 'kind'>): boolean {
  return ['device-lost', 'worker-crashed', 'out-of-memory'].includes(error.kind);
}
