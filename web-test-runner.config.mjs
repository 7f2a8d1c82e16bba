// Browser tests: components, workers, IndexedDB and WebGPU in the installed Chromium.
// The default group has WebGPU on (`--enable-unsafe-webgpu`: without a GPU, Chromium's SwiftShader adapter);
// the "no-webgpu" group runs without it, where requestAdapter() gives null.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from './test/support/chromium.mjs';
import { fixtureModelHost } from './test/support/fixture-server.mjs';

/** @param {string[]} args */
function chromium(args) {
  return chromeLauncher({ launchOptions: { executablePath: requireChromium(), headless: true, args } });
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Not "localhost": web-llm neither caches nor checks a wasm whose URL contains "localhost", and the fixture
  // model host must take the same code path as a real one.
  hostname: '127.0.0.1',
  // Two cores: one browser page at a time keeps the software WebGPU adapter and the tests from starving each other.
  concurrency: 1,
  middleware: [fixtureModelHost],
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [chromium([...CHROMIUM_FLAGS, WEBGPU_FLAG])],
  groups: [
    {
      name: 'no-webgpu',
      files: ['test/browser-no-webgpu/**/*.test.ts'],
      browsers: [chromium(CHROMIUM_FLAGS)],
    },
  ],
  testFramework: {
    config: { timeout: 30_000 },
  },
};
