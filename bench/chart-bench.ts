// Runs in Chromium (npm run bench builds this page): drawing an answer chart from 10,000 rng-0-10 records — the
// chart's first render on the main thread — and, apart from it, the summary of those records in the summary worker
// (off the main thread, so it delays the chart but never blocks the page). Seeded: every run measures the same work.
import '../components/charts/lab-answer-chart.ts';
import { summaryOf } from '../src/app/run-summary.ts';
import { workerSummaries } from '../src/app/summaries.ts';
import { RNG_0_10, type Rng010Record } from '../src/core/probes/rng-0-10/index.ts';
import type { RunInfo } from '../src/core/results/index.ts';
import { createRng } from '../src/core/stats/index.ts';

const RECORDS = 10_000;
const MODELS: RunInfo['models'] = [
  { id: 'base', catalogId: 'ministral-3-3b-base', name: 'Base', role: 'base', variant: 'q4f32', revision: null },
  { id: 'instruct', catalogId: 'ministral-3-3b-instruct', name: 'Instruct', role: 'instruct', variant: 'q4f32', revision: null },
];

function records(): Rng010Record[] {
  const random = createRng(7);
  return MODELS.flatMap((model, modelIndex) =>
    Array.from({ length: RECORDS / MODELS.length }, (_, index): Rng010Record => {
      const answer = modelIndex === 1 && random() < 0.5 ? 7 : Math.floor(random() * 11);
      return { probeId: 'rng-0-10', modelId: model.id, index, kind: 'sample', text: String(answer), answer, invalid: null };
    }),
  );
}

const summaries = workerSummaries();

async function measure(): Promise<{ render: number; summary: number }> {
  const all = records();
  const info: RunInfo = {
    id: 'bench',
    probeId: 'rng-0-10',
    specVersion: RNG_0_10.version,
    appVersion: 'bench',
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    status: 'complete',
    params: { ...RNG_0_10.defaultParams, mode: 'sampled', n: RECORDS / MODELS.length },
    models: MODELS,
    gpu: null,
  };
  const start = performance.now();
  const summary = summaryOf(await summaries(info, all), 'rng-0-10');
  const summarised = performance.now();
  const chart = document.createElement('lab-answer-chart');
  chart.paperFigures = [];
  chart.models = MODELS;
  chart.summary = summary;
  document.body.append(chart);
  await chart.updateComplete;
  const rendered = performance.now();
  chart.remove();
  return { render: rendered - summarised, summary: summarised - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function run(): Promise<void> {
  await measure();
  const times: { render: number; summary: number }[] = [];
  for (let repeat = 0; repeat < 5; repeat++) times.push(await measure());
  (window as unknown as { benchResult: { chartRender10kRecordsMs: number; summary10kRecordsMs: number } }).benchResult = {
    chartRender10kRecordsMs: median(times.map((time) => time.render)),
    summary10kRecordsMs: median(times.map((time) => time.summary)),
  };
}

void run();
