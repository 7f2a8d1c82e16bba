// The two mixed-strategy games of the paper (paper-notes.md §3.3–3.4), as one shape: both players choose one of the
// same k moves at once, and the model's payoff is all that matters (the games are zero-sum, so the opponent's payoff
// is its negative). Opponents, the game loop and exploitability work on any `Game`.

export type GameId = 'rock-paper-scissors' | 'hide-and-seek';

export interface Game {
  readonly id: GameId;
  /** The game's name as shown to users. */
  readonly name: string;
  /** Both players' moves, by index: rock/paper/scissors, or the hiding places (the seeker searches one of them). */
  readonly moves: readonly string[];
  /** The model's payoff for one round; the opponent gets the negative. Both arguments are move indices. */
  payoff(modelMove: number, opponentMove: number): number;
  /** One round in words, for charts and state names, e.g. "rock vs paper" or "hid in barn, searched shed". */
  describeRound(modelMove: number, opponentMove: number): string;
}

/** One round as played: the index of each player's move. */
export interface Round {
  model: number;
  opponent: number;
}

/** The model's mixed strategy, or an opponent's: one probability per move, in the game's move order. */
export type MoveDistribution = readonly number[];

/**
 * Rock-paper-scissors: win +1, tie 0, loss −1. Moves are cyclic, each beating the one before it
 * (paper beats rock, scissors beat paper, rock beats scissors).
 */
export const ROCK_PAPER_SCISSORS: Game = {
  id: 'rock-paper-scissors',
  name: 'Rock, paper, scissors',
  moves: ['rock', 'paper', 'scissors'],
  payoff(modelMove, opponentMove) {
    checkMove(ROCK_PAPER_SCISSORS, modelMove, 'the model’s move');
    checkMove(ROCK_PAPER_SCISSORS, opponentMove, 'the opponent’s move');
    const difference = (modelMove - opponentMove + 3) % 3;
    return difference === 0 ? 0 : difference === 1 ? 1 : -1;
  },
  describeRound(modelMove, opponentMove) {
    checkMove(ROCK_PAPER_SCISSORS, modelMove, 'the model’s move');
    checkMove(ROCK_PAPER_SCISSORS, opponentMove, 'the opponent’s move');
    return `${ROCK_PAPER_SCISSORS.moves[modelMove]} vs ${ROCK_PAPER_SCISSORS.moves[opponentMove]}`;
  },
};

/**
 * Hide-and-seek with the model as the hider and the opponent as the seeker, who searches one of the k places.
 *
 * Payoff to the hider: −1 when found, +1/(k−1) when not. Why this scale: hiding uniformly at random then earns exactly
 * 0 in expectation against any seeker ((k−1)/k · 1/(k−1) − 1/k = 0), as uniform play does in rock-paper-scissors; and
 * a hider who always hides in the same place loses 1 per round to a seeker who knows it, as an always-rock player
 * does. So net scores and exploitability read the same in both games: 0 is unexploitable, 1 is fully predictable.
 * (A seeker's best response to a hider who uses the likeliest place with probability p earns (k·p − 1)/(k − 1).)
 */
export function hideAndSeek(places: readonly string[]): Game {
  if (!Array.isArray(places)) throw new TypeError('Hide-and-seek needs a list of place names.');
  if (places.length < 2) {
    throw new RangeError(`Hide-and-seek needs at least 2 places to hide in; got ${places.length}.`);
  }
  for (const place of places) {
    if (typeof place !== 'string' || place.trim() === '') {
      throw new TypeError('Every hiding place needs a name (a non-empty string).');
    }
  }
  if (new Set(places).size !== places.length) throw new RangeError('The hiding places must have different names.');
  const k = places.length;
  const game: Game = {
    id: 'hide-and-seek',
    name: `Hide-and-seek (${k} places)`,
    moves: [...places],
    payoff(modelMove, opponentMove) {
      checkMove(game, modelMove, 'the hiding place');
      checkMove(game, opponentMove, 'the searched place');
      return modelMove === opponentMove ? -1 : 1 / (k - 1);
    },
    describeRound(modelMove, opponentMove) {
      checkMove(game, modelMove, 'the hiding place');
      checkMove(game, opponentMove, 'the searched place');
      return `hid in ${places[modelMove]}, searched ${places[opponentMove]}`;
    },
  };
  return game;
}

/** Throws unless `move` is the index of one of the game's moves. */
export function checkMove(game: Game, move: number, what = 'the move'): void {
  if (!Number.isInteger(move) || move < 0 || move >= game.moves.length) {
    throw new RangeError(
      `${capitalise(what)} must be a move index from 0 to ${game.moves.length - 1} ` +
        `(${game.moves.join(', ')}); got ${move}.`,
    );
  }
}

/** Throws unless `history` is a list of rounds whose moves all belong to the game. */
export function checkHistory(game: Game, history: readonly Round[]): void {
  if (!Array.isArray(history)) throw new TypeError('The game history must be a list of rounds.');
  const k = game.moves.length;
  const isMove = (move: unknown): boolean => Number.isInteger(move) && (move as number) >= 0 && (move as number) < k;
  // Opponents re-check the whole history every round, so the messages are built only when something is wrong.
  history.forEach((round, index) => {
    if (typeof round !== 'object' || round === null) {
      throw new TypeError(`Round ${index + 1} of the history must be an object { model, opponent }.`);
    }
    if (!isMove(round.model)) checkMove(game, round.model, `the model’s move in round ${index + 1}`);
    if (!isMove(round.opponent)) checkMove(game, round.opponent, `the opponent’s move in round ${index + 1}`);
  });
}

const SUM_TOLERANCE = 1e-9;

/** Throws unless `distribution` has one non-negative probability per move of the game, summing to 1. */
export function checkDistribution(game: Game, distribution: MoveDistribution, what = 'the distribution'): void {
  if (!Array.isArray(distribution)) throw new TypeError(`${capitalise(what)} must be a list of probabilities.`);
  if (distribution.length !== game.moves.length) {
    throw new RangeError(
      `${capitalise(what)} needs one probability per move (${game.moves.length}); got ${distribution.length}.`,
    );
  }
  let sum = 0;
  for (const p of distribution) {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) {
      throw new RangeError(`${capitalise(what)} must hold finite, non-negative probabilities; got ${p}.`);
    }
    sum += p;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new RangeError(`${capitalise(what)} must sum to 1; it sums to ${sum}.`);
  }
}

/** Every move equally likely: the unexploitable strategy in both games. */
export function uniformDistribution(game: Game): number[] {
  return game.moves.map(() => 1 / game.moves.length);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
