// The server worker: one per model on the user's own server (issue 14), speaking the same protocol as the model
// worker. Its requests to the server leave from here, under the worker's Content-Security-Policy (build/csp.ts),
// which allows a user's server; the page's own policy stays 'self'. Requests the policy refuses are remembered, so a
// failed fetch can be told apart from a server that is down.
import { ServerBackend } from '../src/engine/server/server-backend.ts';
import { serveModelWorker, type WorkerScope } from './serve.ts';

const refused = new Set<string>();
self.addEventListener('securitypolicyviolation', (event) => refused.add((event as SecurityPolicyViolationEvent).blockedURI));

/** Whether the policy refused `url`. Its report is queued as a task of its own, so it is read after one turn. */
async function wasBlocked(url: string): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const origin = new URL(url).origin;
  return [...refused].some((blocked) => blocked === url || blocked.startsWith(origin));
}

// The project's TypeScript lib is the DOM one, which types `self` as a window; in a worker it is the worker scope.
serveModelWorker(self as unknown as WorkerScope, new ServerBackend({ pageProtocol: self.location.protocol, wasBlocked }));
