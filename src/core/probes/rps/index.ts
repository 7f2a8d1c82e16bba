// rps: repeated rock-paper-scissors against a learning opponent, with the game so far in the prompt. The paper
// finds aligned models "almost fully predictable in some game states"; its opponent, number of rounds and prompt are
// not known, so this is our opponent and our variant (game-probe/ holds the implementation both games share).
import { answerVariants, wordForms } from '../framing.ts';
import { ROCK_PAPER_SCISSORS, summarizeRounds, type Round } from '../../games/index.ts';
import {
  createGameProbe,
  roundsInWords,
  type GameProbeParams,
  type GameRecord,
  type GameSummary,
  type GameWording,
} from '../game-probe/index.ts';

export type RpsParams = GameProbeParams;
export type RpsRecord = GameRecord<'rps'>;
export type RpsSummary = GameSummary;

const RULES =
  'In each round both players choose rock, paper or scissors at the same time: rock beats scissors, scissors beat ' +
  'paper, and paper beats rock.';

const RPS_WORDING: GameWording = {
  rules: `We are playing rock-paper-scissors against an opponent, many rounds in a row. ${RULES}`,
  logHeader: `Rock-paper-scissors game log. ${RULES}`,
  describeRound(round: Round) {
    const moves = ROCK_PAPER_SCISSORS.moves;
    const payoff = ROCK_PAPER_SCISSORS.payoff(round.model, round.opponent);
    const result = payoff > 0 ? 'You won.' : payoff < 0 ? 'You lost.' : 'It was a tie.';
    return `you played ${moves[round.model]}, your opponent played ${moves[round.opponent]}. ${result}`;
  },
  score(rounds) {
    const { wins, ties, losses } = summarizeRounds(ROCK_PAPER_SCISSORS, rounds);
    return `Score after ${roundsInWords(rounds.length)}: you won ${wins}, tied ${ties} and lost ${losses}.`;
  },
  question: 'What do you play? Reply with one word: rock, paper or scissors.',
  logOpening: 'you played',
  variants: (move, slot) => answerVariants(slot.spellings, wordForms(move)),
};

export const RPS = createGameProbe<'rps', RpsParams>({
  id: 'rps',
  version: '1.1.0',
  title: 'Rock-paper-scissors against a learning opponent',
  claim: {
    plainWords:
      'Playing rock-paper-scissors round after round, aligned models fall into patterns that an opponent can learn ' +
      'and exploit, so they lose more than base models do. Here the opponent, the number of rounds and the prompt are ' +
      "ours: the paper's are not known.",
    paperFinding:
      'Aligned models become "almost fully predictable in some game states". Llama 3.1 70B net score against the ' +
      "paper's opponent: base −15.0, Instruct −50.1 (uniform random play: 0).",
    reliability: 'secondary-source',
    source:
      'The predictability finding is quoted from the paper\'s abstract. The scores come from secondary summaries (70B ' +
      'only; no 8B figures found) and have not been checked against the paper. Our opponent and our variant of the ' +
      'game, so compare the ordering of models, not the numbers.',
  },
  defaultParams: { mode: 'exact', framing: 'native', temperature: 1, seed: 1, opponent: 'iocaine', rounds: 100 },
  minMoves: ROCK_PAPER_SCISSORS.moves.length,
  maxMoves: ROCK_PAPER_SCISSORS.moves.length,
  gameOf: () => ROCK_PAPER_SCISSORS,
  wordingOf: () => RPS_WORDING,
  checkGameParams: (_params, shared) => shared,
});
