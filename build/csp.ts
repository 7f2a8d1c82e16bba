// The lab's Content-Security-Policy (issue 6, "untrusted input"): model output, imported run files and share links
// are data, never code. This file is the one definition; the Vite plugin below puts it into the built index.html
// (a <meta> tag, for static hosts that cannot send headers, e.g. GitHub Pages), into public/_headers (hosts that read
// that file, e.g. Netlify and Cloudflare Pages; a unit test keeps the two equal) and into `vite preview`'s responses.
//
// Two policies, because two kinds of context fetch different things:
//
// - The page (index.html) renders untrusted text, so it gets the strict one. It never fetches model files (only
//   its own reference data), so its connect-src is 'self'. It runs no wasm.
// - A worker gets its policy from its own script's response headers, not from the page (CSP3 §4.2; Chromium since
//   PlzDedicatedWorker), and the model worker is what downloads weights. So the model hosts appear only in the
//   worker policy, sent for /assets/* (the worker scripts; for a JS file loaded by the page as a script, a CSP
//   header has no effect).
//
// Why the worker's connect-src is `https:` and not a list of hosts: the worker must reach Hugging Face (weights,
// and the CDN hosts it redirects to, which it has renamed several times: cdn-lfs.huggingface.co,
// cdn-lfs-us-1.hf.co, cas-bridge.xethub.hf.co, us.aws.cdn.hf.co…; CSP checks every redirect),
// raw.githubusercontent.com (web-llm's model libraries) and the host of a "bring your own" base, which the user
// types at run time. A header written at deploy time cannot name that host, and a policy can only be narrowed
// after delivery, never widened, so an exact list would break "bring your own" for every host but Hugging Face.
// The trade-off is acceptable because connect-src only limits where an attacker's script could send data, and no
// attacker's script can run in the worker: it has no DOM, its script-src is 'self' (plus wasm compilation, below),
// the only wasm it compiles is web-llm's own runtime and the model library from web-llm's prebuilt list (a "bring
// your own" base runs on its prebuilt twin's library, never on a library of the user's), and the page talks to
// it only in structured messages. `https:` still refuses plain http:, ws:, data: and blob: connections.
// test/unit/security/csp.test.ts derives every address the catalog downloads from and checks that the worker
// policy allows it and the page policy does not, so a catalog change cannot slip past either policy.
//
// A model on the user's own server (issue 14) is reached by the server worker, never by the page, so only the worker
// policy names it. https: already covers a server with a certificate; the one addition is this computer's own
// plain-http addresses, http://localhost and http://127.0.0.1 on any port, where vLLM, llama.cpp's server and Ollama
// listen by default (Chromium and Firefox let even an https page reach those). Other plain-http addresses (a server
// elsewhere on a LAN) stay refused: an https page may not call them anyway (mixed content), and a host that serves its
// own copy over plain http next to such a server adds that one address (docs/operating.md). The server worker runs
// only the lab's own code, like the model worker, and its requests carry only what the probes send.
//
// Where a host cannot send headers, the worker runs without a policy of its own: the page keeps its strict one.

export type Policy = Record<string, readonly string[]>;

/** The page. Every directive is listed, with default-src 'none', so nothing is allowed by accident. */
export const PAGE_POLICY: Policy = {
  'default-src': ["'none'"],
  // The built app's own module scripts; no inline script, no eval, no wasm (web-llm runs only in the worker).
  'script-src': ["'self'"],
  // theme.css. Lit's component styles are constructed stylesheets (adoptedStyleSheets), which CSP does not govern;
  // no component writes a style attribute, so there is no 'unsafe-inline'.
  'style-src': ["'self'"],
  // The favicon, and blob: for drawing a chart's SVG into a canvas when it is saved as PNG.
  'img-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  // The reference data (the paper's figures, the poem corpus). Model files are fetched by the worker only.
  'connect-src': ["'self'"],
  // The model and summary workers (and a service worker) are scripts of the app's own origin.
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  // The app never uses <base>: no injected one may redirect its relative URLs.
  'base-uri': ["'none'"],
  // Forms are handled in script; none is ever submitted to anywhere.
  'form-action': ["'none'"],
};

/** Only in a header: browsers ignore these in a <meta> tag (and warn, in the console). */
export const HEADER_ONLY_DIRECTIVES: Policy = {
  // No site may frame the lab (clickjacking of its download and delete buttons).
  'frame-ancestors': ["'none'"],
};

/** The model worker (and the summary worker, which needs less). */
export const WORKER_POLICY: Policy = {
  'default-src': ["'none'"],
  // web-llm 0.2.86 compiles wasm with WebAssembly.instantiate (tvmjs: the model library; emscripten: its tokenizer
  // and grammar runtimes, inlined as base64 and decoded without a fetch). It uses no eval, no new Function, no
  // importScripts, no blob: or data: workers, so 'wasm-unsafe-eval' is the only addition to 'self'.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // 'self' for the lab's own files; https: for the model hosts, including the user's own (see the top of the file);
  // this computer's own plain-http addresses for a server the user runs on it.
  'connect-src': ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
};

export function serializePolicy(policy: Policy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

/** The page's policy as the built index.html carries it. */
export const PAGE_META_POLICY = serializePolicy(PAGE_POLICY);
/** The page's policy as a header carries it. */
export const PAGE_HEADER_POLICY = serializePolicy({ ...PAGE_POLICY, ...HEADER_ONLY_DIRECTIVES });
export const WORKER_HEADER_POLICY = serializePolicy(WORKER_POLICY);

/** Headers for the paths of the built app, in the `_headers` file's terms (`*` matches the rest of the path). */
export const HEADER_RULES: readonly { path: string; headers: Record<string, string> }[] = [
  // The app's only documents: the routes are in the hash, so these are the only HTML paths.
  { path: '/', headers: { 'Content-Security-Policy': PAGE_HEADER_POLICY, 'X-Content-Type-Options': 'nosniff' } },
  { path: '/index.html', headers: { 'Content-Security-Policy': PAGE_HEADER_POLICY, 'X-Content-Type-Options': 'nosniff' } },
  // Scripts and styles; the policy takes effect for the worker scripts among them.
  { path: '/assets/*', headers: { 'Content-Security-Policy': WORKER_HEADER_POLICY, 'X-Content-Type-Options': 'nosniff' } },
];

/** The headers for a request path (no query), or none. The rules never overlap: two CSP headers would both apply. */
export function headersFor(path: string): Record<string, string> {
  const rule = HEADER_RULES.find((candidate) =>
    candidate.path.endsWith('*') ? path.startsWith(candidate.path.slice(0, -1)) : path === candidate.path,
  );
  return rule?.headers ?? {};
}

/** public/_headers, as Netlify and Cloudflare Pages read it. */
export function headersFile(): string {
  const header =
    '# Generated from build/csp.ts, which explains each directive; test/unit/security/csp.test.ts keeps this file equal to it.\n' +
    '# Paths assume the lab is served from the root of its host.\n';
  return (
    header +
    HEADER_RULES.map(({ path, headers }) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n')).join('\n') +
    '\n'
  );
}
