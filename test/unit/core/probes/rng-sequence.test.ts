import { describe, expect, it } from 'vitest';
import type { ModelRole } from '../../../../src/core/model.ts';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import {
  adjacentRepeatsIn,
  ANSWERS,
  CHANCE,
  DEFAULT_SEQUENCES,
  drawingDistribution,
  listPrefix,
  parseSequence,
  repeatsIn,
  RNG_SEQUENCE,
  sequenceMeasures,
  type RngSequenceParams,
  type RngSequenceRecord,
} from '../../../../src/core/probes/rng-sequence/index.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { recordingScoreRequests, SyntheticListModel, SyntheticModel, type AnswerDistribution, type NextNumber } from './synthetic-model.ts';
import { collect } from '../../../support/builders.ts';

/** Every number equally likely, whatever came before: a fair source. */
const uniformNext: NextNumber = () => Object.fromEntries(ANSWERS.map((answer) => [answer, 1 / ANSWERS.length]));

/** Uniform over the numbers not yet written: the aligned habit, exaggerated (it never repeats). */
const neverRepeating: NextNumber = (written) => {
  const fresh = ANSWERS.filter((answer) => !written.includes(Number(answer)));
  return Object.fromEntries(fresh.map((answer) => [answer, 1 / fresh.length]));
};

function listModel(id: string, role: ModelRole, next: NextNumber): ProbeModel {
  return { model: new SyntheticListModel({ id, role, next, length: 10 }), chatTemplate: 'llama-3.1' };
}

function textModel(id: string, distribution: AnswerDistribution, otherText: string): ProbeModel {
  return { model: new SyntheticModel({ id, role: 'instruct', distribution, otherText }), chatTemplate: 'llama-3.1' };
}

const sampledParams: RngSequenceParams = { ...RNG_SEQUENCE.defaultParams, mode: 'sampled', n: 400, seed: 42 };
const exactParams: RngSequenceParams = { ...RNG_SEQUENCE.defaultParams, mode: 'exact', n: 400, seed: 42 };

describe('rng-sequence analysis', () => {
  it('gives the exact chance reference: mode 3, mean 3.24, all different 0.15%', () => {
    expect(CHANCE.repeatHistogram.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(CHANCE.modeRepeats).toBe(3);
    // E[repeats] = 10 − E[distinct] = 10 − 11 (1 − (10/11)^10).
    expect(CHANCE.meanRepeats).toBeCloseTo(10 - 11 * (1 - (10 / 11) ** 10), 12);
    expect(CHANCE.meanRepeats).toBeCloseTo(3.241, 3);
    // All ten different: 11! / (1! · 11^10).
    expect(CHANCE.pNoRepeats).toBeCloseTo(39_916_800 / 11 ** 10, 15);
    expect(CHANCE.pAnyAdjacentRepeat).toBeCloseTo(0.576, 3);
    expect(CHANCE.adjacentRepeatRate).toBeCloseTo(1 / 11, 15);
    expect(CHANCE.repeatByPosition[0]).toBe(0);
    expect(CHANCE.repeatByPosition.reduce((sum, p) => sum + p, 0)).toBeCloseTo(CHANCE.meanRepeats, 12);
  });

  it('counts repeats, neighbours and numbers of hand-made sequences', () => {
    expect(repeatsIn([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(0);
    expect(repeatsIn([7, 7, 7, 7, 7, 7, 7, 7, 7, 7])).toBe(9);
    expect(repeatsIn([1, 2, 1, 2, 3, 3, 4, 5, 6, 10])).toBe(3);
    expect(adjacentRepeatsIn([1, 1, 2, 2, 1, 3, 3, 3, 0, 1])).toBe(4);

    const measures = sequenceMeasures([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [7, 7, 7, 7, 7, 7, 7, 7, 7, 7],
    ]);
    expect(measures.repeatCounts).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(measures.modeRepeats).toBe(0);
    // Two lists say little about the mean: Student's t with one degree of freedom spans every possible count.
    expect(measures.meanRepeats).toMatchObject({ value: 4.5, lo: 0, hi: 9, n: 2, interval: 't-95' });
    expect(measures.pNoRepeats).toMatchObject({ value: 0.5, n: 2, interval: 'wilson-95' });
    expect(measures.adjacentRepeatRate).toMatchObject({ value: 0.5, n: 18 });
    expect(measures.pAnyAdjacentRepeat.value).toBe(0.5);
    expect(measures.repeatByPosition.map((estimate) => estimate.value)).toEqual([0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(measures.numberCounts).toEqual([1, 1, 1, 1, 1, 1, 1, 11, 1, 1, 0]);
    expect(measures.chiSquare.n).toBe(20);
    for (const estimate of [measures.meanRepeats, measures.pNoRepeats, measures.adjacentRepeatRate]) {
      expect(estimate.lo).toBeLessThanOrEqual(estimate.value);
      expect(estimate.hi).toBeGreaterThanOrEqual(estimate.value);
    }
    expect(() => sequenceMeasures([])).toThrow(/at least one valid sequence/);
  });

  it('flags repeat avoidance on the primary measure alone, the mean repeats, not on P(no repeats) as well', () => {
    // One list in five all different (130 times chance), the others with four repeats: the mean, 3.2, is chance's.
    const distinct = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const fourRepeats = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3];
    const lists = Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? distinct : fourRepeats));
    const measures = sequenceMeasures(lists);
    expect(measures.meanRepeats.value).toBeCloseTo(3.2, 12);
    expect(measures.pNoRepeats.lo).toBeGreaterThan(10 * CHANCE.pNoRepeats);
    expect(measures.avoidsRepeats).toBe(false);
  });

  it('draws from the answer distribution renormalised over 0 … 10, as read', () => {
    const p = [0.4, 0.2, 0.2, 0, 0, 0, 0, 0, 0, 0, 0];
    const drawn = drawingDistribution(p) as number[];
    expect(drawn[0]).toBeCloseTo(0.5, 12);
    expect(drawn[1]).toBeCloseTo(0.25, 12);
    expect(drawn.slice(3)).toEqual(new Array(8).fill(0));
    expect(drawingDistribution(new Array<number>(11).fill(0))).toBeNull();
  });
});

describe('rng-sequence probe', () => {
  it('finds chance-like repeats in a uniform model and flags a never-repeating one (sampled)', async () => {
    const base = listModel('base', 'base', uniformNext);
    const instruct = listModel('instruct', 'instruct', neverRepeating);
    const records = await collect(runProbe(RNG_SEQUENCE, { models: [base, instruct], params: sampledParams }));
    expect(records).toHaveLength(2 * sampledParams.n);
    expect((base.model as SyntheticListModel).calls).toEqual({ score: 0, generate: sampledParams.n });

    const summary = RNG_SEQUENCE.summarize(records, sampledParams, ['base', 'instruct']);
    expect(summary.chance).toBe(CHANCE);
    const [fair, avoider] = summary.models;
    expect(fair).toMatchObject({ validSequences: sampledParams.n, attempts: sampledParams.n, otherShare: 0 });
    const measures = fair!.measures!;
    expect(measures.modeRepeats).toBe(3);
    expect(measures.meanRepeats.n).toBe(sampledParams.n);
    expect(measures.meanRepeats.lo).toBeLessThan(CHANCE.meanRepeats);
    expect(measures.meanRepeats.hi).toBeGreaterThan(CHANCE.meanRepeats);
    expect(measures.pNoRepeats.lo).toBeLessThan(CHANCE.pNoRepeats);
    expect(measures.adjacentRepeatRate.n).toBe(9 * sampledParams.n);
    expect(measures.adjacentRepeatRate.lo).toBeLessThan(CHANCE.adjacentRepeatRate);
    expect(measures.adjacentRepeatRate.hi).toBeGreaterThan(CHANCE.adjacentRepeatRate);
    expect(measures.pAnyAdjacentRepeat.lo).toBeLessThan(CHANCE.pAnyAdjacentRepeat);
    expect(measures.pAnyAdjacentRepeat.hi).toBeGreaterThan(CHANCE.pAnyAdjacentRepeat);
    expect(measures.chiSquare).toMatchObject({ df: 10, n: 10 * sampledParams.n });
    expect(measures.chiSquare.pValue).toBeGreaterThan(0.001);
    expect(measures.avoidsRepeats).toBe(false);

    const avoiding = avoider!.measures!;
    expect(avoiding.modeRepeats).toBe(0);
    expect(avoiding.repeatCounts[0]).toBe(sampledParams.n);
    expect(avoiding.pNoRepeats.value).toBe(1);
    expect(avoiding.meanRepeats.value).toBe(0);
    expect(avoiding.meanRepeats.hi).toBeLessThan(CHANCE.meanRepeats);
    expect(avoiding.adjacentRepeatRate.value).toBe(0);
    expect(avoiding.repeatByPosition.every((estimate) => estimate.value === 0)).toBe(true);
    expect(avoiding.avoidsRepeats).toBe(true);
  });

  it('counts messy answers by reason, reads lists after a preamble, and never drops one', async () => {
    const messy: AnswerDistribution = () => ({
      '3, 1, 4, 1, 5, 9, 2, 6, 5, 3': 0.4,
      'Here are 10 random integers between 0 and 10 (inclusive): 2, 7, 1, 8, 2, 8, 1, 8, 2, 8': 0.2,
      '4, 8, 15, 16, 23, 42, 1, 2, 3, 4': 0.1,
      '1, 2, 3': 0.1,
      '0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9': 0.05,
      '': 0.05,
    });
    const params = { ...sampledParams, n: 100 };
    const records = await collect(
      runProbe(RNG_SEQUENCE, { models: [textModel('instruct', messy, "I'm sorry, I can't generate truly random numbers.")], params }),
    );
    const summary = RNG_SEQUENCE.summarize(records, params, ['instruct']).models[0]!;
    expect(summary.validSequences).toBe(params.n);
    expect(summary.attempts).toBe(records.length);
    expect(summary.attempts).toBeGreaterThan(params.n);
    const invalidTotal = Object.values(summary.invalid).reduce((sum, count) => sum + count, 0);
    expect(invalidTotal).toBe(summary.attempts - params.n);
    for (const reason of ['out-of-range', 'wrong-count', 'not-a-whole-number', 'empty', 'no-answer'] as const) {
      expect(summary.invalid[reason]).toBeGreaterThan(0);
    }
    expect(summary.invalid.ambiguous).toBe(0);
    expect(summary.otherShare).toBeCloseTo(invalidTotal / summary.attempts, 12);
    const preamble = records.find((record) => record.kind === 'sample' && record.text.startsWith('Here are'));
    expect(preamble?.kind === 'sample' && preamble.numbers).toEqual([2, 7, 1, 8, 2, 8, 1, 8, 2, 8]);
    expect(summary.measures!.meanRepeats.n).toBe(params.n);
  });

  it('reads ten-number lists and says why others are invalid', () => {
    expect(parseSequence(' 3, 7, 7, 0, 10, 2, 5, 9, 1, 4')).toEqual({ ok: true, value: [3, 7, 7, 0, 10, 2, 5, 9, 1, 4] });
    expect(parseSequence('Ten random numbers from 0 to 10: 1,2,3,4,5,6,7,8,9,10')).toEqual({ ok: true, value: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(parseSequence('1, 2, 3')).toEqual({ ok: false, reason: 'wrong-count' });
    expect(parseSequence('3, 7, 11, 0, 10, 2, 5, 9, 1, 4')).toEqual({ ok: false, reason: 'out-of-range' });
  });

  it('stops after 2N attempts when every answer is invalid', async () => {
    const params = { ...sampledParams, n: 5 };
    const records = await collect(runProbe(RNG_SEQUENCE, { models: [listModel('mute', 'instruct', () => ({}))], params }));
    expect(records).toHaveLength(2 * params.n);
    expect(RNG_SEQUENCE.isComplete(records, params)).toBe(true);
    expect(RNG_SEQUENCE.progress(records.slice(0, 5), params)).toBeCloseTo(0.5, 12);
    const summary = RNG_SEQUENCE.summarize(records, params, ['mute']).models[0]!;
    expect(summary).toMatchObject({ validSequences: 0, attempts: 10, otherShare: 1, measures: null });
    expect(summary.invalid['no-answer']).toBe(10);
  });

  it('builds exact sequences number by number from the prefix, and flags a model that never repeats', async () => {
    const base = listModel('base', 'base', uniformNext);
    const instruct = listModel('instruct', 'instruct', neverRepeating);
    const records = await collect(runProbe(RNG_SEQUENCE, { models: [base, instruct], params: exactParams }));
    expect(records).toHaveLength(2 * exactParams.n);
    expect((instruct.model as SyntheticListModel).calls).toEqual({ score: 10 * exactParams.n, generate: 0 });

    // The prefix is written as the model would write it: after "Answer:" with a space, in a chat turn without.
    const [first] = records;
    const basePrompt = RNG_SEQUENCE.prompt(exactParams, base, []);
    const scored = (base.model as SyntheticListModel).scoredPrompts;
    expect(first?.kind).toBe('scored');
    const numbers = first!.numbers!;
    expect(scored.slice(0, 3)).toEqual([basePrompt, `${basePrompt} ${numbers[0]},`, `${basePrompt} ${numbers[0]}, ${numbers[1]},`]);
    const instructPrompt = RNG_SEQUENCE.prompt(exactParams, instruct, []);
    const instructFirst = records.find((record) => record.modelId === 'instruct')!.numbers!;
    expect((instruct.model as SyntheticListModel).scoredPrompts[1]).toBe(`${instructPrompt}${instructFirst[0]},`);

    for (const record of records) {
      if (record.kind !== 'scored') throw new Error('exact mode makes scored records');
      expect(record).toMatchObject({ invalid: null, forwardPasses: 10 });
      expect(record.positions).toHaveLength(10);
      record.numbers.forEach((number, position) => expect(record.positions[position]?.probabilities[number]).toBeGreaterThan(0));
      if (record.modelId === 'instruct') {
        expect(new Set(record.numbers).size).toBe(10);
        // What it already said has probability 0 at every later position.
        record.numbers.forEach((number, position) =>
          record.positions.slice(position + 1).forEach((later) => expect(later.probabilities[number]).toBe(0)),
        );
      }
    }

    const summary = RNG_SEQUENCE.summarize(records, exactParams, ['base', 'instruct']);
    const [fair, avoider] = summary.models;
    expect(fair).toMatchObject({ mode: 'exact', validSequences: exactParams.n, attempts: exactParams.n });
    expect(fair!.otherShare).toBeCloseTo(0, 12);
    expect(fair!.measures!.modeRepeats).toBe(3);
    expect(fair!.measures!.meanRepeats.lo).toBeLessThan(CHANCE.meanRepeats);
    expect(fair!.measures!.meanRepeats.hi).toBeGreaterThan(CHANCE.meanRepeats);
    expect(fair!.measures!.avoidsRepeats).toBe(false);
    expect(avoider!.measures!.modeRepeats).toBe(0);
    expect(avoider!.measures!.pNoRepeats.value).toBe(1);
    expect(avoider!.measures!.avoidsRepeats).toBe(true);
  });

  it('draws exact sequences from the model’s own distribution whatever the temperature, as every probe’s exact mode does', async () => {
    const sevenHeavy: NextNumber = () => Object.fromEntries(ANSWERS.map((answer) => [answer, answer === '7' ? 0.5 : 0.05]));
    const run = async (temperature: number) => {
      const params = { ...exactParams, n: 20, temperature };
      return collect(runProbe(RNG_SEQUENCE, { models: [listModel('instruct', 'instruct', sevenHeavy)], params }));
    };
    const atOne = await run(1);
    expect(await run(0)).toEqual(atOne);
    expect(await run(2)).toEqual(atOne);
    // Drawn at P(7) = 1/2, not all sevens as a temperature of 0 would give.
    const sevens = atOne.flatMap((record) => record.numbers ?? []).filter((number) => number === 7).length;
    expect(sevens).toBeGreaterThan(60);
    expect(sevens).toBeLessThan(140);
  });

  it('marks an exact sequence invalid where the model gives no number any probability', async () => {
    const stopsAfterThree: NextNumber = (written) => (written.length < 3 ? uniformNext(written) : {});
    const params = { ...exactParams, n: 4 };
    const records = await collect(runProbe(RNG_SEQUENCE, { models: [listModel('base', 'base', stopsAfterThree)], params }));
    expect(records).toHaveLength(2 * params.n);
    for (const record of records) {
      expect(record).toMatchObject({ kind: 'scored', invalid: 'no-answer' });
      if (record.kind !== 'scored') continue;
      expect(record.numbers).toHaveLength(3);
      expect(record.positions).toHaveLength(4);
      expect(RNG_SEQUENCE.checkRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    }
    const summary = RNG_SEQUENCE.summarize(records, params, ['base']).models[0]!;
    expect(summary).toMatchObject({ validSequences: 0, attempts: 8, measures: null });
    expect(summary.invalid['no-answer']).toBe(8);
    // Three positions with all mass on the numbers, one with none.
    expect(summary.otherShare).toBeCloseTo(0.25, 12);
  });

  it.each([
    ['sampled', { ...sampledParams, n: 60 }, 77],
    ['exact', { ...exactParams, n: 30 }, 37],
  ] as const)('gives the same records and summary when resumed after an interruption (%s)', async (_, params, cut) => {
    const models = () => [listModel('base', 'base', uniformNext), listModel('instruct', 'instruct', neverRepeating)];
    const uninterrupted = await collect(runProbe(RNG_SEQUENCE, { models: models(), params }));
    const firstPart = await collect(runProbe(RNG_SEQUENCE, { models: models(), params }), cut);
    const rest = await collect(runProbe(RNG_SEQUENCE, { models: models(), params, existing: firstPart }));
    const resumed = [...firstPart, ...rest];
    const byKey = (records: RngSequenceRecord[]) => [...records].sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index);
    expect(resumed).toHaveLength(uninterrupted.length);
    expect(byKey(resumed)).toEqual(byKey(uninterrupted));
    expect(RNG_SEQUENCE.summarize(resumed, params, ['base', 'instruct'])).toEqual(
      RNG_SEQUENCE.summarize(uninterrupted, params, ['base', 'instruct']),
    );
  });

  it('frames the question natively or as the same text for both, and writes the list so far', () => {
    const base = listModel('base', 'base', uniformNext);
    const instruct = listModel('instruct', 'instruct', uniformNext);
    const nativeBase = RNG_SEQUENCE.prompt(exactParams, base, []);
    expect(nativeBase.startsWith('<|begin_of_text|>Question: Generate a sequence of 10 random integers')).toBe(true);
    expect(nativeBase.endsWith('separated by commas.\nAnswer:')).toBe(true);
    const same = { ...exactParams, framing: 'same-text' as const };
    expect(RNG_SEQUENCE.prompt(same, base, [])).toBe(RNG_SEQUENCE.prompt(same, instruct, []));
    const document = { kind: 'document', spellings: ['after-space'] } as const;
    const chatTurn = { kind: 'chat-turn', spellings: ['direct'] } as const;
    expect(listPrefix(document, [])).toBe('');
    expect(listPrefix(document, [3, 7])).toBe(' 3, 7,');
    expect(listPrefix(chatTurn, [3, 7, 10])).toBe('3, 7, 10,');
    // A base model reading a chat template: the list is written as the template's own spelling would.
    expect(listPrefix({ kind: 'chat-turn', spellings: ['direct', 'after-space'] }, [3])).toBe('3,');
  });

  it('writes Ministral 3 Instruct’s list right after "[/INST]", and scores its first number unspaced', async () => {
    const model = new SyntheticListModel({ id: 'instruct', role: 'instruct', next: uniformNext, length: 10 });
    const recording = recordingScoreRequests(model);
    const params = { ...exactParams, n: 1 };
    const [record] = await collect(runProbe(RNG_SEQUENCE, { models: [{ model: recording.model, chatTemplate: 'ministral-3' }], params }));
    const [first, second] = recording.requests;
    expect(first!.prompt.endsWith('[/INST]')).toBe(true);
    expect(first!.candidates[7]?.variants).toEqual(['7']);
    expect(second!.prompt).toBe(`${first!.prompt}${record!.numbers![0]},`);
    // After a comma, both "3,7" and "3, 7".
    expect(second!.candidates[7]?.variants).toEqual(['7', ' 7']);
  });

  it('checks parameters', () => {
    // Sampled by default (exact mode reads where each of ten numbers ends: many forward passes per list).
    expect(RNG_SEQUENCE.defaultParams).toMatchObject({ mode: 'sampled', n: DEFAULT_SEQUENCES.sampled });
    expect(DEFAULT_SEQUENCES).toEqual({ exact: 50, sampled: 200 });
    expect(RNG_SEQUENCE.checkParams(sampledParams)).toEqual(sampledParams);
    expect(() => RNG_SEQUENCE.checkParams({ ...sampledParams, n: 0 })).toThrow(/n \(sequences per model\)/);
    expect(() => RNG_SEQUENCE.checkParams({ ...sampledParams, n: 2.5 })).toThrow(/n \(sequences per model\)/);
    expect(() => RNG_SEQUENCE.checkParams({ ...sampledParams, mode: 'guess' })).toThrow(/mode/);
    expect(() => RNG_SEQUENCE.checkParams({ ...sampledParams, seed: -1 })).toThrow(/seed/);
    expect(() => RNG_SEQUENCE.checkParams(null)).toThrow(/object/);
  });

  it('checks every field of stored and imported records', async () => {
    const sampled = await collect(runProbe(RNG_SEQUENCE, { models: [listModel('base', 'base', uniformNext)], params: { ...sampledParams, n: 2 } }));
    const exact = await collect(runProbe(RNG_SEQUENCE, { models: [listModel('base', 'base', neverRepeating)], params: { ...exactParams, n: 2 } }));
    for (const record of [...sampled, ...exact]) expect(RNG_SEQUENCE.checkRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);

    const sample = sampled[0]!;
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, probeId: 'rng-0-10' })).toThrow(/rng-sequence/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, kind: 'distribution' })).toThrow(/"scored" sequence or a "sample"/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, index: -1 })).toThrow(/record index/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, numbers: [1, 2, 3] })).toThrow(/exactly 10 numbers/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, numbers: [0, 1, 2, 3, 4, 5, 6, 7, 8, 11] })).toThrow(/number 10/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, invalid: 'empty' })).toThrow(/either numbers or a reason/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, numbers: null, invalid: 'bored' })).toThrow(/Unknown reason/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...sample, text: 7 })).toThrow(/generated text/);

    const scored = exact[0]!;
    if (scored.kind !== 'scored') throw new Error('exact mode makes scored records');
    const withPosition = (position: number, change: object) =>
      ({ ...scored, positions: scored.positions.map((entry, i) => (i === position ? { ...entry, ...change } : entry)) });
    expect(() => RNG_SEQUENCE.checkRecord({ ...scored, numbers: scored.numbers.slice(0, 9) })).toThrow(/10 numbers and 10 distributions/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...scored, invalid: 'wrong-count' })).toThrow(/only for "no-answer"/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...scored, invalid: 'no-answer' })).toThrow(/no number had any probability/);
    expect(() => RNG_SEQUENCE.checkRecord(withPosition(2, { other: -0.1 }))).toThrow(/P\(other\) at position 3/);
    expect(() => RNG_SEQUENCE.checkRecord(withPosition(0, { probabilities: [0.5, 0.5] }))).toThrow(/11 probabilities/);
    expect(() => RNG_SEQUENCE.checkRecord(withPosition(0, { other: 0.5 }))).toThrow(/more than 1/);
    const impossible = new Array<number>(11).fill(0.05);
    impossible[scored.numbers[4]!] = 0;
    expect(() => RNG_SEQUENCE.checkRecord(withPosition(4, { probabilities: impossible }))).toThrow(/Number 5 .* had no probability/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...scored, positions: [] })).toThrow(/1 to 10 positions/);
    expect(() => RNG_SEQUENCE.checkRecord({ ...scored, forwardPasses: 1.5 })).toThrow(/forward passes/);
  });
});
