// HTTP to the user's own server (issue 14), from the server worker. Every failure leaves here as a LabFailure of a
// named kind, told apart as far as a browser lets a page tell: a fetch that fails says only "Failed to fetch", so the
// kind comes from what is known before (an https page cannot reach a plain-http address other than this computer's
// own) and from what can be asked after (the worker's Content-Security-Policy reports what it refused; a no-cors
// request reaches a server that answered but did not allow this page). The API key goes in the Authorization header
// and nowhere else: not in an address, a detail text or a log.
import { LabFailure } from '../errors/kinds.ts';

export interface ServerAddress {
  /** The OpenAI-compatible API's base, e.g. http://localhost:8000/v1, with no trailing slash. */
  base: string;
  /** The server's root, where vLLM's /version and /tokenize, llama.cpp's /props and Ollama's /api live. */
  root: string;
  /** host:port, as a run records it. */
  host: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * The server's addresses from what the user typed: "http://localhost:8000", ".../v1" and ".../v1/" all mean the API
 * at /v1; a path other than the root (a reverse proxy's prefix) is kept as given. Throws a LabFailure
 * ('server-unreachable') for text that is not an http(s) address.
 */
export function serverAddress(typed: string): ServerAddress {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new LabFailure('server-unreachable', `Not a complete web address: ${JSON.stringify(typed.trim().slice(0, 200))}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LabFailure('server-unreachable', `The address must start with http:// or https://; it starts with ${url.protocol}.`);
  }
  if (url.username || url.password) {
    throw new LabFailure('server-unreachable', 'The address holds a user name or password: give the API key in its own field instead.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  const base = `${url.origin}${path === '' ? '/v1' : path}`;
  const root = base.endsWith('/v1') ? base.slice(0, -'/v1'.length) : base;
  return { base, root, host: url.host };
}

export interface ServerHttpOptions {
  address: ServerAddress;
  /** Held in memory for the page's life; sent only as `Authorization: Bearer …`. */
  apiKey: string | null;
  fetcher?: typeof fetch;
  /** The lab page's own protocol ("https:" on a hosted lab), for telling mixed content apart; null outside a browser. */
  pageProtocol?: string | null;
  /** Whether the Content-Security-Policy refused a request to this address (the worker collects its reports). */
  wasBlocked?: (url: string) => Promise<boolean>;
}

/** An answer with an HTTP error status: what the server said, for the caller to name (model missing, too old …). */
export class ServerStatusError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}: ${serverMessage}`);
    this.name = 'ServerStatusError';
  }
}

/** The message in an error body: vLLM's {error: {message}} or {message}, llama.cpp's {error: {message}}, Ollama's {error}. */
export function errorMessageOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? body.slice(0, 500) : '';
  const { error, message, detail } = body as Record<string, unknown>;
  if (typeof error === 'string') return error.slice(0, 500);
  if (typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).message === 'string') {
    return ((error as Record<string, unknown>).message as string).slice(0, 500);
  }
  if (typeof message === 'string') return message.slice(0, 500);
  if (typeof detail === 'string') return detail.slice(0, 500);
  return '';
}

/** The kind an HTTP error status is, for requests that name no model (a missing route means an older server). */
export function statusFailure(error: ServerStatusError): LabFailure {
  if (error.status === 401 || error.status === 403) return new LabFailure('server-auth', error.message);
  if (error.status === 404 || error.status === 405 || error.status === 501) return new LabFailure('server-too-old', error.message);
  return new LabFailure('server-error', error.message);
}

/** A request's target, relative to the API base ("models") or to the server's root ("/version"). */
export type ServerPath = string;

export class ServerHttp {
  /** HTTP requests sent, for the bench and for the Lab's "requests so far". */
  requestCount = 0;
  readonly address: ServerAddress;
  private readonly apiKey: string | null;
  private readonly fetcher: typeof fetch;
  private readonly pageProtocol: string | null;
  private readonly wasBlocked: (url: string) => Promise<boolean>;

  constructor(options: ServerHttpOptions) {
    this.address = options.address;
    this.apiKey = options.apiKey && options.apiKey.trim() !== '' ? options.apiKey.trim() : null;
    this.fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
    this.pageProtocol = options.pageProtocol ?? null;
    this.wasBlocked = options.wasBlocked ?? (async () => false);
  }

  urlOf(path: ServerPath): string {
    return path.startsWith('/') ? `${this.address.root}${path}` : `${this.address.base}/${path}`;
  }

  get(path: ServerPath, signal?: AbortSignal): Promise<unknown> {
    return this.send('GET', path, undefined, signal);
  }

  post(path: ServerPath, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.send('POST', path, body, signal);
  }

  private async send(method: 'GET' | 'POST', path: ServerPath, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const url = this.urlOf(path);
    const target = new URL(url);
    if (this.pageProtocol === 'https:' && target.protocol === 'http:' && !isLoopback(target.hostname)) {
      throw new LabFailure('mixed-content', `An https page may not call the plain-http address ${target.origin}.`);
    }
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    this.requestCount += 1;
    let response: Response;
    try {
      response = await this.fetcher(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw await this.whyUnreachable(url, error, signal);
    }
    const text = await response.text().catch((error: unknown) => {
      throw new LabFailure('server-unreachable', `The connection to ${target.origin} broke off while ${method} ${target.pathname} was answered: ${String(error)}`);
    });
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      if (!response.ok) throw new ServerStatusError(response.status, text.slice(0, 200), `${target.origin}${target.pathname}`);
      throw new LabFailure('server-too-old', `${method} ${target.origin}${target.pathname} answered with something other than JSON: ${JSON.stringify(text.slice(0, 120))}`);
    }
    if (!response.ok) throw new ServerStatusError(response.status, errorMessageOf(parsed), `${target.origin}${target.pathname}`);
    return parsed;
  }

  /** After a fetch failed with no answer: the policy refused it, the server refused this page (CORS), or no one answered. */
  private async whyUnreachable(url: string, error: unknown, signal?: AbortSignal): Promise<LabFailure> {
    const origin = new URL(url).origin;
    if (await this.wasBlocked(url)) {
      return new LabFailure('server-blocked', `This copy of the lab's Content-Security-Policy does not allow ${origin} (${String(error)}).`);
    }
    try {
      // An opaque answer to a no-cors request means something is listening there: it only did not allow this page.
      await this.fetcher(url, { mode: 'no-cors', signal });
      return new LabFailure('server-cors', `${origin} answered, but not with an Access-Control-Allow-Origin header for this page (${String(error)}).`);
    } catch {
      return new LabFailure('server-unreachable', `No answer from ${origin} (${String(error)}).`);
    }
  }
}
