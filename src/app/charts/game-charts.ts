// The data behind the charts of the two game probes (rps and hide-and-seek share them): plain values from a probe's
// summary, its records and the run's models, so the chart elements only draw and word them.
import { chartModel, seriesKindOf, type ChartModel } from './chart-models.ts';
import {
  GAME_STATE_VIEWS,
  ROCK_PAPER_SCISSORS,
  START_STATE,
  hideAndSeek,
  type Game,
  type GameStateViewId,
} from '../../core/games/index.ts';
import {
  PREDICTABLE_MAX_P,
  type GameProbeId,
  type GameRecord,
  type StateSummary,
} from '../../core/probes/game-probe/index.ts';
import type { HideAndSeekParams, HideAndSeekSummary } from '../../core/probes/hide-and-seek/index.ts';
import type { RpsParams, RpsSummary } from '../../core/probes/rps/index.ts';
import type { Estimate, RunMode } from '../../core/probes/probe.ts';
import type { RunInfo } from '../../core/results/index.ts';
import type { RunState } from '../run-controller.ts';
import { summaryOf } from '../run-summary.ts';

/** What every game chart is made from: a run of rps or hide-and-seek, live or stored. */
export type GameRun = GameRunOf<'rps', RpsParams, RpsSummary> | GameRunOf<'hide-and-seek', HideAndSeekParams, HideAndSeekSummary>;

interface GameRunOf<Id extends GameProbeId, Params, Summary> {
  probeId: Id;
  params: Params;
  /** In the run's order. */
  models: RunInfo['models'];
  records: readonly GameRecord<GameProbeId>[];
  /** The probe's summary of the records; null before the first record. */
  summary: Summary | null;
}

/** A game run from the run controller's state (its parameters and records were checked when they were made). */
export function gameRunOf(state: RunState): GameRun {
  const { info } = state;
  const shared = { models: info.models, records: state.records as GameRecord<GameProbeId>[] };
  switch (info.probeId) {
    case 'rps':
      return { ...shared, probeId: 'rps', params: info.params as unknown as RpsParams, summary: summaryOf(state.summary, 'rps') };
    case 'hide-and-seek':
      return {
        ...shared,
        probeId: 'hide-and-seek',
        params: info.params as unknown as HideAndSeekParams,
        summary: summaryOf(state.summary, 'hide-and-seek'),
      };
    default:
      throw new RangeError(`A ${info.probeId} run is not a game.`);
  }
}

/** The game the run plays: hide-and-seek's places are the run's own. */
export function gameOf(run: GameRun): Game {
  return run.probeId === 'rps' ? ROCK_PAPER_SCISSORS : hideAndSeek(run.params.places);
}

/** A model's records, in index order. */
function recordsOf(records: readonly GameRecord<GameProbeId>[], modelId: string): GameRecord<GameProbeId>[] {
  return records.filter((record) => record.modelId === modelId).sort((a, b) => a.index - b.index);
}

// ---------------------------------------------------------------------------------------------------------------
// Moves per round

export interface MoveRound {
  /** 1, 2, 3 … */
  round: number;
  /** Exact mode: the policy the move was drawn from (one probability per move); sampled mode: null. */
  policy: number[] | null;
  move: number;
  opponentMove: number;
  payoff: number;
}

export interface MoveSeries extends ChartModel {
  /** Rounds played, in order (an invalid sampled answer plays no round). */
  rounds: MoveRound[];
  /** Sampled answers that named no single move (their round was asked again); 0 in exact mode. */
  invalid: number;
  /** Exact mode: the mean policy over the rounds; sampled mode: each move's share of the rounds. Empty before round 1. */
  meanPolicy: number[];
  /** The move with the largest share of `meanPolicy` (the first of equals); null before round 1. */
  favourite: number | null;
}

export interface MoveChartData {
  probeId: GameProbeId;
  /** Exact mode draws each round's policy; sampled mode each round's move. */
  mode: RunMode;
  moves: string[];
  /** Rounds the run asked for: the x axis reaches this far while the run fills it in. */
  plannedRounds: number;
  series: MoveSeries[];
}

export function moveChartData(run: GameRun): MoveChartData {
  const moves = gameOf(run).moves;
  const series = run.models.map((model): MoveSeries => {
    const own = recordsOf(run.records, model.id);
    const rounds: MoveRound[] = [];
    for (const record of own) {
      if (record.modelMove === null || record.opponentMove === null || record.payoff === null) continue;
      rounds.push({
        round: rounds.length + 1,
        policy: record.kind === 'policy' ? [...record.policy] : null,
        move: record.modelMove,
        opponentMove: record.opponentMove,
        payoff: record.payoff,
      });
    }
    const meanPolicy =
      rounds.length === 0
        ? []
        : moves.map(
            (_, move) =>
              rounds.reduce((sum, round) => sum + (round.policy ? (round.policy[move] ?? 0) : round.move === move ? 1 : 0), 0) /
              rounds.length,
          );
    const favourite = meanPolicy.length === 0 ? null : meanPolicy.indexOf(Math.max(...meanPolicy));
    return { ...chartModel(model), rounds, invalid: own.length - rounds.length, meanPolicy, favourite };
  });
  return { probeId: run.probeId, mode: run.params.mode, moves: [...moves], plannedRounds: run.params.rounds, series };
}

// ---------------------------------------------------------------------------------------------------------------
// Cumulative score

export interface ScorePoint {
  /** Rounds played so far (0 = before the first). */
  round: number;
  /** The sum of the model's payoffs so far: wins minus losses in rock-paper-scissors. */
  total: number;
}

export interface ScoreSeries extends ChartModel {
  /** From {0, 0}, one point per round played. */
  points: ScorePoint[];
  rounds: number;
  wins: number;
  ties: number;
  losses: number;
  /** null until a round is played. */
  netScorePer100: Estimate | null;
}

export interface ScoreControl {
  rounds: number;
  wins: number;
  ties: number;
  losses: number;
  /** Its value and interval: the slope of the dashed line and of the wedge around it, per 100 rounds. */
  netScorePer100: Estimate;
}

export interface ScoreChartData {
  probeId: GameProbeId;
  /** The number of places in hide-and-seek (the payoff when not found is +1/(k−1)); 3 in rock-paper-scissors. */
  moves: number;
  plannedRounds: number;
  series: ScoreSeries[];
  /** A uniform random player against the same opponent, seeded from the run: 0 in expectation, and its noise. */
  control: ScoreControl | null;
}

export function scoreChartData(run: GameRun): ScoreChartData {
  const { summary } = run;
  const series = run.models.map((model): ScoreSeries => {
    const points: ScorePoint[] = [{ round: 0, total: 0 }];
    for (const record of recordsOf(run.records, model.id)) {
      if (record.payoff === null) continue;
      const last = points[points.length - 1] as ScorePoint;
      points.push({ round: last.round + 1, total: last.total + record.payoff });
    }
    const own = summary?.models.find((candidate) => candidate.modelId === model.id);
    return {
      ...chartModel(model),
      points,
      rounds: own?.rounds ?? 0,
      wins: own?.wins ?? 0,
      ties: own?.ties ?? 0,
      losses: own?.losses ?? 0,
      netScorePer100: own?.measures?.netScorePer100 ?? null,
    };
  });
  const control = summary?.uniformControl;
  return {
    probeId: run.probeId,
    moves: gameOf(run).moves.length,
    plannedRounds: run.params.rounds,
    series,
    control: control
      ? { rounds: control.rounds, wins: control.wins, ties: control.ties, losses: control.losses, netScorePer100: control.netScorePer100 }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Exploitability per game state

/** A game state as a structure, so that the element can put it into the reader's words. */
export type StateLabel =
  | { kind: 'start' }
  | { kind: 'last-round'; move: number; opponentMove: number }
  | { kind: 'last-outcome'; outcome: 'win' | 'tie' | 'loss' }
  | { kind: 'last-model-move'; move: number };

/**
 * The structure behind every state key a view gives in this game (the keys are English text from src/core). Built by
 * asking the view itself for the state after each possible round, so it cannot drift from the keys it makes.
 */
export function stateLabels(game: Game, viewId: GameStateViewId): Map<string, StateLabel> {
  const view = GAME_STATE_VIEWS.find((candidate) => candidate.id === viewId);
  if (!view) throw new RangeError(`There is no game state view "${viewId}".`);
  const labels = new Map<string, StateLabel>([[START_STATE, { kind: 'start' }]]);
  game.moves.forEach((_, move) => {
    game.moves.forEach((__, opponentMove) => {
      const key = view.stateOf(game, [{ model: move, opponent: opponentMove }]);
      if (labels.has(key)) return;
      const payoff = game.payoff(move, opponentMove);
      const label: StateLabel =
        viewId === 'last-round'
          ? { kind: 'last-round', move, opponentMove }
          : viewId === 'last-outcome'
            ? { kind: 'last-outcome', outcome: payoff > 0 ? 'win' : payoff < 0 ? 'loss' : 'tie' }
            : { kind: 'last-model-move', move };
      labels.set(key, label);
    });
  });
  return labels;
}

export interface StateCell {
  rounds: number;
  exploitability: Estimate;
  /** The likeliest move in this state and its probability. */
  likeliestMove: number;
  maxProbability: Estimate;
  /** Almost fully predictable here: the likeliest move has at least `predictableAt` of the probability. */
  predictable: boolean;
}

export interface StateRow {
  key: string;
  label: StateLabel;
  /** One per series, in series order; null where the model never played in this state. */
  cells: (StateCell | null)[];
}

export interface ExploitabilitySeries extends ChartModel {
  rounds: number;
  /** What a best responder to the model's policy in each state wins per round, weighted by rounds; null before round 1. */
  average: Estimate | null;
  /** H(move | state) in bits; log2 k is unpredictable. */
  conditionalEntropyBits: Estimate | null;
  /** Keys of the states where it is almost fully predictable. */
  predictableStates: string[];
}

export interface ExploitabilityView {
  view: GameStateViewId;
  series: ExploitabilitySeries[];
  /** The states any model played in, in the view's order. */
  states: StateRow[];
}

export interface FoundRateRow extends ChartModel {
  foundRate: Estimate | null;
}

export interface FoundRates {
  /** 1/k: a hider who picks uniformly at random. */
  chance: number;
  series: FoundRateRow[];
  /** The seeded uniform player's found-rate against the same seeker. */
  control: Estimate | null;
}

export interface ExploitabilityChartData {
  probeId: GameProbeId;
  /** Exact mode: values read from the model's policies (no interval); sampled mode: with 95% intervals. */
  mode: RunMode;
  moves: string[];
  /** The likeliest move's probability from which a state counts as almost fully predictable (0.9). */
  predictableAt: number;
  /** log2 k: the most H(move | state) can be. */
  maxEntropyBits: number;
  /** One per state view, in GAME_STATE_VIEWS order. */
  views: ExploitabilityView[];
  /** Hide-and-seek only. */
  foundRates: FoundRates | null;
}

function cellOf(state: StateSummary | undefined): StateCell | null {
  if (!state) return null;
  const likeliestMove = state.policy.indexOf(Math.max(...state.policy));
  return {
    rounds: state.rounds,
    exploitability: state.exploitability,
    likeliestMove,
    maxProbability: state.maxProbability,
    predictable: state.predictable,
  };
}

export function exploitabilityChartData(run: GameRun): ExploitabilityChartData {
  const { summary, models } = run;
  const game = gameOf(run);
  const ownSummary = (modelId: string) => summary?.models.find((candidate) => candidate.modelId === modelId);
  const views = GAME_STATE_VIEWS.map((view): ExploitabilityView => {
    const byModel = models.map((model) => ownSummary(model.id)?.measures?.byState.find((entry) => entry.view === view.id));
    const series = models.map((model, i): ExploitabilitySeries => {
      const own = byModel[i];
      return {
        ...chartModel(model),
        rounds: ownSummary(model.id)?.rounds ?? 0,
        average: own?.exploitability ?? null,
        conditionalEntropyBits: own?.conditionalEntropyBits ?? null,
        predictableStates: own ? [...own.predictableStates] : [],
      };
    });
    const labels = stateLabels(game, view.id);
    const states = view.states(game).flatMap((key): StateRow[] => {
      const cells = byModel.map((own) => cellOf(own?.states.find((state) => state.state === key)));
      const label = labels.get(key);
      return label && cells.some((cell) => cell !== null) ? [{ key, label, cells }] : [];
    });
    return { view: view.id, series, states };
  });
  return {
    probeId: run.probeId,
    mode: run.params.mode,
    moves: [...game.moves],
    predictableAt: summary?.predictableAt ?? PREDICTABLE_MAX_P,
    maxEntropyBits: Math.log2(game.moves.length),
    views,
    foundRates: run.probeId === 'hide-and-seek' ? foundRatesOf(game, run.summary, models) : null,
  };
}

function foundRatesOf(game: Game, summary: HideAndSeekSummary | null, models: RunInfo['models']): FoundRates {
  return {
    chance: 1 / game.moves.length,
    series: models.map((model) => ({
      ...chartModel(model),
      foundRate: summary?.models.find((candidate) => candidate.modelId === model.id)?.foundRate ?? null,
    })),
    control: summary?.uniformControl.foundRate ?? null,
  };
}

export { chartModel, seriesKindOf, type ChartModel };
