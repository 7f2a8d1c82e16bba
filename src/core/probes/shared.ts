// Pieces every probe uses: parameter checks, exact estimates and the tally of invalid answers.
import type { InvalidReason } from './parse.ts';
import type { CommonParams, Estimate, Framing, RecordBase, RunMode } from './probe.ts';

export const INVALID_REASONS: readonly InvalidReason[] = ['empty', 'no-answer', 'out-of-range', 'not-a-whole-number', 'ambiguous', 'wrong-count'];

const MODES: readonly RunMode[] = ['exact', 'sampled'];
const FRAMINGS: readonly Framing[] = ['native', 'same-text'];

function field(params: unknown, name: string): unknown {
  if (typeof params !== 'object' || params === null) throw new TypeError('The run parameters must be an object.');
  return (params as Record<string, unknown>)[name];
}

export function checkInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function checkChoice<T extends string>(value: unknown, name: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new RangeError(`${name} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

/** Checks the parameters every probe has, and returns them alone (each probe adds its own). */
export function checkCommonParams(params: unknown): CommonParams {
  const temperature = field(params, 'temperature');
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    throw new RangeError(`The temperature must be a number from 0 to 2; got ${JSON.stringify(temperature)}.`);
  }
  return {
    mode: checkChoice(field(params, 'mode'), 'The mode', MODES),
    framing: checkChoice(field(params, 'framing'), 'The framing', FRAMINGS),
    temperature,
    seed: checkInteger(field(params, 'seed'), 'The seed', 0, 2 ** 32 - 1),
  };
}

/** The common parameters and n, how many `what` (answers, sequences) each model gives, from 1 to `max`. */
export function checkCommonParamsAndN(params: unknown, what: string, max: number): CommonParams & { readonly n: number } {
  const common = checkCommonParams(params);
  return { ...common, n: checkInteger(field(params, 'n'), `n (${what} per model)`, 1, max) };
}

/**
 * A run measures the question only when most of what the model says is an answer to it: in exact mode at least half
 * of its probability on the answer set, in sampled mode at least half of its answers valid. Past this share of
 * "other", the numbers describe a model that mostly does something else, and no verdict is drawn from them.
 */
export const MAX_OTHER_SHARE = 0.5;

/** Whether a model's share of other (exact) or invalid (sampled) answers leaves its numbers about the question. */
export function measuresTheQuestion(otherShare: number): boolean {
  return otherShare <= MAX_OTHER_SHARE;
}

/** The mean probability of "other" over the readings of an exact run (0 with none): its share of other answers. */
export function meanOther(others: readonly number[]): number {
  return others.reduce((sum, other) => sum + other, 0) / Math.max(1, others.length);
}

/** The share of a sampled run's attempts that gave no valid answer (0 with no attempts). */
export function invalidShare(attempts: number, valid: number): number {
  return (attempts - valid) / Math.max(1, attempts);
}

/** A value read exactly from a model's logits: no sampling noise, so no interval around it. */
export function exactEstimate(value: number): Estimate {
  return { value, lo: value, hi: value, n: null, interval: 'exact' };
}

/** How many answers were invalid, for each reason (all reasons present, zeros included). */
export function tallyInvalid(reasons: readonly (InvalidReason | null)[]): Record<InvalidReason, number> {
  const tally = Object.fromEntries(INVALID_REASONS.map((reason) => [reason, 0])) as Record<InvalidReason, number>;
  for (const reason of reasons) if (reason) tally[reason] += 1;
  return tally;
}

/** Reads an object's field for a record check, with the record's own words in the error. */
export function recordField(record: unknown, name: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TypeError('A record must be an object.');
  return (record as Record<string, unknown>)[name];
}

export function checkProbability(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1 + 1e-9) {
    throw new RangeError(`${name} must be a probability from 0 to 1; got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function checkText(value: unknown, name: string, maxLength = 100_000): string {
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new TypeError(`${name} must be text of at most ${maxLength} characters.`);
  }
  return value;
}

/** The fields every record has: its probe, its model and its index. */
export function checkRecordBase<Id extends string>(record: unknown, probeId: Id): { probeId: Id; modelId: string; index: number } {
  if (recordField(record, 'probeId') !== probeId) throw new TypeError(`A record of this run must belong to the probe "${probeId}".`);
  const modelId = recordField(record, 'modelId');
  if (typeof modelId !== 'string' || modelId === '' || modelId.length > 200) throw new TypeError('A record must name its model.');
  return { probeId, modelId, index: checkInteger(recordField(record, 'index'), 'A record index', 0, 10_000_000) };
}

/** The error a step throws when its model call was stopped part-way: the record is not made, and a resume redoes it. */
export function stoppedError(): Error {
  const error = new Error('The model was stopped before it finished this step.');
  error.name = 'AbortError';
  return error;
}

/**
 * One summary per model, in the run's model order: each model's own records (in index order) with its position,
 * which seeds its intervals.
 */
export function perModel<Record extends RecordBase, ModelSummary>(
  records: readonly Record[],
  modelIds: readonly string[],
  summarizeOne: (ownRecords: Record[], modelId: string, modelIndex: number) => ModelSummary,
): ModelSummary[] {
  return modelIds.map((modelId, modelIndex) =>
    summarizeOne(
      records.filter((record) => record.modelId === modelId).sort((a, b) => a.index - b.index),
      modelId,
      modelIndex,
    ),
  );
}
