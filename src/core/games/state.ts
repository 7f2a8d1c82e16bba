// Game states: what the model's next move is conditioned on. The paper finds aligned models "almost fully
// predictable in some game states" (paper-notes.md §3.3), so per-state policies, exploitability and entropy are
// reported under a state view. Each view maps the history so far to a readable key (charts show it as is).

import { checkHistory, type Game, type Round } from './game.ts';

export type GameStateViewId = 'last-round' | 'last-outcome' | 'last-model-move';

export interface GameStateView {
  readonly id: GameStateViewId;
  /** What the view conditions on, in words. */
  readonly name: string;
  /** The state before the next round, after `history`; "start" before the first round. */
  stateOf(game: Game, history: readonly Round[]): string;
  /** Every state the view can give for this game, "start" first, in a stable order (for charts and tables). */
  states(game: Game): string[];
}

export const START_STATE = 'start';

/**
 * A view that reads only the previous round: "start" before the first, else `keyOf` that round. `keys` lists what
 * `keyOf` can give for the game, so every view's states begin with "start" in one place.
 */
function previousRoundView(view: {
  id: GameStateViewId;
  name: string;
  keyOf(game: Game, last: Round): string;
  keys(game: Game): string[];
}): GameStateView {
  return {
    id: view.id,
    name: view.name,
    stateOf(game, history) {
      checkHistory(game, history);
      const last = history.at(-1);
      return last === undefined ? START_STATE : view.keyOf(game, last);
    },
    states: (game) => [START_STATE, ...view.keys(game)],
  };
}

/** Both players' moves in the previous round, e.g. "after rock vs paper". */
export const LAST_ROUND_STATE = previousRoundView({
  id: 'last-round',
  name: 'Both moves of the previous round',
  keyOf: (game, last) => lastRoundKey(game, last.model, last.opponent),
  keys: (game) => game.moves.flatMap((_, model) => game.moves.map((__, opponent) => lastRoundKey(game, model, opponent))),
});

/** The model's result in the previous round: "after a win", "after a tie" or "after a loss". */
export const LAST_OUTCOME_STATE = previousRoundView({
  id: 'last-outcome',
  name: 'The model’s result in the previous round',
  keyOf(game, last) {
    const payoff = game.payoff(last.model, last.opponent);
    return payoff > 0 ? AFTER_WIN : payoff < 0 ? AFTER_LOSS : AFTER_TIE;
  },
  keys(game) {
    // Hide-and-seek has no ties, so its views list only the outcomes that can happen.
    const canTie = game.moves.some((_, model) => game.moves.some((__, opponent) => game.payoff(model, opponent) === 0));
    return canTie ? [AFTER_WIN, AFTER_TIE, AFTER_LOSS] : [AFTER_WIN, AFTER_LOSS];
  },
});

/** The model's own previous move, e.g. "after rock". */
export const LAST_MODEL_MOVE_STATE = previousRoundView({
  id: 'last-model-move',
  name: 'The model’s previous move',
  keyOf: (game, last) => `after ${game.moves[last.model]}`,
  keys: (game) => game.moves.map((move) => `after ${move}`),
});

export const GAME_STATE_VIEWS: readonly GameStateView[] = [LAST_ROUND_STATE, LAST_OUTCOME_STATE, LAST_MODEL_MOVE_STATE];

const AFTER_WIN = 'after a win';
const AFTER_TIE = 'after a tie';
const AFTER_LOSS = 'after a loss';

function lastRoundKey(game: Game, model: number, opponent: number): string {
  return `after ${game.describeRound(model, opponent)}`;
}
