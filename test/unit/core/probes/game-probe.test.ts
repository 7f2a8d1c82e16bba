import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionalEntropyOfPolicies,
  exploitabilityByState,
  hideAndSeek,
  ROCK_PAPER_SCISSORS,
  type Game,
} from '../../../../src/core/games/index.ts';
import { conditionalEntropyMetric, exploitabilityMetric, orList, roundsInWords } from '../../../../src/core/probes/game-probe/index.ts';

/** Joint counts over (state, move) for 1 to 6 states, every state visited. */
function jointCounts(k: number) {
  return fc.array(
    fc.array(fc.integer({ min: 0, max: 50 }), { minLength: k, maxLength: k }).filter((counts) => counts.some((count) => count > 0)),
    { minLength: 1, maxLength: 6 },
  );
}

/** The same joint distribution as per-state policies and weights, the form games/exploitability.ts takes. */
function asPolicies(byState: number[][]): { joint: number[]; policies: Map<string, number[]>; weights: Map<string, number> } {
  const total = byState.flat().reduce((sum, count) => sum + count, 0);
  const policies = new Map<string, number[]>();
  const weights = new Map<string, number>();
  byState.forEach((counts, state) => {
    const inState = counts.reduce((sum, count) => sum + count, 0);
    policies.set(`s${state}`, counts.map((count) => count / inState));
    weights.set(`s${state}`, inState);
  });
  return { joint: byState.flat().map((count) => count / total), policies, weights };
}

describe('game-probe interval metrics', () => {
  const games: Game[] = [ROCK_PAPER_SCISSORS, hideAndSeek(['barn', 'shed', 'loft']), hideAndSeek(['house', 'car', 'forest', 'library'])];

  it.each(games.map((game) => [game.name, game] as const))('agree with games/exploitability.ts (%s)', (_name, game) => {
    const k = game.moves.length;
    fc.assert(
      fc.property(jointCounts(k), (byState) => {
        const { joint, policies, weights } = asPolicies(byState);
        expect(exploitabilityMetric(game)(joint)).toBeCloseTo(exploitabilityByState(game, policies, weights).average, 12);
        expect(conditionalEntropyMetric(k)(joint)).toBeCloseTo(conditionalEntropyOfPolicies(game, policies, weights), 12);
      }),
    );
  });
});

describe('game-probe wording helpers', () => {
  it('lists choices and counts rounds in plain words', () => {
    expect(orList(['rock', 'paper', 'scissors'])).toBe('rock, paper or scissors');
    expect(orList(['barn', 'shed'])).toBe('barn or shed');
    expect(roundsInWords(1)).toBe('1 round');
    expect(roundsInWords(0, 'time')).toBe('0 times');
  });
});
