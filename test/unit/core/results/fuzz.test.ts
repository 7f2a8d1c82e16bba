// Fuzzing the two readers of untrusted input. Each malformed input below is invalid by construction, so the
// readers must refuse it with at least one message; inputs that may or may not stay valid (a changed character)
// must either be refused or read back as exactly what was sent. And nothing may ever throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  MAX_PROBLEMS,
  parseRunExport,
  runToJson,
  type ParseResult,
  type RunExport,
  type SharedRun,
} from '../../../../src/core/results/index.ts';
import { PROBE_IDS } from '../../../../src/core/probes/index.ts';
import { fakeChecks, packShare, sampleRun, sampleShare } from './support.ts';

type Data = Record<string, unknown>;
type Interval = SharedRun['summary'][number]['interval'];
const INTERVALS: Interval[] = ['exact', 'dirichlet-jeffreys-95', 'wilson-95', 'simulated-sample-95', 'prompt-bootstrap-95', 'fisher-z-95'];
type Mutation = (file: Data) => void;

function expectRefused(result: ParseResult<unknown>): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThanOrEqual(1);
  expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  for (const problem of result.problems) {
    expect(problem.trim()).not.toBe('');
    expect(problem.length).toBeLessThan(500);
  }
}

const at = (value: unknown, ...path: (string | number)[]): Data =>
  path.reduce<Data>((object, key) => object[key] as Data, value as Data);
const notString = fc.jsonValue().filter((value) => typeof value !== 'string');
const notObject = fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value));
const notNaturalNumber = fc.jsonValue().filter((value) => !(Number.isInteger(value) && (value as number) >= 0));
const differentFrom = (...allowed: unknown[]) => fc.jsonValue().filter((value) => !allowed.includes(value));
const forbiddenKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

function withOwnKey(object: Data, key: string, value: unknown): void {
  // Plain assignment to "__proto__" would set the prototype; a run file can only hold it as an own key.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

describe('parseRunExport, fuzzed', () => {
  const validText = runToJson(sampleRun());
  const recordIndex = fc.nat(5);
  const runBreakers: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom('format', 'schemaVersion', 'run', 'records').map((key): Mutation => (file) => delete file[key]),
    fc
      .constantFrom('id', 'probeId', 'specVersion', 'appVersion', 'createdAt', 'updatedAt', 'status', 'params', 'models', 'gpu')
      .map((key): Mutation => (file) => delete at(file, 'run')[key]),
    differentFrom('base-vs-aligned-run').map((value): Mutation => (file) => (file.format = value)),
    differentFrom(1).map((value): Mutation => (file) => (file.schemaVersion = value)),
    notObject.map((value): Mutation => (file) => (file.run = value)),
    fc
      .tuple(fc.constantFrom('id', 'specVersion', 'appVersion', 'createdAt', 'updatedAt'), notString)
      .map(([key, value]): Mutation => (file) => (at(file, 'run')[key] = value)),
    fc.string({ maxLength: 12 }).map((value): Mutation => (file) => (at(file, 'run').createdAt = value)),
    differentFrom('running', 'complete', 'incomplete', 'failed').map((value): Mutation => (file) => (at(file, 'run').status = value)),
    differentFrom('rng-0-10').map((value): Mutation => (file) => (at(file, 'run').probeId = value)),
    notNaturalNumber.map((value): Mutation => (file) => (at(file, 'run', 'params').seed = value)),
    notObject.map((value): Mutation => (file) => (at(file, 'run').params = value)),
    fc.jsonValue().filter((value) => !Array.isArray(value)).map((value): Mutation => (file) => (at(file, 'run').models = value)),
    fc.constant<Mutation>((file) => (at(file, 'run').models = [])),
    fc.constant<Mutation>((file) => {
      const model = at(file, 'run', 'models', 0);
      at(file, 'run').models = Array.from({ length: 5 }, (_, i) => ({ ...model, id: `m${i}` }));
    }),
    fc.constant<Mutation>((file) => (at(file, 'run', 'models', 1).id = at(file, 'run', 'models', 0).id)),
    fc
      .tuple(fc.nat(1), fc.constantFrom('id', 'catalogId', 'name', 'role', 'variant'), notString)
      .map(([model, key, value]): Mutation => (file) => (at(file, 'run', 'models', model)[key] = value)),
    fc
      .jsonValue()
      .filter((value) => value !== null && (typeof value !== 'object' || Array.isArray(value)))
      .map((value): Mutation => (file) => (at(file, 'run').gpu = value)),
    fc.jsonValue().filter((value) => !Array.isArray(value)).map((value): Mutation => (file) => (file.records = value)),
    fc.tuple(recordIndex, notObject).map(([i, value]): Mutation => (file) => ((file.records as unknown[])[i] = value)),
    fc.tuple(recordIndex, differentFrom('rng-0-10')).map(([i, value]): Mutation => (file) => (at(file, 'records', i).probeId = value)),
    fc
      .tuple(recordIndex, differentFrom('Llama-3.1-8B-q4f16_1-MLC', 'Llama-3.1-8B-Instruct-q4f16_1-MLC'))
      .map(([i, value]): Mutation => (file) => (at(file, 'records', i).modelId = value)),
    fc.tuple(recordIndex, fc.jsonValue()).map(([i, value]): Mutation => (file) => {
      const record = at(file, 'records', i);
      record.index = value === record.index ? -1 : value;
    }),
    fc.tuple(recordIndex, differentFrom('sample', 'distribution')).map(([i, value]): Mutation => (file) => (at(file, 'records', i).kind = value)),
    fc.tuple(recordIndex, notString).map(([i, value]): Mutation => (file) => (at(file, 'records', i).text = value)),
    fc
      .tuple(recordIndex, fc.jsonValue().filter((value) => !(value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10))))
      .map(([i, value]): Mutation => (file) => (at(file, 'records', i).answer = value)),
    recordIndex.map((i): Mutation => (file) => (file.records as unknown[]).splice(i + 1, 0, structuredClone(at(file, 'records', i)))),
    // Records 0 to 3 each have a later record of the same model, so removing one leaves a gap.
    fc.nat(3).map((i): Mutation => (file) => (file.records as unknown[]).splice(i, 1)),
    fc
      .tuple(forbiddenKey, fc.constantFrom<(string | number)[]>([], ['run'], ['run', 'params'], ['run', 'models', 0], ['records', 3]), fc.jsonValue())
      .map(([key, path, value]): Mutation => (file) => withOwnKey(at(file, ...path), key, value)),
  ];
  const mutatedFile = fc.oneof(...runBreakers).map((mutate) => {
    const file = JSON.parse(validText) as Data;
    mutate(file);
    return JSON.stringify(file);
  });
  const malformedFile = fc.oneof(
    { arbitrary: mutatedFile, weight: 6 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 1 },
    { arbitrary: fc.json(), weight: 1 },
    { arbitrary: fc.nat(validText.length - 2).map((end) => validText.slice(0, end)), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 60 }).map((depth) => `${'{"a":['.repeat(depth)}${validText}${']}'.repeat(depth)}`), weight: 1 },
  );

  it('refuses 1,500 malformed files with messages, never throwing', () => {
    fc.assert(
      fc.property(malformedFile, (text) => expectRefused(parseRunExport(text, fakeChecks))),
      { seed: 20250501, numRuns: 1500 },
    );
  });

  it('refuses or reads faithfully a file with one character changed', () => {
    fc.assert(
      fc.property(fc.nat(validText.length - 1), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), (i, char) => {
        const text = `${validText.slice(0, i)}${char}${validText.slice(i + 1)}`;
        const result = parseRunExport(text, fakeChecks);
        if (result.ok) expect(parseRunExport(runToJson(result.value), fakeChecks)).toEqual(result);
        else expectRefused(result);
      }),
      { seed: 5, numRuns: 1000 },
    );
  });

  it('reads every valid run, whatever its texts and numbers', () => {
    const validRun = fc
      .record({
        texts: fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 6, maxLength: 6 }),
        answers: fc.array(fc.option(fc.integer({ min: 0, max: 10 })), { minLength: 6, maxLength: 6 }),
        name: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
        seed: fc.nat(),
        temperature: fc.double({ min: 0, max: 2, noNaN: true }),
        gpu: fc.option(fc.record({ vendor: fc.string(), architecture: fc.string(), description: fc.string() })),
        summary: fc.option(fc.jsonValue({ maxDepth: 5 }), { nil: undefined }),
      })
      .map(({ texts, answers, name, seed, temperature, gpu, summary }): RunExport => {
        const run = sampleRun();
        run.run.models[0]!.name = name;
        run.run.params = { ...run.run.params, seed, temperature: Object.is(temperature, -0) ? 0 : temperature };
        run.run.gpu = gpu;
        run.records = run.records.map((record, i) => ({ ...record, text: texts[i], answer: answers[i] }) as RunExport['records'][number]);
        return summary === undefined ? run : { ...run, summary };
      });
    fc.assert(
      fc.property(validRun, (run) => {
        const result = parseRunExport(runToJson(run), fakeChecks);
        expect(result).toEqual({ ok: true, value: JSON.parse(JSON.stringify(run)) as RunExport });
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});

describe('decodeShare, fuzzed', () => {
  const share = sampleShare();
  const payload = encodeShare(share);
  const validBytes = Buffer.from(payload, 'base64url');
  const base64urlChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  const figure = fc.nat(2);
  const shareBreakers: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom('probeId', 'specVersion', 'params', 'models', 'language', 'summary').map((key): Mutation => (data) => delete data[key]),
    fc.jsonValue().filter((value) => !(PROBE_IDS as readonly unknown[]).includes(value)).map((value): Mutation => (data) => (data.probeId = value)),
    notString.map((value): Mutation => (data) => (data.specVersion = value)),
    fc
      .oneof(notString, fc.constantFrom('', 'e', 'english!', 'en_US', 'en-', 'x'.repeat(40)))
      .map((value): Mutation => (data) => (data.language = value)),
    notNaturalNumber.map((value): Mutation => (data) => (at(data, 'params').seed = value)),
    fc.jsonValue().filter((value) => !Array.isArray(value)).map((value): Mutation => (data) => (data.models = value)),
    fc.constant<Mutation>((data) => (data.models = [])),
    fc.tuple(fc.nat(1), fc.constantFrom('catalogId', 'variant', 'role'), notString).map(([i, key, value]): Mutation => (data) => (at(data, 'models', i)[key] = value)),
    fc.jsonValue().filter((value) => !Array.isArray(value)).map((value): Mutation => (data) => (data.summary = value)),
    fc.constant<Mutation>((data) => (data.summary = Array.from({ length: 51 }, (_, i) => ({ ...at(data, 'summary', 1), measure: `m-${i}` })))),
    fc
      .tuple(figure, fc.constantFrom('value', 'lo', 'hi'), fc.jsonValue().filter((value) => !(typeof value === 'number' && Math.abs(value) <= 1e12)))
      .map(([i, key, value]): Mutation => (data) => (at(data, 'summary', i)[key] = value)),
    fc
      .tuple(figure, fc.jsonValue().filter((value) => value !== 0 && value !== 1))
      .map(([i, value]): Mutation => (data) => (at(data, 'summary', i).modelIndex = value)),
    fc
      .tuple(figure, fc.jsonValue().filter((value) => !(value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1e9))))
      .map(([i, value]): Mutation => (data) => (at(data, 'summary', i).n = value)),
    fc.tuple(figure, differentFrom(...INTERVALS)).map(([i, value]): Mutation => (data) => (at(data, 'summary', i).interval = value)),
    fc.tuple(forbiddenKey, fc.constantFrom<(string | number)[]>([], ['params'], ['models', 0], ['summary', 1])).map(([key, path]): Mutation => (data) => withOwnKey(at(data, ...path), key, 1)),
  ];
  const mutatedShare = fc.oneof(...shareBreakers).map((mutate) => {
    const data = JSON.parse(JSON.stringify(share)) as Data;
    mutate(data);
    return packShare(JSON.stringify(data));
  });
  const malformedPayload = fc.oneof(
    { arbitrary: mutatedShare, weight: 5 },
    { arbitrary: fc.json().map((json) => packShare(json)), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
    { arbitrary: fc.array(base64urlChar, { maxLength: 7000 }).map((chars) => chars.join('')), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from([1, ...bytes]).toString('base64url')), weight: 1 },
    { arbitrary: fc.nat(payload.length - 1).map((end) => payload.slice(0, end)), weight: 2 },
  );

  it('refuses 1,500 malformed payloads with messages, never throwing', () => {
    fc.assert(
      fc.property(malformedPayload, (text) => expectRefused(decodeShare(text, fakeChecks))),
      { seed: 20250502, numRuns: 1500 },
    );
  });

  /** Decodes each changed payload: it must be refused or read back as exactly the sent share. Returns how many were refused. */
  function refusedOrFaithful(changed: fc.Arbitrary<string>, seed: number): number {
    let refused = 0;
    fc.assert(
      fc.property(changed, (text) => {
        const result = decodeShare(text, fakeChecks);
        if (result.ok) expect(result.value).toEqual(share);
        else {
          expectRefused(result);
          refused += 1;
        }
      }),
      { seed, numRuns: 500 },
    );
    return refused;
  }

  // Only bits that DEFLATE ignores (the padding after its last code, bytes after its end) leave a changed link
  // readable, and then it reads as the link that was sent.
  it('refuses nearly every link with a flipped bit, or reads the sent share', () => {
    const flippedBit = fc.tuple(fc.nat(validBytes.length - 1), fc.nat(7)).map(([byte, bit]) => {
      const bytes = Buffer.from(validBytes);
      bytes[byte] = bytes[byte]! ^ (1 << bit);
      return bytes.toString('base64url');
    });
    expect(refusedOrFaithful(flippedBit, 8)).toBeGreaterThan(490);
  });

  it('refuses nearly every link with a changed character, or reads the sent share', () => {
    const changedChar = fc
      .tuple(fc.nat(payload.length - 1), base64urlChar)
      .filter(([i, char]) => payload[i] !== char)
      .map(([i, char]) => `${payload.slice(0, i)}${char}${payload.slice(i + 1)}`);
    expect(refusedOrFaithful(changedChar, 9)).toBeGreaterThan(490);
  });

  it('refuses a link with text added, or reads the sent share', () => {
    const appended = fc.array(base64urlChar, { minLength: 1, maxLength: 8 }).map((chars) => payload + chars.join(''));
    refusedOrFaithful(appended, 10);
  });

  it('reads every valid share back exactly', () => {
    const validShare = fc
      .record({
        language: fc.constantFrom('en', 'ja', 'pt-BR', 'zh-Hant-TW', 'de'),
        seed: fc.nat(),
        summary: fc.uniqueArray(
          fc.record({
            modelIndex: fc.nat(1),
            measure: fc.constantFrom('p-seven', 'js-to-uniform', 'total-variation', 'chi-square', 'repeat-mode'),
            value: fc.double({ min: -1e12, max: 1e12, noNaN: true }),
            lo: fc.double({ min: -1e12, max: 0, noNaN: true }),
            hi: fc.double({ min: 0, max: 1e12, noNaN: true }),
            n: fc.option(fc.nat(1e9)),
            interval: fc.constantFrom(...INTERVALS),
          }),
          { maxLength: 10, selector: (item) => `${item.modelIndex}:${item.measure}` },
        ),
      })
      .map(({ language, seed, summary }): SharedRun => ({ ...share, language, params: { ...share.params, seed }, summary }));
    fc.assert(
      fc.property(validShare, (valid) => {
        // JSON has no −0, so the share that comes back has 0 where the sender had −0.
        expect(decodeShare(encodeShare(valid), fakeChecks)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(valid)) as SharedRun });
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
