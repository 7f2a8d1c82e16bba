import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs let the built app run from any sub-path of any static host.
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
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
});
