// `npm run bench`: measures sizes and costs, prints a table, and writes bench/results.json.
// Each section owns one top-level key of results.json; keys of sections not run here are kept as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { INITIAL_JS_GZIP_BUDGET, measureBundle } from './bundle.ts';
import { integer, printTable, type SectionResult } from './section.ts';
import { benchCalibration } from './calibration.ts';
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

/** The sections by the key of results.json each owns, in the order they run. */
const SECTIONS: Record<string, () => Promise<SectionResult>> = {
  bundle: benchBundle,
  exactScoring: benchExactScoring,
  stats: benchStats,
  // Seeded simulations of the verdict rules and intervals: the longest section (about half an hour on two cores).
  calibration: benchCalibration,
  server: benchServer,
  // The pipeline after the UI section, whose e2e build it runs; reliability last: its killed-tab test serves the
  // builds that the bundle and UI sections make.
  ui: benchUi,
  pipeline: benchPipeline,
  reliability: benchReliability,
};

/** Runs the sections named in `only` (all when empty), e.g. `npm run bench -- bundle ui`; other keys stay as they are. */
export async function runBench(only: readonly string[] = []): Promise<boolean> {
  const unknown = only.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`No bench section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}.`);
  const sections = Object.entries(SECTIONS)
    .filter(([name]) => only.length === 0 || only.includes(name))
    .map(([, section]) => section);
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
