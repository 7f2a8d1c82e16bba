// The model worker: one per loaded model, so base and aligned models load, stop, fail and unload independently.
// The e2e build replaces web-llm-backend.ts with the scripted backend (vite.config.ts, mode "e2e").
import { serveModelWorker, type WorkerScope } from './serve.ts';
import { WebLlmBackend } from './web-llm-backend.ts';

// The project's TypeScript lib is the DOM one, which types `self` as a window; in a worker it is the worker scope.
serveModelWorker(self as unknown as WorkerScope, new WebLlmBackend());
