// Builds the app-shell service worker (workers/app-shell.sw.ts, offline use) after the rest of the build output is
// written, with that output's precache manifest compiled into it.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { SERVICE_WORKER_FILE, precacheManifest, type BuiltFile } from '../src/core/offline/app-shell.ts';

/** Every file under `outDir`, as a path relative to it (with "/") and a hash of its content. */
function builtFiles(outDir: string): BuiltFile[] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return {
        path: relative(outDir, file).split(sep).join('/'),
        contentHash: createHash('sha256').update(readFileSync(file)).digest('hex'),
      };
    });
}

/**
 * Builds the app-shell service worker (workers/app-shell.sw.ts, offline use) once the rest of the build output is
 * written, with that output's precache manifest compiled into it. Only builds get it: `vite dev` has no service
 * worker, so what a developer edits is always what the page runs.
 */
export function appShellServiceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'lab-app-shell-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const manifest = precacheManifest(builtFiles(outDir));
      const output = await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: { __APP_SHELL_MANIFEST__: JSON.stringify(manifest) },
        build: {
          write: false,
          target: 'es2022',
          // Small and worth reading in the browser's developer tools as it is.
          minify: false,
          // A classic script: module service workers are not supported by every browser the lab runs in.
          rolldownOptions: {
            input: fileURLToPath(new URL('../workers/app-shell.sw.ts', import.meta.url)),
            output: { format: 'iife' },
          },
        },
      });
      const chunk = (Array.isArray(output) ? output : [output])
        .flatMap((result) => ('output' in result ? result.output : []))
        .find((file) => file.type === 'chunk');
      if (!chunk) throw new Error('The app-shell service worker build produced no script.');
      writeFileSync(join(outDir, SERVICE_WORKER_FILE), chunk.code);
    },
  };
}
