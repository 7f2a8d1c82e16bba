import { describe, expect, it } from 'vitest';
import {
  exploitabilityChartData,
  gameRunOf,
  moveChartData,
  scoreChartData,
  seriesKindOf,
  stateLabels,
} from '../../../src/app/charts/game-charts.ts';
import type { RunState } from '../../../src/app/run-controller.ts';
import { ROCK_PAPER_SCISSORS, hideAndSeek } from '../../../src/core/games/index.ts';
import { MODELS, hideAndSeekSampledRun, rpsExactRun } from '../../fixtures/game-poem-runs.ts';

describe('seriesKindOf', () => {
  it('draws base models as base, instruct as aligned and reasoning as reasoning', () => {
    expect(['base', 'instruct', 'reasoning'].map((role) => seriesKindOf(role as 'base'))).toEqual(['base', 'aligned', 'reasoning']);
  });
});

describe('moveChartData', () => {
  it('gives each exact-mode round its policy and move, and the mean policy with its likeliest move', () => {
    const data = moveChartData(rpsExactRun(3));
    expect(data).toMatchObject({ probeId: 'rps', mode: 'exact', moves: ['rock', 'paper', 'scissors'], plannedRounds: 20 });
    const [base, instruct] = data.series;
    expect(base).toMatchObject({ name: 'Test Base', kind: 'base', invalid: 0, favourite: 1 });
    expect(base?.rounds.map((round) => [round.round, round.move, round.opponentMove, round.payoff])).toEqual([
      [1, 0, 0, 0],
      [2, 1, 2, -1],
      [3, 2, 1, 1],
    ]);
    expect(base?.rounds[0]?.policy).toEqual([0.3, 0.35, 0.35]);
    base?.meanPolicy.forEach((share, move) => expect(share).toBeCloseTo([0.3, 0.35, 0.35][move]!, 12));
    expect(instruct).toMatchObject({ kind: 'aligned', favourite: 0 });
    expect(instruct?.meanPolicy[0]).toBeCloseTo(0.94, 12);
  });

  it('gives sampled rounds their moves, skips invalid answers and counts them', () => {
    const data = moveChartData(hideAndSeekSampledRun());
    expect(data).toMatchObject({ mode: 'sampled', moves: ['house', 'car', 'forest'], plannedRounds: 12 });
    const [base, instruct] = data.series;
    expect(base?.meanPolicy).toEqual([3 / 9, 3 / 9, 3 / 9]);
    expect(instruct).toMatchObject({ invalid: 1, favourite: 0, meanPolicy: [1, 0, 0] });
    expect(instruct?.rounds.map((round) => round.round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(instruct?.rounds.every((round) => round.policy === null)).toBe(true);
  });

  it('has models with no rounds before the first record', () => {
    const run = { ...rpsExactRun(), records: [], summary: null };
    expect(moveChartData(run).series.map((series) => [series.rounds.length, series.favourite, series.meanPolicy])).toEqual([
      [0, null, []],
      [0, null, []],
    ]);
  });
});

describe('scoreChartData', () => {
  it('adds up the payoffs round by round from 0', () => {
    const data = scoreChartData(rpsExactRun(3));
    expect(data.series[0]?.points).toEqual([
      { round: 0, total: 0 },
      { round: 1, total: 0 },
      { round: 2, total: -1 },
      { round: 3, total: 0 },
    ]);
    expect(data.series[1]?.points.map((point) => point.total)).toEqual([0, 0, 0, -1]);
    expect(data.series[1]).toMatchObject({ rounds: 3, wins: 0, ties: 2, losses: 1 });
    expect(data.series[1]?.netScorePer100?.value).toBeCloseTo(-100 / 3, 9);
    expect(data.control?.rounds).toBe(20);
    expect(data).toMatchObject({ moves: 3, plannedRounds: 20 });
  });

  it('counts hide-and-seek as −1 when found and +1/(k − 1) when not', () => {
    const data = scoreChartData(hideAndSeekSampledRun());
    expect(data.series[0]?.points.at(-1)).toEqual({ round: 9, total: 4.5 });
    // Found in rounds 1, 3, 5, 7 and 9; not found in the other four.
    expect(data.series[1]?.points.at(-1)?.total).toBeCloseTo(-5 + 4 * 0.5, 12);
    expect(data.series[1]?.netScorePer100?.value).toBeCloseTo((100 * -3) / 9, 9);
  });

  it('has no control and no scores without a summary', () => {
    const data = scoreChartData({ ...rpsExactRun(), records: [], summary: null });
    expect(data.control).toBeNull();
    expect(data.series.map((series) => series.netScorePer100)).toEqual([null, null]);
  });
});

describe('stateLabels', () => {
  it('names every key of every view by its structure', () => {
    const lastRound = stateLabels(ROCK_PAPER_SCISSORS, 'last-round');
    expect(lastRound.get('start')).toEqual({ kind: 'start' });
    expect(lastRound.get('after rock vs paper')).toEqual({ kind: 'last-round', move: 0, opponentMove: 1 });
    expect(lastRound.size).toBe(10);
    const outcome = stateLabels(ROCK_PAPER_SCISSORS, 'last-outcome');
    expect(outcome.get('after a win')).toEqual({ kind: 'last-outcome', outcome: 'win' });
    expect(outcome.get('after a tie')).toEqual({ kind: 'last-outcome', outcome: 'tie' });
    expect(stateLabels(hideAndSeek(['house', 'car']), 'last-outcome').has('after a tie')).toBe(false);
    expect(stateLabels(hideAndSeek(['house', 'car']), 'last-model-move').get('after car')).toEqual({ kind: 'last-model-move', move: 1 });
  });
});

describe('exploitabilityChartData', () => {
  it('gives exact exploitability per visited state, in the view order, with the predictable states', () => {
    const data = exploitabilityChartData(rpsExactRun(3));
    expect(data).toMatchObject({ mode: 'exact', predictableAt: 0.9, foundRates: null });
    expect(data.maxEntropyBits).toBeCloseTo(Math.log2(3), 12);
    const lastRound = data.views.find((view) => view.view === 'last-round')!;
    // Base visited start, rock vs rock and paper vs scissors; instruct start and rock vs rock (twice).
    expect(lastRound.states.map((state) => state.key)).toEqual(['start', 'after rock vs rock', 'after paper vs scissors']);
    const [start, rockRock, paperScissors] = lastRound.states;
    // Always-0.94-rock: paper earns 0.94 − 0.02 = 0.92 per round.
    expect(rockRock?.cells[1]?.exploitability.value).toBeCloseTo(0.92, 12);
    expect(rockRock?.cells[1]).toMatchObject({ rounds: 2, likeliestMove: 0, predictable: true });
    // (0.3, 0.35, 0.35): scissors earns 0.3 − 0.35 + … = 0.05.
    expect(start?.cells[0]?.exploitability.value).toBeCloseTo(0.05, 12);
    expect(start?.cells[0]?.predictable).toBe(false);
    expect(paperScissors?.cells[1]).toBeNull();
    expect(paperScissors?.label).toEqual({ kind: 'last-round', move: 1, opponentMove: 2 });
    expect(lastRound.series[1]?.average?.value).toBeCloseTo(0.92, 12);
    expect(lastRound.series[1]?.predictableStates).toEqual(['start', 'after rock vs rock']);
    expect(lastRound.series[0]).toMatchObject({ rounds: 3, predictableStates: [] });
  });

  it('flags no state in sampled mode under 10 rounds, and gives hide-and-seek found-rates with the net score’s interval', () => {
    const data = exploitabilityChartData(hideAndSeekSampledRun());
    const byMove = data.views.find((view) => view.view === 'last-model-move')!;
    const afterHouse = byMove.states.find((state) => state.key === 'after house');
    // Always the house, 3 places: (3 · 1 − 1)/(3 − 1) = 1, but 8 rounds are too few to flag.
    expect(afterHouse?.cells[1]).toMatchObject({ rounds: 8, predictable: false });
    expect(afterHouse?.cells[1]?.exploitability.value).toBeCloseTo(1, 12);
    expect(afterHouse?.cells[1]?.exploitability.interval).toBe('bootstrap-calibrated-95');
    const found = data.foundRates!;
    expect(found.chance).toBeCloseTo(1 / 3, 12);
    expect(found.series[1]?.foundRate?.value).toBeCloseTo(5 / 9, 12);
    // Nine rounds are too few batches to see how rounds depend on each other: the interval treats them as independent.
    expect(found.series[1]?.foundRate).toMatchObject({ n: 9, interval: 'batch-means-95' });
    expect(found.series[1]?.foundRate?.lo).toBeGreaterThan(0.1);
    expect(found.series[1]?.foundRate?.hi).toBeLessThan(1);
    expect(found.series[0]?.foundRate).toMatchObject({ value: 0, n: 9 });
    expect(found.control?.n).toBe(12);
  });

  it('has every view with no states, and empty found-rates, before the first round', () => {
    const data = exploitabilityChartData({ ...hideAndSeekSampledRun(), records: [], summary: null });
    expect(data.views.map((view) => [view.view, view.states.length])).toEqual([
      ['last-round', 0],
      ['last-outcome', 0],
      ['last-model-move', 0],
    ]);
    expect(data.foundRates).toEqual({
      chance: 1 / 3,
      series: MODELS.map((model) => expect.objectContaining({ id: model.id, foundRate: null })),
      control: null,
    });
  });
});

describe('gameRunOf', () => {
  it('reads a game run from the run state and refuses other probes', () => {
    const run = rpsExactRun(2);
    const info = { id: 'r', probeId: 'rps', models: MODELS, params: run.params } as unknown as RunState['info'];
    const state: RunState = { info, records: [...run.records], summary: { probeId: 'rps', value: run.summary! }, progress: 0.1, error: null };
    expect(gameRunOf(state)).toMatchObject({ probeId: 'rps', models: MODELS, summary: run.summary });
    expect(() => gameRunOf({ ...state, info: { ...info, probeId: 'poem' } })).toThrow(RangeError);
  });
});
