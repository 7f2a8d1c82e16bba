import { defineConfig } from 'vitest/config';

// End-to-end tests drive the installed Chromium (playwright-core) against the production build in dist/,
// served by `vite preview` from the global setup. One browser at a time: these machines have two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/serve-production-build.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page to reach a state; vitest's default of 1 s is too short for a page loading runs
    // on a busy two-core machine. A poll that succeeds returns at once, so this only lengthens a failure.
    expect: { poll: { timeout: 20_000 } },
  },
});
