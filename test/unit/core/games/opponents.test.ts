import { describe, expect, it } from 'vitest';
import {
  BEAT_LAST_OPPONENT,
  constantOpponent,
  CYCLE_OPPONENT,
  foundRate,
  frequencyOpponent,
  hideAndSeek,
  IOCAINE_OPPONENT,
  markovOpponent,
  OPPONENT_ZOO,
  patternMatcherOpponent,
  playMatch,
  ROCK_PAPER_SCISSORS,
  summarizeRounds,
  uniformDistribution,
  type Game,
  type ModelPolicy,
  type Opponent,
  type Round,
} from '../../../../src/core/games/index.ts';

const RPS = ROCK_PAPER_SCISSORS;
const ROCK = 0;
const PAPER = 1;
const SCISSORS = 2;

// Synthetic players. Each is a policy: the rounds so far → a distribution over its next move.
function always(game: Game, move: number): number[] {
  return game.moves.map((_, m) => (m === move ? 1 : 0));
}
const uniformPlayer = (game: Game): ModelPolicy => () => uniformDistribution(game);
const biasedPlayer: ModelPolicy = () => [0.5, 0.3, 0.2];
/** Repeats its previous move 80% of the time, otherwise picks one of the other two. */
const repeater: ModelPolicy = (history) => {
  const last = history.at(-1);
  return last === undefined ? uniformDistribution(RPS) : [0, 1, 2].map((m) => (m === last.model ? 0.8 : 0.1));
};
/** Plays rock, paper, scissors, rock, … whatever happens. */
const periodic =
  (game: Game, pattern: readonly number[]): ModelPolicy =>
  (history) =>
    always(game, pattern[history.length % pattern.length]!);
/** Win-stay, lose-shift: repeats after a win; after a loss, beats the opponent's last move; after a tie, moves on. */
const winStayLoseShift: ModelPolicy = (history) => {
  const last = history.at(-1);
  if (last === undefined) return always(RPS, ROCK);
  const payoff = RPS.payoff(last.model, last.opponent);
  const next = payoff > 0 ? last.model : payoff < 0 ? (last.opponent + 1) % 3 : (last.model + 1) % 3;
  return always(RPS, next);
};
/** Favours one move (60%) and changes its favourite every 50 rounds. */
const switchingFavourite: ModelPolicy = (history) => {
  const favourite = Math.floor(history.length / 50) % 3;
  return [0, 1, 2].map((m) => (m === favourite ? 0.6 : 0.2));
};

/** The model's net score per 100 rounds, pooled over 5 seeded matches (seeds 1–5) so one lucky match cannot decide. */
function netScore(opponent: Opponent, modelPolicy: ModelPolicy, rounds: number, game: Game = RPS): number {
  const played: Round[] = [];
  for (let seed = 1; seed <= 5; seed++) played.push(...playMatch({ game, opponent, modelPolicy, rounds, seed }).rounds);
  return summarizeRounds(game, played).netScorePer100;
}

describe('fixed opponents', () => {
  it('constant always plays its move, and cycle goes through the moves in order', () => {
    expect(constantOpponent().distribution(RPS, [])).toEqual([1, 0, 0]);
    expect(constantOpponent(2).distribution(RPS, [{ model: 0, opponent: 2 }])).toEqual([0, 0, 1]);
    const history: Round[] = [
      { model: 0, opponent: 0 },
      { model: 2, opponent: 1 },
    ];
    expect(CYCLE_OPPONENT.distribution(RPS, [])).toEqual([1, 0, 0]);
    expect(CYCLE_OPPONENT.distribution(RPS, history)).toEqual([0, 0, 1]);
  });

  it('lose to the player who counters them', () => {
    expect(netScore(constantOpponent(ROCK), () => always(RPS, PAPER), 50)).toBe(100);
    expect(netScore(CYCLE_OPPONENT, periodic(RPS, [PAPER, SCISSORS, ROCK]), 50)).toBe(100);
  });
});

describe('learning opponents', () => {
  it('play uniformly at random before they have anything to go on', () => {
    for (const opponent of OPPONENT_ZOO.slice(2)) {
      expect(opponent.distribution(RPS, [])).toEqual(uniformDistribution(RPS));
    }
  });

  it('beat-last counters the model’s previous move', () => {
    expect(BEAT_LAST_OPPONENT.distribution(RPS, [{ model: SCISSORS, opponent: ROCK }])).toEqual(always(RPS, ROCK));
    // A player who repeats 80% of the time expects −0.8 + 0.1 = −0.7 per round, −70 per 100. Over 5 × 300 rounds the
    // per-round sd is ≤ 0.65, so the standard error is ≤ 1.7 per 100; −60 leaves over 5 standard errors.
    expect(netScore(BEAT_LAST_OPPONENT, repeater, 300)).toBeLessThan(-60);
  });

  it('the frequency counter counters the most frequent move, and splits ties evenly', () => {
    const history: Round[] = [0, 0, 1].map((model) => ({ model, opponent: 0 }));
    expect(frequencyOpponent().distribution(RPS, history)).toEqual(always(RPS, PAPER));
    // Tied rock and scissors: the prediction is half each, and rock (beats scissors, ties rock) is the best reply.
    const tied: Round[] = [0, 2].map((model) => ({ model, opponent: 0 }));
    expect(frequencyOpponent().distribution(RPS, tied)).toEqual(always(RPS, ROCK));
    // Only the last 2 rounds count in a window of 2.
    const windowed: Round[] = [0, 0, 0, 2, 2].map((model) => ({ model, opponent: 0 }));
    expect(frequencyOpponent({ window: 2 }).distribution(RPS, windowed)).toEqual(always(RPS, ROCK));
  });

  it('the frequency counter beats a biased player', () => {
    // Against (.5, .3, .2) it soon plays paper only: expected .5·(−1) + .2·(+1) = −0.3 per round, −30 per 100.
    // Over 5 × 300 rounds the standard error is ≤ 2.1 per 100; −20 leaves over 4 standard errors.
    expect(netScore(frequencyOpponent(), biasedPlayer, 300)).toBeLessThan(-20);
  });

  it('the windowed frequency counter follows a player whose favourite changes; the whole-match count lags', () => {
    const windowed = netScore(frequencyOpponent({ window: 10 }), switchingFavourite, 300);
    const wholeMatch = netScore(frequencyOpponent(), switchingFavourite, 300);
    expect(windowed).toBeLessThan(-20);
    expect(windowed).toBeLessThan(wholeMatch - 15);
  });

  // Against players who are deterministic given the history, only the opponent's first, random rounds are uncertain:
  // once it has seen each situation it wins every round. The thresholds leave room for 10–15 learning rounds.
  it('Markov order 1 beats a cycling player and win-stay/lose-shift', () => {
    expect(netScore(markovOpponent(1), periodic(RPS, [ROCK, PAPER, SCISSORS]), 100)).toBeLessThan(-80);
    expect(netScore(markovOpponent(1), winStayLoseShift, 100)).toBeLessThan(-80);
  });

  it('Markov order 2 sees what order 1 cannot: a move that depends on two rounds back', () => {
    const pairs = periodic(RPS, [ROCK, ROCK, PAPER, PAPER, SCISSORS, SCISSORS]);
    const orderTwo = netScore(markovOpponent(2), pairs, 150);
    expect(orderTwo).toBeLessThan(-70);
    expect(orderTwo).toBeLessThan(netScore(markovOpponent(1), pairs, 150) - 20);
  });

  it('the pattern matcher predicts what followed the latest earlier occurrence of the longest matching run', () => {
    // Joint history: (R,R) (P,R) (R,R) (S,R) (R,R). The run (R,R) last occurred at round 3, followed by S; the
    // longer run (S,R)(R,R) never occurred before. So it predicts scissors and plays rock.
    const history: Round[] = [0, 1, 0, 2, 0].map((model) => ({ model, opponent: 0 }));
    expect(patternMatcherOpponent().distribution(RPS, history)).toEqual(always(RPS, ROCK));
    // A periodic pattern of length 5 is learnt once the joint runs repeat, i.e. once its own replies stop being random.
    const period5 = periodic(RPS, [ROCK, ROCK, PAPER, SCISSORS, PAPER]);
    expect(netScore(patternMatcherOpponent(), period5, 100)).toBeLessThan(-70);
  });

  it('the Iocaine-style ensemble beats each of the players the single predictors are built for', () => {
    // Same expectations as for the single predictors, with a little more room: the ensemble pays for trying
    // candidates before one pulls ahead (over 5 × 300 rounds the standard error is ≤ 2.1 per 100).
    expect(netScore(IOCAINE_OPPONENT, biasedPlayer, 300)).toBeLessThan(-15);
    expect(netScore(IOCAINE_OPPONENT, repeater, 300)).toBeLessThan(-60);
    expect(netScore(IOCAINE_OPPONENT, periodic(RPS, [ROCK, PAPER, SCISSORS]), 100)).toBeLessThan(-80);
    expect(netScore(IOCAINE_OPPONENT, periodic(RPS, [ROCK, ROCK, PAPER, SCISSORS, PAPER]), 100)).toBeLessThan(-60);
    expect(netScore(IOCAINE_OPPONENT, winStayLoseShift, 100)).toBeLessThan(-80);
  });

  it('the ensemble second-guesses: it beats a player who counters its naive prediction', () => {
    // This player plays what beats the move that beats its own previous move, i.e. it expects beat-last and dodges
    // it. Beat-last loses to it every round; the ensemble's rotated candidates catch it.
    const dodger: ModelPolicy = (history) => {
      const last = history.at(-1);
      return last === undefined ? always(RPS, ROCK) : always(RPS, (last.model + 2) % 3);
    };
    expect(netScore(BEAT_LAST_OPPONENT, dodger, 100)).toBeGreaterThan(90);
    expect(netScore(IOCAINE_OPPONENT, dodger, 100)).toBeLessThan(-80);
  });

  it('rejects bad settings and bad histories', () => {
    expect(() => frequencyOpponent({ window: 0 })).toThrow(RangeError);
    expect(() => markovOpponent(0)).toThrow(/1 to 4/);
    expect(() => patternMatcherOpponent({ maxLength: 1.5 })).toThrow(RangeError);
    expect(() => constantOpponent(-1)).toThrow(RangeError);
    expect(() => IOCAINE_OPPONENT.distribution(RPS, [{ model: 3, opponent: 0 }])).toThrow(/round 1/);
  });
});

describe('the zoo against a uniformly random model', () => {
  // Whatever an opponent does, a uniform model's payoff each round has mean 0 given the past, with variance 2/3 in
  // rock-paper-scissors and 1/(k−1) = 1/2 in hide-and-seek with 3 places. Over 30 matches × 100 rounds = 3,000
  // rounds the standard error of the net score per 100 is 100·√(2/3 / 3000) ≈ 1.49 (RPS) and 100·√(1/2 / 3000) ≈
  // 1.29 (hide-and-seek). The tolerance is 4 standard errors.
  const cases: { game: Game; tolerance: number }[] = [
    { game: RPS, tolerance: 4 * 100 * Math.sqrt(2 / 3 / 3000) },
    { game: hideAndSeek(['barn', 'shed', 'well']), tolerance: 4 * 100 * Math.sqrt(1 / 2 / 3000) },
  ];
  for (const { game, tolerance } of cases) {
    for (const opponent of OPPONENT_ZOO) {
      it(`scores about 0 against ${opponent.id} in ${game.name}`, () => {
        const rounds: Round[] = [];
        for (let seed = 1; seed <= 30; seed++) {
          rounds.push(...playMatch({ game, opponent, modelPolicy: uniformPlayer(game), rounds: 100, seed }).rounds);
        }
        expect(Math.abs(summarizeRounds(game, rounds).netScorePer100)).toBeLessThan(tolerance);
      });
    }
  }
});

describe('opponents as seekers in hide-and-seek', () => {
  const game = hideAndSeek(['barn', 'shed', 'well']);

  it('the frequency counter searches where the hider hides most often', () => {
    // A hider who uses the barn 60% of the time is found about 60% of the time, against 1/3 for a uniform hider.
    // Over 5 × 300 rounds the standard error of the rate is ≈ 0.013; 0.5 leaves over 7 standard errors.
    const favoursBarn: ModelPolicy = () => [0.6, 0.2, 0.2];
    const opponent = frequencyOpponent();
    const rounds: Round[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      rounds.push(...playMatch({ game, opponent, modelPolicy: favoursBarn, rounds: 300, seed }).rounds);
    }
    const found = foundRate(game, rounds);
    expect(found.chance).toBeCloseTo(1 / 3, 12);
    expect(found.rate).toBeGreaterThan(0.5);
  });

  it('the pattern matcher and the ensemble find a hider who always moves one place on', () => {
    const movingOn: ModelPolicy = (history) => always(game, history.length % 3);
    for (const opponent of [patternMatcherOpponent(), IOCAINE_OPPONENT]) {
      const rounds = playMatch({ game, opponent, modelPolicy: movingOn, rounds: 100, seed: 7 }).rounds;
      expect(foundRate(game, rounds).rate).toBeGreaterThan(0.9);
    }
  });
});
