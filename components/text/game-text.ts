// Words for the game charts in the reader's language: moves, game states and state views. Rock, paper and scissors
// are translated; hide-and-seek's places are the run's own words and are shown as given.
import { msg, str } from '@lit/localize';
import type { StateLabel } from '../../src/app/charts/game-charts.ts';
import { countText, type CountForms } from '../../src/app/format.ts';
import type { GameStateViewId } from '../../src/core/games/index.ts';
import type { GameProbeId } from '../../src/core/probes/game-probe/index.ts';

export function moveName(probeId: GameProbeId, moves: readonly string[], move: number): string {
  const word = moves[move] ?? '';
  if (probeId === 'hide-and-seek') return word;
  switch (word) {
    case 'rock':
      return msg('rock');
    case 'paper':
      return msg('paper');
    case 'scissors':
      return msg('scissors');
    default:
      return word;
  }
}

/** A game state in words, e.g. "after rock vs paper" or "after being found". */
export function stateName(probeId: GameProbeId, moves: readonly string[], label: StateLabel): string {
  const name = (move: number) => moveName(probeId, moves, move);
  const hiding = probeId === 'hide-and-seek';
  switch (label.kind) {
    case 'start':
      return msg('the first round');
    case 'last-round':
      return hiding
        ? msg(str`after hiding in the ${name(label.move)} while the seeker searched the ${name(label.opponentMove)}`)
        : msg(str`after ${name(label.move)} vs ${name(label.opponentMove)}`);
    case 'last-outcome':
      if (label.outcome === 'win') return hiding ? msg('after not being found') : msg('after a win');
      if (label.outcome === 'loss') return hiding ? msg('after being found') : msg('after a loss');
      return msg('after a tie');
    case 'last-model-move':
      return hiding ? msg(str`after hiding in the ${name(label.move)}`) : msg(str`after playing ${name(label.move)}`);
  }
}

/** What a state view conditions on. */
export function stateViewName(view: GameStateViewId): string {
  switch (view) {
    case 'last-round':
      return msg('Both moves of the previous round');
    case 'last-outcome':
      return msg('The model’s result in the previous round');
    case 'last-model-move':
      return msg('The model’s previous move');
  }
}

/** The game's name, for chart titles. */
export function gameName(probeId: GameProbeId): string {
  return probeId === 'rps' ? msg('rock-paper-scissors') : msg('hide-and-seek');
}

/** Rounds as a count: "1 round", "12 rounds". */
export const ROUNDS: CountForms = { one: (n) => msg(str`${n} round`), other: (n) => msg(str`${n} rounds`) };

export function roundsText(count: number): string {
  return countText(count, ROUNDS);
}
