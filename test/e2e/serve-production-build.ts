// Global setup for the end-to-end tests: serve the production build (dist/) and the e2e build (dist-e2e/, the same
// app with a scripted model backend) with `vite preview` on free ports, and hand their URLs to the tests.
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build: what users get. */
    baseUrl: string;
    /** The e2e build: the app on scripted models, for the whole lab flow without a GPU. */
    scriptedUrl: string;
  }
}

async function serve(outDir: string, buildCommand: string): Promise<PreviewServer> {
  if (!existsSync(`${outDir}/index.html`)) {
    throw new Error(`No build in ${outDir}/. Run \`${buildCommand}\` first (\`npm run test:e2e\` does).`);
  }
  return preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false }, logLevel: 'warn' });
}

function urlOf(server: PreviewServer): string {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return url;
}

export default async function serveBuilds(project: TestProject): Promise<() => Promise<void>> {
  const production = await serve('dist', 'npm run build');
  const scripted = await serve('dist-e2e', 'npm run build:e2e');
  project.provide('baseUrl', urlOf(production));
  project.provide('scriptedUrl', urlOf(scripted));
  return async () => {
    await production.close();
    await scripted.close();
  };
}
