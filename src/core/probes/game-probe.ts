// The repeated-game probes, rock-paper-scissors and hide-and-seek (design.md §4, methods.md §B2): one
// implementation, two specs. A model plays a match against an opponent from the seeded zoo, one record per move,
// with the game so far in its prompt. Exact mode reads the model's policy over the moves from its logits in every
// round (so exploitability per game state needs no sampling), draws its move from that policy with a seeded rng,
// and lets the opponent reply; sampled mode generates an answer and parses the move, as the paper did.
import {
  chooseMove,
  conditionalEntropyOfPolicies,
  exploitability,
  exploitabilityByState,
  GAME_STATE_VIEWS,
  OPPONENT_ZOO,
  playMatch,
  playRound,
  summarizeRounds,
  uniformDistribution,
  type Game,
  type GameStateView,
  type GameStateViewId,
  type Opponent,
  type Round,
} from '../games/index.ts';
import type { AnswerCandidate, ScoreRequest } from '../model.ts';
import { batchMeans, batchMeansEstimate, calibratedBootstrap, createRng, normalise } from '../stats/index.ts';
import { answerRequest, answerSlot, framePrompt, type AnswerSlot } from './framing.ts';
import type { ProbeId } from './index.ts';
import { parseChoice, type InvalidReason } from './parse.ts';
import {
  deriveSeed,
  type Claim,
  type CommonParams,
  type Estimate,
  type ProbeModel,
  type ProbeSpec,
  type RecordBase,
  type RunMode,
} from './probe.ts';
import {
  checkChoice,
  checkCommonParams,
  checkInteger,
  checkProbability,
  checkRecordBase,
  checkText,
  exactEstimate,
  INVALID_REASONS,
  measuresTheQuestion,
  recordField,
  tallyInvalid,
  perModel,
} from './shared.ts';

export type GameProbeId = Extract<ProbeId, 'rps' | 'hide-and-seek'>;

/** The prompt shows this many of the latest rounds, after the running score: at round 100 a prompt stays near
 * 500 tokens, well inside the catalog's 2,048-token context, and the opponent still learns from every round. */
export const ROUNDS_SHOWN = 20;

/** A state counts as almost fully predictable when the model's likeliest move there has at least this probability. */
export const PREDICTABLE_MAX_P = 0.9;

/** In sampled mode a state is flagged only with at least this many rounds: with fewer, a uniform player's shares
 * reach 0.9 by chance too often (all of 5 rounds alike happens 1 time in 81). */
export const MIN_ROUNDS_TO_FLAG = 10;

/** Sampled runs stop after this many answers per round asked for, however many were invalid. */
const MAX_ATTEMPTS_PER_ROUND = 2;

/** Sampled runs also stop after this many invalid answers in a row: a retried round has the same prompt, so a model
 * at temperature 0 (or one that refuses to play) would repeat itself until the attempts ran out. */
export const MAX_INVALID_IN_A_ROW = 10;

/** As many rounds as the paper collected answers per model (1,500), so a game can be compared at the same N. */
const ROUNDS_LIMIT = 1500;

// Streams of randomness per record, mixed into deriveSeed with the run seed, the model and the record index.
const MODEL_MOVE_STREAM = 1;
const OPPONENT_MOVE_STREAM = 2;
const INTERVAL_STREAM = 0x5eed;
const CONTROL_STREAM = 0xc0;

export interface GameProbeParams extends CommonParams {
  /** The id of the opponent, one of OPPONENT_ZOO's. */
  opponent: string;
  /** Rounds to play. In sampled mode an invalid answer does not play a round: the round is asked again. */
  rounds: number;
}

/** The game state before a record's round under each state view (games/state.ts), e.g. "after rock vs paper". */
export type GameStates = Record<GameStateViewId, string>;

export type GameRecord<Id extends GameProbeId> = RecordBase & {
  probeId: Id;
  /** The round this record is for: rounds played before it (0 = the first). A retried round keeps its number. */
  round: number;
  states: GameStates;
} & (
    | {
        kind: 'policy';
        /** P(move), renormalised over the moves: the distribution the model's move was drawn from, as read (that is,
         * at temperature 1: exact mode never applies the run's temperature, in any probe; see CommonParams). */
        policy: number[];
        /** The mass the model put on anything but a move, left out of `policy`. */
        other: number;
        forwardPasses: number;
        prefillTokens: number;
        modelMove: number;
        opponentMove: number;
        /** The model's payoff (games/game.ts): +1/0/−1, or −1 found / +1/(k−1) not found. */
        payoff: number;
      }
    | {
        kind: 'sample';
        text: string;
        /** null when the answer named no single move: then the round was not played. */
        modelMove: number | null;
        invalid: InvalidReason | null;
        opponentMove: number | null;
        payoff: number | null;
      }
  );

/** How a game is put into words, for chat prompts and for base models' game logs. */
export interface GameWording {
  /** The chat question's opening: who plays what, and the rules, in one or two plain sentences. */
  rules: string;
  /** The first line of a base model's game log: its title and the same rules. */
  logHeader: string;
  /** One past round, after "Round n: ", e.g. "you played rock, your opponent played paper. You lost." */
  describeRound(round: Round): string;
  /** The running score after the rounds so far. */
  score(rounds: readonly Round[]): string;
  /** The chat question for the next round, after "Round n: ". */
  question: string;
  /** The start of the next log line in a base model's game log, after "Round n: ", ending where the move goes. */
  logOpening: string;
  /** Every form in which a move may follow the prompt in `slot`, e.g. ["rock", "Rock"] after a chat turn, [" rock",
   * " Rock"] in a log (framing.ts answerVariants). */
  variants(move: string, slot: AnswerSlot): string[];
}

export interface GameProbeConfig<Id extends GameProbeId, Params extends GameProbeParams> {
  id: Id;
  version: string;
  title: string;
  claim: Claim;
  defaultParams: Params;
  /** The fewest and most moves a game of this probe can have, for checking a record without its run's parameters. */
  minMoves: number;
  maxMoves: number;
  gameOf(params: Params): Game;
  wordingOf(game: Game): GameWording;
  /** Adds this game's own parameters to the checked shared ones. */
  checkGameParams(params: object, shared: GameProbeParams): Params;
}

/** A number of rounds in words: "1 round", "20 rounds". */
export function roundsInWords(count: number, noun = 'round'): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "rock, paper or scissors". */
export function orList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The opponent with this id from the zoo. */
function opponentById(id: string): Opponent {
  const opponent = OPPONENT_ZOO.find((candidate) => candidate.id === id);
  if (opponent === undefined) throw new RangeError(`There is no opponent "${id}" in the zoo.`);
  return opponent;
}

/**
 * What playedRounds read of a list of records: a run's records only ever grow at the end, and each step asks for the
 * rounds so far, so each call reads only the records added since the last (a 1,500-round game would otherwise build
 * over two million round objects).
 */
const playedSoFar = new WeakMap<readonly GameRecord<GameProbeId>[], { read: number; last: GameRecord<GameProbeId> | undefined; rounds: Round[] }>();

/** The rounds a model has played, in order: its records with a move (invalid sampled answers played none). */
function playedRounds(records: readonly GameRecord<GameProbeId>[]): Round[] {
  const cached = playedSoFar.get(records);
  // The cache holds only while the records it read are still there, unchanged, at the start of the list.
  const reuse = cached !== undefined && cached.read <= records.length && records[cached.read - 1] === cached.last;
  const rounds = reuse ? cached.rounds : [];
  for (let i = reuse ? cached.read : 0; i < records.length; i++) {
    const record = records[i] as GameRecord<GameProbeId>;
    if (record.modelMove !== null && record.opponentMove !== null) rounds.push({ model: record.modelMove, opponent: record.opponentMove });
  }
  playedSoFar.set(records, { read: records.length, last: records.at(-1), rounds });
  // A copy: the cached list grows with later records, which a caller's history must not.
  return rounds.slice();
}

function statesOf(game: Game, history: readonly Round[]): GameStates {
  return Object.fromEntries(GAME_STATE_VIEWS.map((view) => [view.id, view.stateOf(game, history)])) as GameStates;
}

/** The running score and the latest rounds, one line each; empty before the first round. */
function historyLines(wording: GameWording, history: readonly Round[]): string[] {
  if (history.length === 0) return [];
  const firstShown = Math.max(0, history.length - ROUNDS_SHOWN);
  const lines = [wording.score(history)];
  if (firstShown === 1) lines.push('Round 1 is not shown.');
  if (firstShown > 1) lines.push(`Rounds 1 to ${firstShown} are not shown.`);
  history.slice(firstShown).forEach((round, i) => lines.push(`Round ${firstShown + i + 1}: ${wording.describeRound(round)}`));
  return lines;
}

/** The chat question: the rules, the game so far and the question for the next round. */
function gameQuestion(wording: GameWording, history: readonly Round[]): string {
  const past = historyLines(wording, history);
  const next = `Round ${history.length + 1}: ${wording.question}`;
  return [wording.rules, ...(past.length > 0 ? [past.join('\n')] : []), next].join('\n\n');
}

/** A base model's game log, ending where its next move goes ("Round 12: you played"). */
function gameLog(wording: GameWording, history: readonly Round[]): string {
  const lines = [...historyLines(wording, history), `Round ${history.length + 1}: ${wording.logOpening}`];
  return `${wording.logHeader}\n\n${lines.join('\n')}`;
}

/** The request for the model's move: every move in every form the slot allows, ended as every probe's answers are. */
function scoreRequest(game: Game, wording: GameWording, prompt: string, slot: AnswerSlot): ScoreRequest {
  const candidates: AnswerCandidate[] = game.moves.map((move) => ({ answer: move, variants: wording.variants(move, slot) }));
  return answerRequest(prompt, candidates);
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries

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

function summarizeModel<Id extends GameProbeId>(
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
    ? records.reduce((sum, record) => sum + (record.kind === 'policy' ? record.other : 0), 0) / Math.max(1, records.length)
    : (samples.length - rounds.length) / Math.max(1, samples.length);
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

function uniformControl(game: Game, opponent: Opponent, params: GameProbeParams): UniformControl {
  const seed = deriveSeed(params.seed, CONTROL_STREAM);
  const match = playMatch({ game, opponent, modelPolicy: () => uniformDistribution(game), rounds: params.rounds, seed });
  const { rounds, wins, ties, losses } = match.summary;
  return { rounds, wins, ties, losses, netScorePer100: netScoreEstimate(game, match.rounds) };
}

// ---------------------------------------------------------------------------------------------------------------
// Records

function checkMoveIndex(value: unknown, name: string, maxMoves: number): number {
  return checkInteger(value, name, 0, maxMoves - 1);
}

function checkStates(value: unknown): GameStates {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('A record must give its game states as an object, one per state view.');
  }
  const states = Object.fromEntries(
    GAME_STATE_VIEWS.map((view) => [view.id, checkText((value as Record<string, unknown>)[view.id], `The "${view.id}" state`, 200)]),
  ) as GameStates;
  if (Object.keys(value).length !== GAME_STATE_VIEWS.length) throw new RangeError('A record gives a state for an unknown state view.');
  return states;
}

function checkPayoff(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < -1 || value > 1) {
    throw new RangeError(`The payoff must be a number from −1 to 1; got ${JSON.stringify(value)}.`);
  }
  return value;
}

function checkGameRecord<Id extends GameProbeId>(record: unknown, probeId: Id, minMoves: number, maxMoves: number): GameRecord<Id> {
  const base = checkRecordBase(record, probeId);
  const shared = {
    ...base,
    round: checkInteger(recordField(record, 'round'), 'The round', 0, base.index),
    states: checkStates(recordField(record, 'states')),
  };
  const kind = recordField(record, 'kind');
  if (kind === 'policy') {
    const policy = recordField(record, 'policy');
    if (!Array.isArray(policy) || policy.length < minMoves || policy.length > maxMoves) {
      const moves = minMoves === maxMoves ? `${minMoves}` : `${minMoves} to ${maxMoves}`;
      throw new RangeError(`A policy record must give one probability per move (${moves}).`);
    }
    const checked = policy.map((p, i) => checkProbability(p, `P(move ${i})`));
    const sum = checked.reduce((total, p) => total + p, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`A policy must sum to 1 over the moves; it sums to ${sum}.`);
    const modelMove = checkMoveIndex(recordField(record, 'modelMove'), "The model's move", checked.length);
    if (checked[modelMove] === 0) throw new RangeError("The model's move has probability 0 in its own policy.");
    if (shared.round !== base.index) throw new RangeError('In exact mode every record plays a round, so its round must equal its index.');
    return {
      ...shared,
      kind,
      policy: checked,
      other: checkProbability(recordField(record, 'other'), 'P(other)'),
      forwardPasses: checkInteger(recordField(record, 'forwardPasses'), 'The forward passes', 0, 1_000_000),
      prefillTokens: checkInteger(recordField(record, 'prefillTokens'), 'The prefill tokens', 0, 100_000_000),
      modelMove,
      opponentMove: checkMoveIndex(recordField(record, 'opponentMove'), "The opponent's move", checked.length),
      payoff: checkPayoff(recordField(record, 'payoff')),
    };
  }
  if (kind === 'sample') {
    const invalid = recordField(record, 'invalid');
    if (invalid !== null && !INVALID_REASONS.includes(invalid as InvalidReason)) {
      throw new RangeError('Unknown reason for an invalid answer.');
    }
    const text = checkText(recordField(record, 'text'), 'The generated text');
    if (invalid !== null) {
      if (['modelMove', 'opponentMove', 'payoff'].some((name) => recordField(record, name) !== null)) {
        throw new RangeError('An invalid answer plays no round: its moves and payoff must be null.');
      }
      return { ...shared, kind, text, modelMove: null, invalid: invalid as InvalidReason, opponentMove: null, payoff: null };
    }
    return {
      ...shared,
      kind,
      text,
      modelMove: checkMoveIndex(recordField(record, 'modelMove'), "The model's move", maxMoves),
      invalid: null,
      opponentMove: checkMoveIndex(recordField(record, 'opponentMove'), "The opponent's move", maxMoves),
      payoff: checkPayoff(recordField(record, 'payoff')),
    };
  }
  throw new TypeError('A record of this probe is either a "policy" or a "sample".');
}

// ---------------------------------------------------------------------------------------------------------------
// The spec

function validRounds(records: readonly GameRecord<GameProbeId>[]): number {
  return records.filter((record) => record.modelMove !== null).length;
}

function invalidInARow(records: readonly GameRecord<GameProbeId>[]): number {
  const lastValid = records.findLastIndex((record) => record.modelMove !== null);
  return records.length - 1 - lastValid;
}

function isComplete(records: readonly GameRecord<GameProbeId>[], params: GameProbeParams): boolean {
  if (params.mode === 'exact') return records.length >= params.rounds;
  return (
    // The runner asks after every record: without enough records the rounds cannot be complete (no count needed).
    (records.length >= params.rounds && validRounds(records) >= params.rounds) ||
    records.length >= params.rounds * MAX_ATTEMPTS_PER_ROUND ||
    invalidInARow(records) >= MAX_INVALID_IN_A_ROW
  );
}

export function createGameProbe<Id extends GameProbeId, Params extends GameProbeParams>(
  config: GameProbeConfig<Id, Params>,
): ProbeSpec<Params, GameRecord<Id>, GameSummary> {
  const promptFor = (params: Params, probeModel: ProbeModel, previous: readonly GameRecord<Id>[]): string => {
    const game = config.gameOf(params);
    const wording = config.wordingOf(game);
    const history = playedRounds(previous);
    return framePrompt(probeModel, params.framing, gameQuestion(wording, history), () => gameLog(wording, history));
  };

  return {
    id: config.id,
    version: config.version,
    title: config.title,
    claim: config.claim,
    modes: ['exact', 'sampled'],
    defaultParams: config.defaultParams,

    checkParams(params) {
      const common = checkCommonParams(params);
      const fields = params as Record<string, unknown>;
      const shared: GameProbeParams = {
        ...common,
        opponent: checkChoice(fields.opponent, 'The opponent', OPPONENT_ZOO.map((opponent) => opponent.id)),
        rounds: checkInteger(fields.rounds, 'The number of rounds', 1, ROUNDS_LIMIT),
      };
      return config.checkGameParams(fields, shared);
    },

    checkRecord: (record) => checkGameRecord(record, config.id, config.minMoves, config.maxMoves),
    prompt: promptFor,
    isComplete,

    progress(records, params) {
      if (isComplete(records, params)) return 1;
      if (params.mode === 'exact') return records.length / params.rounds;
      return Math.max(validRounds(records) / params.rounds, records.length / (params.rounds * MAX_ATTEMPTS_PER_ROUND));
    },

    async runStep({ params, probeModel, modelIndex, index, previous, signal }) {
      const game = config.gameOf(params);
      const wording = config.wordingOf(game);
      const opponent = opponentById(params.opponent);
      const history = playedRounds(previous);
      const prompt = promptFor(params, probeModel, previous);
      const shared = { probeId: config.id, modelId: probeModel.model.id, index, round: history.length, states: statesOf(game, history) };
      // The opponent draws from its own stream, so its move does not depend on how the model's move was drawn.
      const opponentRng = createRng(deriveSeed(params.seed, modelIndex, index, OPPONENT_MOVE_STREAM));

      if (params.mode === 'exact') {
        const slot = answerSlot(probeModel, params.framing);
        const result = await probeModel.model.score(scoreRequest(game, wording, prompt, slot), { signal });
        const mass = result.answers.reduce((sum, answer) => sum + answer.probability, 0);
        if (!(mass > 0)) {
          throw new RangeError(
            `${probeModel.model.id} gives no probability to any move after this prompt, so no move can be drawn. ` +
              'Try the other framing, or sampled mode.',
          );
        }
        const policy = result.answers.map((answer) => answer.probability / mass);
        const modelMove = chooseMove(policy, createRng(deriveSeed(params.seed, modelIndex, index, MODEL_MOVE_STREAM)));
        const round = playRound(game, history, modelMove, opponent, opponentRng);
        return {
          ...shared,
          kind: 'policy',
          policy,
          other: result.otherProbability,
          forwardPasses: result.cost.forwardPasses,
          prefillTokens: result.cost.prefillTokens,
          modelMove,
          opponentMove: round.opponent,
          payoff: round.payoff,
        };
      }

      // "," and "." end the move too: a base model continues its log line ("rock, your opponent played paper").
      const generated = await probeModel.model.generate(
        { prompt, temperature: params.temperature, seed: deriveSeed(params.seed, modelIndex, index), maxTokens: 8, stop: ['\n', ',', '.'] },
        { signal },
      );
      const parsed = parseChoice(generated.text, game.moves);
      const sample = { ...shared, kind: 'sample' as const, text: generated.text };
      if (!parsed.ok) {
        return { ...sample, modelMove: null, invalid: parsed.reason, opponentMove: null, payoff: null };
      }
      const round = playRound(game, history, parsed.value, opponent, opponentRng);
      return { ...sample, modelMove: parsed.value, invalid: null, opponentMove: round.opponent, payoff: round.payoff };
    },

    summarize(records, params, modelIds) {
      const game = config.gameOf(params);
      const opponent = opponentById(params.opponent);
      return {
        game: { name: game.name, moves: [...game.moves] },
        opponent: { id: opponent.id, name: opponent.name, description: opponent.description },
        models: perModel(records, modelIds, (own, modelId, modelIndex) => summarizeModel(game, own, params, modelId, modelIndex)),
        uniformControl: uniformControl(game, opponent, params),
        maxEntropyBits: Math.log2(game.moves.length),
        predictableAt: PREDICTABLE_MAX_P,
      };
    },
  };
}
