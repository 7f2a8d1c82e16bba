// Runs in Chromium (npm run bench builds this page): the time from 10,000 stored rng-0-10 records to a drawn answer
// chart, i.e. the probe's summary of them plus the chart's first render. Seeded, so every run measures the same work.
import '../components/charts/lab-answer-chart.ts';
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

async function measure(): Promise<number> {
  const all = records();
  const params = { ...RNG_0_10.defaultParams, mode: 'sampled' as const, n: RECORDS / MODELS.length };
  const start = performance.now();
  const summary = RNG_0_10.summarize(all, params, MODELS.map((model) => model.id));
  const chart = document.createElement('lab-answer-chart');
  chart.paperFigures = [];
  chart.models = MODELS;
  chart.summary = summary;
  document.body.append(chart);
  await chart.updateComplete;
  const elapsed = performance.now() - start;
  chart.remove();
  return elapsed;
}

async function run(): Promise<void> {
  await measure();
  const times: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) times.push(await measure());
  times.sort((a, b) => a - b);
  (window as unknown as { benchResult: { chartRender10kRecordsMs: number; records: number } }).benchResult = {
    chartRender10kRecordsMs: times[2] ?? Number.NaN,
    records: RECORDS,
  };
}

void run();
