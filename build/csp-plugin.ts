// Puts the Content-Security-Policy of build/csp.ts into what users get: a <meta> tag at the top of the built
// index.html, and the headers of public/_headers in `vite preview` (which the end-to-end tests use). The dev
// server is left alone: it injects inline styles and a websocket client of its own.
import type { Plugin } from 'vite';
import { headersFor, PAGE_META_POLICY } from './csp.ts';

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'lab-content-security-policy',
    apply: (_config, env) => env.command === 'build' || env.isPreview === true,
    transformIndexHtml: () => [
      // First in <head>, so that it governs every script and stylesheet after it.
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_META_POLICY }, injectTo: 'head-prepend' },
    ],
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://preview.invalid').pathname;
        for (const [name, value] of Object.entries(headersFor(path))) response.setHeader(name, value);
        next();
      });
    },
  };
}
