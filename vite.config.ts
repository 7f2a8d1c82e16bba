import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appShellServiceWorker } from './build/app-shell-plugin.ts';
import { contentSecurityPolicy } from './build/csp-plugin.ts';

export default defineConfig(({ mode }) => ({
  // Relative asset URLs let the built app run from any sub-path of any static host.
  base: './',
  plugins: [contentSecurityPolicy(), appShellServiceWorker()],
  build: {
    target: 'es2022',
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    emptyOutDir: true,
    // The page preloads what it needs first (index.html); a page loaded later fetches its own chunks when it comes.
    // Browsers with WebGPU all have modulepreload, so no polyfill, and no list of each lazy page's chunks in the
    // first load (it cost the first page half a kilobyte).
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
  },
  // The e2e build (mode "e2e") runs the whole app on a scripted backend instead of web-llm: it exists only in
  // that build's output folder and is never deployed.
  resolve: {
    alias:
      mode === 'e2e'
        ? [{ find: /^\.\/web-llm-backend\.ts$/, replacement: fileURLToPath(new URL('./test/fixtures/e2e-backend.ts', import.meta.url)) }]
        : [],
  },
  worker: {
    format: 'es',
  },
  // web-llm is imported only by the model worker; pre-bundling it up front keeps the first dev load from
  // discovering it late and reloading the page (testing.md).
  optimizeDeps: {
    include: ['@mlc-ai/web-llm'],
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
}));
