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

/** Both players' moves in the previous round, e.g. "after rock vs paper". */
export const LAST_ROUND_STATE: GameStateView = {
  id: 'last-round',
  name: 'Both moves of the previous round',
  stateOf(game, history) {
    checkHistory(game, history);
    const last = history.at(-1);
    return last === undefined ? START_STATE : lastRoundKey(game, last.model, last.opponent);
  },
  states(game) {
    const keys = [START_STATE];
    for (let model = 0; model < game.moves.length; model++) {
      for (let opponent = 0; opponent < game.moves.length; opponent++) keys.push(lastRoundKey(game, model, opponent));
    }
    return keys;
  },
};

/** The model's result in the previous round: "after a win", "after a tie" or "after a loss". */
export const LAST_OUTCOME_STATE: GameStateView = {
  id: 'last-outcome',
  name: 'The model’s result in the previous round',
  stateOf(game, history) {
    checkHistory(game, history);
    const last = history.at(-1);
    if (last === undefined) return START_STATE;
    const payoff = game.payoff(last.model, last.opponent);
    return payoff > 0 ? AFTER_WIN : payoff < 0 ? AFTER_LOSS : AFTER_TIE;
  },
  states(game) {
    // Hide-and-seek has no ties, so its views list only the outcomes that can happen.
    const canTie = game.moves.some((_, model) => game.moves.some((__, opponent) => game.payoff(model, opponent) === 0));
    return canTie ? [START_STATE, AFTER_WIN, AFTER_TIE, AFTER_LOSS] : [START_STATE, AFTER_WIN, AFTER_LOSS];
  },
};

/** The model's own previous move, e.g. "after rock". */
export const LAST_MODEL_MOVE_STATE: GameStateView = {
  id: 'last-model-move',
  name: 'The model’s previous move',
  stateOf(game, history) {
    checkHistory(game, history);
    const last = history.at(-1);
    return last === undefined ? START_STATE : `after ${game.moves[last.model]}`;
  },
  states(game) {
    return [START_STATE, ...game.moves.map((move) => `after ${move}`)];
  },
};

export const GAME_STATE_VIEWS: readonly GameStateView[] = [LAST_ROUND_STATE, LAST_OUTCOME_STATE, LAST_MODEL_MOVE_STATE];

const AFTER_WIN = 'after a win';
const AFTER_TIE = 'after a tie';
const AFTER_LOSS = 'after a loss';

function lastRoundKey(game: Game, model: number, opponent: number): string {
  return `after ${game.describeRound(model, opponent)}`;
}
