// Putting a question in front of a model, in the two framings of design.md §4, and the exact-mode request that
// reads its answer: how each answer is spelled right after the question, and what counts as the end of an answer.
import type { AnswerCandidate, ScoreRequest } from '../model.ts';
import { beginningOfText, REPLY_SPELLING, renderChatPrompt, type ReplySpelling } from '../prompts/chat-templates.ts';
import type { Framing, ProbeModel } from './probe.ts';

/** Aligned models always read the family's chat template; base models too in "same-text" framing. */
function readsChatTemplate(probeModel: ProbeModel, framing: Framing): boolean {
  return probeModel.model.role !== 'base' || framing === 'same-text';
}

/**
 * The text a model reads. Aligned models (and, in "same-text" framing, base models too) get the question as the
 * user turn of the family's chat template, with the assistant turn open. In "native" framing a base model gets
 * `baseFrame(question)` after the family's beginning-of-text marker: a document that ends where the answer goes.
 */
export function framePrompt(
  probeModel: ProbeModel,
  framing: Framing,
  question: string,
  baseFrame: (question: string) => string,
): string {
  if (readsChatTemplate(probeModel, framing)) {
    return renderChatPrompt(probeModel.chatTemplate, [{ role: 'user', content: question }]);
  }
  return beginningOfText(probeModel.chatTemplate) + baseFrame(question);
}

/** A question-and-answer document, the completion frame the lab uses for base models. */
export function questionAnswerFrame(question: string): string {
  return `Question: ${question}\nAnswer:`;
}

/** Where the answer goes in the text framePrompt gives a model, and how its first word may start there. */
export interface AnswerSlot {
  /** "chat-turn": the open assistant turn of a chat template; "document": the end of a base model's completion frame. */
  kind: 'chat-turn' | 'document';
  /** The spellings to score, the likeliest first. */
  spellings: readonly ReplySpelling[];
}

/**
 * Where framePrompt puts the answer, and the spellings of it that exact mode scores. The spelling is decided by
 * the format, not guessed from the prompt's last character:
 * - an aligned model reads its own chat template, which starts the reply as REPLY_SPELLING says (directly after
 *   the generation prompt in every family of the catalog, Ministral 3's "[/INST]" included): that spelling only;
 * - a base model in native framing reads one of the lab's completion frames, which all end on a word or a colon
 *   ("Answer:", "you played"), so its answer follows after a space, as in any document;
 * - a base model in same-text framing reads a chat template it was not trained to answer in, so either spelling is
 *   plausible: both are scored, the template's own first.
 * A spelling left out is all but impossible where it is left out; whatever mass it has is still reported, in P(other).
 */
export function answerSlot(probeModel: ProbeModel, framing: Framing): AnswerSlot {
  if (!readsChatTemplate(probeModel, framing)) return { kind: 'document', spellings: ['after-space'] };
  const own = REPLY_SPELLING[probeModel.chatTemplate];
  if (probeModel.model.role !== 'base') return { kind: 'chat-turn', spellings: [own] };
  return { kind: 'chat-turn', spellings: [own, own === 'direct' ? 'after-space' : 'direct'] };
}

/** Every variant of an answer: each of its written forms ("rock", "Rock") in each spelling, without repeats. */
export function answerVariants(spellings: readonly ReplySpelling[], forms: readonly string[]): string[] {
  const variants = spellings.flatMap((spelling) => forms.map((form) => (spelling === 'direct' ? form : ` ${form}`)));
  return [...new Set(variants)];
}

/** A word's forms as a reply may write it: as asked, and capitalised as at the start of a sentence. */
export function wordForms(word: string): string[] {
  return [...new Set([word, word.charAt(0).toUpperCase() + word.slice(1)])];
}

/**
 * What may come right after a whole answer: a line break, a punctuation mark (alone, or merged with the line break
 * after it, as the Llama 3 and Qwen tokenizers write "\n\n", ".\n" and "!\n\n" as one token each), a space on its
 * own (before a line break or a number), or a space and a bracket or dash. The model's end-of-sequence tokens end
 * an answer too. A digit or a letter never ends one: it would make the answer a longer number or another word.
 */
export const ANSWER_ENDS: readonly string[] = [
  '\n',
  '\n\n',
  '\n\n\n',
  '.',
  '.\n',
  '.\n\n',
  '!',
  '!\n',
  '!\n\n',
  '?',
  '?\n',
  '?\n\n',
  ',',
  ',\n',
  ';',
  ':',
  ')',
  ' ',
  ' \n',
  ' (',
  ' -',
  ' –',
  ' —',
];

/**
 * The exact-mode request for a closed answer set, built the same way by every probe.
 *
 * An answer counts only when what follows it ends it (ANSWER_ENDS or end of sequence), after every answer
 * (endCheck "every-answer"). Why every answer: on tokenizers that write one digit per token (Qwen, SmolLM2), "75"
 * starts with the token of "7". Reading the end only where one answer is the start of another ("1" before "10")
 * would count "75" as 7 but never "15" as 1, tilting the distribution towards the answers nothing else starts
 * with (and a word could run on into a longer word: "car" into "carpet"). Reading the end after every answer makes one rule for every answer and
 * every tokenizer, and agrees with the sampled-mode parser, which reads "75" as out of range. Its cost is one
 * forward pass per spelling of an answer that starts no other answer (bench/exact-scoring.ts shows it).
 * What the rule leaves in P(other): an answer followed directly by a word ("7 is my pick") or an emoji, which a
 * list of ends cannot name. That mass is reported, never dropped.
 */
export function answerRequest(prompt: string, candidates: AnswerCandidate[]): ScoreRequest {
  return { prompt, candidates, terminators: [...ANSWER_ENDS], endOfSequenceEnds: true, endCheck: 'every-answer' };
}
