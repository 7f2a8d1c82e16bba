import { describe, expect, it } from 'vitest';
import { exploitability, exploitabilityByState, ROCK_PAPER_SCISSORS } from '../../../../src/core/games/index.ts';
import { MAX_INVALID_IN_A_ROW, ROUNDS_SHOWN, type StateViewSummary } from '../../../../src/core/probes/game-probe/index.ts';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import { RPS, type RpsParams, type RpsRecord } from '../../../../src/core/probes/rps/index.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import {
  pastMovesInPrompt,
  SyntheticModel,
  uniformOver,
  type AnswerDistribution,
} from './synthetic-model.ts';
import { collect } from '../../../support/builders.ts';
import { forwardPassesPerRequest, llamaTokens } from './forward-passes.ts';


const MOVES = ROCK_PAPER_SCISSORS.moves;

/** Repeats its own previous move with probability `repeat` (the first move is uniform). */
function repeater(repeat: number): AnswerDistribution {
  return (prompt) => {
    const last = pastMovesInPrompt(prompt, 'you played').at(-1);
    if (last === undefined) return uniformOver(MOVES)(prompt);
    return Object.fromEntries(MOVES.map((move) => [move, move === last ? repeat : (1 - repeat) / 2]));
  };
}

const alwaysRock: AnswerDistribution = () => ({ rock: 1 });

/** A uniform player that gives a fifth of its answers in forms that name no single move. */
const messy: AnswerDistribution = () => ({ rock: 0.8 / 3, paper: 0.8 / 3, scissors: 0.8 / 3, both: 0.1 });
const messyPhrase = (answer: string): string => (answer === 'both' ? 'Rock or paper?' : `I choose ${answer}!`);

function probeModel(id: string, role: 'base' | 'instruct', distribution: AnswerDistribution): ProbeModel {
  return {
    model: new SyntheticModel({ id, role, distribution, phrase: messyPhrase, otherText: 'Let me think about it.' }),
    chatTemplate: 'llama-3.1',
  };
}

const exactParams: RpsParams = { ...RPS.defaultParams, mode: 'exact', seed: 7 };
const sampledParams: RpsParams = { ...RPS.defaultParams, mode: 'sampled', seed: 7, rounds: 60 };

function view(views: StateViewSummary[] | undefined, id: StateViewSummary['view']): StateViewSummary {
  const found = views?.find((candidate) => candidate.view === id);
  if (found === undefined) throw new Error(`No "${id}" view in the summary.`);
  return found;
}

describe('rps', () => {
  it('reads a uniform player as unexploitable, with a net score whose interval covers 0', async () => {
    const model = probeModel('base', 'base', uniformOver(MOVES));
    const records = await collect(runProbe(RPS, { models: [model], params: exactParams }));
    expect(records).toHaveLength(100);
    expect((model.model as SyntheticModel).calls.score).toBe(100);
    for (const record of records) expect(record.kind === 'policy' && record.policy).toEqual([1 / 3, 1 / 3, 1 / 3]);

    const summary = RPS.summarize(records, exactParams, ['base']);
    const uniform = summary.models[0]!;
    expect(uniform.rounds).toBe(100);
    expect(uniform.wins + uniform.ties + uniform.losses).toBe(100);
    expect(uniform.otherShare).toBe(0);
    const net = uniform.measures!.netScorePer100;
    // The opponent learns, so rounds are not independent: a t interval over ten batches of ten rounds.
    expect(net).toMatchObject({ n: 100, interval: 'batch-means-95' });
    expect(net.value).toBe((100 * (uniform.wins - uniform.losses)) / 100);
    expect(uniform.measures!.batchScoresPer100).toHaveLength(10);
    expect(net.lo).toBeLessThan(0);
    expect(net.hi).toBeGreaterThan(0);
    for (const stateView of uniform.measures!.byState) {
      expect(stateView.exploitability).toEqual({ value: 0, lo: 0, hi: 0, n: null, interval: 'exact' });
      expect(stateView.conditionalEntropyBits.value).toBeCloseTo(Math.log2(3), 12);
      expect(stateView.predictableStates).toEqual([]);
      expect(stateView.states.reduce((sum, state) => sum + state.rounds, 0)).toBe(100);
    }
    expect(summary.maxEntropyBits).toBeCloseTo(Math.log2(3), 12);
    expect(summary.opponent.id).toBe('iocaine');
  });

  it('flags a player who repeats its last move: predictable after each of its moves, and beaten by the opponent', async () => {
    const records = await collect(runProbe(RPS, { models: [probeModel('instruct', 'instruct', repeater(0.95))], params: exactParams }));
    const summary = RPS.summarize(records, exactParams, ['instruct']).models[0]!;
    const net = summary.measures!.netScorePer100;
    expect(net.hi).toBeLessThan(0);

    const byLastMove = view(summary.measures?.byState, 'last-model-move');
    expect(byLastMove.predictableStates).toEqual(['after rock', 'after paper', 'after scissors']);
    const afterRock = byLastMove.states.find((state) => state.state === 'after rock')!;
    expect(afterRock.policy[0]).toBeCloseTo(0.95, 12);
    // The best reply to [0.95, 0.025, 0.025] is paper: it wins 0.95 and loses 0.025 per round.
    expect(afterRock.exploitability.value).toBeCloseTo(0.925, 12);
    const start = byLastMove.states.find((state) => state.state === 'start')!;
    expect(start).toMatchObject({ rounds: 1, predictable: false });
    expect(start.exploitability.value).toBe(0);
    expect(byLastMove.exploitability.value).toBeCloseTo(0.925 * 0.99, 12);
    expect(byLastMove.conditionalEntropyBits.value).toBeLessThan(0.5);
    const byRound = view(summary.measures?.byState, 'last-round');
    expect(byRound.predictableStates).toEqual(byRound.states.filter((state) => state.state !== 'start').map((state) => state.state));
  });

  it('gives an always-rock player exploitability 1 in every state, and a net score near −100', async () => {
    const records = await collect(runProbe(RPS, { models: [probeModel('instruct', 'instruct', alwaysRock)], params: exactParams }));
    const summary = RPS.summarize(records, exactParams, ['instruct']).models[0]!;
    expect(records.every((record) => record.modelMove === 0)).toBe(true);
    expect(summary.measures!.netScorePer100.value).toBeLessThan(-90);
    for (const stateView of summary.measures!.byState) {
      expect(stateView.exploitability.value).toBe(1);
      expect(stateView.conditionalEntropyBits.value).toBe(0);
      expect(stateView.predictableStates).toEqual(stateView.states.map((state) => state.state));
    }
  });

  it('draws the model move from its policy and keeps the mass outside the moves as P(other)', async () => {
    const hedging: AnswerDistribution = () => ({ rock: 0.3, paper: 0.3 });
    const params = { ...exactParams, rounds: 40 };
    const records = await collect(runProbe(RPS, { models: [probeModel('instruct', 'instruct', hedging)], params }));
    for (const record of records) {
      if (record.kind !== 'policy') throw new Error('Exact mode makes policy records.');
      expect(record.policy).toEqual([0.5, 0.5, 0]);
      expect(record.other).toBeCloseTo(0.4, 12);
      expect(record.modelMove).not.toBe(2);
      expect(record.payoff).toBe(ROCK_PAPER_SCISSORS.payoff(record.modelMove, record.opponentMove));
    }
    expect(new Set(records.map((record) => record.modelMove))).toEqual(new Set([0, 1]));
    expect(RPS.summarize(records, params, ['instruct']).models[0]!.otherShare).toBeCloseTo(0.4, 12);
  });

  it('records the state before each round', async () => {
    const records = await collect(runProbe(RPS, { models: [probeModel('base', 'base', uniformOver(MOVES))], params: exactParams }), 3);
    expect(records[0]!.states).toEqual({ 'last-round': 'start', 'last-outcome': 'start', 'last-model-move': 'start' });
    const first = records[0]!;
    const payoff = first.payoff!;
    expect(records[1]!.states).toEqual({
      'last-round': `after ${MOVES[first.modelMove!]} vs ${MOVES[first.opponentMove!]}`,
      'last-outcome': payoff > 0 ? 'after a win' : payoff < 0 ? 'after a loss' : 'after a tie',
      'last-model-move': `after ${MOVES[first.modelMove!]}`,
    });
    expect(records.map((record) => record.round)).toEqual([0, 1, 2]);
  });

  it('compares with a uniform player against the same opponent, rounds and seed', async () => {
    const records = await collect(runProbe(RPS, { models: [probeModel('base', 'base', repeater(0.95))], params: exactParams }));
    const control = RPS.summarize(records, exactParams, ['base']).uniformControl;
    expect(control.rounds).toBe(100);
    expect(control.wins + control.ties + control.losses).toBe(100);
    // The random player's score is measured the same way as the models'.
    expect(control.netScorePer100).toMatchObject({ n: 100, interval: 'batch-means-95' });
    expect(control.netScorePer100.lo).toBeLessThan(0);
    expect(control.netScorePer100.hi).toBeGreaterThan(0);
    // It depends on the run's parameters alone, not on the models' play.
    expect(RPS.summarize([], exactParams, []).uniformControl).toEqual(control);
    const otherSeed = RPS.summarize([], { ...exactParams, seed: 8 }, []).uniformControl;
    expect([otherSeed.wins, otherSeed.ties, otherSeed.losses]).not.toEqual([control.wins, control.ties, control.losses]);
    expect(RPS.summarize([], { ...exactParams, rounds: 40 }, []).uniformControl.rounds).toBe(40);
  });

  it('in sampled mode, counts answers naming no single move as invalid and asks the round again', async () => {
    const model = probeModel('instruct', 'instruct', messy);
    const records = await collect(runProbe(RPS, { models: [model], params: sampledParams }));
    const summary = RPS.summarize(records, sampledParams, ['instruct']).models[0]!;
    expect(summary.rounds).toBe(60);
    expect(summary.attempts).toBe(records.length);
    expect((model.model as SyntheticModel).calls.generate).toBe(records.length);
    expect(summary.invalid.ambiguous).toBeGreaterThan(0);
    expect(summary.invalid['no-answer']).toBeGreaterThan(0);
    expect(summary.invalid.ambiguous + summary.invalid['no-answer']).toBe(records.length - 60);
    expect(summary.otherShare).toBeCloseTo((records.length - 60) / records.length, 12);
    records.forEach((record, i) => {
      if (record.kind !== 'sample') throw new Error('Sampled mode makes sample records.');
      if (record.invalid === null) return;
      expect(record).toMatchObject({ modelMove: null, opponentMove: null, payoff: null });
      // The round that got no move is asked again.
      expect(records[i + 1]?.round ?? record.round).toBe(record.round);
    });
    const net = summary.measures!.netScorePer100;
    expect(net.n).toBe(60);
    expect(net.lo).toBeLessThan(0);
    expect(net.hi).toBeGreaterThan(0);
    // Estimated from 60 rounds, so with intervals; the last-round view has ~6 rounds per state, too few to flag.
    const byRound = view(summary.measures?.byState, 'last-round');
    expect(byRound.predictableStates).toEqual([]);
    expect(byRound.exploitability.interval).toBe('bootstrap-calibrated-95');
    expect(byRound.exploitability.lo).toBeLessThanOrEqual(byRound.exploitability.value);
    expect(byRound.conditionalEntropyBits.hi).toBeLessThanOrEqual(Math.log2(3) + 1e-12);
  });

  it('in sampled mode, reads a uniform player over 100 rounds as possibly unexploitable: every interval reaches 0', async () => {
    // The plug-in exploitability of a fair player's few rounds per state is about 0.26 given the last round, and its
    // posterior interval used to exclude the truth, 0.
    const params = { ...sampledParams, rounds: 100 };
    const records = await collect(runProbe(RPS, { models: [probeModel('base', 'base', uniformOver(MOVES))], params }));
    const summary = RPS.summarize(records, params, ['base']).models[0]!;
    for (const stateView of summary.measures!.byState) {
      expect(stateView.exploitability.lo, stateView.view).toBe(0);
      expect(stateView.conditionalEntropyBits.hi, stateView.view).toBeCloseTo(Math.log2(3), 12);
    }
    const byRound = view(summary.measures?.byState, 'last-round');
    const policies = new Map(byRound.states.map((state) => [state.state, state.policy]));
    const weights = new Map(byRound.states.map((state) => [state.state, state.rounds]));
    const plugIn = exploitabilityByState(ROCK_PAPER_SCISSORS, policies, weights).average;
    expect(plugIn).toBeGreaterThan(0.15);
    expect(byRound.exploitability.value).toBeLessThan(plugIn);
  });

  it('in sampled mode, flags a repeater in the states where it repeats, with intervals', async () => {
    const params = { ...sampledParams, rounds: 90 };
    const records = await collect(runProbe(RPS, { models: [probeModel('instruct', 'instruct', repeater(0.98))], params }));
    const summary = RPS.summarize(records, params, ['instruct']).models[0]!;
    const byLastMove = view(summary.measures?.byState, 'last-model-move');
    expect(byLastMove.predictableStates.length).toBeGreaterThan(0);
    for (const state of byLastMove.states.filter((candidate) => candidate.predictable)) {
      expect(state.rounds).toBeGreaterThanOrEqual(10);
      expect(state.maxProbability.n).toBe(state.rounds);
      expect(state.exploitability.lo).toBeGreaterThan(0.4);
      // Bias-corrected: a little below what the observed shares would give, never above it by more than rounding.
      const plugIn = exploitability(state.policy, ROCK_PAPER_SCISSORS);
      expect(state.exploitability.value).toBeLessThanOrEqual(plugIn + 0.02);
      expect(state.exploitability.value).toBeGreaterThan(plugIn - 0.1);
    }
    expect(byLastMove.exploitability.lo).toBeGreaterThan(0.5);
    expect(summary.measures!.netScorePer100.hi).toBeLessThan(0);
  });

  it('stops a sampled run after too many invalid answers in a row, and says no round was played', async () => {
    const refuser: AnswerDistribution = () => ({});
    const model = probeModel('instruct', 'instruct', refuser);
    const records = await collect(runProbe(RPS, { models: [model], params: sampledParams }));
    expect(records).toHaveLength(MAX_INVALID_IN_A_ROW);
    expect(RPS.isComplete(records, sampledParams)).toBe(true);
    expect(RPS.progress(records, sampledParams)).toBe(1);
    const summary = RPS.summarize(records, sampledParams, ['instruct']).models[0]!;
    expect(summary).toMatchObject({ rounds: 0, attempts: MAX_INVALID_IN_A_ROW, measures: null, otherShare: 1 });
    expect(summary.invalid['no-answer']).toBe(MAX_INVALID_IN_A_ROW);
  });

  it('refuses to draw a move in exact mode when the model gives the moves no probability', async () => {
    const generator = runProbe(RPS, { models: [probeModel('instruct', 'instruct', () => ({}))], params: exactParams });
    await expect(generator.next()).rejects.toThrow(/no probability to any move/);
  });

  it.each([
    ['exact', { ...exactParams, rounds: 50 }],
    ['sampled', { ...sampledParams, rounds: 40 }],
  ])('gives the same records and summary when resumed after an interruption (%s mode)', async (_mode, params) => {
    const models = () => [probeModel('base', 'base', repeater(0.6)), probeModel('instruct', 'instruct', messy)];
    const uninterrupted = await collect(runProbe(RPS, { models: models(), params }));
    const firstPart = await collect(runProbe(RPS, { models: models(), params }), 37);
    const rest = await collect(runProbe(RPS, { models: models(), params, existing: firstPart }));
    const resumed = [...firstPart, ...rest];
    const byKey = (records: RpsRecord[]) => [...records].sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index);
    expect(byKey(resumed)).toEqual(byKey(uninterrupted));
    expect(RPS.summarize(resumed, params, ['base', 'instruct'])).toEqual(RPS.summarize(uninterrupted, params, ['base', 'instruct']));
  });

  it('shows the rules, the running score and the latest rounds, framed natively or as the same text', async () => {
    const base = probeModel('base', 'base', uniformOver(MOVES));
    const instruct = probeModel('instruct', 'instruct', uniformOver(MOVES));
    const first = RPS.prompt(exactParams, base, []);
    expect(first.startsWith('<|begin_of_text|>Rock-paper-scissors game log. In each round both players choose')).toBe(true);
    expect(first.endsWith('\n\nRound 1: you played')).toBe(true);
    const firstChat = RPS.prompt(exactParams, instruct, []);
    expect(firstChat).toContain('<|start_header_id|>user<|end_header_id|>\n\nWe are playing rock-paper-scissors');
    expect(firstChat).toContain('Round 1: What do you play? Reply with one word: rock, paper or scissors.<|eot_id|>');
    expect(firstChat.endsWith('<|start_header_id|>assistant<|end_header_id|>\n\n')).toBe(true);
    const same = { ...exactParams, framing: 'same-text' as const };
    expect(RPS.prompt(same, base, [])).toBe(RPS.prompt(same, instruct, []));

    const played = await collect(runProbe(RPS, { models: [base], params: exactParams }), 30);
    const later = RPS.prompt(exactParams, base, played);
    const { wins, ties, losses } = RPS.summarize(played, { ...exactParams, rounds: 30 }, ['base']).models[0]!;
    expect(later).toContain(
      `Score after 30 rounds: you won ${wins}, tied ${ties} and lost ${losses}.\nRounds 1 to 10 are not shown.\nRound 11: you played`,
    );
    expect(later).not.toContain('Round 10:');
    const last = played.at(-1)!;
    expect(later).toContain(`Round 30: you played ${MOVES[last.modelMove!]}, your opponent played ${MOVES[last.opponentMove!]}.`);
    expect(later.endsWith('.\nRound 31: you played')).toBe(true);
    expect(pastMovesInPrompt(later, 'you played')).toHaveLength(ROUNDS_SHOWN);
  });

  it('keeps prompts well inside a 2,048-token context at round 100', async () => {
    const model = probeModel('instruct', 'instruct', () => ({ scissors: 1 }));
    const played = await collect(runProbe(RPS, { models: [model], params: { ...exactParams, opponent: 'constant' } }), 99);
    const prompt = RPS.prompt(exactParams, model, played);
    expect(prompt).toContain('Round 100: What do you play?');
    const tokens = llamaTokens(prompt).length;
    expect(tokens).toBeLessThan(1500);
    expect(tokens).toBeGreaterThan(300);
  });

  it('reads the policy in eight forward passes a round from a game log and nine after a chat turn (Llama 3.1 tokenizer)', async () => {
    for (const role of ['base', 'instruct'] as const) {
      const passes = await forwardPassesPerRequest(RPS, probeModel(role, role, uniformOver(MOVES)).model, exactParams, 3);
      // After the prompt, then inside the spellings of scissors that split: " Sc|issors" in a log ("you played"),
      // "sc|issors" and "Sc|issors" after a chat turn (" scissors" is one token); then after each of the six
      // spellings, to read whether the move word ends there. One request a round.
      expect(passes).toEqual(Array(3).fill(role === 'base' ? 2 + 6 : 3 + 6));
    }
  });

  it('checks parameters, records, and whether stored records fit the run', async () => {
    expect(RPS.checkParams(exactParams)).toEqual(exactParams);
    expect(() => RPS.checkParams({ ...exactParams, opponent: 'oracle' })).toThrow(/opponent/);
    expect(() => RPS.checkParams({ ...exactParams, rounds: 0 })).toThrow(/number of rounds/);
    expect(() => RPS.checkParams({ ...exactParams, rounds: 2.5 })).toThrow(/number of rounds/);
    expect(() => RPS.checkParams({ ...exactParams, mode: 'guess' })).toThrow(/mode/);
    expect(() => RPS.checkParams('rps')).toThrow(/object/);

    const exact = await collect(runProbe(RPS, { models: [probeModel('base', 'base', repeater(0.6))], params: exactParams }), 4);
    const sampled = await collect(runProbe(RPS, { models: [probeModel('base', 'base', messy)], params: sampledParams }), 20);
    for (const record of [...exact, ...sampled]) expect(RPS.checkRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    const policyRecord = exact[1]!;
    const invalidRecord = sampled.find((record) => record.kind === 'sample' && record.invalid !== null)!;
    const validSample = sampled.find((record) => record.kind === 'sample' && record.invalid === null)!;
    expect(() => RPS.checkRecord({ ...policyRecord, probeId: 'hide-and-seek' })).toThrow(/"rps"/);
    expect(() => RPS.checkRecord({ ...policyRecord, policy: [0.5, 0.5, 0.5] })).toThrow(/sum to 1/);
    expect(() => RPS.checkRecord({ ...policyRecord, policy: [0.5, 0.5] })).toThrow(/one probability per move \(3\)/);
    expect(() => RPS.checkRecord({ ...policyRecord, modelMove: 3 })).toThrow(/model's move/);
    expect(() => RPS.checkRecord({ ...policyRecord, policy: [0, 0, 1], modelMove: 0 })).toThrow(/probability 0/);
    expect(() => RPS.checkRecord({ ...policyRecord, payoff: 2 })).toThrow(/payoff/);
    expect(() => RPS.checkRecord({ ...policyRecord, round: 0 })).toThrow(/round must equal its index/);
    expect(() => RPS.checkRecord({ ...policyRecord, round: 5 })).toThrow(/round/);
    expect(() => RPS.checkRecord({ ...policyRecord, states: { 'last-round': 'start' } })).toThrow(/last-outcome/);
    expect(() => RPS.checkRecord({ ...policyRecord, states: { ...policyRecord.states, mood: 'happy' } })).toThrow(/unknown state view/);
    expect(() => RPS.checkRecord({ ...policyRecord, kind: 'guess' })).toThrow(/"policy" or a "sample"/);
    expect(() => RPS.checkRecord({ ...invalidRecord, modelMove: 1 })).toThrow(/plays no round/);
    expect(() => RPS.checkRecord({ ...invalidRecord, invalid: 'bored' })).toThrow(/Unknown reason/);
    expect(() => RPS.checkRecord({ ...validSample, opponentMove: null })).toThrow(/opponent's move/);
    expect(() => RPS.checkRecord({ ...validSample, text: 42 })).toThrow(/generated text/);

    // Each record is well formed alone, but the sequence must also add up.
    const summarize = (records: RpsRecord[]) => RPS.summarize(records, exactParams, ['base']);
    const tampered = exact.map((record, i) => (i === 2 ? { ...record, payoff: record.payoff === 1 ? -1 : 1 } : record));
    expect(() => summarize(tampered)).toThrow(
      /record 2 gives a payoff its moves do not/,
    );
    const wrongState = { ...exact[3]!, states: { ...exact[3]!.states, 'last-model-move': 'after nothing' } };
    expect(() => summarize([...exact.slice(0, 3), wrongState])).toThrow(/record 3 gives the state "after nothing"/);
    expect(() => summarize([exact[0]!, exact[2]!])).toThrow(/out of sequence/);
    expect(() => RPS.summarize(exact, sampledParams, ['base'])).toThrow(/"policy" record in a run in sampled mode/);
  });
});
