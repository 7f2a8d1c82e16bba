// A game record: one per move asked for, with the game states before its round. Checked field by field on import
// (checkGameRecord); the rounds a model has played are read back from its records for the next prompt.
import { GAME_STATE_VIEWS, type Game, type GameStateViewId, type Round } from '../../games/index.ts';
import type { ProbeId } from '../index.ts';
import type { InvalidReason } from '../parse.ts';
import type { CommonParams, RecordBase } from '../probe.ts';
import { checkInteger, checkProbability, checkRecordBase, checkText, INVALID_REASONS, recordField } from '../shared.ts';

export type GameProbeId = Extract<ProbeId, 'rps' | 'hide-and-seek'>;

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

/**
 * What playedRounds read of a list of records: a run's records only ever grow at the end, and each step asks for the
 * rounds so far, so each call reads only the records added since the last (a 1,500-round game would otherwise build
 * over two million round objects).
 */
const playedSoFar = new WeakMap<readonly GameRecord<GameProbeId>[], { read: number; last: GameRecord<GameProbeId> | undefined; rounds: Round[] }>();

/** The rounds a model has played, in order: its records with a move (invalid sampled answers played none). */
export function playedRounds(records: readonly GameRecord<GameProbeId>[]): Round[] {
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

export function statesOf(game: Game, history: readonly Round[]): GameStates {
  return Object.fromEntries(GAME_STATE_VIEWS.map((view) => [view.id, view.stateOf(game, history)])) as GameStates;
}

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

export function checkGameRecord<Id extends GameProbeId>(record: unknown, probeId: Id, minMoves: number, maxMoves: number): GameRecord<Id> {
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
