import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../src/core/stats/index.ts';
import { parseRoute } from '../../../src/app/router.ts';
import { LabSession } from '../../../src/app/lab-session.ts';
import {
  HEADLINE_MEASURES,
  headlineFigures,
  readSetupPayload,
  readSharePayload,
  setupFromShare,
  setupLinkFor,
  setupModelsOf,
  shareLinkFor,
  sharedRunOf,
} from '../../../src/app/share.ts';
import { serverComparison, type ConnectedServer } from '../../../src/engine/server/server-catalog.ts';
import { HIDE_AND_SEEK, type HideAndSeekParams, type HideAndSeekRecord } from '../../../src/core/probes/hide-and-seek/index.ts';
import type { ProbeId } from '../../../src/core/probes/index.ts';
import { POEM, type PoemParams, type PoemRecord } from '../../../src/core/probes/poem/index.ts';
import type { ProbeModel, RecordBase } from '../../../src/core/probes/probe.ts';
import { ANSWERS, RNG_0_10, type Rng010Params, type Rng010Record } from '../../../src/core/probes/rng-0-10/index.ts';
import { RNG_SEQUENCE, repeatsIn, type RngSequenceParams, type RngSequenceRecord } from '../../../src/core/probes/rng-sequence/index.ts';
import { RPS, type RpsParams, type RpsRecord } from '../../../src/core/probes/rps/index.ts';
import { runProbe } from '../../../src/core/probes/runner.ts';
import type { RunInfo, SharedFigure, SharedRun } from '../../../src/core/results/index.ts';
import type { RunSummary } from '../../../src/app/run-summary.ts';
import { SyntheticModel, uniformOver, type AnswerDistribution } from '../core/probes/synthetic-model.ts';
import { collect, runInfo } from '../../support/builders.ts';

function probeModel(id: string, role: 'base' | 'instruct', distribution: AnswerDistribution): ProbeModel {
  return { model: new SyntheticModel({ id, role, distribution }), chatTemplate: 'llama-3.1' };
}

const measuresOf = (figures: SharedFigure[], modelIndex: number): string[] =>
  figures.filter((figure) => figure.modelIndex === modelIndex).map((figure) => figure.measure);

function figureOf(figures: SharedFigure[], modelIndex: number, measure: string): SharedFigure {
  const found = figures.find((figure) => figure.modelIndex === modelIndex && figure.measure === measure);
  if (!found) throw new Error(`No ${measure} for model ${modelIndex}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic records for each probe.

const rngParams: Rng010Params = { ...RNG_0_10.defaultParams, mode: 'exact', seed: 42 };

function distributionRecord(modelId: string, probabilities: number[]): Rng010Record {
  // As a scorer reports it: never below 0, however the float sum rounds.
  const other = Math.max(0, 1 - probabilities.reduce((sum, p) => sum + p, 0));
  return { probeId: 'rng-0-10', modelId, index: 0, kind: 'distribution', probabilities, other, forwardPasses: 3, prefillTokens: 40 };
}

const uniform11 = ANSWERS.map(() => 1 / 11);
const sevenHeavy = ANSWERS.map((answer) => (answer === '7' ? 0.5 : 0.05));
const rngRecords: Rng010Record[] = [distributionRecord('base', uniform11), distributionRecord('instruct', sevenHeavy)];

const sequenceParams: RngSequenceParams = { ...RNG_SEQUENCE.defaultParams, mode: 'sampled', n: 4, seed: 3 };
const SEQUENCES: Record<string, number[][]> = {
  base: [
    [3, 3, 7, 1, 0, 9, 3, 10, 2, 2],
    [5, 1, 8, 8, 0, 4, 6, 1, 9, 5],
    [0, 2, 4, 6, 8, 10, 1, 3, 5, 7],
    [7, 7, 7, 2, 9, 4, 4, 0, 6, 1],
  ],
  instruct: [
    [3, 7, 1, 9, 4, 0, 6, 2, 8, 5],
    [7, 2, 9, 4, 1, 8, 3, 6, 0, 10],
    [4, 8, 1, 6, 9, 2, 7, 3, 5, 0],
    [7, 3, 9, 1, 5, 2, 8, 4, 10, 6],
  ],
};
const sequenceRecords: RngSequenceRecord[] = Object.entries(SEQUENCES).flatMap(([modelId, sequences]) =>
  sequences.map((numbers, index) => ({
    probeId: 'rng-sequence' as const,
    modelId,
    index,
    kind: 'sample' as const,
    text: numbers.join(', '),
    numbers,
    invalid: null,
  })),
);

const poemParams: PoemParams = { ...POEM.defaultParams, topics: ['the sea', 'bread'], poemsPerPrompt: 2, seed: 5 };
const POEMS: Record<string, string[]> = {
  base: ['Grey water folds\nover a drowned bell', 'Salt on the rope,\ngulls argue', 'Crust cracks like ice\nunder the thumb', 'Yeast wakes slowly\nin a warm bowl'],
  instruct: ['The sea is blue and wide\nthe sea is calm and bright', 'The sea is blue and deep\nthe sea is calm and bright', 'Bread is warm and good\nbread is soft and sweet', 'Bread is warm and fresh\nbread is soft and sweet'],
};
const poemRecords: PoemRecord[] = Object.entries(POEMS).flatMap(([modelId, poems]) =>
  poems.map((poem, index) => ({
    probeId: 'poem' as const,
    modelId,
    index,
    // Record i is for topic i mod k, poem ⌊i / k⌋ (the probe's order).
    promptIndex: index % 2,
    sampleIndex: Math.floor(index / 2),
    topic: poemParams.topics[index % 2] as string,
    text: poem,
    poem,
    finishReason: 'stop' as const,
    empty: false,
  })),
);

const alwaysFirst = (moves: readonly string[]): AnswerDistribution => () => ({ [moves[0] as string]: 1 });

describe('headlineFigures', () => {
  it('gives rng-0-10 P(7), JS divergence, χ² at the paper’s N and P(other) per model, exact values without noise', () => {
    const summary = RNG_0_10.summarize(rngRecords, rngParams, ['base', 'instruct']);
    const figures = headlineFigures({ probeId: 'rng-0-10', value: summary });
    expect(measuresOf(figures, 0)).toEqual([...HEADLINE_MEASURES['rng-0-10']]);
    expect(measuresOf(figures, 1)).toEqual([...HEADLINE_MEASURES['rng-0-10']]);
    const seven = figureOf(figures, 1, 'p-seven');
    expect(seven.value).toBeCloseTo(0.5, 12);
    expect(seven).toMatchObject({ lo: seven.value, hi: seven.value, n: null, interval: 'exact' });
    expect(figureOf(figures, 0, 'js-to-uniform').value).toBeCloseTo(0, 12);
    // χ² on the paper's scale: what a sample of 1,500 would show on average, exactly.
    const chi = figureOf(figures, 1, 'chi-square-at-paper-n');
    expect(chi).toMatchObject({ value: summary.models[1]?.measures?.chiSquareAtPaperN.value, n: null, interval: 'exact' });
    // What fell outside the answers is a headline number too, as read.
    expect(figureOf(figures, 1, 'other-share')).toMatchObject({ value: summary.models[1]?.otherShare, n: null, interval: 'exact' });
  });

  it('gives sampled runs’ invalid share among all attempts as P(other), with its Wilson interval', () => {
    const params = { ...RNG_0_10.defaultParams, mode: 'sampled' as const, n: 3 };
    const answers = [7, null, 3, 7].map((answer, index) => ({
      probeId: 'rng-0-10' as const,
      modelId: 'base',
      index,
      kind: 'sample' as const,
      text: answer === null ? 'no' : String(answer),
      answer,
      invalid: answer === null ? ('no-answer' as const) : null,
    }));
    const figures = headlineFigures({ probeId: 'rng-0-10', value: RNG_0_10.summarize(answers, params, ['base']) });
    expect(figureOf(figures, 0, 'other-share')).toMatchObject({ value: 0.25, n: 4, interval: 'wilson-95', ...wilsonInterval(1, 4) });
  });

  it('leaves out a model with no value yet, and gives nothing for no summary', () => {
    const summary = RNG_0_10.summarize(rngRecords.slice(0, 1), rngParams, ['base', 'instruct']);
    const figures = headlineFigures({ probeId: 'rng-0-10', value: summary });
    expect(measuresOf(figures, 0)).toHaveLength(4);
    expect(measuresOf(figures, 1)).toEqual([]);
    expect(headlineFigures(null)).toEqual([]);
  });

  it('gives rng-sequence mean repeats and P(no repeats), with their N', () => {
    const summary = RNG_SEQUENCE.summarize(sequenceRecords, sequenceParams, ['base', 'instruct']);
    const figures = headlineFigures({ probeId: 'rng-sequence', value: summary });
    const meanBase = (SEQUENCES.base ?? []).reduce((sum, sequence) => sum + repeatsIn(sequence), 0) / 4;
    expect(figureOf(figures, 0, 'mean-repeats')).toMatchObject({ value: meanBase, n: 4, interval: 't-95' });
    // The aligned lists never repeat: P(no repeats) is 1, with a Wilson interval below it.
    const none = figureOf(figures, 1, 'p-no-repeats');
    expect(none).toMatchObject({ value: 1, n: 4, interval: 'wilson-95' });
    expect(none.lo).toBeLessThan(1);
    expect(measuresOf(figures, 1)).toEqual([...HEADLINE_MEASURES['rng-sequence']]);
  });

  it('gives rock-paper-scissors the net score and the exploitability given the last round', async () => {
    const params: RpsParams = { ...RPS.defaultParams, mode: 'exact', rounds: 12, seed: 9 };
    const models = [probeModel('base', 'base', uniformOver(['rock', 'paper', 'scissors'])), probeModel('instruct', 'instruct', alwaysFirst(['rock']))];
    const records = await collect<RpsRecord>(runProbe(RPS, { models, params }));
    const summary = RPS.summarize(records, params, ['base', 'instruct']);
    const figures = headlineFigures({ probeId: 'rps', value: summary });
    expect(measuresOf(figures, 0)).toEqual([...HEADLINE_MEASURES.rps]);
    expect(figureOf(figures, 0, 'exploitability').value).toBeCloseTo(0, 12);
    // Always rock: a best responder wins every round.
    expect(figureOf(figures, 1, 'exploitability').value).toBeCloseTo(1, 12);
    const lastRound = summary.models[1]?.measures?.byState.find((view) => view.view === 'last-round');
    expect(figureOf(figures, 1, 'exploitability')).toEqual({ modelIndex: 1, measure: 'exploitability', ...lastRound?.exploitability });
    expect(figureOf(figures, 1, 'net-score-per-100')).toEqual({
      modelIndex: 1,
      measure: 'net-score-per-100',
      ...summary.models[1]?.measures?.netScorePer100,
    });
  });

  it('adds the found-rate for hide-and-seek, grouped by model', async () => {
    const params: HideAndSeekParams = { ...HIDE_AND_SEEK.defaultParams, mode: 'exact', rounds: 12, seed: 4 };
    const models = [probeModel('base', 'base', uniformOver(params.places)), probeModel('instruct', 'instruct', alwaysFirst(params.places))];
    const records = await collect<HideAndSeekRecord>(runProbe(HIDE_AND_SEEK, { models, params }));
    const summary = HIDE_AND_SEEK.summarize(records, params, ['base', 'instruct']);
    const figures = headlineFigures({ probeId: 'hide-and-seek', value: summary });
    expect(figures.map((figure) => [figure.modelIndex, figure.measure])).toEqual([
      [0, 'net-score-per-100'],
      [0, 'exploitability'],
      [0, 'other-share'],
      [0, 'found-rate'],
      [1, 'net-score-per-100'],
      [1, 'exploitability'],
      [1, 'other-share'],
      [1, 'found-rate'],
    ]);
    expect(figureOf(figures, 1, 'found-rate')).toMatchObject({ ...summary.models[1]?.foundRate, interval: 'batch-means-95', n: 12 });
  });

  it('gives poems distinct-2 and self-BLEU, over topics', () => {
    const summary = POEM.summarize(poemRecords, poemParams, ['base', 'instruct']);
    const figures = headlineFigures({ probeId: 'poem', value: summary });
    expect(measuresOf(figures, 0)).toEqual([...HEADLINE_MEASURES.poem]);
    expect(figureOf(figures, 0, 'distinct-2')).toMatchObject({ ...summary.models[0]?.metrics.distinct2, interval: 'prompt-bootstrap-95', n: 2 });
    // The aligned poems repeat themselves: more alike, fewer distinct word pairs.
    expect(figureOf(figures, 1, 'self-bleu').value).toBeGreaterThan(figureOf(figures, 0, 'self-bleu').value);
    expect(figureOf(figures, 1, 'distinct-2').value).toBeLessThan(figureOf(figures, 0, 'distinct-2').value);
  });
});

/** A run of the default Ministral pair: a share link names the catalog's models. */
function ministralRun(probeId: ProbeId, params: RunInfo['params']): RunInfo {
  return runInfo(probeId, {
    params,
    models: [
      { id: 'Ministral-3-3B-Base-2512-q4f16_1-MLC', catalogId: 'ministral-3-3b-base', name: 'Ministral 3 3B Base', role: 'base', variant: 'q4f16', revision: null },
      {
        id: 'Ministral-3-3B-Instruct-2512-BF16-q4f16_1-MLC',
        catalogId: 'ministral-3-3b-instruct',
        name: 'Ministral 3 3B Instruct',
        role: 'instruct',
        variant: 'q4f16',
        revision: null,
      },
    ],
  });
}

const ADDRESS = { origin: 'https://lab.example', pathname: '/lab/' };

describe('share links of runs', () => {
  const info = ministralRun('rng-0-10', { ...rngParams });
  const recordsOfRun: RecordBase[] = [
    { ...distributionRecord(info.models[0]!.id, uniform11) },
    { ...distributionRecord(info.models[1]!.id, sevenHeavy) },
  ];
  const summary: RunSummary = {
    probeId: 'rng-0-10',
    value: RNG_0_10.summarize(recordsOfRun as Rng010Record[], rngParams, info.models.map((model) => model.id)),
  };

  it('carry the probe, the parameters with the seed, the models and the language', () => {
    const shared = sharedRunOf(info, summary, 'ja');
    expect(shared).toMatchObject({
      probeId: 'rng-0-10',
      specVersion: info.specVersion,
      params: { seed: 42, n: 1500, mode: 'exact' },
      models: [
        { catalogId: 'ministral-3-3b-base', variant: 'q4f16', role: 'base' },
        { catalogId: 'ministral-3-3b-instruct', variant: 'q4f16', role: 'instruct' },
      ],
      language: 'ja',
    });
    expect(shared.summary).toEqual(headlineFigures(summary));
  });

  it('round-trip through the address, the router and the shared view’s reader', () => {
    const link = shareLinkFor(info, summary, 'en', ADDRESS);
    if (!link.ok) throw new Error(link.reason);
    expect(link.url.startsWith('https://lab.example/lab/#/share/')).toBe(true);
    const route = parseRoute(new URL(link.url).hash);
    if (route.page !== 'share') throw new Error(`routed to ${route.page}`);
    expect(readSharePayload(route.payload)).toEqual({ ok: true, value: link.share });
  });

  it('share a run with no results yet, without numbers', () => {
    const link = shareLinkFor(info, null, 'en', ADDRESS);
    expect(link.ok && link.share.summary).toEqual([]);
  });

  it('say why a run cannot be shared instead of throwing', () => {
    const twice = { ...info, models: [info.models[0]!, info.models[0]!] };
    const link = shareLinkFor(twice, null, 'en', ADDRESS);
    expect(link).toEqual({ ok: false, reason: expect.stringMatching(/^This run cannot be shared: .*same model as an earlier one/) });
  });

  it('are refused by the reader when changed', () => {
    const link = shareLinkFor(info, summary, 'en', ADDRESS);
    if (!link.ok) throw new Error(link.reason);
    const payload = link.url.split('#/share/')[1]!;
    const changed = `${payload.slice(0, 20)}${payload[20] === 'A' ? 'B' : 'A'}${payload.slice(21)}`;
    const read = readSharePayload(changed);
    expect(read.ok).toBe(false);
  });
});

describe('setupFromShare', () => {
  const shared: SharedRun = sharedRunOf(ministralRun('rps', { ...RPS.defaultParams, seed: 11 }), null, 'en');

  it('preselects the comparison, its models, the weight format and the experiment', () => {
    const setup = setupFromShare(shared);
    expect(setup).toEqual({
      comparisonId: 'ministral-3-3b',
      variant: 'q4f16',
      modelIds: ['ministral-3-3b-base', 'ministral-3-3b-instruct'],
      probeId: 'rps',
      params: { ...RPS.defaultParams, seed: 11 },
    });
    // A copy: the Lab page may edit it without changing the shared run.
    expect(setup?.params).not.toBe(shared.params);
  });

  it('gives nothing for models this lab cannot load for the reader', () => {
    const unknown = { ...shared, models: [{ catalogId: 'your-own-base', variant: 'q4f16' as const, role: 'base' as const }] };
    expect(setupFromShare(unknown)).toBe(null);
    const mixed = {
      ...shared,
      models: [shared.models[0]!, { catalogId: 'llama-3.1-8b-instruct', variant: 'q4f16' as const, role: 'instruct' as const }],
    };
    expect(setupFromShare(mixed)).toBe(null);
    // A bring-your-own twin needs the sender's own base, which lives at the sender's address.
    const twin = { ...shared, models: [{ catalogId: 'smollm2-360m-instruct', variant: 'q4f32' as const, role: 'instruct' as const }] };
    expect(setupFromShare(twin)).toBe(null);
  });
});

describe('setup links for a class', () => {
  const session = (): LabSession =>
    new LabSession({
      startWorker: () => {
        throw new Error('a setup link loads nothing');
      },
      storage: undefined,
    });

  it('carry the comparison’s default pair, the experiment and its parameters, no results, through the router and the share checks', () => {
    const lab = session();
    const params = { ...RPS.defaultParams, mode: 'sampled' as const, rounds: 20, seed: 7 };
    const link = setupLinkFor('rps', params, setupModelsOf(lab), lab.variant, 'ja', ADDRESS);
    if (!link.ok) throw new Error(link.reason);
    expect(link.url.startsWith('https://lab.example/lab/#/lab/setup/')).toBe(true);
    const route = parseRoute(new URL(link.url).hash);
    if (route.page !== 'lab' || !route.setup) throw new Error(`routed to ${route.page}`);
    const read = readSetupPayload(route.setup);
    if (!read.ok) throw new Error(read.problems.join(' '));
    expect(read.value).toEqual({
      probeId: 'rps',
      specVersion: RPS.version,
      params,
      models: [
        { catalogId: 'ministral-3-3b-base', variant: 'q4f32', role: 'base' },
        { catalogId: 'ministral-3-3b-instruct', variant: 'q4f32', role: 'instruct' },
      ],
      language: 'ja',
    });
    expect(setupFromShare(read.value)).toMatchObject({ comparisonId: 'ministral-3-3b', probeId: 'rps', params });
  });

  it('never carry a server’s address or API key: its models go in as their place in the comparison', () => {
    const lab = session();
    const server: ConnectedServer = {
      connection: { baseUrl: 'https://gpu.school.example:8443/v1', apiKey: 'sk-class-secret-123' },
      facts: { software: 'vllm', version: '0.9.0', models: ['llama-base', 'llama-instruct'], host: 'gpu.school.example:8443', base: 'https://gpu.school.example:8443/v1' } as ConnectedServer['facts'],
    };
    const made = serverComparison([
      { server, model: 'llama-base', role: 'base', family: 'llama-3.1' },
      { server, model: 'llama-instruct', role: 'instruct', family: 'llama-3.1' },
    ]);
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    lab.selectComparison(made.comparison);
    const link = setupLinkFor('rng-0-10', { ...RNG_0_10.defaultParams }, setupModelsOf(lab), lab.variant, 'en', ADDRESS);
    if (!link.ok) throw new Error(link.reason);
    const read = readSetupPayload(link.url.split('#/lab/setup/')[1]!);
    if (!read.ok) throw new Error(read.problems.join(' '));
    const everything = `${link.url} ${JSON.stringify(read.value)}`;
    for (const secret of ['sk-class-secret-123', 'gpu.school.example', 'llama-base']) expect(everything).not.toContain(secret);
    expect(read.value.models).toEqual([
      { catalogId: 'server-1', variant: null, role: 'base' },
      { catalogId: 'server-2', variant: null, role: 'instruct' },
    ]);
    // The reader's lab cannot preselect models on the sender's server: the experiment alone is filled in.
    expect(setupFromShare(read.value)).toBeNull();
  });
});
