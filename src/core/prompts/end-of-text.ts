// How each model family ends a text. web-llm stops a generation only at its conversation template's
// `stop_token_ids` (webllm-notes "things that bite"), which are the chat turn's end tokens: a base model ends a
// document with its tokenizer's end-of-text token instead, which may not be among them. The lab therefore takes the
// tokenizer's own end-of-text tokens into both modes: in exact mode they end an answer, in sampled mode they stop
// the generation.
import type { ChatTemplateId } from './chat-templates.ts';

/**
 * The special tokens that end a document or a turn in each family's tokenizer (its tokenizer_config.json and
 * generation_config.json `eos_token_id`). Llama 3.x: end of text, end of turn, end of a tool message. Qwen and
 * SmolLM2 (ChatML): end of text, end of turn. Ministral 3 (Tekken): end of sequence.
 */
export const END_OF_TEXT_MARKERS: Readonly<Record<ChatTemplateId, readonly string[]>> = {
  'llama-3.1': ['<|end_of_text|>', '<|eot_id|>', '<|eom_id|>'],
  'llama-3.2': ['<|end_of_text|>', '<|eot_id|>', '<|eom_id|>'],
  'ministral-3': ['</s>'],
  'qwen2.5': ['<|endoftext|>', '<|im_end|>'],
  'smollm2': ['<|endoftext|>', '<|im_end|>'],
  'qwen3': ['<|endoftext|>', '<|im_end|>'],
};

/** The part of a tokenizer this needs: encode reads special-token text as the special token (as web-llm's does). */
export interface MarkerTokenizer {
  encode(text: string): ArrayLike<number>;
}

export interface EndOfText {
  /** Every token id that ends a text, sorted. */
  ids: number[];
  /** The markers of `END_OF_TEXT_MARKERS` that this tokenizer reads as one token. */
  markers: string[];
}

function tokenIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((id): id is number => typeof id === 'number' && Number.isSafeInteger(id) && id >= 0);
}

/**
 * The end-of-text tokens of a loaded model: its conversation template's stop tokens, its config's `eos_token_id`
 * (a number or a list in mlc-chat-config.json), and every family's marker that its tokenizer reads as a single
 * token. The worker does not know the model's family, and need not: a marker of another family is not one token in
 * this vocabulary (tested on the real Llama 3.1 and Qwen3 tokenizers), so only the model's own markers count.
 */
export function endOfTextTokens(tokenizer: MarkerTokenizer, known: { stopTokenIds: unknown; configEndOfText: unknown }): EndOfText {
  const ids = new Set([...tokenIds(known.stopTokenIds), ...tokenIds(known.configEndOfText)]);
  const markers: string[] = [];
  for (const marker of new Set(Object.values(END_OF_TEXT_MARKERS).flat())) {
    const encoded = Array.from(tokenizer.encode(marker));
    if (encoded.length !== 1) continue;
    ids.add(encoded[0] as number);
    markers.push(marker);
  }
  return { ids: [...ids].sort((a, b) => a - b), markers };
}
