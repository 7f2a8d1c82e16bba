// Checks and JSON helpers shared by the run-file reader, the exporter and the share-link codec. The readers take
// untrusted text from a user (a dropped file, a pasted link), so every check reports a problem in plain words
// instead of throwing, and the readers return either the whole value or nothing.
import type { ModelRole } from '../model.ts';
import type { ProbeId } from '../probes/index.ts';
import type { Estimate } from '../probes/probe.ts';
import type { ExactSupport, ProbeChecks, RunParams, ServerSoftware, WeightVariant } from './types.ts';

// Written as records so that the compiler fails here when a probe, role, variant or interval kind is added.
const ROLES: Record<ModelRole, true> = { base: true, instruct: true, reasoning: true };
const VARIANTS: Record<WeightVariant, true> = { q4f16: true, q4f32: true };
const SOFTWARE: Record<ServerSoftware, true> = { vllm: true, 'llama.cpp': true, ollama: true, 'openai-compatible': true };
const EXACT_SUPPORT: Record<ExactSupport, true> = { exact: true, 'top-k': true, none: true };
const INTERVALS: Record<Estimate['interval'], true> = {
  exact: true,
  'dirichlet-jeffreys-95': true,
  'wilson-95': true,
  'simulated-sample-95': true,
  'prompt-bootstrap-95': true,
  'fisher-z-95': true,
  'bootstrap-calibrated-95': true,
  'u-statistic-95': true,
  'batch-means-95': true,
  't-95': true,
};

export const MODEL_ROLES = Object.keys(ROLES) as ModelRole[];
export const WEIGHT_VARIANTS = Object.keys(VARIANTS) as WeightVariant[];
export const SERVER_SOFTWARE = Object.keys(SOFTWARE) as ServerSoftware[];
export const EXACT_SUPPORTS = Object.keys(EXACT_SUPPORT) as ExactSupport[];
export const INTERVAL_KINDS = Object.keys(INTERVALS) as Estimate['interval'][];

/** A run compares at most this many models (a family's checkpoints). */
export const MAX_RUN_MODELS = 4;

/** A user reads a short list; past this many, one more line says there are more. */
export const MAX_PROBLEMS = 10;

/** Collects problems up to MAX_PROBLEMS; readers stop checking once it is full. */
export class Problems {
  private readonly messages: string[] = [];
  /** Every problem found, listed or not. */
  total = 0;

  add(message: string): void {
    this.total += 1;
    if (this.messages.length < MAX_PROBLEMS) this.messages.push(message);
  }

  /** True once there is one problem more than are listed: enough to say that there are more. */
  get full(): boolean {
    return this.total > MAX_PROBLEMS;
  }

  list(): string[] {
    return this.total > this.messages.length
      ? [...this.messages, `There are more problems; these are the first ${MAX_PROBLEMS}.`]
      : [...this.messages];
  }
}

/** A value as a problem message shows it: short, and never the whole of a long string. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  return String(value);
}

/** The message of anything thrown, shortened for a problem list. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : 'an unexpected error';
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}

/** Keys that the lab never writes and that code merging objects could turn into prototype pollution. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why parsed JSON is unsafe to pass on (too deeply nested, or a forbidden key anywhere), or null. Walks with its
 * own stack, so that a deeply nested file cannot overflow the call stack.
 */
export function structureProblem(root: unknown, maxDepth: number): string | null {
  const stack: { value: object; depth: number }[] = [];
  if (typeof root === 'object' && root !== null) stack.push({ value: root, depth: 1 });
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    if (entry.depth > maxDepth) return `it is nested more than ${maxDepth} levels deep`;
    let children: unknown[];
    if (Array.isArray(entry.value)) {
      children = entry.value;
    } else {
      const forbidden = Object.keys(entry.value).find((key) => FORBIDDEN_KEYS.has(key));
      if (forbidden !== undefined) return `it has a field named "${forbidden}", which the lab never writes`;
      children = Object.values(entry.value);
    }
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: entry.depth + 1 });
    }
  }
  return null;
}

export interface TextRules {
  maxLength: number;
  /** What the text must look like, with `hint` saying so in words, e.g. 'a version such as "1.0.0"'. */
  pattern?: RegExp;
  hint?: string;
  allowEmpty?: boolean;
}

export function readText(value: unknown, label: string, problems: Problems, rules: TextRules): string | undefined {
  if (typeof value !== 'string') {
    problems.add(value === undefined ? `${label} is missing.` : `${label} must be text; it is ${show(value)}.`);
    return undefined;
  }
  if (value === '' && !rules.allowEmpty) {
    problems.add(`${label} is empty.`);
    return undefined;
  }
  if (value.length > rules.maxLength) {
    problems.add(`${label} is too long: ${value.length} characters, at most ${rules.maxLength}.`);
    return undefined;
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    problems.add(`${label} must be ${rules.hint ?? 'in the right form'}; it is ${show(value)}.`);
    return undefined;
  }
  return value;
}

export function readChoice<T extends string>(value: unknown, label: string, choices: readonly T[], problems: Problems): T | undefined {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  problems.add(
    value === undefined ? `${label} is missing.` : `${label} must be one of ${choices.join(', ')}; it is ${show(value)}.`,
  );
  return undefined;
}

export const SPEC_VERSION: TextRules = {
  maxLength: 50,
  pattern: /^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]+)?$/,
  hint: 'a version such as "1.0.0"',
};

export const CATALOG_ID: TextRules = {
  maxLength: 100,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  hint: 'a catalog id such as "ministral-3-3b-base"',
};

/** A weight format, or null for a model a server ran; undefined (with a problem) when it is neither. */
export function readVariant(value: unknown, label: string, problems: Problems): WeightVariant | null | undefined {
  return value === null ? null : readChoice(value, label, WEIGHT_VARIANTS, problems);
}

/** The catalog ids the lab gives models of the user's server ("server-1" …), which have no weight format. */
export const SERVER_CATALOG_ID = /^server-\d+$/;

/**
 * A model ran in the browser (with a weight format) or on a server (with none), never both or neither: `onServer`
 * says which the rest of the entry claims. Adds a problem and returns false when the two disagree.
 */
export function variantFits(variant: WeightVariant | null, onServer: boolean, label: string, problems: Problems): boolean {
  if (variant === null && !onServer) {
    problems.add(`${label} has no weight format, which only a model run on a server may lack.`);
    return false;
  }
  if (variant !== null && onServer) {
    problems.add(`${label} ran on a server, so it has no weight format of the browser's; it names ${show(variant)}.`);
    return false;
  }
  return true;
}

/** Checks parameters with the probe's own check, and returns what it returns. */
export function readParams(
  checkParams: ProbeChecks['checkParams'],
  probeId: ProbeId,
  value: unknown,
  label: string,
  problems: Problems,
): RunParams | undefined {
  if (!isObject(value)) {
    problems.add(value === undefined ? `${label} are missing.` : `${label} must be an object; they are ${show(value)}.`);
    return undefined;
  }
  let checked: unknown;
  try {
    checked = checkParams(probeId, value);
  } catch (error) {
    problems.add(`${label} are not valid: ${errorMessage(error)}`);
    return undefined;
  }
  if (!isObject(checked)) {
    problems.add(`${label} could not be checked: the probe's check returned ${show(checked)}.`);
    return undefined;
  }
  // The probe's check has checked every parameter, the common ones included.
  return checked as RunParams;
}

/**
 * A copy with object keys in a fixed order at every depth: `first` (those present) in that order, then the rest
 * alphabetically. The same run always gives the same text, however its objects were built.
 */
export function ordered(value: unknown, first: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => ordered(item));
  if (!isObject(value)) return value;
  const keys = [...first.filter((key) => Object.hasOwn(value, key)), ...Object.keys(value).filter((key) => !first.includes(key)).sort()];
  // fromEntries defines each key as its own property, so even a "__proto__" key stays data.
  return Object.fromEntries(keys.map((key) => [key, ordered(value[key])]));
}
