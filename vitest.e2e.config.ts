import { defineConfig } from 'vitest/config';
import { STATE_WAIT_MS, TEST_WAIT_MS } from './test/e2e/waits.ts';

// End-to-end tests drive the installed Chromium (playwright-core) against the production build in dist/,
// served by `vite preview` from the global setup. One browser at a time: these machines have two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/serve-production-build.ts'],
    fileParallelism: false,
    testTimeout: TEST_WAIT_MS,
    hookTimeout: STATE_WAIT_MS,
    // expect.poll waits for the page to reach a state and returns as soon as it has (test/e2e/waits.ts).
    expect: { poll: { timeout: STATE_WAIT_MS } },
  },
});
