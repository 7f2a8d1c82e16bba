// Routes the test runner's dev server adds for the browser tests: stand-ins for a model host (Hugging Face and
// the wasm host), so the real web-llm code path runs up to its network boundary without a network.
// Every request under /fixture- is logged, so a test can prove that nothing was fetched.

/** A bring-your-own base's mlc-chat-config.json, for the SmolLM2 360M twin in q4f32. */
const BYO_CONFIG = JSON.stringify({
  model_type: 'llama',
  quantization: 'q4f32_1',
  vocab_size: 49152,
  tokenizer_files: ['tokenizer.json'],
  conv_template: { name: 'chatml' },
});

/** A minimal mlc-chat-config.json: web-llm parses it before it fetches the wasm. */
const CHAT_CONFIG = JSON.stringify({
  model_type: 'llama',
  tokenizer_files: ['tokenizer.json'],
  context_window_size: 2048,
  conv_template: { name: 'llama-3', stop_token_ids: [128001, 128009] },
});

/** A weight list as mlc_llm wrote it before it renamed ndarray-cache.json to tensor-cache.json (the same format). */
const OLD_WEIGHT_LIST = JSON.stringify({
  metadata: { ParamSize: 1, ParamBytes: 4, BitsPerParam: 32 },
  records: [{ dataPath: 'params_shard_0.bin', format: 'raw-shard', nbytes: 4, records: [{ name: 'w', shape: [1], dtype: 'float32', format: 'f32-to-bf16', nbytes: 4, byteOffset: 0 }] }],
});

/** What a single-page-app host answers for a missing file: its index page, with status 200. */
const HTML_FALLBACK = '<!doctype html><html><head><title>App</title></head><body><div id="app"></div></body></html>';

/** @type {string[]} */
const fixtureRequests = [];

/** @typedef {{ status: number; type: string; body: string }} Route */

/** @param {string} body @returns {Route} A JSON file. */
const json = (body) => ({ status: 200, type: 'application/json', body });
/** @param {number} status @param {string} body @returns {Route} A plain-text answer: a host's error page. */
const text = (status, body) => ({ status, type: 'text/plain', body });
const NOT_FOUND = text(404, 'Not Found');
const EMPTY_TOKENIZER = json('{}');

/** @type {Record<string, Route>} */
const ROUTES = {
  '/fixture-models/missing-config/resolve/main/mlc-chat-config.json': NOT_FOUND,
  '/fixture-models/html-config/resolve/main/mlc-chat-config.json': { status: 200, type: 'text/html', body: HTML_FALLBACK },
  '/fixture-models/missing-wasm/resolve/main/mlc-chat-config.json': json(CHAT_CONFIG),
  '/fixture-libs/missing.wasm': NOT_FOUND,
  // A download that breaks off: the config arrives, the model library's host then fails.
  '/fixture-models/broken-download/resolve/main/mlc-chat-config.json': json(CHAT_CONFIG),
  '/fixture-libs/failing.wasm': text(503, 'Service Unavailable'),
  // Bring-your-own folders: one complete enough for the lab's check, one converted by an old mlc_llm (no tensor-cache.json).
  '/fixture-models/byo-good/resolve/main/mlc-chat-config.json': json(BYO_CONFIG),
  '/fixture-models/byo-good/resolve/main/tensor-cache.json': json(JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin' }] })),
  '/fixture-models/byo-good/resolve/main/tokenizer.json': EMPTY_TOKENIZER,
  '/fixture-models/byo-old/resolve/main/mlc-chat-config.json': json(BYO_CONFIG),
  '/fixture-models/byo-old/resolve/main/ndarray-cache.json': json(OLD_WEIGHT_LIST),
  '/fixture-models/byo-old/resolve/main/tokenizer.json': EMPTY_TOKENIZER,
  // A folder with a config and a tokenizer but no weight list under either name.
  '/fixture-models/byo-no-list/resolve/main/mlc-chat-config.json': json(BYO_CONFIG),
  '/fixture-models/byo-no-list/resolve/main/tokenizer.json': EMPTY_TOKENIZER,
};

/** @param {{ path: string; method: string; status: number; type: string; body: unknown; set(name: string, value: string): void }} context @param {() => Promise<unknown>} next */
export async function fixtureModelHost(context, next) {
  if (context.path === '/fixture-log') {
    context.type = 'application/json';
    context.body = JSON.stringify(fixtureRequests);
    return;
  }
  if (!context.path.startsWith('/fixture-')) return next();
  fixtureRequests.push(`${context.method} ${context.path}`);
  context.set('Access-Control-Allow-Origin', '*');
  const route = ROUTES[context.path] ?? NOT_FOUND;
  context.status = route.status;
  context.type = route.type;
  if (context.method !== 'HEAD') context.body = route.body;
}

