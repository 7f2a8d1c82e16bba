// The contract between probes and models. Probes (src/core/probes) drive a `LanguageModel`; the engine client
// (src/engine/client.ts) implements it over a worker, and tests implement it with known distributions.

/** What a checkpoint is, in the paper's terms: before alignment, after it, or after reasoning training. */
export type ModelRole = 'base' | 'instruct' | 'reasoning';

/** One answer of a closed answer set, with every surface form that counts as it. */
export interface AnswerCandidate {
  /** The answer as the analysis names it, e.g. "7" or "rock". */
  answer: string;
  /** Exactly how it may follow the prompt, e.g. ["7", " 7"] or [" rock", " Rock", "rock", "Rock"]. */
  variants: string[];
}

/** Where the scorer reads the probability that an answer has ended (see src/core/scoring). */
export type EndCheck =
  /** Only after an answer that is also the start of another answer ("1" vs "10"): fewest forward passes, but on
   * tokenizers that split digits "75" counts as "7" while "15" does not count as "1". No probe sends it. */
  | 'prefixes-only'
  /** After every answer: an answer counts only when what follows ends it. Every probe sends this. */
  | 'every-answer';

/** Exact answer probabilities: read the model's distribution over a closed answer set from its logits. */
export interface ScoreRequest {
  /** The full text the model sees: template, BOS and question (sent as a raw completion). */
  prompt: string;
  candidates: AnswerCandidate[];
  /** Strings that may end an answer when read right after it, e.g. ["\n", ".", ",", "!"]. */
  terminators: string[];
  /** Whether the model's end-of-sequence tokens also end an answer. */
  endOfSequenceEnds: boolean;
  endCheck: EndCheck;
}

export interface ScoredAnswer {
  answer: string;
  /** P(answer), summed over its variants. */
  probability: number;
}

export interface ScoreCost {
  /** Forward passes run (one per internal node of the answer trie). */
  forwardPasses: number;
  /** Tokens fed through the model in all (prefills and single-token decodes). */
  prefillTokens: number;
}

/** Where a probability lies when it could not be read exactly. */
export interface ProbabilityBounds {
  lower: number;
  upper: number;
}

export interface ScoreResult {
  /** In the order of `ScoreRequest.candidates`. */
  answers: ScoredAnswer[];
  /** 1 − Σ P(answer): the mass on anything outside the answer set. Always reported, never hidden. */
  otherProbability: number;
  cost: ScoreCost;
  /**
   * Only where a probability could not be read exactly (a server that gives only its top-k next-token
   * log-probabilities): each answer's `probability` is then its lower bound, `otherProbability` holds the mass not
   * attributed, and these are the bounds in the order of `answers`.
   */
  bounds?: { answers: ProbabilityBounds[]; other: ProbabilityBounds };
}

/** Sampling request. Penalties are off unless asked; top_p is always 1, so samples follow the model's distribution. */
export interface GenerateRequest {
  /** The full text the model sees (raw completion: template and BOS included). */
  prompt: string;
  temperature: number;
  /** An integer; the same seed on the same GPU and driver gives the same text. */
  seed: number;
  maxTokens: number;
  stop?: string[];
  repetitionPenalty?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** Also return each generated token's log-probability. */
  logprobs?: boolean;
}

export interface GeneratedToken {
  text: string;
  /** Natural log of the token's probability, when `logprobs` was asked for. */
  logprob?: number;
}

export interface GenerateResult {
  text: string;
  /** "stop": a stop string or end of sequence; "length": hit maxTokens; "aborted": cancelled. */
  finishReason: 'stop' | 'length' | 'aborted';
  promptTokens: number;
  completionTokens: number;
  /** Present when `logprobs` was asked for. */
  tokens?: GeneratedToken[];
}

/**
 * The part of the platform's AbortSignal that core code uses. Declared here because src/core is typed
 * without DOM or Node libraries; a real AbortSignal fits it.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface CallOptions {
  signal?: CancelSignal;
}

export interface GenerateOptions extends CallOptions {
  /** Called with each piece of streamed text as it arrives. */
  onText?: (text: string) => void;
}

export interface LanguageModel {
  /** The catalog id of the checkpoint, e.g. "Ministral-3-3B-Base-2512-q4f16_1-MLC". */
  readonly id: string;
  readonly role: ModelRole;
  tokenize(text: string, options?: CallOptions): Promise<number[]>;
  score(request: ScoreRequest, options?: CallOptions): Promise<ScoreResult>;
  generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult>;
}
