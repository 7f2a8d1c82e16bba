// Seeded fuzzing of the lab's doors for untrusted input, as the app uses them: importing a run file
// (`importRunText`, with a RunStore over IndexedDB that already holds a run), opening a share link
// (`readSharePayload`) and opening a setup link (`readSetupPayload`, issue 16). Each malformed case is invalid by construction; it must be refused with messages in plain
// words, leave the stored data exactly as it was, and never throw. Single-character edits, which may or may not keep
// a file valid, are fed too and counted apart: whatever the verdict, they must not throw, and a refused one must
// change nothing. Used by test/unit/security/fuzz.test.ts and by `npm run bench` (same seed, same size).
import 'fake-indexeddb/auto';
import { deflateRawSync, crc32 } from 'node:zlib';
import { importRunText } from '../../src/app/history.ts';
import { readSetupPayload, readSharePayload } from '../../src/app/share.ts';
import { RNG_0_10 } from '../../src/core/probes/rng-0-10/index.ts';
import { encodeSetup, encodeShare, runToJson, type RunExport, type SharedRun, type SharedSetup } from '../../src/core/results/index.ts';
import { createRng } from '../../src/core/stats/rng.ts';
import { openLabDatabase } from '../../src/store/lab-db.ts';
import { RunStore } from '../../src/store/runs.ts';

export const FUZZ_TEST_SEED = 20_261_128;
export const FUZZ_TEST_CASES = 1_000;

export interface FuzzResult {
  /** Malformed inputs fed (run files, share links and setup links, invalid by construction). */
  fuzzCases: number;
  /** Of those, refused with plain-words messages, stored data unchanged, nothing thrown. */
  fuzzRejectedCleanly: number;
  /** Single-character edits, which may stay valid: fed as well, and none may throw. */
  editsFed: number;
  /** What went wrong, one line per failed case (empty when all is well). */
  failures: string[];
}

type Random = () => number;
type Json = Record<string, unknown>;

const MODELS: RunExport['run']['models'] = [
  { id: 'Test-3B-Base-q4f32_1-MLC', catalogId: 'test-base', name: 'Test 3B Base', role: 'base', variant: 'q4f32', revision: null },
  { id: 'Test-3B-Instruct-q4f32_1-MLC', catalogId: 'test-instruct', name: 'Test 3B Instruct', role: 'instruct', variant: 'q4f32', revision: null },
];

/** A valid sampled rng-0-10 run of two models, as the lab exports it. */
function validRun(id: string): RunExport {
  const params = { ...RNG_0_10.defaultParams, mode: 'sampled' as const, n: 6 };
  // A copy of its own: the mutations edit it in place.
  return structuredClone({
    format: 'base-vs-aligned-run',
    schemaVersion: 1,
    run: {
      id,
      probeId: 'rng-0-10',
      specVersion: RNG_0_10.version,
      appVersion: '0.1.0',
      createdAt: '2026-11-28T10:00:00.000Z',
      updatedAt: '2026-11-28T10:01:00.000Z',
      status: 'complete',
      params,
      models: MODELS,
      gpu: null,
    },
    records: MODELS.flatMap((model, modelIndex) =>
      Array.from({ length: 6 }, (_, index) => {
        const answer = (index * (modelIndex + 3)) % 11;
        return { probeId: 'rng-0-10', modelId: model.id, index, kind: 'sample', text: ` ${answer}`, answer, invalid: null };
      }),
    ) as RunExport['records'],
  });
}

function validShare(): SharedRun {
  return {
    probeId: 'rng-0-10',
    specVersion: RNG_0_10.version,
    params: { ...RNG_0_10.defaultParams },
    models: [
      { catalogId: 'ministral-3-3b-base', variant: 'q4f16', role: 'base' },
      { catalogId: 'ministral-3-3b-instruct', variant: 'q4f16', role: 'instruct' },
    ],
    language: 'en',
    summary: [{ modelIndex: 0, measure: 'p-seven', value: 0.1, lo: 0.1, hi: 0.1, n: null, interval: 'exact' }],
  };
}

/** The setup link a teacher would send: the same experiment, no results. */
function validSetup(): SharedSetup {
  const { probeId, specVersion, params, models, language } = validShare();
  return { probeId, specVersion, params, models, language };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const below = (random: Random, n: number): number => Math.floor(random() * n);

/** Values that no field of a run file or a share accepts where a different kind of value belongs. */
const ODD_VALUES: readonly unknown[] = [
  null, true, -1, 1.5, 1e308, -0, '', ' ', 'x'.repeat(5_000), '<img src=x onerror=alert(1)>', '\u0000', '七🎲', [], [[[]]], {}, { __proto__: 1 },
];

/** Paths into a run file whose value must have one exact kind: replacing it with a value of another kind is invalid. */
const RUN_FIELDS: readonly (readonly (string | number)[])[] = [
  ['format'], ['schemaVersion'], ['run'], ['run', 'id'], ['run', 'probeId'], ['run', 'status'], ['run', 'params'], ['run', 'models'],
  ['run', 'models', 0], ['run', 'models', 0, 'id'], ['run', 'models', 1, 'role'], ['run', 'params', 'n'], ['run', 'params', 'mode'],
  ['run', 'createdAt'], ['records'], ['records', 0], ['records', 0, 'index'], ['records', 3, 'modelId'], ['records', 5, 'kind'],
];

const SETUP_FIELDS: readonly (readonly (string | number)[])[] = [
  ['probeId'], ['specVersion'], ['params'], ['params', 'seed'], ['models'], ['models', 0], ['models', 1, 'catalogId'], ['language'],
];

const SHARE_FIELDS: readonly (readonly (string | number)[])[] = [
  ...SETUP_FIELDS,
  ['summary'], ['summary', 0], ['summary', 0, 'value'], ['summary', 0, 'interval'], ['summary', 0, 'modelIndex'],
];

function parentOf(root: Json, path: readonly (string | number)[]): Record<string | number, unknown> {
  return path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, root);
}

/** A structural mutation that makes the document invalid: a wrong kind of value, a missing field, or worse. */
function breakStructure(random: Random, document: Json, fields: readonly (readonly (string | number)[])[]): string {
  const path = pick(random, fields);
  const parent = parentOf(document, path);
  const key = path[path.length - 1] as string | number;
  const current = parent[key];
  switch (below(random, 5)) {
    case 0:
      delete parent[key];
      return JSON.stringify(document);
    case 1: {
      const odd = ODD_VALUES.filter((value) => typeof value !== typeof current || Array.isArray(value) !== Array.isArray(current) || value === null);
      parent[key] = pick(random, odd);
      return JSON.stringify(document);
    }
    case 2:
      // A key that would pollute prototypes if a reader merged objects carelessly (JSON.parse makes it an own key).
      return JSON.stringify(document).replace(/^\{/, `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},`).replace(
        /"__proto__":\{"polluted":true\},/,
        pick(random, ['"__proto__":{"polluted":true},', '"__proto__":null,']),
      );
    case 3: {
      // Deeper nesting than any real file has.
      let nested: unknown = 0;
      for (let depth = 0; depth < 200 + below(random, 2000); depth++) nested = [nested];
      parent[key] = nested;
      return JSON.stringify(document);
    }
    default:
      // The whole document as the wrong kind of JSON value.
      return JSON.stringify(pick(random, [[document], null, 7, 'text', [], true]));
  }
}

/** A text-level mutation that can never leave a JSON object valid. */
function breakText(random: Random, text: string): string {
  switch (below(random, 6)) {
    case 0:
      return text.slice(0, below(random, text.length - 1));
    case 1:
      return `${text}${pick(random, ['}', ',', ']', 'x', '{'])}`;
    case 2:
      return pick(random, ['', ' ', 'null', 'undefined', 'NaN', '[', '{', '\uFEFF', '<!doctype html><html></html>']);
    case 3:
      return Array.from({ length: 1 + below(random, 300) }, () => String.fromCharCode(below(random, 0xd800))).join('') + '\u0000{';
    case 4:
      return text.replace(/:/, '::');
    default:
      // NaN, Infinity and hexadecimal or zero-led numbers are not JSON.
      return text.replace(/:(-?\d)/, `:${pick(random, ['NaN', 'Infinity', '-Infinity', '0x1', '01'])}`);
  }
}

function editOneCharacter(random: Random, text: string): string {
  const at = below(random, text.length);
  return `${text.slice(0, at)}${String.fromCharCode(32 + below(random, 95))}${text.slice(at + 1)}`;
}

/** A share-link payload packed like the app packs one, around any text (so the checksum passes and the JSON is judged). */
function packJson(json: string): string {
  const bytes = Buffer.from(json, 'utf8');
  const header = Buffer.alloc(5);
  header.writeUInt8(1, 0);
  header.writeUInt32BE(crc32(bytes), 1);
  return Buffer.concat([header, deflateRawSync(bytes)]).toString('base64url');
}

function breakPayload(random: Random, payload: string, json: string): string {
  switch (below(random, 5)) {
    case 0:
      return payload.slice(0, below(random, payload.length - 2));
    case 1:
      return `${payload.slice(0, 3)}${pick(random, ['!', '%', ' ', '/', '+', '=', '<', '"'])}${payload.slice(3)}`;
    case 2: {
      // The right bytes under a wrong checksum: an edited link.
      const bytes = Buffer.from(payload, 'base64url');
      bytes.writeUInt32BE((bytes.readUInt32BE(1) + 1 + below(random, 1000)) >>> 0, 1);
      return bytes.toString('base64url');
    }
    case 3: {
      const bytes = Buffer.from(payload, 'base64url');
      bytes.writeUInt8(pick(random, [0, 2, 9, 255]), 0);
      return bytes.toString('base64url');
    }
    default:
      return packJson(breakText(random, json));
  }
}

/** Everything the store holds, as text, to tell whether a case changed anything. */
async function storedData(store: RunStore, runIds: readonly string[]): Promise<string> {
  const runs = await store.listRuns();
  const parts = await Promise.all(runIds.map(async (id) => [await store.getRecords(id), await store.getRatings(id)]));
  return JSON.stringify([runs, parts]);
}

/** The messages are for people: present, not empty, short enough to read, and not the readers' last-resort guard. */
function plainWordsProblem(problems: readonly string[]): string | null {
  if (problems.length === 0) return 'refused with no message';
  for (const problem of problems) {
    if (problem.trim() === '') return 'an empty message';
    if (problem.length > 600) return `a message of ${problem.length} characters`;
    if (/could not be read: /.test(problem)) return `a reader threw inside and its guard answered: ${problem.slice(0, 200)}`;
  }
  return null;
}

/** The doors under test: the app's own, unless a test hands in broken ones to show that the fuzzer notices. */
export interface Readers {
  importRunText: typeof importRunText;
  readSharePayload: typeof readSharePayload;
  readSetupPayload: typeof readSetupPayload;
}

const APP_READERS: Readers = { importRunText, readSharePayload, readSetupPayload };

/** One kind of link under test: its valid payload and JSON, the fields to break, and the reader. */
interface LinkDoor {
  name: string;
  payload: string;
  json: string;
  fields: readonly (readonly (string | number)[])[];
  read: (payload: string) => { ok: boolean; problems?: string[] };
}

export async function fuzzValidators({ seed, cases, readers = APP_READERS }: { seed: number; cases: number; readers?: Readers }): Promise<FuzzResult> {
  const random = createRng(seed);
  const db = await openLabDatabase(`fuzz-${seed}-${cases}-${Date.now()}`);
  const store = new RunStore(db);
  const kept = validRun('00000000-0000-4000-8000-000000000001');
  await store.importRun(kept);
  await store.saveRating(kept.run.id, 'pair-0', { originality: 'A' }, new Date('2026-11-28T10:02:00.000Z'));
  const before = await storedData(store, [kept.run.id]);

  const share = validShare();
  const setup = validSetup();
  const doors: LinkDoor[] = [
    { name: 'share link', payload: encodeShare(share), json: JSON.stringify(share), fields: SHARE_FIELDS, read: readers.readSharePayload },
    { name: 'setup link', payload: encodeSetup(setup), json: JSON.stringify(setup), fields: SETUP_FIELDS, read: readers.readSetupPayload },
  ];
  // Checked with the app's own readers: a test may hand in broken ones.
  if (!APP_READERS.readSharePayload(doors[0]!.payload).ok || !APP_READERS.readSetupPayload(doors[1]!.payload).ok) {
    throw new Error('The fuzzer’s valid links are refused: fix the fuzzer.');
  }

  const result: FuzzResult = { fuzzCases: 0, fuzzRejectedCleanly: 0, editsFed: 0, failures: [] };
  const fail = (label: string, why: string): void => {
    if (result.failures.length < 20) result.failures.push(`${label}: ${why}`);
  };

  for (let index = 0; index < cases; index++) {
    const label = `case ${index} (seed ${seed})`;
    result.fuzzCases++;
    try {
      if (index % 2 === 0) {
        const fresh = validRun(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
        const text = random() < 0.5 ? breakStructure(random, fresh as unknown as Json, RUN_FIELDS) : breakText(random, runToJson(fresh));
        const outcome = await readers.importRunText(store, text);
        if (outcome.ok) {
          fail(label, 'a malformed run file was imported');
          await store.deleteRun(outcome.run.id);
          continue;
        }
        const problem = outcome.reason === 'invalid' ? plainWordsProblem(outcome.problems) : `refused as ${outcome.reason}`;
        if (problem) fail(label, problem);
        else if ((await storedData(store, [kept.run.id])) !== before) fail(label, 'the stored data changed');
        else result.fuzzRejectedCleanly++;
      } else {
        // Share links and setup links take turns among the odd cases.
        const door = doors[Math.floor(index / 2) % doors.length] as LinkDoor;
        const payload =
          random() < 0.5 ? packJson(breakStructure(random, JSON.parse(door.json) as Json, door.fields)) : breakPayload(random, door.payload, door.json);
        const outcome = door.read(payload);
        if (outcome.ok) fail(label, `a malformed ${door.name} was read: ${Buffer.from(payload, 'base64url').length} bytes`);
        else if (plainWordsProblem(outcome.problems ?? [])) fail(label, plainWordsProblem(outcome.problems ?? []) ?? '');
        else result.fuzzRejectedCleanly++;
      }
    } catch (error) {
      fail(label, `threw ${String(error)}`);
    }
  }

  // Edits that may keep the input valid: whatever the verdict, nothing throws and a refusal changes nothing.
  for (let index = 0; index < cases / 4; index++) {
    result.editsFed++;
    const label = `edit ${index} (seed ${seed})`;
    try {
      const fresh = validRun(`00000000-0000-4000-9000-${String(index).padStart(12, '0')}`);
      const outcome = await readers.importRunText(store, editOneCharacter(random, runToJson(fresh)));
      if (outcome.ok) await store.deleteRun(outcome.run.id);
      else if ((await storedData(store, [kept.run.id])) !== before) fail(label, 'a refused edit changed the stored data');
      for (const door of doors) door.read(editOneCharacter(random, door.payload));
    } catch (error) {
      fail(label, `threw ${String(error)}`);
    }
  }

  if ((await storedData(store, [kept.run.id])) !== before) fail('after all cases', 'the stored data changed');
  store.close();
  return result;
}
