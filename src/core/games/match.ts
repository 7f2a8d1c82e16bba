// The game loop. `playRound` is the single step the probe runner calls with a move it got from a model
// (asynchronously, elsewhere); `playMatch` runs a whole match against a synchronous policy, for tests, simulations
// and the "what would a uniform player score" controls.

import { createRng } from '../stats/rng.ts';
import {
  checkDistribution,
  checkHistory,
  checkMove,
  type Game,
  type MoveDistribution,
  type Round,
} from './game.ts';
import type { Opponent } from './opponents.ts';

/** A round with the model's payoff in it (the opponent's is its negative). */
export interface PlayedRound extends Round {
  payoff: number;
}

/** The model's side in a simulated match: its move distribution for the next round, given the rounds so far. */
export type ModelPolicy = (history: readonly Round[]) => MoveDistribution;

export interface MatchSummary {
  rounds: number;
  /** Rounds with a positive payoff for the model (in hide-and-seek: not found). */
  wins: number;
  ties: number;
  /** Rounds with a negative payoff for the model (in hide-and-seek: found). */
  losses: number;
  /** 100 × the model's mean payoff per round: uniform play scores 0 in expectation (the paper's scale). */
  netScorePer100: number;
}

export interface MatchResult {
  rounds: PlayedRound[];
  summary: MatchSummary;
}

export interface MatchOptions {
  game: Game;
  opponent: Opponent;
  modelPolicy: ModelPolicy;
  /** How many rounds to play (1 or more). */
  rounds: number;
  /** Seeds the one rng of the match: each round draws the model's move, then the opponent's. */
  seed: number;
}

/**
 * Samples a move index from a distribution with the given rng: one draw, always, so streams stay aligned. A move
 * with probability 0 is never picked.
 */
export function chooseMove(distribution: MoveDistribution, rng: () => number): number {
  if (!Array.isArray(distribution) || distribution.length === 0) {
    throw new TypeError('chooseMove needs a non-empty list of probabilities.');
  }
  if (typeof rng !== 'function') throw new TypeError('chooseMove needs an rng function (see createRng).');
  let total = 0;
  for (const p of distribution) {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) {
      throw new RangeError(`Move probabilities must be finite and non-negative; got ${p}.`);
    }
    total += p;
  }
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`Move probabilities must sum to 1; they sum to ${total}.`);
  const draw = rng();
  if (!(draw >= 0 && draw < 1)) throw new RangeError(`The rng must return numbers in [0, 1); got ${draw}.`);
  const lastPossible = distribution.findLastIndex((p) => p > 0);
  let cumulative = 0;
  for (let move = 0; move < lastPossible; move++) {
    cumulative += distribution[move]! / total;
    if (draw < cumulative) return move;
  }
  return lastPossible;
}

/**
 * One round: the opponent picks its move from the history alone (it never sees `modelMove`), sampled with `rng`,
 * and the round is scored. The caller appends the returned round to its history.
 */
export function playRound(
  game: Game,
  history: readonly Round[],
  modelMove: number,
  opponent: Opponent,
  rng: () => number,
): PlayedRound {
  checkHistory(game, history);
  checkMove(game, modelMove, 'the model’s move');
  const distribution = opponent.distribution(game, history);
  checkDistribution(game, distribution, `the ${opponent.name} opponent's distribution`);
  const opponentMove = chooseMove(distribution, rng);
  return { model: modelMove, opponent: opponentMove, payoff: game.payoff(modelMove, opponentMove) };
}

/** Plays a whole match of a synchronous model policy against an opponent; the same seed gives the same match. */
export function playMatch(options: MatchOptions): MatchResult {
  const { game, opponent, modelPolicy, rounds, seed } = options;
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new RangeError(`A match needs a whole number of rounds (1 or more); got ${rounds}.`);
  }
  if (typeof modelPolicy !== 'function') throw new TypeError('playMatch needs a modelPolicy function.');
  const rng = createRng(seed);
  const played: PlayedRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const policy = modelPolicy(played);
    checkDistribution(game, policy, `the model policy in round ${round + 1}`);
    const modelMove = chooseMove(policy, rng);
    played.push(playRound(game, played, modelMove, opponent, rng));
  }
  return { rounds: played, summary: summarizeRounds(game, played) };
}

/** Wins, ties, losses and the net score per 100 rounds, from the model's side. */
export function summarizeRounds(game: Game, rounds: readonly Round[]): MatchSummary {
  checkHistory(game, rounds);
  if (rounds.length === 0) throw new RangeError('A match summary needs at least one round.');
  let wins = 0;
  let ties = 0;
  let losses = 0;
  let total = 0;
  for (const round of rounds) {
    const payoff = game.payoff(round.model, round.opponent);
    total += payoff;
    if (payoff > 0) wins += 1;
    else if (payoff < 0) losses += 1;
    else ties += 1;
  }
  return { rounds: rounds.length, wins, ties, losses, netScorePer100: (100 * total) / rounds.length };
}

export interface FoundRate {
  rounds: number;
  /** Rounds in which the seeker searched the place where the model hid. */
  found: number;
  rate: number;
  /** The found-rate of a hider who hides uniformly at random: 1/k. */
  chance: number;
}

/** Hide-and-seek only: how often the seeker found the model, next to the 1/k a uniform hider would give. */
export function foundRate(game: Game, rounds: readonly Round[]): FoundRate {
  if (game.id !== 'hide-and-seek') throw new RangeError(`The found-rate is a hide-and-seek number; got ${game.name}.`);
  checkHistory(game, rounds);
  if (rounds.length === 0) throw new RangeError('A found-rate needs at least one round.');
  const found = rounds.filter((round) => round.model === round.opponent).length;
  return { rounds: rounds.length, found, rate: found / rounds.length, chance: 1 / game.moves.length };
}
