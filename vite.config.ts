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
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
