// Plain data about the user's own server that crosses the server worker's boundary (structured clone) and sits in the
// session's memory. The API key is here only while the page is open: no run, file, link or setting ever holds it.
import type { ExactSupport, ServerSoftware } from '../../core/results/index.ts';

/** What the user typed to reach the server. */
export interface ServerConnection {
  /** As typed, e.g. "http://localhost:8000/v1". */
  baseUrl: string;
  /** null when the server needs none. */
  apiKey: string | null;
}

/** What connecting found out: which server, which version, which models. */
export interface ServerFacts {
  software: ServerSoftware;
  version: string | null;
  /** host:port, as runs record it. */
  host: string;
  /** The OpenAI-compatible base the lab settled on, e.g. "http://localhost:8000/v1" (never with a key). */
  base: string;
  models: string[];
}

/** What loading one model found out about what the server can do with it. */
export interface ServerCapabilities {
  exact: ExactSupport;
  /** With exact "top-k": how many next-token log-probabilities the lab asks for. */
  topK: number | null;
  /** Why exact mode is not available, in the server's terms (technical detail); null when it is. */
  exactUnavailable: string | null;
  /** The most samples one request returns (the `n` a server honours); 1 where it takes one at a time. */
  batch: number;
  /** How many requests the lab keeps in flight while sampling. */
  inFlight: number;
  /** Whether a request's seed fixes its samples (each request carries one either way). */
  seeded: boolean;
}
