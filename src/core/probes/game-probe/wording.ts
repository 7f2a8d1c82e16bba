// How a game is put into words: the chat question and the base model's game log, with the running score and the
// latest rounds, and the answers a move may be read from.
import type { Game, Round } from '../../games/index.ts';
import type { AnswerCandidate, ScoreRequest } from '../../model.ts';
import { answerRequest, type AnswerSlot } from '../framing.ts';

/** The prompt shows this many of the latest rounds, after the running score: at round 100 a prompt stays near
 * 500 tokens, well inside the catalog's 2,048-token context, and the opponent still learns from every round. */
export const ROUNDS_SHOWN = 20;

/** How a game is put into words, for chat prompts and for base models' game logs. */
export interface GameWording {
  /** The chat question's opening: who plays what, and the rules, in one or two plain sentences. */
  rules: string;
  /** The first line of a base model's game log: its title and the same rules. */
  logHeader: string;
  /** One past round, after "Round n: ", e.g. "you played rock, your opponent played paper. You lost." */
  describeRound(round: Round): string;
  /** The running score after the rounds so far. */
  score(rounds: readonly Round[]): string;
  /** The chat question for the next round, after "Round n: ". */
  question: string;
  /** The start of the next log line in a base model's game log, after "Round n: ", ending where the move goes. */
  logOpening: string;
  /** Every form in which a move may follow the prompt in `slot`, e.g. ["rock", "Rock"] after a chat turn, [" rock",
   * " Rock"] in a log (framing.ts answerVariants). */
  variants(move: string, slot: AnswerSlot): string[];
}

/** A number of rounds in words: "1 round", "20 rounds". */
export function roundsInWords(count: number, noun = 'round'): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "rock, paper or scissors". */
export function orList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** The running score and the latest rounds, one line each; empty before the first round. */
function historyLines(wording: GameWording, history: readonly Round[]): string[] {
  if (history.length === 0) return [];
  const firstShown = Math.max(0, history.length - ROUNDS_SHOWN);
  const lines = [wording.score(history)];
  if (firstShown === 1) lines.push('Round 1 is not shown.');
  if (firstShown > 1) lines.push(`Rounds 1 to ${firstShown} are not shown.`);
  history.slice(firstShown).forEach((round, i) => lines.push(`Round ${firstShown + i + 1}: ${wording.describeRound(round)}`));
  return lines;
}

/** The chat question: the rules, the game so far and the question for the next round. */
export function gameQuestion(wording: GameWording, history: readonly Round[]): string {
  const past = historyLines(wording, history);
  const next = `Round ${history.length + 1}: ${wording.question}`;
  return [wording.rules, ...(past.length > 0 ? [past.join('\n')] : []), next].join('\n\n');
}

/** A base model's game log, ending where its next move goes ("Round 12: you played"). */
export function gameLog(wording: GameWording, history: readonly Round[]): string {
  const lines = [...historyLines(wording, history), `Round ${history.length + 1}: ${wording.logOpening}`];
  return `${wording.logHeader}\n\n${lines.join('\n')}`;
}

/** The request for the model's move: every move in every form the slot allows, ended as every probe's answers are. */
export function scoreRequest(game: Game, wording: GameWording, prompt: string, slot: AnswerSlot): ScoreRequest {
  const candidates: AnswerCandidate[] = game.moves.map((move) => ({ answer: move, variants: wording.variants(move, slot) }));
  return answerRequest(prompt, candidates);
}
