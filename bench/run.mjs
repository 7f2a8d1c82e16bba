// Runs the TypeScript bench (bench/index.ts) through Vite's module runner, since Node 20 cannot run TypeScript.
// Arguments name the sections to run (`npm run bench -- bundle ui`); none runs them all.
import { runnerImport } from 'vite';

// The module runner sets NODE_ENV to "development"; the bench builds and measures what users get.
const { module } = await runnerImport('./bench/index.ts');
process.env.NODE_ENV = 'production';
if (!(await module.runBench(process.argv.slice(2)))) {
  console.error('A measurement is over its budget (marked OVER above).');
  process.exitCode = 1;
}
