// `npm run bench`: measures sizes and costs, prints a table, and writes bench/results.json.
// Each section owns one top-level key of results.json; keys of sections not run here are kept as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { INITIAL_JS_GZIP_BUDGET, measureBundle } from './bundle.ts';
import { integer, printTable, type SectionResult } from './section.ts';
import { benchExactScoring } from './exact-scoring.ts';
import { benchPipeline } from './pipeline.ts';
import { benchReliability } from './reliability.ts';
import { benchServer } from './server.ts';
import { benchStats } from './stats.ts';
import { benchUi } from './ui.ts';

const RESULTS_FILE = 'bench/results.json';

async function benchBundle(): Promise<SectionResult> {
  await build({ logLevel: 'warn' });
  const { result, initialJsFiles, initialCssFiles } = measureBundle('dist');
  const withinBudget = result.initialJsGzipBytes <= INITIAL_JS_GZIP_BUDGET;
  printTable('Bundle (production build, dist/)', [
    [
      'initial JS, gzip bytes',
      integer.format(result.initialJsGzipBytes),
      `${withinBudget ? 'within' : 'OVER'} the budget of ${integer.format(INITIAL_JS_GZIP_BUDGET)} (${initialJsFiles.join(', ')})`,
    ],
    ['initial CSS, gzip bytes', integer.format(result.initialCssGzipBytes), initialCssFiles.join(', ')],
    ['all of dist/, bytes', integer.format(result.totalDistBytes)],
  ]);
  return { key: 'bundle', value: result, withinBudget };
}

export async function runBench(): Promise<boolean> {
  // The pipeline after the UI section, whose e2e build it runs; reliability last: its killed-tab test serves the
  // builds that the bundle and UI sections make.
  const sections = [benchBundle, benchExactScoring, benchStats, benchServer, benchUi, benchPipeline, benchReliability];
  const results: Record<string, unknown> = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  let allWithinBudget = true;
  for (const section of sections) {
    const { key, value, withinBudget } = await section();
    results[key] = value;
    allWithinBudget &&= withinBudget;
  }
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS_FILE}`);
  return allWithinBudget;
}
