// Share links: a run's probe, parameters (seed included), models and a few headline numbers, in the URL hash as
// `#/share/<payload>`, so that a class can open the same experiment from one link. Setup links carry the same
// experiment without results (`#/lab/setup/<payload>`: a teacher's setup for a class, nothing run yet). The hash never
// reaches a server; the lab checks everything in it on the way in, as it checks a run file.
//
// Payload: base64url, unpadded, of [format version: 1 byte][CRC-32 of the JSON: 4 bytes, big-endian][the JSON,
// UTF-8, raw DEFLATE]. The checksum is of the JSON itself, so a changed character is refused even where DEFLATE
// would still unpack it.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ModelRole } from '../model.ts';
import type { ProbeId } from '../probes/index.ts';
import type { Estimate } from '../probes/probe.ts';
import {
  CATALOG_ID,
  errorMessage,
  INTERVAL_KINDS,
  isObject,
  MAX_RUN_MODELS,
  MODEL_ROLES,
  ordered,
  parseJson,
  Problems,
  readChoice,
  readParams,
  readText,
  readVariant,
  SERVER_CATALOG_ID,
  show,
  variantFits,
  SPEC_VERSION,
  structureProblem,
} from './checks.ts';
import { PROBE_IDS } from '../probes/index.ts';
import { base64urlToBytes, bytesToBase64url, crc32 } from './encoding.ts';
import type { ParseResult, ProbeChecks, RunParams, WeightVariant } from './types.ts';

/** What goes before the payload in the page's address. */
export const SHARE_HASH_PREFIX = '#/share/';
export const SETUP_HASH_PREFIX = '#/lab/setup/';
export const SHARE_LINK_VERSION = 1;
/** Longer payloads are refused before anything is unpacked; a lab link with 50 numbers is far shorter. */
export const MAX_SHARE_PAYLOAD_LENGTH = 6000;
/** The most JSON a link may unpack to: a few kilobytes of DEFLATE can unpack to megabytes. */
export const MAX_SHARE_JSON_BYTES = 65_536;
export const MAX_SHARED_FIGURES = 50;
/** No number the lab shows comes near this (χ² at N = 100,000 stays below 10⁶). */
const MAX_MAGNITUDE = 1e12;
const MAX_N = 1e9;
const HEADER_BYTES = 5;
const MAX_DEPTH = 8;

const LANGUAGE = {
  maxLength: 35,
  pattern: /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/,
  hint: 'a language tag such as "en" or "ja"',
};
const MEASURE = { maxLength: 40, pattern: /^[a-z][a-z0-9-]*$/, hint: 'a measure name such as "p-seven"' };

/** A model of a shared run: enough for the receiver's lab to load the same weights. */
export interface SharedModel {
  catalogId: string;
  /** null for a model a server ran: a link never carries the server's address or key. */
  variant: WeightVariant | null;
  role: ModelRole;
}

/** One headline number of one model, as the sender's lab showed it. */
export interface SharedFigure extends Estimate {
  /** The model it belongs to: its position in `SharedRun.models` (0 = the first). */
  modelIndex: number;
  /** What was measured, as the probe names it, e.g. "p-seven" or "js-to-uniform". Unique per model. */
  measure: string;
}

/** An experiment as a link carries it: what a setup link holds, and a share link with its results. */
export interface SharedSetup {
  probeId: ProbeId;
  specVersion: string;
  /** The probe's parameters, the seed (`params.seed`) included. */
  params: RunParams;
  /** 1 to 4 models, in the run's order, no model twice. */
  models: SharedModel[];
  /** The sender's language, a BCP 47 tag such as "en" or "ja". */
  language: string;
}

export interface SharedRun extends SharedSetup {
  /**
   * At most 50 numbers, each finite, with lo ≤ hi and magnitudes below 10¹². The value need not lie inside
   * [lo, hi]: a point estimate from counts can fall outside a posterior interval.
   */
  summary: SharedFigure[];
}

/** The two kinds of link: what each holds, its words in messages, and its reader. */
interface LinkKind<T> {
  /** "share link" or "setup link". */
  name: string;
  /** What the link holds, for messages: "a shared run". */
  holds: string;
  prefix: string;
  read: (value: unknown, checkParams: ProbeChecks['checkParams'], problems: Problems) => T | undefined;
}

const SHARE_LINK: LinkKind<SharedRun> = { name: 'share link', holds: 'a shared run', prefix: SHARE_HASH_PREFIX, read: readSharedRun };
const SETUP_LINK: LinkKind<SharedSetup> = { name: 'setup link', holds: 'an experiment’s setup', prefix: SETUP_HASH_PREFIX, read: readSharedSetup };

/**
 * The payload of a share link for `share` (it goes after SHARE_HASH_PREFIX). Throws a RangeError when the share is
 * not valid or its link would be longer than MAX_SHARE_PAYLOAD_LENGTH, so that a link the lab makes always opens.
 */
export function encodeShare(share: SharedRun): string {
  return encodeLink(share, SHARE_LINK, 'This run cannot be shared');
}

/** The payload of a setup link (it goes after SETUP_HASH_PREFIX); throws a RangeError as encodeShare does. */
export function encodeSetup(setup: SharedSetup): string {
  return encodeLink(setup, SETUP_LINK, 'This setup cannot be put in a link');
}

function encodeLink<T>(value: T, kind: LinkKind<T>, cannot: string): string {
  const problems = new Problems();
  // The parameters are the probe's own; the receiver checks them with the probe's check.
  const checked = kind.read(value, (_probeId, params) => params, problems);
  if (!checked) throw new RangeError(`${cannot}: ${problems.list().join(' ')}`);
  const json = strToU8(JSON.stringify(ordered(checked)));
  if (json.length > MAX_SHARE_JSON_BYTES) {
    throw new RangeError(`${cannot}: its link would hold ${json.length} bytes, more than ${MAX_SHARE_JSON_BYTES}.`);
  }
  const compressed = deflateSync(json, { level: 9 });
  const packed = new Uint8Array(HEADER_BYTES + compressed.length);
  packed[0] = SHARE_LINK_VERSION;
  new DataView(packed.buffer).setUint32(1, crc32(json));
  packed.set(compressed, HEADER_BYTES);
  const payload = bytesToBase64url(packed);
  if (payload.length > MAX_SHARE_PAYLOAD_LENGTH) {
    throw new RangeError(
      `${cannot}: its link would be ${payload.length} characters long, more than the ${MAX_SHARE_PAYLOAD_LENGTH} a link may have. Share fewer summary numbers or shorter parameters.`,
    );
  }
  return payload;
}

/** Reads a share link's payload (what follows SHARE_HASH_PREFIX). Never throws; returns the whole share or problems. */
export function decodeShare(payload: string, checks: Pick<ProbeChecks, 'checkParams'>): ParseResult<SharedRun> {
  return decodeLink(payload, checks, SHARE_LINK);
}

/** Reads a setup link's payload (what follows SETUP_HASH_PREFIX) with the same checks as a share link's. Never throws. */
export function decodeSetup(payload: string, checks: Pick<ProbeChecks, 'checkParams'>): ParseResult<SharedSetup> {
  return decodeLink(payload, checks, SETUP_LINK);
}

function decodeLink<T>(payload: string, checks: Pick<ProbeChecks, 'checkParams'>, kind: LinkKind<T>): ParseResult<T> {
  try {
    return readPayload(payload, checks, kind);
  } catch (error) {
    // Every check reports instead of throwing; this is the last guard of the promise never to throw.
    return refuse(`This ${kind.name} could not be read: ${errorMessage(error)}`);
  }
}

function refuse<T>(problem: string): ParseResult<T> {
  return { ok: false, problems: [problem] };
}

function readPayload<T>(payload: unknown, checks: Pick<ProbeChecks, 'checkParams'>, kind: LinkKind<T>): ParseResult<T> {
  const This = `This ${kind.name}`;
  const damaged = `${This} is damaged: it may have been cut off or changed when it was copied. Ask the sender for the link again.`;
  if (typeof payload !== 'string' || payload === '') return refuse(`${This} is empty: nothing follows "${kind.prefix}".`);
  if (payload.length > MAX_SHARE_PAYLOAD_LENGTH) {
    return refuse(
      `${This} is too long: ${payload.length} characters, and a lab link has at most ${MAX_SHARE_PAYLOAD_LENGTH}. It was not made by the lab, or text was added to it.`,
    );
  }
  const bytes = base64urlToBytes(payload);
  if (!bytes || bytes.length <= HEADER_BYTES) return refuse(damaged);
  const version = bytes[0]!;
  if (version > SHARE_LINK_VERSION) {
    return refuse(
      `${This} was made by a newer version of the lab (link version ${version}; this version reads version ${SHARE_LINK_VERSION}). Open it in the newest version of the lab.`,
    );
  }
  if (version !== SHARE_LINK_VERSION) return refuse(damaged);
  const checksum = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
  let json: Uint8Array;
  try {
    // Unpacks into a buffer one byte larger than allowed: fflate truncates to the buffer, so a full buffer means too much.
    json = inflateSync(bytes.subarray(HEADER_BYTES), { out: new Uint8Array(MAX_SHARE_JSON_BYTES + 1) });
  } catch {
    return refuse(damaged);
  }
  if (json.length > MAX_SHARE_JSON_BYTES) {
    return refuse(`${This} unpacks to more than ${MAX_SHARE_JSON_BYTES} bytes, far more than a lab link holds: it was not made by the lab.`);
  }
  if (crc32(json) !== checksum) {
    return refuse(`${This} is damaged or was edited: its checksum does not match its contents. Ask the sender for the link again.`);
  }
  const parsed = parseJson(strFromU8(json));
  if (!parsed.ok) return refuse(`${This} does not hold ${kind.holds}: ${parsed.reason}.`);
  const unsafe = structureProblem(parsed.value, MAX_DEPTH);
  if (unsafe !== null) return refuse(`${This} does not hold ${kind.holds}: ${unsafe}.`);
  if (!isObject(parsed.value)) return refuse(`${This} holds ${show(parsed.value)}, not ${kind.holds}.`);
  const problems = new Problems();
  const read = kind.read(parsed.value, checks.checkParams, problems);
  return read ? { ok: true, value: read } : { ok: false, problems: problems.list() };
}

/** The share, built afresh from its checked fields, or undefined when any is wrong (each problem reported). */
function readSharedRun(value: unknown, checkParams: ProbeChecks['checkParams'], problems: Problems): SharedRun | undefined {
  const before = problems.total;
  const setup = readSetupFields(value, checkParams, problems);
  const summary = setup ? readSummary((value as Record<string, unknown>).summary, setup.models.length, problems) : undefined;
  if (problems.total > before || !setup || !summary) return undefined;
  return { ...setup, summary };
}

/** A setup, built afresh from its checked fields. It carries no results: a link with a summary is a share link. */
function readSharedSetup(value: unknown, checkParams: ProbeChecks['checkParams'], problems: Problems): SharedSetup | undefined {
  const before = problems.total;
  const setup = readSetupFields(value, checkParams, problems);
  if (isObject(value) && 'summary' in value) {
    problems.add('This setup link carries results, which a setup link never does: it is a share link. Open it as one ("#/share/…").');
  }
  return problems.total > before ? undefined : setup;
}

function readSetupFields(value: unknown, checkParams: ProbeChecks['checkParams'], problems: Problems): SharedSetup | undefined {
  if (!isObject(value)) {
    problems.add(`The link holds ${show(value)}, not an experiment.`);
    return undefined;
  }
  const before = problems.total;
  const probeId = readChoice(value.probeId, 'The link\'s "probeId"', PROBE_IDS, problems);
  const specVersion = readText(value.specVersion, 'The link\'s "specVersion"', problems, SPEC_VERSION);
  const params = probeId ? readParams(checkParams, probeId, value.params, "The link's parameters", problems) : undefined;
  const models = readModels(value.models, problems);
  const language = readText(value.language, 'The link\'s "language"', problems, LANGUAGE);
  if (problems.total > before || !probeId || !specVersion || !params || !models || !language) return undefined;
  return { probeId, specVersion, params, models, language };
}

function readModels(value: unknown, problems: Problems): SharedModel[] | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_RUN_MODELS) {
    problems.add(`The link's "models" must be a list of 1 to ${MAX_RUN_MODELS} models; it is ${show(value)}.`);
    return undefined;
  }
  const before = problems.total;
  const models: SharedModel[] = [];
  value.forEach((model: unknown, i) => {
    const label = `Model ${i + 1} of the link`;
    if (!isObject(model)) {
      problems.add(`${label} must be an object; it is ${show(model)}.`);
      return;
    }
    const catalogId = readText(model.catalogId, `${label}: its "catalogId"`, problems, CATALOG_ID);
    const variant = readVariant(model.variant, `${label}: its "variant"`, problems);
    const role = readChoice(model.role, `${label}: its "role"`, MODEL_ROLES, problems);
    if (!catalogId || variant === undefined || !role) return;
    if (!variantFits(variant, SERVER_CATALOG_ID.test(catalogId), label, problems)) return;
    if (models.some((other) => other.catalogId === catalogId && other.variant === variant)) {
      problems.add(`${label} is the same model as an earlier one, ${show(catalogId)} (${variant ?? 'server'}).`);
    }
    models.push({ catalogId, variant, role });
  });
  return problems.total > before ? undefined : models;
}

function readSummary(value: unknown, modelCount: number, problems: Problems): SharedFigure[] | undefined {
  if (!Array.isArray(value)) {
    problems.add(`The link's "summary" must be a list of numbers; it is ${show(value)}.`);
    return undefined;
  }
  if (value.length > MAX_SHARED_FIGURES) {
    problems.add(`The link's "summary" has ${value.length} numbers; a link holds at most ${MAX_SHARED_FIGURES}.`);
    return undefined;
  }
  const before = problems.total;
  const figures: SharedFigure[] = [];
  value.forEach((figure: unknown, i) => {
    const label = `Summary number ${i + 1} of the link`;
    if (!isObject(figure)) {
      problems.add(`${label} must be an object; it is ${show(figure)}.`);
      return;
    }
    const modelIndex = readWholeNumber(figure.modelIndex, `${label}: its "modelIndex"`, 0, modelCount - 1, problems);
    const measure = readText(figure.measure, `${label}: its "measure"`, problems, MEASURE);
    const estimate = readEstimate(figure, label, problems);
    if (modelIndex === undefined || !measure || !estimate) return;
    if (figures.some((other) => other.modelIndex === modelIndex && other.measure === measure)) {
      problems.add(`${label} repeats the "${measure}" of model ${modelIndex + 1}.`);
    }
    figures.push({ modelIndex, measure, ...estimate });
  });
  return problems.total > before ? undefined : figures;
}

function readEstimate(figure: Record<string, unknown>, label: string, problems: Problems): Estimate | undefined {
  const value = readNumber(figure.value, `${label}: its "value"`, problems);
  const lo = readNumber(figure.lo, `${label}: its "lo"`, problems);
  const hi = readNumber(figure.hi, `${label}: its "hi"`, problems);
  const n = figure.n === null ? null : readWholeNumber(figure.n, `${label}: its "n"`, 0, MAX_N, problems);
  const interval = readChoice(figure.interval, `${label}: its "interval"`, INTERVAL_KINDS, problems);
  if (value === undefined || lo === undefined || hi === undefined || n === undefined || !interval) return undefined;
  if (lo > hi) {
    problems.add(`${label} has its interval the wrong way round: lo ${lo} is above hi ${hi}.`);
    return undefined;
  }
  return { value, lo, hi, n, interval };
}

function readNumber(value: unknown, label: string, problems: Problems): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    problems.add(`${label} must be a number between −10¹² and 10¹²; it is ${show(value)}.`);
    return undefined;
  }
  return value;
}

function readWholeNumber(value: unknown, label: string, min: number, max: number, problems: Problems): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.add(`${label} must be a whole number from ${min} to ${max}; it is ${show(value)}.`);
    return undefined;
  }
  return value;
}
