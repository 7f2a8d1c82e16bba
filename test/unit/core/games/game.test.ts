import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDistribution,
  hideAndSeek,
  ROCK_PAPER_SCISSORS,
  uniformDistribution,
  type Game,
} from '../../../../src/core/games/index.ts';

function payoffTable(game: Game): number[][] {
  return game.moves.map((_, model) => game.moves.map((__, opponent) => game.payoff(model, opponent)));
}

describe('ROCK_PAPER_SCISSORS', () => {
  it('scores win +1, tie 0, loss −1 from the model’s side', () => {
    // Rows: model rock, paper, scissors; columns: opponent rock, paper, scissors.
    expect(payoffTable(ROCK_PAPER_SCISSORS)).toEqual([
      [0, -1, 1],
      [1, 0, -1],
      [-1, 1, 0],
    ]);
  });

  it('describes a round in words', () => {
    expect(ROCK_PAPER_SCISSORS.describeRound(0, 1)).toBe('rock vs paper');
  });

  it('rejects a move that is not in the game', () => {
    expect(() => ROCK_PAPER_SCISSORS.payoff(3, 0)).toThrow(RangeError);
    expect(() => ROCK_PAPER_SCISSORS.payoff(0, 1.5)).toThrow(/move index from 0 to 2/);
  });
});

describe('hideAndSeek', () => {
  it('costs the hider 1 when found and pays 1/(k−1) otherwise', () => {
    const game = hideAndSeek(['barn', 'shed', 'well']);
    expect(payoffTable(game)).toEqual([
      [-1, 0.5, 0.5],
      [0.5, -1, 0.5],
      [0.5, 0.5, -1],
    ]);
    expect(game.describeRound(0, 2)).toBe('hid in barn, searched well');
    expect(game.moves).toEqual(['barn', 'shed', 'well']);
  });

  it('gives a uniformly hiding model an expected payoff of exactly 0 against any seeker', () => {
    const seekerStrategy = fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 })
      .filter((weights) => weights.some((w) => w > 0));
    fc.assert(
      fc.property(seekerStrategy, (weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const seeker = weights.map((w) => w / total);
        const game = hideAndSeek(seeker.map((_, i) => `place ${i + 1}`));
        let expected = 0;
        for (let hide = 0; hide < seeker.length; hide++) {
          for (let search = 0; search < seeker.length; search++) {
            expected += (1 / seeker.length) * seeker[search]! * game.payoff(hide, search);
          }
        }
        expect(expected).toBeCloseTo(0, 12);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rejects fewer than 2 places, blank names and repeated names', () => {
    expect(() => hideAndSeek(['barn'])).toThrow(/at least 2 places/);
    expect(() => hideAndSeek(['barn', ' '])).toThrow(TypeError);
    expect(() => hideAndSeek(['barn', 'barn'])).toThrow(/different names/);
  });
});

describe('checkDistribution and uniformDistribution', () => {
  it('accepts the uniform distribution and rejects wrong lengths, negatives and bad sums', () => {
    expect(uniformDistribution(ROCK_PAPER_SCISSORS)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(() => checkDistribution(ROCK_PAPER_SCISSORS, uniformDistribution(ROCK_PAPER_SCISSORS))).not.toThrow();
    expect(() => checkDistribution(ROCK_PAPER_SCISSORS, [0.5, 0.5])).toThrow(/one probability per move/);
    expect(() => checkDistribution(ROCK_PAPER_SCISSORS, [1.5, -0.5, 0])).toThrow(/non-negative/);
    expect(() => checkDistribution(ROCK_PAPER_SCISSORS, [0.5, 0.4, 0])).toThrow(/sum to 1/);
  });
});
