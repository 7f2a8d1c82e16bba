// The paper's reported figures (public/reference/paper-figures.json), shown beside a user's own results and never
// mixed into them. The app fetches the file at run time and checks it here, so a damaged or hand-edited file fails
// with a clear message instead of showing wrong numbers under the paper's name.
import type { ProbeId } from '../probes/index.ts';
import type { Reliability } from '../probes/probe.ts';
import { PROBE_IDS } from '../probes/index.ts';

/** A reported number, a reported range, or "k of n" (e.g. base won originality in 4 of 4 contests). */
export type PaperValue =
  | { kind: 'number'; value: number }
  | { kind: 'range'; lo: number; hi: number }
  | { kind: 'count'; count: number; outOf: number };

export interface PaperFigure {
  /** Unique, e.g. "chi-square-llama-3.1-8b-base". */
  id: string;
  /** What is measured, shared by the figures that form one table, e.g. "chi-square-from-uniform"; "claim" for claims. */
  measure: string;
  /** What the figure measures or claims, in plain words. */
  plainWords: string;
  /** The probes it belongs beside (more than one when the sources disagree or the claim spans probes). */
  probeIds: ProbeId[];
  /** As the paper's readers know it, e.g. "Llama 3.1 8B Base"; null for a claim about models in general. */
  model: string | null;
  /** Which side of the comparison it speaks for; null when neither (a reference player, a correlation). */
  modelKind: 'base' | 'aligned' | null;
  /** Null for a claim in words only. */
  value: PaperValue | null;
  /** Observations behind the figure, where known. */
  n: number | null;
  reliability: Reliability;
  /** Where the figure comes from, with its caveats. */
  source: string;
  /** The same two texts in Japanese (the app shows them to readers who chose Japanese). */
  ja: { plainWords: string; source: string };
}

const RELIABILITIES: readonly Reliability[] = ['quoted-from-paper', 'secondary-source'];
const MODEL_KINDS = ['base', 'aligned'] as const;
const ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Checks the parsed paper-figures file ({ about, figures }) and returns its figures with only the documented fields. */
export function parsePaperFigures(data: unknown): PaperFigure[] {
  if (!isObject(data) || !Array.isArray(data.figures)) {
    throw new TypeError('The paper figures must be a JSON object with a "figures" list.');
  }
  if (data.figures.length === 0) throw new RangeError('The paper figures list is empty.');
  const ids = new Set<string>();
  return data.figures.map((item: unknown, index) => {
    const figure = parseFigure(item, `Paper figure ${index + 1}`);
    if (ids.has(figure.id)) throw new RangeError(`Paper figure ${index + 1}: the id "${figure.id}" is used twice.`);
    ids.add(figure.id);
    return figure;
  });
}

/** The figures to show beside a probe's results. */
export function figuresForProbe(figures: readonly PaperFigure[], probeId: ProbeId): PaperFigure[] {
  return figures.filter((figure) => figure.probeIds.includes(probeId));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFigure(item: unknown, label: string): PaperFigure {
  if (!isObject(item)) throw new TypeError(`${label} is not an object.`);
  const id = text(item.id, `${label} needs an "id"`);
  const where = `${label} ("${id}")`;
  if (!ID.test(id)) throw new RangeError(`${where}: the id must be lower-case words joined by "-", such as "chi-square-llama-3.1-8b-base".`);
  const probeIds = item.probeIds;
  if (!Array.isArray(probeIds) || probeIds.length === 0 || !probeIds.every((probeId) => (PROBE_IDS as readonly unknown[]).includes(probeId))) {
    throw new RangeError(`${where} needs "probeIds": a non-empty list of ${PROBE_IDS.join(', ')}.`);
  }
  if (new Set(probeIds).size !== probeIds.length) throw new RangeError(`${where} names a probe twice in "probeIds".`);
  const modelKind = item.modelKind;
  if (modelKind !== null && !(MODEL_KINDS as readonly unknown[]).includes(modelKind)) {
    throw new RangeError(`${where} needs a "modelKind" of base, aligned or null.`);
  }
  const n = item.n;
  if (n !== null && !(Number.isSafeInteger(n) && (n as number) > 0)) {
    throw new RangeError(`${where} needs an "n" that is a whole number above 0, or null.`);
  }
  if (!(RELIABILITIES as unknown[]).includes(item.reliability)) {
    throw new RangeError(`${where} needs a "reliability" of ${RELIABILITIES.join(' or ')}.`);
  }
  return {
    id,
    measure: text(item.measure, `${where} needs a "measure"`),
    plainWords: text(item.plainWords, `${where} needs "plainWords"`),
    probeIds: probeIds as ProbeId[],
    model: item.model === null ? null : text(item.model, `${where} needs a "model" name or null`),
    modelKind: modelKind as PaperFigure['modelKind'],
    value: parseValue(item.value, where),
    n: n as number | null,
    reliability: item.reliability as Reliability,
    source: text(item.source, `${where} needs a "source"`),
    ja: parseJapanese(item.ja, where),
  };
}

function parseJapanese(value: unknown, where: string): PaperFigure['ja'] {
  if (!isObject(value)) throw new TypeError(`${where} needs "ja": its plain words and source in Japanese.`);
  return {
    plainWords: text(value.plainWords, `${where} needs "ja.plainWords"`),
    source: text(value.source, `${where} needs "ja.source"`),
  };
}

function text(value: unknown, missing: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${missing} (non-empty text).`);
  return value;
}

function parseValue(value: unknown, where: string): PaperValue | null {
  if (value === null) return null;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (isObject(value) && value.kind === 'number' && finite(value.value)) return { kind: 'number', value: value.value };
  if (isObject(value) && value.kind === 'range' && finite(value.lo) && finite(value.hi) && value.lo <= value.hi) {
    return { kind: 'range', lo: value.lo, hi: value.hi };
  }
  if (
    isObject(value) &&
    value.kind === 'count' &&
    Number.isSafeInteger(value.count) &&
    Number.isSafeInteger(value.outOf) &&
    (value.count as number) >= 0 &&
    (value.outOf as number) >= (value.count as number) &&
    (value.outOf as number) > 0
  ) {
    return { kind: 'count', count: value.count as number, outOf: value.outOf as number };
  }
  throw new RangeError(
    `${where} needs a "value" of null, { kind: "number", value }, { kind: "range", lo, hi } with lo ≤ hi, or { kind: "count", count, outOf } with count ≤ outOf.`,
  );
}
