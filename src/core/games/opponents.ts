// The opponent zoo (methods.md §B2), weakest first. Each opponent is a pure function of the game and the rounds so
// far: it returns the probability of each of its next moves, and `chooseMove` (match.ts) samples that with a seeded
// rng. Returning the distribution rather than a move keeps the randomness in one place, so a match repeats exactly
// for a seed, and the exact expected score of a round can be computed from the model's own distribution.
//
// The same opponents play hide-and-seek as the seeker: "the counter" to a predicted hiding place is searching there.
// The learning opponents predict the model's next move (when several moves are equally likely, the prediction is
// split evenly between them) and play the best reply to that prediction (equally good replies are also split
// evenly); with nothing to go on yet they play uniformly at random.
//
// Each call re-reads the whole history, so a match of n rounds costs O(n²). Measured in Node on a 2-core server:
// a 100-round match against the ensemble (the slowest) takes about 15 ms and a 1,000-round match under a second;
// a model in a browser plays 50–100 rounds per match (methods.md §B2).

import { checkHistory, checkMove, uniformDistribution, type Game, type Round } from './game.ts';

export interface Opponent {
  /** Stable id, used in records and links, e.g. "markov-1". */
  readonly id: string;
  /** Short name shown to users. */
  readonly name: string;
  /** One plain sentence saying how it plays, shown to users. */
  readonly description: string;
  /** The probability of each of the opponent's moves in the next round, given the rounds so far. */
  distribution(game: Game, history: readonly Round[]): number[];
}

/** Always plays the same move: `move` is its index (0 = rock, or the first hiding place). */
export function constantOpponent(move = 0): Opponent {
  if (!Number.isInteger(move) || move < 0) {
    throw new RangeError(`The constant opponent's move must be a move index (0, 1, 2, …); got ${move}.`);
  }
  return {
    id: move === 0 ? 'constant' : `constant-${move}`,
    name: 'Always the same',
    description:
      move === 0
        ? 'Always makes the same choice, the first on the list, whatever you do.'
        : `Always makes the same choice, number ${move + 1} on the list, whatever you do.`,
    distribution(game, history) {
      checkHistory(game, history);
      checkMove(game, move, 'the constant opponent’s move');
      return pointMass(game.moves.length, move);
    },
  };
}

/** Plays the moves in order, one per round (rock, paper, scissors, rock, …), ignoring the model. */
export const CYCLE_OPPONENT: Opponent = {
  id: 'cycle',
  name: 'Cycler',
  description: 'Goes through the choices in order, one per round, whatever you do.',
  distribution(game, history) {
    checkHistory(game, history);
    return pointMass(game.moves.length, history.length % game.moves.length);
  },
};

/** Expects the model to repeat its previous move and plays the counter to it. */
export const BEAT_LAST_OPPONENT: Opponent = predictingOpponent(
  'beat-last',
  'Beat your last move',
  'Expects you to repeat your last choice and plays the counter to it.',
  predictRepeat,
);

/**
 * Plays the counter to the model's most frequent move (ties split evenly), over the whole match or only the last
 * `window` rounds.
 */
export function frequencyOpponent(options: { window?: number } = {}): Opponent {
  const window = options.window ?? Infinity;
  if (window !== Infinity && (!Number.isInteger(window) || window < 1)) {
    throw new RangeError(`The frequency counter's window must be a whole number of rounds (1 or more); got ${window}.`);
  }
  return predictingOpponent(
    window === Infinity ? 'frequency' : `frequency-${window}`,
    'Frequency counter',
    window === Infinity
      ? 'Counts your choices and plays the counter to the one you make most often.'
      : `Counts your choices in the last ${window} rounds and plays the counter to the one you made most often.`,
    predictMostFrequent(window),
  );
}

/**
 * A Markov model of the model's play: for every combination of both players' moves in the last `order` rounds, it
 * counts what the model played next, and plays the counter to the move it played most often after the current one.
 */
export function markovOpponent(order: number): Opponent {
  if (!Number.isInteger(order) || order < 1 || order > 4) {
    throw new RangeError(`The Markov opponent looks back 1 to 4 rounds; got ${order}.`);
  }
  const span = order === 1 ? 'the previous round' : `the previous ${order} rounds`;
  return predictingOpponent(
    `markov-${order}`,
    order === 1 ? 'Markov (one round back)' : `Markov (${order} rounds back)`,
    `Learns what you tend to choose after each combination of both players' choices in ${span}, ` +
      'and plays the counter to your likeliest next choice.',
    predictMarkov(order),
  );
}

/**
 * History matching: finds the longest run of recent rounds (both players' moves, up to `maxLength` rounds) that
 * happened before, and plays the counter to what the model played right after its latest earlier occurrence.
 */
export function patternMatcherOpponent(options: { maxLength?: number } = {}): Opponent {
  const maxLength = options.maxLength ?? 6;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 20) {
    throw new RangeError(`The pattern matcher looks back 1 to 20 rounds; got ${maxLength}.`);
  }
  return predictingOpponent(
    maxLength === 6 ? 'pattern' : `pattern-${maxLength}`,
    'Pattern matcher',
    'Finds the longest stretch of recent rounds that happened before, ' +
      'and plays the counter to what you chose right after it.',
    predictLongestPattern(maxLength),
  );
}

/**
 * An Iocaine Powder-style ensemble (after Dan Egnor's winner of the first RoShamBo programming competition).
 * Candidates: each predictor below × each of the k "rotations" of its prediction (the model plays the predicted move
 * shifted by 0, 1, … k−1 places). In rock-paper-scissors the three rotations are exactly Iocaine's naive,
 * second-guess and triple-guess strategies; in hide-and-seek they cover a hider who keeps moving a fixed number of
 * places on. Each candidate is scored by what its reply would have earned in every past round, and the opponent plays
 * the reply of the best-scoring one (ties split evenly), or uniformly at random while no candidate is ahead.
 *
 * Simplified from Iocaine: one scoring horizon (the whole match) instead of six, no meta-level choosing between
 * horizons, and no strategies that predict the opponent's own moves from the model's point of view (in
 * hide-and-seek the hider's answer to a predicted search is not one place). Uniform play stands in for its
 * random-guess hedge: while no candidate is ahead, the ensemble itself cannot be exploited.
 */
export const IOCAINE_OPPONENT: Opponent = {
  id: 'iocaine',
  name: 'Iocaine-style ensemble',
  description:
    'Runs the other predictors (last move, frequency, Markov, pattern), each also second-guessing you, keeps score ' +
    'of how each would have done so far, and follows the best; while none is ahead it plays at random.',
  distribution(game, history) {
    checkHistory(game, history);
    return iocaineDistribution(game, history);
  },
};

/** The zoo with its default settings, from weakest to strongest. */
export const OPPONENT_ZOO: readonly Opponent[] = [
  constantOpponent(0),
  CYCLE_OPPONENT,
  BEAT_LAST_OPPONENT,
  frequencyOpponent(),
  frequencyOpponent({ window: 10 }),
  markovOpponent(1),
  markovOpponent(2),
  patternMatcherOpponent(),
  IOCAINE_OPPONENT,
];

/**
 * A predictor reads the history and, for every round t = 0…n (n = rounds played), predicts the distribution of the
 * model's move in round t from the rounds before t alone; null where it has nothing to go on. Predicting every
 * prefix in one pass lets the ensemble score predictors on past rounds without re-reading the history each time.
 * Single-move predictions share one array per move (from `pointMasses`), so the ensemble can cache its replies.
 */
type Prediction = readonly number[] | null;
/**
 * `latest`, where a predictor has it, gives the last entry of its predictions (the next round's) without predicting
 * every earlier round: an opponent needs only that one, and a long match asks for it every round.
 */
type Predictor = ((game: Game, history: readonly Round[]) => Prediction[]) & {
  latest?: (game: Game, history: readonly Round[]) => Prediction;
};

function predictingOpponent(id: string, name: string, description: string, predictor: Predictor): Opponent {
  return {
    id,
    name,
    description,
    distribution(game, history) {
      checkHistory(game, history);
      const prediction = predictor.latest ? predictor.latest(game, history) : (predictor(game, history)[history.length] ?? null);
      return prediction === null ? uniformDistribution(game) : bestReply(payoffTable(game), prediction);
    },
  };
}

function predictRepeat(game: Game, history: readonly Round[]): Prediction[] {
  const points = pointMasses(game.moves.length);
  return [null, ...history.map((round) => points[round.model]!)];
}

predictRepeat.latest = (game: Game, history: readonly Round[]): Prediction => {
  const last = history.at(-1);
  return last === undefined ? null : pointMasses(game.moves.length)[last.model]!;
};

function predictMostFrequent(window: number): Predictor {
  const latest = (game: Game, history: readonly Round[]): Prediction => {
    if (history.length === 0) return null;
    const counts = new Array<number>(game.moves.length).fill(0);
    for (let t = Math.max(0, history.length - window); t < history.length; t++) counts[history[t]!.model]! += 1;
    return evenOverLargest(counts, pointMasses(game.moves.length));
  };
  const all = (game: Game, history: readonly Round[]): Prediction[] => {
    const points = pointMasses(game.moves.length);
    const counts = new Array<number>(game.moves.length).fill(0);
    const predictions: Prediction[] = [];
    for (let t = 0; t <= history.length; t++) {
      predictions.push(t === 0 ? null : evenOverLargest(counts, points));
      const entering = history[t];
      if (entering === undefined) break;
      counts[entering.model]! += 1;
      const leaving = history[t - window];
      if (leaving !== undefined) counts[leaving.model]! -= 1;
    }
    return predictions;
  };
  return Object.assign(all, { latest });
}

function predictMarkov(order: number): Predictor {
  return (game, history) => {
    const points = pointMasses(game.moves.length);
    const symbols = jointSymbols(game, history);
    const nextMoveCounts = new Map<string, number[]>();
    const predictions: Prediction[] = [];
    for (let t = 0; t <= history.length; t++) {
      const context = t >= order ? runKeysEndingBefore(symbols, t, order)[order - 1]! : null;
      const counts = context === null ? undefined : nextMoveCounts.get(context);
      predictions.push(counts === undefined ? null : evenOverLargest(counts, points));
      const round = history[t];
      if (round === undefined || context === null) continue;
      const updated = counts ?? new Array<number>(game.moves.length).fill(0);
      updated[round.model]! += 1;
      nextMoveCounts.set(context, updated);
    }
    return predictions;
  };
}

function predictLongestPattern(maxLength: number): Predictor {
  return (game, history) => {
    const points = pointMasses(game.moves.length);
    const symbols = jointSymbols(game, history);
    // Key: a run of joint moves; value: the model's move right after the latest earlier occurrence of that run.
    const nextMoveAfter = new Map<string, number>();
    const predictions: Prediction[] = [];
    for (let t = 0; t <= history.length; t++) {
      const runs = runKeysEndingBefore(symbols, t, maxLength);
      let prediction: Prediction = null;
      for (let length = runs.length; length >= 1 && prediction === null; length--) {
        const next = nextMoveAfter.get(runs[length - 1]!);
        if (next !== undefined) prediction = points[next]!;
      }
      predictions.push(prediction);
      const round = history[t];
      // Recorded only after predicting round t, so a run is never matched against itself.
      if (round !== undefined) for (const run of runs) nextMoveAfter.set(run, round.model);
    }
    return predictions;
  };
}

const IOCAINE_PREDICTORS: readonly Predictor[] = [
  predictRepeat,
  predictMostFrequent(Infinity),
  predictMarkov(1),
  predictMarkov(2),
  predictLongestPattern(6),
];

const SCORE_TIE_TOLERANCE = 1e-9;

/** For one prediction: the reply to each rotation of it, and what each reply earns against each model move. */
interface RotatedReplies {
  replies: number[][];
  gains: number[][];
}

function iocaineDistribution(game: Game, history: readonly Round[]): number[] {
  const k = game.moves.length;
  const payoffs = payoffTable(game);
  const cache = new Map<readonly number[], RotatedReplies>();
  const repliesTo = (prediction: readonly number[]): RotatedReplies => {
    let entry = cache.get(prediction);
    if (entry === undefined) {
      const replies = game.moves.map((_, shift) => bestReply(payoffs, rotate(prediction, shift)));
      const gains = replies.map((reply) =>
        game.moves.map((__, model) => opponentExpectedPayoff(payoffs, model, reply)),
      );
      entry = { replies, gains };
      cache.set(prediction, entry);
    }
    return entry;
  };

  const n = history.length;
  let bestScore = 0;
  let bestReplies: number[][] = [];
  for (const predictor of IOCAINE_PREDICTORS) {
    const predictions = predictor(game, history);
    const scores = new Array<number>(k).fill(0);
    for (let t = 0; t < n; t++) {
      const prediction = predictions[t];
      if (prediction === null || prediction === undefined) continue;
      const { gains } = repliesTo(prediction);
      const modelMove = history[t]!.model;
      for (let shift = 0; shift < k; shift++) scores[shift]! += gains[shift]![modelMove]!;
    }
    const now = predictions[n];
    if (now === null || now === undefined) continue;
    const { replies } = repliesTo(now);
    scores.forEach((score, shift) => {
      if (score > bestScore + SCORE_TIE_TOLERANCE) {
        bestScore = score;
        bestReplies = [replies[shift]!];
      } else if (score > 0 && Math.abs(score - bestScore) <= SCORE_TIE_TOLERANCE) {
        bestReplies.push(replies[shift]!);
      }
    });
  }
  if (bestReplies.length === 0) return uniformDistribution(game);
  return game.moves.map((_, move) => bestReplies.reduce((sum, reply) => sum + reply[move]!, 0) / bestReplies.length);
}

/** The model's payoff for each (model move, opponent move) pair, read once per call. */
function payoffTable(game: Game): number[][] {
  return game.moves.map((_, model) => game.moves.map((__, opponent) => game.payoff(model, opponent)));
}

const REPLY_TIE_TOLERANCE = 1e-12;

/** The opponent's best reply to a predicted distribution of the model's move, ties split evenly. */
function bestReply(payoffs: number[][], predicted: readonly number[]): number[] {
  const k = predicted.length;
  const values: number[] = [];
  for (let reply = 0; reply < k; reply++) {
    let value = 0;
    for (let model = 0; model < k; model++) value -= predicted[model]! * payoffs[model]![reply]!;
    values.push(value);
  }
  const best = Math.max(...values);
  return evenOver(values.map((value) => value >= best - REPLY_TIE_TOLERANCE));
}

function opponentExpectedPayoff(payoffs: number[][], modelMove: number, reply: readonly number[]): number {
  let value = 0;
  reply.forEach((p, move) => (value -= p * payoffs[modelMove]![move]!));
  return value;
}

/** The prediction with every move shifted `shift` places on (move m becomes m + shift, wrapping round). */
function rotate(distribution: readonly number[], shift: number): number[] {
  const k = distribution.length;
  return distribution.map((_, move) => distribution[(move - shift + k) % k]!);
}

/** Each round as one number (model move × k + opponent move), so runs of rounds compare as strings. */
function jointSymbols(game: Game, history: readonly Round[]): number[] {
  return history.map((round) => round.model * game.moves.length + round.opponent);
}

/** Keys of the runs of 1, 2, … up to `maxLength` rounds that end just before round t (fewer near the start). */
function runKeysEndingBefore(symbols: readonly number[], t: number, maxLength: number): string[] {
  const keys: string[] = [];
  let key = '';
  for (let length = 1; length <= Math.min(maxLength, t); length++) {
    key = length === 1 ? String(symbols[t - 1]) : `${symbols[t - length]},${key}`;
    keys.push(key);
  }
  return keys;
}

/** One shared array per move, each putting all probability on that move. */
function pointMasses(k: number): number[][] {
  return Array.from({ length: k }, (_, move) => Array.from({ length: k }, (__, index) => (index === move ? 1 : 0)));
}

function pointMass(k: number, move: number): number[] {
  return Array.from({ length: k }, (_, index) => (index === move ? 1 : 0));
}

function evenOverLargest(counts: readonly number[], points: readonly number[][]): readonly number[] {
  const largest = Math.max(...counts);
  const tied = counts.filter((count) => count === largest).length;
  return tied === 1 ? points[counts.indexOf(largest)]! : evenOver(counts.map((count) => count === largest));
}

function evenOver(chosen: readonly boolean[]): number[] {
  const howMany = chosen.filter(Boolean).length;
  return chosen.map((isChosen) => (isChosen ? 1 / howMany : 0));
}

