// How long the end-to-end tests wait before they call the app stuck. Every wait polls the app's own state (a
// status line, a progress bar, stored records) and ends the moment that state is reached, so these bounds never
// slow a passing run: they only decide how long a hung app takes to fail. They are set for a two-core machine with
// one core busy with other work, where the software WebGPU adapter and two builds' worth of workers share the rest.

/** One step of the app: a page drawn, a model loaded, a message shown. */
export const STATE_WAIT_MS = 60_000;

/** A whole sampled run on scripted models (1,500 answers per model, each stored as it is made). */
export const RUN_WAIT_MS = 240_000;

/** A whole test: at most a few runs and the steps around them. */
export const TEST_WAIT_MS = 2 * RUN_WAIT_MS + 2 * STATE_WAIT_MS;
