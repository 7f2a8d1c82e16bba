// What a game run found, per model: the net score with its interval over batch means, how predictable the model is
// in each game state, and a uniform player's score against the same opponent as the noise to compare with.
import {
  conditionalEntropyOfPolicies,
  exploitability,
  exploitabilityByState,
  GAME_STATE_VIEWS,
  playMatch,
  summarizeRounds,
  uniformDistribution,
  type Game,
  type GameStateView,
  type GameStateViewId,
  type Opponent,
  type Round,
} from '../../games/index.ts';
import { batchMeans, batchMeansEstimate, calibratedBootstrap, normalise } from '../../stats/index.ts';
import type { InvalidReason } from '../parse.ts';
import { deriveSeed, type Estimate, type RunMode } from '../probe.ts';
import { exactEstimate, invalidShare, meanOther, measuresTheQuestion, tallyInvalid } from '../shared.ts';
import { statesOf, type GameProbeId, type GameProbeParams, type GameRecord, type GameStates } from './records.ts';

/** A state counts as almost fully predictable when the model's likeliest move there has at least this probability. */
export const PREDICTABLE_MAX_P = 0.9;

/** In sampled mode a state is flagged only with at least this many rounds: with fewer, a uniform player's shares
 * reach 0.9 by chance too often (all of 5 rounds alike happens 1 time in 81). */
export const MIN_ROUNDS_TO_FLAG = 10;

// Streams of randomness, mixed into deriveSeed with the run seed (and the model).
const INTERVAL_STREAM = 0x5eed;
const CONTROL_STREAM = 0xc0;

export interface StateSummary {
  /** The state's key under the view, e.g. "after rock vs paper". */
  state: string;
  /** Rounds played in this state. */
  rounds: number;
  /** Exact mode: the mean of the model's policies over these rounds; sampled mode: the share of each move. */
  policy: number[];
  /** The likeliest move's probability: 1/k is unpredictable, 1 fully predictable. */
  maxProbability: Estimate;
  /** What a best responder to `policy` wins per round (games/exploitability.ts): 0 unexploitable, 1 predictable. */
  exploitability: Estimate;
  /** maxProbability ≥ PREDICTABLE_MAX_P (in sampled mode only with MIN_ROUNDS_TO_FLAG rounds or more). */
  predictable: boolean;
}

export interface StateViewSummary {
  view: GameStateViewId;
  /** What the view conditions on, in words. */
  name: string;
  /** The states the model played in, in the view's order. */
  states: StateSummary[];
  /** Σ over states of (share of rounds) × exploitability: what an opponent that knew the model's policy in each
   * state would win per round. */
  exploitability: Estimate;
  /** H(move | state) in bits: log2 k is unpredictable, 0 means the state fixes the move. */
  conditionalEntropyBits: Estimate;
  /** The states flagged `predictable`. */
  predictableStates: string[];
}

export interface GameMeasures {
  /**
   * 100 × the mean payoff per round: uniform play scores 0 in expectation, a fully exploited player −100. The opponent
   * learns, so rounds are not independent: the interval is over batch means (stats/batch-means.ts).
   */
  netScorePer100: Estimate;
  /** 100 × the mean payoff of each batch of consecutive rounds, in order: what comparisons between models pair up. */
  batchScoresPer100: number[];
  /** One per state view (last round, last outcome, the model's last move). */
  byState: StateViewSummary[];
}

export interface GameModelSummary {
  modelId: string;
  mode: RunMode;
  /** Rounds played. */
  rounds: number;
  /** Rounds with a positive payoff for the model (hide-and-seek: not found), a zero one, a negative one (found). */
  wins: number;
  ties: number;
  losses: number;
  /** Sampled mode: every answer, valid or not; exact mode: null. */
  attempts: number | null;
  /** Sampled mode: answers naming no single move. Their rounds were not played: the round was asked again. */
  invalid: Record<InvalidReason, number>;
  /** Exact mode: the mean P(anything but a move) over the rounds (moves were drawn from the rest). Sampled mode: the
   * share of invalid answers. */
  otherShare: number;
  /** False when `otherShare` is above MAX_OTHER_SHARE: the numbers then do not describe a player of the game. */
  measuresTheQuestion: boolean;
  /** null until a round is played. */
  measures: GameMeasures | null;
}

export interface UniformControl {
  /** A player that picks uniformly at random, against the same opponent, for the run's number of rounds, seeded
   * from the run's seed: it scores 0 in expectation, and this is its noise. */
  rounds: number;
  wins: number;
  ties: number;
  losses: number;
  netScorePer100: Estimate;
}

export interface GameSummary<ModelSummary extends GameModelSummary = GameModelSummary, Control extends UniformControl = UniformControl> {
  game: { name: string; moves: string[] };
  opponent: { id: string; name: string; description: string };
  models: ModelSummary[];
  uniformControl: Control;
  /** log2 k: the entropy of uniform play, the most H(move | state) can be. */
  maxEntropyBits: number;
  predictableAt: number;
}

/** The range of 100 × a payoff of `game`, for keeping intervals inside what the score can be. */
function scoreRange(game: Game): [number, number] {
  const payoffs = game.moves.flatMap((_, model) => game.moves.map((__, opponent) => 100 * game.payoff(model, opponent)));
  return [Math.min(...payoffs), Math.max(...payoffs)];
}

/** 100 × the mean payoff, with a t interval over batch means of consecutive rounds. */
function netScoreEstimate(game: Game, rounds: readonly Round[]): Estimate {
  const scores = rounds.map((round) => 100 * game.payoff(round.model, round.opponent));
  const { value, lo, hi, n } = batchMeansEstimate(scores, scoreRange(game));
  return { value, lo, hi, n, interval: 'batch-means-95' };
}

function batchScores(game: Game, rounds: readonly Round[]): number[] {
  return batchMeans(rounds.map((round) => 100 * game.payoff(round.model, round.opponent)));
}

/**
 * A sampled-mode measure of the model's moves by state, bias-corrected and with an interval calibrated under uniform
 * play (stats/calibrated-bootstrap.ts). `counts` holds one row of move counts per state.
 */
function calibrated(
  counts: number[][],
  metric: (p: number[]) => number,
  uniformIs: 'lowest' | 'highest',
  range: readonly [number, number],
  seed: number,
): Estimate {
  const estimate = calibratedBootstrap(counts, metric, { seed, uniformIs, range });
  return { value: estimate.value, lo: estimate.lo, hi: estimate.hi, n: estimate.n, interval: 'bootstrap-calibrated-95' };
}

/** The most a best responder can win per round: every move of the model beaten (1 for rock-paper-scissors). */
function maxExploitability(game: Game): number {
  return Math.max(...game.moves.map((_, move) => exploitability(game.moves.map((__, other) => (other === move ? 1 : 0)), game)));
}

/**
 * Interval metrics over a joint distribution of (state, move), laid out state by state, k cells per state (one state
 * for a single state's policy). They run on every posterior draw, so they read a payoff table and allocate nothing;
 * the point values come from games/exploitability.ts, and the tests check that the two agree.
 *
 * Σ_s max_b Σ_a p(s, a) · (−payoff(a, b)) = Σ_s P(s) · exploitability(P(· | s)): the best responder's winnings.
 */
export function exploitabilityMetric(game: Game): (p: number[]) => number {
  const k = game.moves.length;
  const payoffs = game.moves.map((_, model) => game.moves.map((__, opponent) => game.payoff(model, opponent)));
  return (p) => {
    let total = 0;
    for (let start = 0; start < p.length; start += k) {
      let best = -Infinity;
      for (let reply = 0; reply < k; reply++) {
        let value = 0;
        for (let move = 0; move < k; move++) value -= p[start + move]! * payoffs[move]![reply]!;
        best = Math.max(best, value);
      }
      total += best;
    }
    return total;
  };
}

/** Σ_s P(s) · H(P(· | s)) in bits = −Σ p(s, a) log2 p(s, a) + Σ_s P(s) log2 P(s). */
export function conditionalEntropyMetric(k: number): (p: number[]) => number {
  return (p) => {
    let total = 0;
    for (let start = 0; start < p.length; start += k) {
      let mass = 0;
      for (let move = 0; move < k; move++) {
        const share = p[start + move]!;
        if (share > 0) total -= share * Math.log2(share);
        mass += share;
      }
      if (mass > 0) total += mass * Math.log2(mass);
    }
    return total;
  };
}

interface PlayedRecord {
  round: Round;
  states: GameStates;
  /** Exact mode only. */
  policy: number[] | null;
}

function viewSummary(game: Game, view: GameStateView, played: readonly PlayedRecord[], exact: boolean, seed: number): StateViewSummary {
  const k = game.moves.length;
  const visited = view.states(game).flatMap((state) => {
    const inState = played.filter((record) => record.states[view.id] === state);
    return inState.length === 0 ? [] : [{ state, inState }];
  });
  const weights = new Map(visited.map(({ state, inState }) => [state, inState.length]));
  const flag = (maxProbability: number, rounds: number): boolean =>
    maxProbability >= PREDICTABLE_MAX_P && (exact || rounds >= MIN_ROUNDS_TO_FLAG);

  let states: StateSummary[];
  let averageExploitability: Estimate;
  let conditionalEntropyBits: Estimate;
  if (exact) {
    states = visited.map(({ state, inState }) => {
      const policy = game.moves.map((_, move) => inState.reduce((sum, record) => sum + record.policy![move]!, 0) / inState.length);
      const maxProbability = Math.max(...policy);
      return {
        state,
        rounds: inState.length,
        policy,
        maxProbability: exactEstimate(maxProbability),
        exploitability: exactEstimate(exploitability(policy, game)),
        predictable: flag(maxProbability, inState.length),
      };
    });
    const policies = new Map(states.map(({ state, policy }) => [state, policy]));
    averageExploitability = exactEstimate(exploitabilityByState(game, policies, weights).average);
    conditionalEntropyBits = exactEstimate(conditionalEntropyOfPolicies(game, policies, weights));
  } else {
    const countsByState = visited.map(({ inState }) =>
      game.moves.map((_, move) => inState.filter((record) => record.round.model === move).length),
    );
    const exploitabilityRange = [0, maxExploitability(game)] as const;
    states = visited.map(({ state, inState }, i) => {
      const counts = countsByState[i]!;
      const policy = normalise(counts);
      const maxProbability = Math.max(...policy);
      return {
        state,
        rounds: inState.length,
        policy,
        // Both are pushed up by noise in a state's few rounds (a uniform player's largest share is above 1/k), hence
        // the calibrated estimates.
        maxProbability: calibrated([counts], (p) => Math.max(...p), 'lowest', [1 / k, 1], seed),
        exploitability: calibrated([counts], exploitabilityMetric(game), 'lowest', exploitabilityRange, seed),
        predictable: flag(maxProbability, inState.length),
      };
    });
    averageExploitability = calibrated(countsByState, exploitabilityMetric(game), 'lowest', exploitabilityRange, seed);
    conditionalEntropyBits = calibrated(countsByState, conditionalEntropyMetric(k), 'highest', [0, Math.log2(k)], seed);
  }
  return {
    view: view.id,
    name: view.name,
    states,
    exploitability: averageExploitability,
    conditionalEntropyBits,
    predictableStates: states.filter((state) => state.predictable).map((state) => state.state),
  };
}

/**
 * Replays a model's records against the run's game: each record's round, states, moves, policy and payoff must be
 * what the records before it imply. Records are checked one by one on import (`checkRecord`), but only the run's
 * parameters say how many moves the game has, and only the whole sequence says what each state was.
 */
function replay<Id extends GameProbeId>(game: Game, records: readonly GameRecord<Id>[], mode: RunMode, modelId: string): PlayedRecord[] {
  const k = game.moves.length;
  const history: Round[] = [];
  const played: PlayedRecord[] = [];
  records.forEach((record, position) => {
    const wrong = (what: string): RangeError =>
      new RangeError(`The records of ${modelId} do not fit this run: record ${record.index} ${what}.`);
    if (record.index !== position) throw wrong(`is out of sequence (expected record ${position})`);
    if ((record.kind === 'policy') !== (mode === 'exact')) throw wrong(`is a "${record.kind}" record in a run in ${mode} mode`);
    if (record.round !== history.length) throw wrong(`is for round ${record.round}, but ${history.length} were played before it`);
    const states = statesOf(game, history);
    for (const view of GAME_STATE_VIEWS) {
      if (record.states[view.id] !== states[view.id]) throw wrong(`gives the state "${record.states[view.id]}", not "${states[view.id]}"`);
    }
    if (record.kind === 'policy' && record.policy.length !== k) {
      throw wrong(`has ${record.policy.length} move probabilities for ${k} moves`);
    }
    if (record.modelMove === null || record.opponentMove === null) return;
    if (record.modelMove >= k || record.opponentMove >= k) throw wrong(`names a move beyond the game's ${k}`);
    if (record.payoff !== game.payoff(record.modelMove, record.opponentMove)) throw wrong('gives a payoff its moves do not');
    const round = { model: record.modelMove, opponent: record.opponentMove };
    played.push({ round, states, policy: record.kind === 'policy' ? record.policy : null });
    history.push(round);
  });
  return played;
}

export function summarizeModel<Id extends GameProbeId>(
  game: Game,
  records: readonly GameRecord<Id>[],
  params: GameProbeParams,
  modelId: string,
  modelIndex: number,
): GameModelSummary {
  const seed = deriveSeed(params.seed, modelIndex, INTERVAL_STREAM);
  const played = replay(game, records, params.mode, modelId);
  const rounds = played.map((record) => record.round);
  const exact = params.mode === 'exact';
  const samples = records.filter((record) => record.kind === 'sample');
  const outcome = rounds.length > 0 ? summarizeRounds(game, rounds) : { wins: 0, ties: 0, losses: 0 };
  const otherShare = exact
    ? meanOther(records.map((record) => (record.kind === 'policy' ? record.other : 0)))
    : invalidShare(samples.length, rounds.length);
  return {
    modelId,
    mode: params.mode,
    rounds: rounds.length,
    wins: outcome.wins,
    ties: outcome.ties,
    losses: outcome.losses,
    attempts: exact ? null : samples.length,
    invalid: tallyInvalid(samples.map((record) => record.invalid)),
    otherShare,
    measuresTheQuestion: measuresTheQuestion(otherShare),
    measures:
      rounds.length === 0
        ? null
        : {
            netScorePer100: netScoreEstimate(game, rounds),
            batchScoresPer100: batchScores(game, rounds),
            byState: GAME_STATE_VIEWS.map((view) => viewSummary(game, view, played, exact, seed)),
          },
  };
}

export function uniformControl(game: Game, opponent: Opponent, params: GameProbeParams): UniformControl {
  const seed = deriveSeed(params.seed, CONTROL_STREAM);
  const match = playMatch({ game, opponent, modelPolicy: () => uniformDistribution(game), rounds: params.rounds, seed });
  const { rounds, wins, ties, losses } = match.summary;
  return { rounds, wins, ties, losses, netScorePer100: netScoreEstimate(game, match.rounds) };
}
