// Reads a run file that a user dropped on the page. Whatever the file holds, the reader returns the whole run or
// a short list of problems in plain words: it never throws and never returns part of a run.
import type { ProbeId } from '../probes/index.ts';
import type { RecordBase } from '../probes/probe.ts';
import {
  CATALOG_ID,
  errorMessage,
  isObject,
  MAX_RUN_MODELS,
  MODEL_ROLES,
  parseJson,
  Problems,
  readChoice,
  readParams,
  readText,
  readVariant,
  SERVER_SOFTWARE,
  variantFits,
  EXACT_SUPPORTS,
  show,
  SPEC_VERSION,
  structureProblem,
} from './checks.ts';
import { CHAT_TEMPLATE_IDS } from '../prompts/chat-templates.ts';
import { PROBE_IDS } from '../probes/index.ts';
import type {
  GpuInfo,
  ModelPerformance,
  ParseResult,
  ProbeChecks,
  RunExport,
  RunInfo,
  RunModelInfo,
  RunSchedule,
  RunStatus,
  SelfCheckResult,
  ServerModelInfo,
} from './types.ts';

export const RUN_FORMAT = 'base-vs-aligned-run';
export const RUN_SCHEMA_VERSION = 1;
/** 20 MB: a paper-sized run (1,500 answers per model) is well under 1 MB. */
export const DEFAULT_MAX_RUN_FILE_BYTES = 20_000_000;
export const DEFAULT_MAX_RUN_RECORDS = 500_000;
/** Deeper than any run the lab writes (records and summaries nest a few levels). */
const MAX_DEPTH = 32;

const RUN_STATUSES: readonly RunStatus[] = ['running', 'complete', 'incomplete', 'failed'];
const RUN_SCHEDULES: readonly RunSchedule[] = ['alternate', 'one-model-at-a-time'];
const SELF_CHECK_VERDICTS: readonly SelfCheckResult['verdict'][] = ['agrees', 'mismatch'];
/** More categories than any probe's answers and "other". */
const MAX_SELF_CHECK_CATEGORIES = 64;
const CATEGORY = { maxLength: 200 };
const RUN_ID = { maxLength: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, hint: 'letters, digits, ".", "_", ":" or "-"' };
const APP_VERSION = { maxLength: 64, pattern: /^[0-9A-Za-z][0-9A-Za-z.+-]*$/, hint: 'a version such as "0.1.0"' };
const DATE_TIME = {
  maxLength: 40,
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/,
  hint: 'a date and time such as "2025-05-01T12:00:00.000Z"',
};
const MODEL_ID = { maxLength: 200 };
const MODEL_NAME = { maxLength: 200 };
const REVISION = { maxLength: 100, pattern: /^[0-9A-Za-z._-]+$/, hint: 'a commit or tag' };
const GPU_TEXT = { maxLength: 500, allowEmpty: true };
const SERVER_HOST = { maxLength: 300, pattern: /^[^\s/?#@]+$/, hint: 'a host such as "localhost:8000"' };
const SERVER_VERSION = { maxLength: 100 };

export interface ParseRunOptions {
  /** The largest file read, in bytes of UTF-8 text (default 20 MB). */
  maxBytes?: number;
  /** The most records read (default 500,000). */
  maxRecords?: number;
}

/** Reads a run file's text. `checks` are the probes' own checks of parameters and records. */
export function parseRunExport(text: string, checks: ProbeChecks, options: ParseRunOptions = {}): ParseResult<RunExport> {
  try {
    return readRunFile(text, checks, options);
  } catch (error) {
    // Every check above reports instead of throwing; this is the last guard of the promise never to throw.
    return { ok: false, problems: [`The file could not be read: ${errorMessage(error)}`] };
  }
}

function refuse(problem: string): ParseResult<RunExport> {
  return { ok: false, problems: [problem] };
}

function readRunFile(text: unknown, checks: ProbeChecks, options: ParseRunOptions): ParseResult<RunExport> {
  if (typeof text !== 'string') return refuse('This file could not be read as text.');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RUN_FILE_BYTES;
  if (utf8LengthExceeds(text, maxBytes)) {
    return refuse(`This file is too large: the lab reads run files of up to ${sizeInWords(maxBytes)}.`);
  }
  if (text.trim() === '') return refuse('This file is empty.');
  const parsed = parseJson(text);
  if (!parsed.ok) return refuse(`This file is not a lab run: it is not valid JSON (${parsed.reason}).`);
  const unsafe = structureProblem(parsed.value, MAX_DEPTH);
  if (unsafe !== null) return refuse(`This file is not a lab run: ${unsafe}.`);
  const file = parsed.value;
  if (!isObject(file)) return refuse(`This file is not a lab run: it holds ${show(file)}, not a run.`);
  if (file.format === undefined) return refuse('This file is not a lab run: it has no "format" field.');
  if (file.format !== RUN_FORMAT) {
    return refuse(`This file is not a lab run: its "format" is ${show(file.format)}, not "${RUN_FORMAT}".`);
  }
  const version = file.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > RUN_SCHEMA_VERSION) {
    return refuse(
      `This file was made by a newer version of the lab (run file version ${version}; this version reads version ${RUN_SCHEMA_VERSION}). Open it in the newest version of the lab.`,
    );
  }
  if (version !== RUN_SCHEMA_VERSION) {
    return refuse(`This file's "schemaVersion" must be ${RUN_SCHEMA_VERSION}; it is ${show(version)}.`);
  }
  if (!isObject(file.run)) return refuse(`This file does not describe its run: its "run" is ${show(file.run)}.`);
  if (!Array.isArray(file.records)) {
    return refuse(`This file's "records" must be a list of records; it is ${show(file.records)}.`);
  }
  const maxRecords = options.maxRecords ?? DEFAULT_MAX_RUN_RECORDS;
  if (file.records.length > maxRecords) {
    return refuse(`This file has ${file.records.length} records; the lab reads at most ${maxRecords}.`);
  }

  const problems = new Problems();
  const run = readRunInfo(file.run, checks, problems);
  const records = run ? readRecords(file.records, run.probeId, run.models, checks, problems) : undefined;
  if (!run || !records || problems.total > 0) return { ok: false, problems: problems.list() };
  const value: RunExport = { format: RUN_FORMAT, schemaVersion: RUN_SCHEMA_VERSION, run, records };
  if ('summary' in file) value.summary = file.summary;
  return { ok: true, value };
}

/** Whether text takes more than `limit` bytes as UTF-8 (counted without encoding it, stopping at the limit). */
function utf8LengthExceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes > limit;
}

function sizeInWords(bytes: number): string {
  if (bytes >= 1e6) return `${Number((bytes / 1e6).toFixed(1))} MB`;
  if (bytes >= 1e3) return `${Number((bytes / 1e3).toFixed(1))} kB`;
  return `${bytes} bytes`;
}

/** The run's metadata, or undefined when any of it is wrong (each problem reported). */
function readRunInfo(run: Record<string, unknown>, checks: ProbeChecks, problems: Problems): RunInfo | undefined {
  const before = problems.total;
  const id = readText(run.id, 'The run\'s "id"', problems, RUN_ID);
  const probeId = readChoice(run.probeId, 'The run\'s "probeId"', PROBE_IDS, problems);
  const specVersion = readText(run.specVersion, 'The run\'s "specVersion"', problems, SPEC_VERSION);
  const appVersion = readText(run.appVersion, 'The run\'s "appVersion"', problems, APP_VERSION);
  const createdAt = readDateTime(run.createdAt, 'The run\'s "createdAt"', problems);
  const updatedAt = readDateTime(run.updatedAt, 'The run\'s "updatedAt"', problems);
  const status = readChoice(run.status, 'The run\'s "status"', RUN_STATUSES, problems);
  const params = probeId ? readParams(checks.checkParams, probeId, run.params, "The run's parameters", problems) : undefined;
  const models = readModels(run.models, problems);
  const gpu = readGpu(run.gpu, problems);
  const schedule = run.schedule === undefined ? undefined : readChoice(run.schedule, 'The run\'s "schedule"', RUN_SCHEDULES, problems);
  if (problems.total > before || !id || !probeId || !specVersion || !appVersion || !createdAt || !updatedAt) return undefined;
  if (!status || !params || !models || gpu === undefined) return undefined;
  return { id, probeId, specVersion, appVersion, createdAt, updatedAt, status, params, models, gpu, ...(schedule ? { schedule } : {}) };
}

function readDateTime(value: unknown, label: string, problems: Problems): string | undefined {
  const text = readText(value, label, problems, DATE_TIME);
  if (text === undefined) return undefined;
  if (Number.isNaN(Date.parse(text))) {
    problems.add(`${label} is not a real date: ${show(text)}.`);
    return undefined;
  }
  return text;
}

function readModels(value: unknown, problems: Problems): RunModelInfo[] | undefined {
  if (!Array.isArray(value)) {
    problems.add(`The run's "models" must be a list of models; it is ${show(value)}.`);
    return undefined;
  }
  if (value.length < 1 || value.length > MAX_RUN_MODELS) {
    problems.add(`A run has 1 to ${MAX_RUN_MODELS} models; this one has ${value.length}.`);
    return undefined;
  }
  const before = problems.total;
  const models = value.map((model: unknown, i) => readModel(model, `Model ${i + 1} of the run`, problems));
  const ids = new Set<string>();
  for (const model of models) {
    if (model && ids.has(model.id)) problems.add(`Two of the run's models have the same id, ${show(model.id)}.`);
    if (model) ids.add(model.id);
  }
  if (problems.total > before) return undefined;
  return models.filter((model) => model !== undefined);
}

function readModel(value: unknown, label: string, problems: Problems): RunModelInfo | undefined {
  if (!isObject(value)) {
    problems.add(`${label} must be an object; it is ${show(value)}.`);
    return undefined;
  }
  const before = problems.total;
  const id = readText(value.id, `${label}: its "id"`, problems, MODEL_ID);
  const catalogId = readText(value.catalogId, `${label}: its "catalogId"`, problems, CATALOG_ID);
  const name = readText(value.name, `${label}: its "name"`, problems, MODEL_NAME);
  const role = readChoice(value.role, `${label}: its "role"`, MODEL_ROLES, problems);
  const variant = readVariant(value.variant, `${label}: its "variant"`, problems);
  const revision = value.revision === null ? null : readText(value.revision, `${label}: its "revision"`, problems, REVISION);
  const performance = value.performance === undefined ? undefined : readPerformance(value.performance, `${label}: its "performance"`, problems);
  const selfCheck = value.selfCheck === undefined ? undefined : readSelfCheck(value.selfCheck, `${label}: its "selfCheck"`, problems);
  const server = value.server === undefined ? undefined : readServer(value.server, `${label}: its "server"`, problems);
  if (problems.total > before || !id || !catalogId || !name || !role || variant === undefined || revision === undefined) return undefined;
  if (!variantFits(variant, server !== undefined, label, problems)) return undefined;
  return {
    id,
    catalogId,
    name,
    role,
    variant,
    revision,
    ...(performance ? { performance } : {}),
    ...(selfCheck ? { selfCheck } : {}),
    ...(server ? { server } : {}),
  };
}

/** A number of 0 or more (at most `max`), or null when `nullable`; undefined (reported) otherwise. */
function readAmount(value: unknown, label: string, problems: Problems, max: number, nullable = false): number | null | undefined {
  if (value === null && nullable) return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max) return value;
  problems.add(`${label} must be a number from 0 to ${max}${nullable ? ' or null' : ''}; it is ${show(value)}.`);
  return undefined;
}

/** Where a model ran when a server ran it: no key or full address is ever in a run file, so none is read. */
function readServer(value: unknown, label: string, problems: Problems): ServerModelInfo | undefined {
  if (!isObject(value)) {
    problems.add(`${label} must be an object; it is ${show(value)}.`);
    return undefined;
  }
  const before = problems.total;
  const software = readChoice(value.software, `${label}: its "software"`, SERVER_SOFTWARE, problems);
  const host = readText(value.host, `${label}: its "host"`, problems, SERVER_HOST);
  const model = readText(value.model, `${label}: its "model"`, problems, MODEL_NAME);
  const version = value.version === null ? null : readText(value.version, `${label}: its "version"`, problems, SERVER_VERSION);
  const family = readChoice(value.family, `${label}: its "family"`, CHAT_TEMPLATE_IDS, problems);
  const exact = readChoice(value.exact, `${label}: its "exact"`, EXACT_SUPPORTS, problems);
  const topK = value.topK === null ? null : Number.isInteger(value.topK) && (value.topK as number) > 0 ? (value.topK as number) : undefined;
  if (topK === undefined) problems.add(`${label}: its "topK" must be a whole number above 0 or null; it is ${show(value.topK)}.`);
  if (problems.total > before || !software || !host || !model || version === undefined || !family || !exact || topK === undefined) return undefined;
  return { software, host, model, version, family, exact, topK };
}

function readPerformance(value: unknown, label: string, problems: Problems): ModelPerformance | undefined {
  if (!isObject(value)) {
    problems.add(`${label} must be an object; it is ${show(value)}.`);
    return undefined;
  }
  const before = problems.total;
  const loadSeconds = readAmount(value.loadSeconds, `${label}: "loadSeconds"`, problems, 1e7, true);
  const tokensPerSecond = readAmount(value.tokensPerSecond, `${label}: "tokensPerSecond"`, problems, 1e9, true);
  const generatedTokens = readAmount(value.generatedTokens, `${label}: "generatedTokens"`, problems, 1e12);
  const weightsFromCache = value.weightsFromCache;
  if (weightsFromCache !== null && typeof weightsFromCache !== 'boolean') problems.add(`${label}: "weightsFromCache" must be true, false or null.`);
  if (problems.total > before || loadSeconds === undefined || tokensPerSecond === undefined || typeof generatedTokens !== 'number') return undefined;
  return { loadSeconds, weightsFromCache: weightsFromCache as boolean | null, tokensPerSecond, generatedTokens };
}

function readSelfCheck(value: unknown, label: string, problems: Problems): SelfCheckResult | undefined {
  if (!isObject(value)) {
    problems.add(`${label} must be an object; it is ${show(value)}.`);
    return undefined;
  }
  const before = problems.total;
  const verdict = readChoice(value.verdict, `${label}: "verdict"`, SELF_CHECK_VERDICTS, problems);
  const categories = readList(value.categories, `${label}: "categories"`, problems, (item, where) => readText(item, where, problems, CATEGORY));
  const expected = readList(value.expected, `${label}: "expected"`, problems, (item, where) => readAmount(item, where, problems, 1) ?? undefined);
  const observed = readList(value.observed, `${label}: "observed"`, problems, (item, where) => readAmount(item, where, problems, 1e9) ?? undefined);
  const statistic = value.statistic === null ? Infinity : readAmount(value.statistic, `${label}: "statistic"`, problems, 1e15);
  const pValue = readAmount(value.pValue, `${label}: "pValue"`, problems, 1);
  const alpha = readAmount(value.alpha, `${label}: "alpha"`, problems, 1);
  const probeId = readChoice(value.probeId, `${label}: "probeId"`, PROBE_IDS, problems);
  const checkedAt = readDateTime(value.checkedAt, `${label}: "checkedAt"`, problems);
  const runId = readText(value.runId, `${label}: "runId"`, problems, RUN_ID);
  const gpuDescription = readText(value.gpuDescription, `${label}: "gpuDescription"`, problems, GPU_TEXT);
  if (categories && (expected?.length !== categories.length || observed?.length !== categories.length)) {
    problems.add(`${label}: "categories", "expected" and "observed" must be lists of the same length.`);
  }
  if (problems.total > before || !verdict || !categories || !expected || !observed || typeof pValue !== 'number' || typeof alpha !== 'number') return undefined;
  if (typeof statistic !== 'number' || !probeId || !checkedAt || !runId || gpuDescription === undefined) return undefined;
  return { verdict, categories, expected, observed, statistic, pValue, alpha, probeId, checkedAt, runId, gpuDescription };
}

/** A list of 1 to MAX_SELF_CHECK_CATEGORIES items, each read by `read`; undefined when it or an item is wrong. */
function readList<T>(value: unknown, label: string, problems: Problems, read: (item: unknown, where: string) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SELF_CHECK_CATEGORIES) {
    problems.add(`${label} must be a list of 1 to ${MAX_SELF_CHECK_CATEGORIES} items; it is ${show(value)}.`);
    return undefined;
  }
  const items = value.map((item: unknown, i) => read(item, `${label}[${i}]`));
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}

/** The GPU, null when the run has none, or undefined when it is wrong. */
function readGpu(value: unknown, problems: Problems): GpuInfo | null | undefined {
  if (value === null) return null;
  if (!isObject(value)) {
    problems.add(`The run's "gpu" must be an object or null; it is ${show(value)}.`);
    return undefined;
  }
  const vendor = readText(value.vendor, 'The GPU\'s "vendor"', problems, GPU_TEXT);
  const architecture = readText(value.architecture, 'The GPU\'s "architecture"', problems, GPU_TEXT);
  const description = readText(value.description, 'The GPU\'s "description"', problems, GPU_TEXT);
  if (vendor === undefined || architecture === undefined || description === undefined) return undefined;
  return { vendor, architecture, description };
}

/**
 * The records, each checked by the probe, or undefined when any is wrong. Each model's records must come in index
 * order 0, 1, 2 … (models may interleave): probes read a model's records in that order, e.g. as a game's history.
 */
function readRecords(
  values: unknown[],
  probeId: ProbeId,
  models: RunModelInfo[],
  checks: ProbeChecks,
  problems: Problems,
): RecordBase[] | undefined {
  const nextIndex = new Map(models.map((model) => [model.id, 0]));
  const records: RecordBase[] = [];
  const before = problems.total;
  for (let i = 0; i < values.length && !problems.full; i++) {
    const where = `Record ${i + 1} of ${values.length}`;
    const record = values[i];
    if (!isObject(record)) {
      problems.add(`${where} must be an object; it is ${show(record)}.`);
      continue;
    }
    const modelId = record.modelId;
    const expected = typeof modelId === 'string' ? nextIndex.get(modelId) : undefined;
    if (typeof modelId !== 'string' || expected === undefined) {
      problems.add(`${where} names the model ${show(modelId)}, which is not one of the run's models.`);
      continue;
    }
    const index = record.index;
    if (index !== expected) {
      problems.add(
        `${where} has index ${show(index)} where ${expected} was expected: each model's records are numbered 0, 1, 2 … in order, with no gaps or repeats.`,
      );
      // Carry on from the index given, so that one missing record is reported once, not for every record after it.
      if (typeof index === 'number' && Number.isSafeInteger(index) && index >= 0) nextIndex.set(modelId, index + 1);
      continue;
    }
    nextIndex.set(modelId, expected + 1);
    if (record.probeId !== probeId) {
      problems.add(`${where} is from the probe ${show(record.probeId)}, but the run is of "${probeId}".`);
      continue;
    }
    let checked: unknown;
    try {
      checked = checks.checkRecord(probeId, record);
    } catch (error) {
      problems.add(`${where}: ${errorMessage(error)}`);
      continue;
    }
    if (!isObject(checked) || checked.probeId !== probeId || checked.modelId !== modelId || checked.index !== index) {
      problems.add(`${where} could not be checked: the probe's check changed its probe, model or index.`);
      continue;
    }
    records.push(checked as unknown as RecordBase);
  }
  return problems.total > before ? undefined : records;
}
