// The model worker: one per loaded model, so base and aligned models load, stop, fail and unload independently.
// The e2e build replaces web-llm-backend.ts with a scripted backend (vite.config.ts, mode "e2e"), so no build
// users get can ever reach scripted output.
import { serveModelWorker, type WorkerScope } from './serve.ts';
import { createBackend } from './web-llm-backend.ts';

// The project's TypeScript lib is the DOM one, which types `self` as a window; in a worker it is the worker scope.
serveModelWorker(self as unknown as WorkerScope, createBackend());
