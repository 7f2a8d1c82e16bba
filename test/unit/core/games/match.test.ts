import { describe, expect, it } from 'vitest';
import {
  chooseMove,
  constantOpponent,
  foundRate,
  hideAndSeek,
  IOCAINE_OPPONENT,
  playMatch,
  playRound,
  ROCK_PAPER_SCISSORS,
  summarizeRounds,
  uniformDistribution,
  type Opponent,
  type Round,
} from '../../../../src/core/games/index.ts';
import { createRng } from '../../../../src/core/stats/rng.ts';

const RPS = ROCK_PAPER_SCISSORS;

describe('chooseMove', () => {
  it('samples each move about as often as its probability says', () => {
    const rng = createRng(42);
    const counts = [0, 0, 0];
    const draws = 30_000;
    for (let i = 0; i < draws; i++) counts[chooseMove([0.5, 0.3, 0.2], rng)]! += 1;
    // Standard error of a share p over 30,000 draws is √(p(1−p)/30000) ≤ 0.0029; the tolerance is 4 of those.
    expect(Math.abs(counts[0]! / draws - 0.5)).toBeLessThan(0.0116);
    expect(Math.abs(counts[1]! / draws - 0.3)).toBeLessThan(0.0116);
    expect(Math.abs(counts[2]! / draws - 0.2)).toBeLessThan(0.0116);
  });

  it('splits [0, 1) into consecutive slices and never picks a move with probability 0', () => {
    expect(chooseMove([0.2, 0.3, 0.5], () => 0.1999)).toBe(0);
    expect(chooseMove([0.2, 0.3, 0.5], () => 0.2)).toBe(1);
    expect(chooseMove([0.5, 0.5, 0], () => 0.9999999999)).toBe(1);
    expect(chooseMove([0, 1, 0], () => 0)).toBe(1);
  });

  it('rejects distributions that are not distributions', () => {
    expect(() => chooseMove([], Math.random)).toThrow(TypeError);
    expect(() => chooseMove([0.5, 0.6], () => 0)).toThrow(/sum to 1/);
    expect(() => chooseMove([1.5, -0.5], () => 0)).toThrow(/non-negative/);
    expect(() => chooseMove([0.5, 0.5], () => 1)).toThrow(/\[0, 1\)/);
  });
});

describe('playRound', () => {
  it('scores the model’s move against the opponent’s sampled move', () => {
    const round = playRound(RPS, [], 1, constantOpponent(0), createRng(1));
    expect(round).toEqual({ model: 1, opponent: 0, payoff: 1 });
  });

  it('lets the opponent see the history only, never the move being played', () => {
    const seen: (readonly Round[])[] = [];
    const recorder: Opponent = {
      id: 'recorder',
      name: 'Recorder',
      description: 'Records what it is shown.',
      distribution(game, history) {
        seen.push(history);
        return uniformDistribution(game);
      },
    };
    const history: Round[] = [{ model: 2, opponent: 0 }];
    playRound(RPS, history, 0, recorder, createRng(1));
    expect(seen).toEqual([[{ model: 2, opponent: 0 }]]);
  });

  it('rejects a bad model move and an opponent that returns no distribution', () => {
    expect(() => playRound(RPS, [], 3, constantOpponent(), createRng(1))).toThrow(/model’s move/);
    const broken: Opponent = { id: 'broken', name: 'Broken', description: '', distribution: () => [1, 1, 1] };
    expect(() => playRound(RPS, [], 0, broken, createRng(1))).toThrow(/Broken opponent's distribution must sum to 1/);
  });
});

describe('playMatch', () => {
  const options = {
    game: RPS,
    opponent: IOCAINE_OPPONENT,
    modelPolicy: () => [0.6, 0.3, 0.1],
    rounds: 60,
  };

  it('gives the same match for the same seed and a different one for another seed', () => {
    const first = playMatch({ ...options, seed: 99 });
    expect(playMatch({ ...options, seed: 99 })).toEqual(first);
    expect(playMatch({ ...options, seed: 100 }).rounds).not.toEqual(first.rounds);
    expect(first.rounds).toHaveLength(60);
    expect(first.summary).toEqual(summarizeRounds(RPS, first.rounds));
  });

  it('rejects a bad number of rounds and a policy that is not a distribution', () => {
    expect(() => playMatch({ ...options, rounds: 0, seed: 1 })).toThrow(/whole number of rounds/);
    expect(() => playMatch({ ...options, modelPolicy: () => [1, 0], seed: 1 })).toThrow(/model policy in round 1/);
  });
});

describe('summarizeRounds', () => {
  it('counts wins, ties and losses and scales the mean payoff to 100 rounds', () => {
    const rounds: Round[] = [
      { model: 1, opponent: 0 }, // paper vs rock: win
      { model: 1, opponent: 1 }, // tie
      { model: 1, opponent: 2 }, // paper vs scissors: loss
      { model: 0, opponent: 2 }, // rock vs scissors: win
    ];
    expect(summarizeRounds(RPS, rounds)).toEqual({ rounds: 4, wins: 2, ties: 1, losses: 1, netScorePer100: 25 });
  });

  it('scores hide-and-seek on the −1 / +1/(k−1) scale', () => {
    const game = hideAndSeek(['barn', 'shed', 'well']);
    const rounds: Round[] = [
      { model: 0, opponent: 0 }, // found: −1
      { model: 0, opponent: 1 }, // hidden: +½
      { model: 2, opponent: 1 }, // hidden: +½
    ];
    expect(summarizeRounds(game, rounds)).toEqual({ rounds: 3, wins: 2, ties: 0, losses: 1, netScorePer100: 0 });
  });

  it('needs at least one round', () => {
    expect(() => summarizeRounds(RPS, [])).toThrow(/at least one round/);
  });
});

describe('foundRate', () => {
  it('compares how often the seeker found the hider with 1/k', () => {
    const game = hideAndSeek(['barn', 'shed', 'well', 'loft']);
    const rounds: Round[] = [
      { model: 0, opponent: 0 },
      { model: 1, opponent: 0 },
      { model: 3, opponent: 3 },
      { model: 2, opponent: 1 },
    ];
    expect(foundRate(game, rounds)).toEqual({ rounds: 4, found: 2, rate: 0.5, chance: 0.25 });
  });

  it('is for hide-and-seek only', () => {
    expect(() => foundRate(RPS, [{ model: 0, opponent: 0 }])).toThrow(/hide-and-seek/);
  });
});
