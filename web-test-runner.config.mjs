// Browser tests: components, workers, IndexedDB and WebGPU in the installed Chromium.
// WebGPU is on (`--enable-unsafe-webgpu`): without a GPU, Chromium gives its SwiftShader adapter.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_FLAGS, WEBGPU_FLAG, requireChromium } from './test/support/chromium.mjs';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Two cores: one browser page at a time keeps the software WebGPU adapter and the tests from starving each other.
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: requireChromium(),
        headless: true,
        args: [...CHROMIUM_FLAGS, WEBGPU_FLAG],
      },
    }),
  ],
  testFramework: {
    config: { timeout: 30_000 },
  },
};
