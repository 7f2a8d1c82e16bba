// Hand-built chat templates, sent as raw completion text so base and instruct can see exactly the same prompt.
// web-llm's completion API adds no BOS and no template (webllm-notes.md §3.1), so the text here is the whole
// prompt. Each renderer reproduces the model's own Hugging Face chat template (its tokenizer_config.json /
// chat_template.jinja) with add_generation_prompt = true, for the messages this lab sends; the tests compare them
// with those templates rendered by Jinja2 (test/fixtures/chat-templates/).
//
// Decisions, where the model's template leaves a choice or web-llm's own conversation template differs:
// - Llama 3.1 and 3.2 always open with a system header "Cutting Knowledge Date: December 2023\nToday Date: …".
//   We keep it (it is what the model saw in training) with the date fixed at "26 Jul 2024": Llama 3.1's template
//   always writes that date unless told otherwise, and Llama 3.2's writes it when given no clock (transformers
//   would put today's date, which would make a run depend on the day it ran). web-llm's "llama-3_1" conversation
//   template instead writes "You are a helpful, respectful and honest assistant." as the system message.
// - Qwen2.5 and SmolLM2 insert a default system message when none is given ("You are Qwen, created by Alibaba
//   Cloud. …" / "You are a helpful AI assistant named SmolLM, …"); web-llm's "qwen2" writes "You are a helpful
//   assistant." instead. We follow the models' templates.
// - Qwen3 is rendered in its non-thinking form (enable_thinking = false: an empty <think></think> block opens the
//   answer), as web-llm does for enable_thinking: false. Its template adds no default system message; web-llm's
//   "qwen3" conversation template writes "You are a helpful assistant.". We follow the model's template.
// - Ministral 3 Instruct's default system message says "The current date is {today}." literally: its template
//   (and web-llm's "ministral3", which has the same text) leaves the placeholders unfilled, and so do we. Its
//   template adds nothing for the generation prompt: the prompt ends with "[/INST]".
// - Ministral 3 Reasoning has its own template (a different default system message, with [THINK] instructions);
//   it would need an id of its own, and its template text could not be checked offline, so it is not here.

/** The chat formats of the catalog's aligned checkpoints: Llama 3.1 8B Instruct, Llama-3.2-1B-Instruct,
 * Ministral 3 3B Instruct, Qwen2.5-0.5B-Instruct, SmolLM2-360M-Instruct and Qwen3-0.6B. */
export type ChatTemplateId = 'llama-3.1' | 'llama-3.2' | 'ministral-3' | 'qwen2.5' | 'smollm2' | 'qwen3';

export const CHAT_TEMPLATE_IDS: readonly ChatTemplateId[] = [
  'llama-3.1',
  'llama-3.2',
  'ministral-3',
  'qwen2.5',
  'smollm2',
  'qwen3',
];

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** How a reply's first word starts right after the prompt: directly ("7") or after a space (" 7"). */
export type ReplySpelling = 'direct' | 'after-space';

/**
 * How each family's own template writes the assistant's reply after the generation prompt (renderChatPrompt's
 * end): the reply's text comes directly after it, with no space added, in every family here. This is what the
 * aligned model was trained on, so it is how its answers are spelled there: "7" after Ministral 3's "[/INST]" as
 * after Llama's "<|end_header_id|>\n\n". A family whose template put a space first (as SentencePiece-era Mistral
 * templates did) would say "after-space". The tests prove each entry against the model's own template.
 */
export const REPLY_SPELLING: Readonly<Record<ChatTemplateId, ReplySpelling>> = {
  'llama-3.1': 'direct',
  'llama-3.2': 'direct',
  'ministral-3': 'direct',
  'qwen2.5': 'direct',
  smollm2: 'direct',
  qwen3: 'direct',
};

const LLAMA_BEGINNING_OF_TEXT = '<|begin_of_text|>';
const MISTRAL_BEGINNING_OF_TEXT = '<s>';

/**
 * The literal beginning-of-sequence text a family's tokenizer puts before a document, for base-model completion
 * frames: raw completion adds none, so it must be in the prompt. '' for families that use none (Qwen, SmolLM2).
 */
export function beginningOfText(template: ChatTemplateId): string {
  checkTemplateId(template);
  switch (template) {
    case 'llama-3.1':
    case 'llama-3.2':
      return LLAMA_BEGINNING_OF_TEXT;
    case 'ministral-3':
      return MISTRAL_BEGINNING_OF_TEXT;
    case 'qwen2.5':
    case 'smollm2':
    case 'qwen3':
      return '';
  }
}

/**
 * The whole prompt text, BOS included, that the model's own chat template produces for `messages` with
 * add_generation_prompt = true: ready to send as a raw completion, with the assistant's turn open.
 *
 * `messages` is an optional system message, then user and assistant turns alternating from a user turn, ending
 * with a user turn (to prefill the start of the answer, append it to the returned text). Every content is non-empty.
 */
export function renderChatPrompt(template: ChatTemplateId, messages: readonly ChatMessage[]): string {
  checkTemplateId(template);
  checkMessages(messages);
  const [first] = messages as [ChatMessage, ...ChatMessage[]];
  const system = first.role === 'system' ? first.content : null;
  const turns = system === null ? messages : messages.slice(1);
  switch (template) {
    case 'llama-3.1':
    case 'llama-3.2':
      return renderLlama3(system, turns);
    case 'ministral-3':
      return renderMinistral3(system, turns);
    case 'qwen2.5':
      return renderChatMl(system ?? QWEN25_DEFAULT_SYSTEM, turns);
    case 'smollm2':
      return renderChatMl(system ?? SMOLLM2_DEFAULT_SYSTEM, turns);
    case 'qwen3':
      return renderQwen3(system, turns);
  }
}

function checkTemplateId(template: ChatTemplateId): void {
  if (!CHAT_TEMPLATE_IDS.includes(template)) {
    throw new RangeError(`Unknown chat template ${JSON.stringify(template)}; expected one of ${CHAT_TEMPLATE_IDS.join(', ')}.`);
  }
}

function checkMessages(messages: readonly ChatMessage[]): void {
  if (!Array.isArray(messages)) throw new TypeError('messages must be an array of { role, content } objects.');
  if (messages.length === 0) throw new RangeError('messages is empty: give at least the user turn.');
  messages.forEach((message, i) => {
    if (message === null || typeof message !== 'object') throw new TypeError(`messages[${i}] must be an object.`);
    if (typeof message.content !== 'string') throw new TypeError(`messages[${i}].content must be a string.`);
    if (message.content.length === 0) throw new RangeError(`messages[${i}].content is empty.`);
    if (message.role === 'system') {
      if (i !== 0) throw new RangeError(`messages[${i}] is a system message; only the first message may be one.`);
      return;
    }
    // After the optional system message, turns alternate user, assistant, user, …
    const turn = messages[0]?.role === 'system' ? i - 1 : i;
    const expected = turn % 2 === 0 ? 'user' : 'assistant';
    if (message.role !== expected) {
      throw new RangeError(`messages[${i}] must be a ${expected} turn (turns alternate, starting with the user's).`);
    }
  });
  if (messages[messages.length - 1]?.role !== 'user') {
    throw new RangeError("The last message must be the user's: the prompt ends with the assistant's turn open.");
  }
}

// Python's str.strip() (Jinja's `trim` filter) removes exactly the characters for which str.isspace() is true.
// JavaScript's trim() differs: it removes U+FEFF but not U+001C–U+001F or U+0085.
const PYTHON_WHITESPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function pythonStrip(text: string, characters = PYTHON_WHITESPACE): string {
  let start = 0;
  let end = text.length;
  while (start < end && characters.includes(text[start] as string)) start++;
  while (end > start && characters.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

function pythonLeftStrip(text: string, characters: string): string {
  let start = 0;
  while (start < text.length && characters.includes(text[start] as string)) start++;
  return text.slice(start);
}

function pythonRightStrip(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

const LLAMA_DATE = '26 Jul 2024';

/** meta-llama/Llama-3.1-8B-Instruct and Llama-3.2-1B-Instruct (no tools): contents are trimmed. */
function renderLlama3(system: string | null, turns: readonly ChatMessage[]): string {
  const header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
  let text =
    LLAMA_BEGINNING_OF_TEXT +
    header('system') +
    `Cutting Knowledge Date: December 2023\nToday Date: ${LLAMA_DATE}\n\n` +
    pythonStrip(system ?? '') +
    '<|eot_id|>';
  for (const turn of turns) text += header(turn.role) + pythonStrip(turn.content) + '<|eot_id|>';
  return text + header('assistant');
}

const QWEN25_DEFAULT_SYSTEM = 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.';
const SMOLLM2_DEFAULT_SYSTEM = 'You are a helpful AI assistant named SmolLM, trained by Hugging Face';

const chatMlTurn = (role: string, content: string) => `<|im_start|>${role}\n${content}<|im_end|>\n`;

/** Qwen/Qwen2.5-0.5B-Instruct (no tools) and HuggingFaceTB/SmolLM2-360M-Instruct: ChatML with a default system. */
function renderChatMl(system: string, turns: readonly ChatMessage[]): string {
  let text = chatMlTurn('system', system);
  for (const turn of turns) text += chatMlTurn(turn.role, turn.content);
  return text + '<|im_start|>assistant\n';
}

/** Qwen/Qwen3-0.6B with enable_thinking = false (no tools). */
function renderQwen3(system: string | null, turns: readonly ChatMessage[]): string {
  let text = system === null ? '' : chatMlTurn('system', system);
  // The template shows the reasoning of assistant turns that come after the last real user query; a user turn
  // that is wholly a <tool_response> does not count as a query.
  const isQuery = (turn: ChatMessage) =>
    turn.role === 'user' && !(turn.content.startsWith('<tool_response>') && turn.content.endsWith('</tool_response>'));
  const lastQuery = turns.findLastIndex(isQuery);
  const lastQueryIndex = lastQuery === -1 ? turns.length - 1 : lastQuery;
  turns.forEach((turn, i) => {
    if (turn.role === 'user') {
      text += chatMlTurn('user', turn.content);
      return;
    }
    let content = turn.content;
    let reasoning = '';
    if (content.includes('</think>')) {
      const parts = content.split('</think>');
      content = pythonLeftStrip(parts[parts.length - 1] as string, '\n');
      reasoning = pythonLeftStrip(pythonRightStrip(parts[0] as string, '\n').split('<think>').pop() as string, '\n');
    }
    text +=
      i > lastQueryIndex && reasoning !== ''
        ? `<|im_start|>assistant\n<think>\n${pythonStrip(reasoning, '\n')}\n</think>\n\n${pythonLeftStrip(content, '\n')}`
        : `<|im_start|>assistant\n${content}`;
    text += '<|im_end|>\n';
  });
  return text + '<|im_start|>assistant\n<think>\n\n</think>\n\n';
}

const MINISTRAL3_DEFAULT_SYSTEM = [
  'You are Ministral-3-3B-Instruct-2512, a Large Language Model (LLM) created by Mistral AI, a French startup ' +
    'headquartered in Paris.',
  'You power an AI assistant called Le Chat.',
  'Your knowledge base was last updated on 2023-10-01.',
  'The current date is {today}.',
  '',
  "When you're not sure about some information or when the user's request requires up-to-date or specific data, " +
    'you must use the available tools to fetch the information. Do not hesitate to use tools whenever they can ' +
    'provide a more accurate or complete response. If no relevant tools are available, then clearly state that ' +
    "you don't have the information and avoid making up anything.",
  "If the user's question is not clear, ambiguous, or does not provide enough context for you to accurately " +
    'answer the question, you do not try to answer it right away and you rather ask the user to clarify their ' +
    'request (e.g. "What are some good restaurants around me?" => "Where are you?" or "When is the next flight ' +
    'to Tokyo" => "Where do you travel from?").',
  'You are always very attentive to dates, in particular you try to resolve dates (e.g. "yesterday" is ' +
    '{yesterday}) and when asked about information at specific dates, you discard information that is at another ' +
    'date.',
  'You follow these instructions in all languages, and always respond to the user in the language they use or ' +
    'request.',
  'Next sections describe the capabilities that you have.',
  '',
  '# WEB BROWSING INSTRUCTIONS',
  '',
  'You cannot perform any web search or access internet to open URLs, links etc. If it seems like the user is ' +
    'expecting you to do so, you clarify the situation and ask the user to copy paste the text directly in the chat.',
  '',
  '# MULTI-MODAL INSTRUCTIONS',
  '',
  'You have the ability to read images, but you cannot generate images. You also cannot transcribe audio files or ' +
    'videos.',
  'You cannot read nor transcribe audio files or videos.',
  '',
  '# TOOL CALLING INSTRUCTIONS',
  '',
  'You may have access to tools that you can use to fetch information or perform actions. You must use these ' +
    'tools in the following situations:',
  '',
  '1. When the request requires up-to-date information.',
  '2. When the request requires specific data that you do not have in your knowledge base.',
  '3. When the request involves actions that you cannot perform without tools.',
  '',
  'Always prioritize using tools to provide the most accurate and helpful response. If tools are not available, ' +
    'inform the user that you cannot perform the requested action at the moment.',
].join('\n');

/** mistralai/Ministral-3-3B-Instruct-2512 (no tools, text only). */
function renderMinistral3(system: string | null, turns: readonly ChatMessage[]): string {
  let text = `${MISTRAL_BEGINNING_OF_TEXT}[SYSTEM_PROMPT]${system ?? MINISTRAL3_DEFAULT_SYSTEM}[/SYSTEM_PROMPT]`;
  for (const turn of turns) text += turn.role === 'user' ? `[INST]${turn.content}[/INST]` : `${turn.content}</s>`;
  return text;
}
