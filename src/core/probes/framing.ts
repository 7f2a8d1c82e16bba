// Putting a question in front of a model, in the two framings of design.md §4.
import { beginningOfText, renderChatPrompt } from '../prompts/chat-templates.ts';
import type { Framing, ProbeModel } from './probe.ts';

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
  if (probeModel.model.role !== 'base' || framing === 'same-text') {
    return renderChatPrompt(probeModel.chatTemplate, [{ role: 'user', content: question }]);
  }
  return beginningOfText(probeModel.chatTemplate) + baseFrame(question);
}

/** A question-and-answer document, the completion frame the lab uses for base models. */
export function questionAnswerFrame(question: string): string {
  return `Question: ${question}\nAnswer:`;
}

/**
 * How an answer is written right after a prompt. After a prompt that ends in white space (a chat template's open
 * assistant turn) it starts directly ("7", "Rock"); after a completion frame that ends on a word or a colon it
 * starts with a space (" 7", " rock"). The other spelling is all but impossible there, and leaving it out keeps
 * the forward passes few; whatever mass it has is still reported, as P(other).
 */
export function answerVariants(prompt: string, answer: string, options: { capitalised?: boolean } = {}): string[] {
  const forms = options.capitalised ? [answer, answer.charAt(0).toUpperCase() + answer.slice(1)] : [answer];
  const unique = [...new Set(forms)];
  return /\s$/.test(prompt) ? unique : unique.map((form) => ` ${form}`);
}
