import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLACES,
  HIDE_AND_SEEK,
  MAX_PLACES,
  type HideAndSeekParams,
  type HideAndSeekRecord,
} from '../../../../src/core/probes/hide-and-seek/index.ts';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import {
  pastMovesInPrompt,
  SyntheticModel,
  uniformOver,
  type AnswerDistribution,
} from './synthetic-model.ts';
import { collect } from '../../../support/builders.ts';
import { forwardPassesPerRequest, llamaTokens } from './forward-passes.ts';


const THREE = ['barn', 'shed', 'loft'];
const FOUR = [...DEFAULT_PLACES];

/** Hides in `favourite` with probability p, anywhere else evenly. */
function favouring(places: readonly string[], favourite: string, p: number): AnswerDistribution {
  return () => Object.fromEntries(places.map((place) => [place, place === favourite ? p : (1 - p) / (places.length - 1)]));
}

/** Never hides where it hid last time (uniform over the other places): a habit an order-1 seeker can learn. */
function neverTwice(places: readonly string[]): AnswerDistribution {
  return (prompt) => {
    const last = pastMovesInPrompt(prompt, 'you hid in the').at(-1);
    return Object.fromEntries(
      places.map((place) => [place, last === undefined ? 1 / places.length : place === last ? 0 : 1 / (places.length - 1)]),
    );
  };
}

function probeModel(id: string, role: 'base' | 'instruct', distribution: AnswerDistribution): ProbeModel {
  return {
    model: new SyntheticModel({
      id,
      role,
      distribution,
      // Chat-style answers with the article, and one that names two places.
      phrase: (answer) => (answer === 'two' ? 'The barn or the loft.' : `The ${answer}.`),
      otherText: 'I would rather not hide.',
    }),
    chatTemplate: 'llama-3.1',
  };
}

const fourParams: HideAndSeekParams = { ...HIDE_AND_SEEK.defaultParams, mode: 'exact', seed: 11 };
const threeParams: HideAndSeekParams = { ...fourParams, places: THREE };

describe('hide-and-seek', () => {
  it.each([
    [3, threeParams],
    [4, fourParams],
  ])('reads a uniform hider among %i places as unexploitable, found about 1/k of the time', async (k, params) => {
    const records = await collect(runProbe(HIDE_AND_SEEK, { models: [probeModel('base', 'base', uniformOver(params.places))], params }));
    expect(records).toHaveLength(100);
    const summary = HIDE_AND_SEEK.summarize(records, params, ['base']);
    const model = summary.models[0]!;
    expect(model.chance).toBeCloseTo(1 / k, 12);
    // The found-rate follows from the net score (found: −1, not found: +1/(k − 1)), and so does its interval.
    expect(model.foundRate).toMatchObject({ n: 100, interval: 'batch-means-95' });
    expect(model.foundRate?.value).toBeCloseTo(model.losses / 100, 12);
    expect(model.foundRate!.lo).toBeLessThan(1 / k);
    expect(model.foundRate!.hi).toBeGreaterThan(1 / k);
    expect(model.ties).toBe(0);
    expect(model.measures!.netScorePer100.lo).toBeLessThan(0);
    expect(model.measures!.netScorePer100.hi).toBeGreaterThan(0);
    for (const stateView of model.measures!.byState) {
      expect(stateView.exploitability.value).toBe(0);
      expect(stateView.conditionalEntropyBits.value).toBeCloseTo(Math.log2(k), 12);
    }
    expect(summary.maxEntropyBits).toBeCloseTo(Math.log2(k), 12);
    expect(summary.game.moves).toEqual(params.places);
    expect(summary.uniformControl.chance).toBeCloseTo(1 / k, 12);
    expect(summary.uniformControl.foundRate!.lo).toBeLessThan(1 / k);
    expect(summary.uniformControl.foundRate!.hi).toBeGreaterThan(1 / k);
  });

  it.each([
    [3, threeParams],
    [4, fourParams],
  ])('flags a hider with a favourite place among %i: found far more often than 1/k', async (k, params) => {
    const favourite = params.places[1]!;
    const model = probeModel('instruct', 'instruct', favouring(params.places, favourite, 0.9));
    const records = await collect(runProbe(HIDE_AND_SEEK, { models: [model], params }));
    const summary = HIDE_AND_SEEK.summarize(records, params, ['instruct']).models[0]!;
    expect(summary.foundRate!.lo).toBeGreaterThan(1 / k + 0.2);
    expect(summary.measures!.netScorePer100.hi).toBeLessThan(0);
    // A seeker who searches the favourite place finds the model 9 times in 10: (k · 0.9 − 1)/(k − 1) per round.
    const expected = (k * 0.9 - 1) / (k - 1);
    for (const stateView of summary.measures!.byState) {
      expect(stateView.exploitability.value).toBeCloseTo(expected, 12);
      expect(stateView.predictableStates).toEqual(stateView.states.map((state) => state.state));
    }
  });

  it('catches a hider who never hides in the same place twice, in the state that gives it away', async () => {
    const model = probeModel('instruct', 'instruct', neverTwice(THREE));
    const records = await collect(runProbe(HIDE_AND_SEEK, { models: [model], params: threeParams }));
    const summary = HIDE_AND_SEEK.summarize(records, threeParams, ['instruct']).models[0]!;
    const byLastMove = summary.measures!.byState.find((stateView) => stateView.view === 'last-model-move')!;
    // Two places left, half each: exploitability (3 · 0.5 − 1)/2 = 0.25, and no state is near one-hot.
    for (const state of byLastMove.states.filter((candidate) => candidate.state !== 'start')) {
      expect(state.policy[THREE.indexOf(state.state.replace('after ', ''))]).toBe(0);
      expect(state.exploitability.value).toBeCloseTo(0.25, 12);
    }
    expect(byLastMove.predictableStates).toEqual([]);
    expect(byLastMove.conditionalEntropyBits.value).toBeCloseTo((99 / 100) * 1 + (1 / 100) * Math.log2(3), 12);
  });

  it('in sampled mode, parses "The shed." and counts refusals and two-place answers as invalid', async () => {
    const params: HideAndSeekParams = { ...threeParams, mode: 'sampled', rounds: 50 };
    const messy: AnswerDistribution = () => ({ barn: 0.3, shed: 0.3, loft: 0.3, two: 0.05 });
    const records = await collect(runProbe(HIDE_AND_SEEK, { models: [probeModel('instruct', 'instruct', messy)], params }));
    const model = HIDE_AND_SEEK.summarize(records, params, ['instruct']).models[0]!;
    expect(model.rounds).toBe(50);
    expect(model.invalid.ambiguous).toBeGreaterThan(0);
    expect(model.invalid['no-answer']).toBeGreaterThan(0);
    expect(model.invalid.ambiguous + model.invalid['no-answer']).toBe(model.attempts! - 50);
    expect(model.foundRate!.n).toBe(50);
    const valid = records.find((record) => record.kind === 'sample' && record.invalid === null)!;
    expect(valid.kind === 'sample' && valid.text).toBe(`The ${THREE[valid.modelMove!]}.`);
  });

  it('gives the same records and summary when resumed after an interruption', async () => {
    const params: HideAndSeekParams = { ...fourParams, rounds: 40 };
    const models = () => [probeModel('base', 'base', uniformOver(FOUR)), probeModel('instruct', 'instruct', neverTwice(FOUR))];
    const uninterrupted = await collect(runProbe(HIDE_AND_SEEK, { models: models(), params }));
    const firstPart = await collect(runProbe(HIDE_AND_SEEK, { models: models(), params }), 29);
    const rest = await collect(runProbe(HIDE_AND_SEEK, { models: models(), params, existing: firstPart }));
    const byKey = (records: HideAndSeekRecord[]) => [...records].sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index);
    expect(byKey([...firstPart, ...rest])).toEqual(byKey(uninterrupted));
    expect(HIDE_AND_SEEK.summarize([...firstPart, ...rest], params, ['base', 'instruct'])).toEqual(
      HIDE_AND_SEEK.summarize(uninterrupted, params, ['base', 'instruct']),
    );
  });

  it('names the places in the rules, the log and the question', async () => {
    const base = probeModel('base', 'base', uniformOver(FOUR));
    const instruct = probeModel('instruct', 'instruct', uniformOver(FOUR));
    const log = HIDE_AND_SEEK.prompt(fourParams, base, []);
    expect(log).toBe(
      '<|begin_of_text|>Hide-and-seek game log. In each round you hide in one of 4 places (house, car, forest or library) ' +
        'while the seeker searches one of them; you are found if it searches where you hid.\n\nRound 1: you hid in the',
    );
    expect(HIDE_AND_SEEK.prompt(fourParams, instruct, [])).toContain(
      'Round 1: Where do you hide? Reply with one word: house, car, forest or library.',
    );
    const played = await collect(runProbe(HIDE_AND_SEEK, { models: [base], params: fourParams }), 2);
    const later = HIDE_AND_SEEK.prompt(fourParams, base, played);
    const [first] = played;
    const found = first!.modelMove === first!.opponentMove;
    expect(later).toContain(
      `Round 1: you hid in the ${FOUR[first!.modelMove!]}, the seeker searched the ${FOUR[first!.opponentMove!]}. ` +
        `You were ${found ? '' : 'not '}found.`,
    );
    expect(later.endsWith('found.\nRound 3: you hid in the')).toBe(true);
  });

  it('keeps prompts with the most and longest place names inside a 2,048-token context at round 100', async () => {
    const places = [
      'lighthousekeepers',
      'greenhousebasement',
      'undergroundcellar',
      'grandfatherclocks',
      'chimneybreast',
      'treehouseplatform',
      'wardrobeinterior',
      'haybarnrafters',
    ];
    expect(places).toHaveLength(MAX_PLACES);
    const params: HideAndSeekParams = { ...fourParams, places, opponent: 'cycle' };
    const model = probeModel('instruct', 'instruct', favouring(places, places[1]!, 1));
    const played = await collect(runProbe(HIDE_AND_SEEK, { models: [model], params }), 99);
    const prompt = HIDE_AND_SEEK.prompt(params, model, played);
    expect(prompt).toContain('Round 100: Where do you hide?');
    const tokens = llamaTokens(prompt).length;
    expect(tokens).toBeLessThan(1500);
  });

  it('reads the policy over the default places in nine passes from a game log and fourteen after a chat turn (Llama 3.1 tokenizer)', async () => {
    for (const role of ['base', 'instruct'] as const) {
      const passes = await forwardPassesPerRequest(HIDE_AND_SEEK, probeModel(role, role, uniformOver(FOUR)).model, fourParams, 3);
      // After the prompt; after a chat turn also after "The" (as in "The house."). The log already ends in "the".
      // Then after each spelling of each place, to read whether the word ends there: " house" and " House" in a
      // log; "house", "House" and "The house" after a chat turn. One request a round.
      expect(passes).toEqual(Array(3).fill(role === 'base' ? 1 + 8 : 2 + 12));
    }
  });

  it('checks the places and the records', async () => {
    expect(HIDE_AND_SEEK.checkParams(fourParams)).toEqual(fourParams);
    expect(HIDE_AND_SEEK.checkParams(threeParams).places).toEqual(THREE);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, places: ['barn'] })).toThrow(/2 to 8/);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, places: 'barn, shed' })).toThrow(/list/);
    const nine = Array.from({ length: 9 }, (_, i) => `place${'x'.repeat(i)}`);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, places: nine })).toThrow(/2 to 8/);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, places: ['barn', 'barn'] })).toThrow(/different names/);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, places: ['barn', 'Shed'] })).toThrow(/lowercase word/);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, places: ['barn', 'hay loft'] })).toThrow(/lowercase word/);
    expect(() => HIDE_AND_SEEK.checkParams({ ...fourParams, opponent: 'seer' })).toThrow(/opponent/);

    const model = probeModel('base', 'base', uniformOver(FOUR));
    const records = await collect(runProbe(HIDE_AND_SEEK, { models: [model], params: fourParams }), 3);
    for (const record of records) expect(HIDE_AND_SEEK.checkRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(() => HIDE_AND_SEEK.checkRecord({ ...records[0], probeId: 'rps' })).toThrow(/"hide-and-seek"/);
    expect(() => HIDE_AND_SEEK.checkRecord({ ...records[0], policy: new Array(9).fill(1 / 9) })).toThrow(/2 to 8/);
    // A record from a four-place run does not fit a three-place run.
    expect(() => HIDE_AND_SEEK.summarize(records, threeParams, ['base'])).toThrow(/4 move probabilities for 3 moves/);
  });
});
