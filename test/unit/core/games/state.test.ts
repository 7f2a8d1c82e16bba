import { describe, expect, it } from 'vitest';
import {
  hideAndSeek,
  LAST_MODEL_MOVE_STATE,
  LAST_OUTCOME_STATE,
  LAST_ROUND_STATE,
  ROCK_PAPER_SCISSORS,
  START_STATE,
  type Round,
} from '../../../../src/core/games/index.ts';

const RPS = ROCK_PAPER_SCISSORS;
const history: Round[] = [
  { model: 0, opponent: 2 }, // rock vs scissors: a win
  { model: 0, opponent: 1 }, // rock vs paper: a loss
];

describe('game state views', () => {
  it('name the state before the first round "start"', () => {
    for (const view of [LAST_ROUND_STATE, LAST_OUTCOME_STATE, LAST_MODEL_MOVE_STATE]) {
      expect(view.stateOf(RPS, [])).toBe(START_STATE);
    }
  });

  it('read the previous round as readable keys', () => {
    expect(LAST_ROUND_STATE.stateOf(RPS, history)).toBe('after rock vs paper');
    expect(LAST_OUTCOME_STATE.stateOf(RPS, history)).toBe('after a loss');
    expect(LAST_OUTCOME_STATE.stateOf(RPS, history.slice(0, 1))).toBe('after a win');
    expect(LAST_MODEL_MOVE_STATE.stateOf(RPS, history)).toBe('after rock');
    const hideSeek = hideAndSeek(['barn', 'shed']);
    expect(LAST_ROUND_STATE.stateOf(hideSeek, [{ model: 1, opponent: 1 }])).toBe('after hid in shed, searched shed');
    expect(LAST_OUTCOME_STATE.stateOf(hideSeek, [{ model: 1, opponent: 1 }])).toBe('after a loss');
  });

  it('list every state they can give, start first, and every listed state is reachable', () => {
    expect(LAST_ROUND_STATE.states(RPS)).toHaveLength(10);
    expect(LAST_OUTCOME_STATE.states(RPS)).toEqual(['start', 'after a win', 'after a tie', 'after a loss']);
    expect(LAST_OUTCOME_STATE.states(hideAndSeek(['a', 'b', 'c']))).toEqual(['start', 'after a win', 'after a loss']);
    expect(LAST_MODEL_MOVE_STATE.states(RPS)).toEqual(['start', 'after rock', 'after paper', 'after scissors']);
    for (const view of [LAST_ROUND_STATE, LAST_OUTCOME_STATE, LAST_MODEL_MOVE_STATE]) {
      const reached = new Set([view.stateOf(RPS, [])]);
      for (let model = 0; model < 3; model++) {
        for (let opponent = 0; opponent < 3; opponent++) reached.add(view.stateOf(RPS, [{ model, opponent }]));
      }
      expect([...reached].sort()).toEqual([...view.states(RPS)].sort());
    }
  });

  it('reject a history with moves outside the game', () => {
    expect(() => LAST_ROUND_STATE.stateOf(RPS, [{ model: 4, opponent: 0 }])).toThrow(/round 1/);
  });
});
