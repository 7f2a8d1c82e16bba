import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult } from '../../../../src/core/model.ts';
import {
  basePoemFrame,
  planRatingPairs,
  POEM,
  POEM_STOPS,
  poemRequest,
  summarizePoemMetrics,
  trimPoem,
  type PoemModelSummary,
  type PoemParams,
  type PoemRecord,
} from '../../../../src/core/probes/poem/index.ts';
import type { ProbeModel } from '../../../../src/core/probes/probe.ts';
import { runProbe } from '../../../../src/core/probes/runner.ts';
import { createRng } from '../../../../src/core/stats/index.ts';
import { buildNgramIndex, parseReferencePoems, words } from '../../../../src/core/text/index.ts';
import { SyntheticModel, type SyntheticModelOptions } from './synthetic-model.ts';
import { collect } from '../../../support/builders.ts';

const TOPICS = ['the sea', 'a city at night', 'an old clock', 'bread'];
const params: PoemParams = { ...POEM.defaultParams, topics: TOPICS, poemsPerPrompt: 3, seed: 7 };

const corpusIndex = buildNgramIndex(
  parseReferencePoems(
    JSON.parse(readFileSync(new URL('../../../../public/reference/public-domain-poems.json', import.meta.url), 'utf8')),
  ).map((poem) => poem.text),
);

const VOCABULARY = (
  'amber anchor apple ash attic autumn barley basin beacon birch bramble bridge cedar chalk cinder clay cobble copper ' +
  'coral cotton crane dew drift dune ember fennel fern flint gable garnet granite gravel harbor hazel heron husk ivy ' +
  'jasper juniper kettle kiln lantern larch ledger lichen linen loam maple marrow mica mill mint moss needle nettle ' +
  'oar ochre orchard pebble pepper plume pollen quarry quill reed rust saffron sand shale shingle silt slate sorrel ' +
  'spruce straw tallow thistle thorn timber tin umber vane velvet willow wick wool yarrow'
).split(' ');

function topicIn(prompt: string): string {
  const topic = TOPICS.find((candidate) => prompt.toLowerCase().includes(candidate));
  if (topic === undefined) throw new Error(`No topic in the prompt ${JSON.stringify(prompt)}.`);
  return topic;
}

/** Thirty different four-line poems of random words per topic; the model also runs on past the separator. */
function variedPoems(topic: string): Record<string, number> {
  const random = createRng([...topic].reduce((hash, character) => (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0, 0));
  const line = (): string => Array.from({ length: 6 }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');
  const poems = Array.from({ length: 30 }, () => [line(), line(), line(), line()].join('\n'));
  return Object.fromEntries(poems.map((poem) => [`${poem}\n\n* * *\n\nAnother Poem\n\nmore words`, 1 / poems.length]));
}

/** The same announced poem every time but for one word, with a stock couplet from the corpus; 20% nothing at all. */
function stockPoem(topic: string, word: string): string {
  return (
    `Here is a short poem about ${topic}:\n\n` +
    `Oh ${topic}, so gentle and so ${word},\nYou whisper softly, calm and bright,\n` +
    'Tyger, tyger, burning bright\nIn the forests of the night,'
  );
}

function baseModel(id = 'base'): ProbeModel {
  return { model: new SyntheticModel({ id, role: 'base', distribution: (prompt) => variedPoems(topicIn(prompt)) }), chatTemplate: 'llama-3.1' };
}

function alignedModel(id = 'aligned'): ProbeModel {
  const distribution = (prompt: string): Record<string, number> => {
    const topic = topicIn(prompt);
    return { [stockPoem(topic, 'true')]: 0.5, [stockPoem(topic, 'free')]: 0.3 };
  };
  return { model: new SyntheticModel({ id, role: 'instruct', distribution, otherText: '\n\n' }), chatTemplate: 'llama-3.1' };
}

/** Keeps every generation request, to check what the probe asks a model for. */
class RecordingModel extends SyntheticModel {
  readonly requests: GenerateRequest[] = [];

  override async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    return super.generate(request);
  }
}

/** Cancels the run during its third generation, which ends as the engine ends it: "aborted", with half a poem. */
class CancelledModel extends SyntheticModel {
  constructor(
    options: SyntheticModelOptions,
    private readonly controller: AbortController,
  ) {
    super(options);
  }

  override async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.calls.generate === 2) {
      this.controller.abort();
      return { text: 'Half a po', finishReason: 'aborted', promptTokens: 10, completionTokens: 3 };
    }
    return super.generate(request);
  }
}

describe('trimPoem', () => {
  const table: [text: string, finishReason: 'stop' | 'length', poem: string][] = [
    ['Line one\nLine two\n\n* * *\n\nNext Title\n\nmore', 'stop', 'Line one\nLine two'],
    ['a\nb\n\n\nc', 'stop', 'a\nb'],
    // A stream can deliver the start of the separator before the stop string is complete.
    ['a\nb\n\n* *', 'stop', 'a\nb'],
    ['a\nb\n*', 'stop', 'a\nb'],
    ['a\nb\nunfinished li', 'length', 'a\nb'],
    ['a\nb\nunfinished li', 'stop', 'a\nb\nunfinished li'],
    ['no line break in all these tokens', 'length', ''],
    ['a\nb\n\n* * *\nc d e', 'length', 'a\nb'],
    // What aligned models put around a poem goes: announcements, titles, markdown, sign-offs.
    ['Here is a short poem about the sea:\n\n**Tide**\n\nWaves', 'stop', 'Waves'],
    ['Sure!\n\nHere’s a short poem about bread:\n\n# Morning Loaf\n\nCrust and *crumb*\nwarm in the hand', 'stop', 'Crust and crumb\nwarm in the hand'],
    ['Title: The Old Clock\n\nTick, and the room leans in', 'stop', 'Tick, and the room leans in'],
    ['“Night City”\n\nNeon hums', 'stop', 'Neon hums'],
    ['Whispers of the Deep\n\nThe tide pulls\nat the moon', 'stop', 'The tide pulls\nat the moon'],
    [
      'The tide pulls\nat the moon\n\n---\n\nI hope you enjoyed this poem! Let me know if you would like another.',
      'stop',
      'The tide pulls\nat the moon',
    ],
    ['Crow on the fence,\nblack as a comma\n\n(Note: I kept it short.)', 'stop', 'Crow on the fence,\nblack as a comma'],
    ['> **Bread**, warm\n> and *broken*', 'stop', 'Bread, warm\nand broken'],
    // A poem's own first line, stanzas and words stay, even when they look a little like the above.
    ['The sea, the sea\n\nit keeps its counsel', 'stop', 'The sea, the sea\n\nit keeps its counsel'],
    ['beneath the waves\n\nsilence', 'stop', 'beneath the waves\n\nsilence'],
    ['Only A Title', 'stop', 'Only A Title'],
    ['snake__case and 2*3*4 stay\n**bold across\nlines**', 'stop', 'snake__case and 2*3*4 stay\nbold across\nlines'],
    ['I hope the snow stays', 'stop', 'I hope the snow stays'],
    ['Sure! Here’s a poem about bread:\nCrust', 'stop', 'Crust'],
    ['\r\n\r\n  indented line  \r\nnext\r\n', 'stop', '  indented line\nnext'],
    ['a\n\nb', 'stop', 'a\n\nb'],
    ['Listen:\nthe sea', 'stop', 'Listen:\nthe sea'],
    ['First line\nThis poem is mine:', 'stop', 'First line\nThis poem is mine:'],
    ['\n\n', 'stop', ''],
  ];

  it.each(table)('trims %j (%s) to %j', (text, finishReason, poem) => {
    expect(trimPoem(text, finishReason)).toBe(poem);
  });
});

describe('poem', () => {
  it('tells a varied base model from a repetitive aligned one', async () => {
    const records = await collect(runProbe(POEM, { models: [baseModel(), alignedModel()], params }));
    expect(records).toHaveLength(2 * TOPICS.length * params.poemsPerPrompt);
    for (const record of records) {
      expect(record.poem).not.toMatch(/Another Poem|\* \* \*|^Here is/);
      expect(record.topic).toBe(TOPICS[record.promptIndex]);
    }

    const summary = summarizePoemMetrics(records, params, ['base', 'aligned'], corpusIndex);
    const [base, aligned] = summary.models as [PoemModelSummary, PoemModelSummary];
    const more = (higher: PoemModelSummary, lower: PoemModelSummary, name: keyof PoemModelSummary['metrics']): void => {
      expect(higher.metrics[name]!.lo, name).toBeGreaterThan(lower.metrics[name]!.hi);
    };
    more(aligned, base, 'selfBleu');
    more(aligned, base, 'compressionRatio');
    more(aligned, base, 'longNgramRepetition');
    more(base, aligned, 'distinct1');
    more(base, aligned, 'distinct2');
    more(base, aligned, 'novelty');
    expect(base.metrics.selfBleu).toMatchObject({ n: TOPICS.length, interval: 'prompt-bootstrap-95' });
    expect(base.metrics.words!.value).toBe(24);
    expect(summary.noveltyCorpus).toEqual({ texts: corpusIndex.texts, minN: 3, maxN: 6 });

    // Without the corpus only novelty is missing.
    const withoutCorpus = POEM.summarize(records, params, ['base', 'aligned']);
    expect(withoutCorpus).toEqual(summarizePoemMetrics(records, params, ['base', 'aligned'], null));
    expect(withoutCorpus.noveltyCorpus).toBeNull();
    const noNovelty = (model: PoemModelSummary): PoemModelSummary => ({
      ...model,
      perPrompt: model.perPrompt.map((prompt) => ({ ...prompt, values: { ...prompt.values, novelty: null } })),
      metrics: { ...model.metrics, novelty: null },
    });
    expect(withoutCorpus.models).toEqual(summary.models.map(noNovelty));
  });

  it('counts empty poems and keeps them out of the metrics', async () => {
    const records = await collect(runProbe(POEM, { models: [alignedModel()], params }));
    const empty = records.filter((record) => record.empty);
    expect(empty.length).toBeGreaterThan(0);
    for (const record of empty) expect(record).toMatchObject({ text: '\n\n', poem: '' });

    const summary = POEM.summarize(records, params, ['aligned']).models[0]!;
    expect(summary.poems).toBe(TOPICS.length * params.poemsPerPrompt);
    expect(summary.empty).toBe(empty.length);
    expect(summary.perPrompt.reduce((sum, prompt) => sum + prompt.empty, 0)).toBe(empty.length);
    expect(summary.cutAtLength).toBe(0);
    // Every non-empty poem has the same length, so the mean is exactly it: empty poems did not pull it down.
    const length = words(trimPoem(stockPoem('bread', 'true'), 'stop')).length;
    expect(summary.perPrompt.find((prompt) => prompt.topic === 'bread')!.values.words).toBe(length);
  });

  it('reports a metric only once two topics have enough poems for it', async () => {
    const records = await collect(runProbe(POEM, { models: [baseModel()], params }), 2);
    const summary = POEM.summarize(records, params, ['base']).models[0]!;
    expect(summary.metrics.words).toMatchObject({ value: 24, n: 2 });
    expect(summary.metrics.selfBleu).toBeNull();
    expect(summary.perPrompt.map((prompt) => prompt.poems)).toEqual([1, 1, 0, 0]);
    expect(summary.perPrompt[2]!.values.words).toBeNull();
  });

  it('keeps markup in a poem as text, verbatim', async () => {
    const markup = '<img src=x onerror=alert(1)>\nThe sea is loud tonight';
    const model = (id: string, role: 'base' | 'instruct'): ProbeModel => ({
      model: new SyntheticModel({ id, role, distribution: () => ({ [markup]: 1 }) }),
      chatTemplate: 'llama-3.1',
    });
    const records = await collect(runProbe(POEM, { models: [model('base', 'base'), model('aligned', 'instruct')], params }));
    for (const record of records) expect(record).toMatchObject({ text: markup, poem: markup, empty: false });
    const { pairs } = planRatingPairs(records, { base: 'base', aligned: 'aligned' }, 3);
    expect(pairs).toHaveLength(TOPICS.length * params.poemsPerPrompt);
    for (const pair of pairs) expect([pair.leftPoem, pair.rightPoem]).toEqual([markup, markup]);
  });

  it('frames the request natively or as the same text, and asks every model for the same kind of poem', async () => {
    const base = baseModel();
    const aligned = alignedModel();
    expect(POEM.prompt(params, base, [])).toBe(`<|begin_of_text|>${basePoemFrame('the sea')}`);
    expect(basePoemFrame('the sea')).toBe('Short Poems\n\n* * *\n\nThe sea\n\n');
    const nativeAligned = POEM.prompt(params, aligned, []);
    expect(nativeAligned).toContain('<|start_header_id|>user<|end_header_id|>');
    expect(nativeAligned).toContain(poemRequest('the sea'));
    expect(nativeAligned.endsWith('<|start_header_id|>assistant<|end_header_id|>\n\n')).toBe(true);
    const same = { ...params, framing: 'same-text' as const };
    expect(POEM.prompt(same, base, [])).toBe(POEM.prompt(same, aligned, []));

    const recording = new RecordingModel({ id: 'base', role: 'base', distribution: (prompt) => variedPoems(topicIn(prompt)) });
    const small = { ...params, poemsPerPrompt: 2 };
    const records = await collect(runProbe(POEM, { models: [{ model: recording, chatTemplate: 'llama-3.1' }], params: small }));
    expect(records.map((record) => [record.promptIndex, record.sampleIndex])).toEqual([
      [0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1], [2, 1], [3, 1],
    ]);
    expect(recording.requests.map((request) => topicIn(request.prompt))).toEqual([...TOPICS, ...TOPICS]);
    for (const request of recording.requests) {
      expect(request).toMatchObject({ stop: [...POEM_STOPS], maxTokens: 160, temperature: 1 });
    }
    expect(new Set(recording.requests.map((request) => request.seed)).size).toBe(8);
  });

  it('gives the same records and summary when resumed after an interruption', async () => {
    const models = () => [baseModel(), alignedModel()];
    const uninterrupted = await collect(runProbe(POEM, { models: models(), params }));
    const firstPart = await collect(runProbe(POEM, { models: models(), params }), 9);
    const rest = await collect(runProbe(POEM, { models: models(), params, existing: firstPart }));
    const resumed = [...firstPart, ...rest];
    const byKey = (records: PoemRecord[]) => [...records].sort((a, b) => a.modelId.localeCompare(b.modelId) || a.index - b.index);
    expect(byKey(resumed)).toEqual(byKey(uninterrupted));
    expect(POEM.summarize(resumed, params, ['base', 'aligned'])).toEqual(POEM.summarize(uninterrupted, params, ['base', 'aligned']));
  });

  it('does not store a poem cut off by a cancel, so a resume writes it again', async () => {
    const controller = new AbortController();
    const options = { id: 'base', role: 'base' as const, distribution: (prompt: string) => variedPoems(topicIn(prompt)) };
    const cancelled = new CancelledModel(options, controller);
    const records = await collect(runProbe(POEM, { models: [{ model: cancelled, chatTemplate: 'llama-3.1' }], params, signal: controller.signal }));
    expect(records.map((record) => record.index)).toEqual([0, 1]);

    const resumed = await collect(runProbe(POEM, { models: [baseModel()], params, existing: records }));
    const uninterrupted = await collect(runProbe(POEM, { models: [baseModel()], params }));
    expect([...records, ...resumed]).toEqual(uninterrupted);
  });

  it('checks parameters and records', async () => {
    expect(POEM.checkParams(POEM.defaultParams)).toEqual(POEM.defaultParams);
    expect(() => POEM.checkParams({ ...params, mode: 'exact' })).toThrow(/sampled mode only/);
    expect(() => POEM.checkParams({ ...params, topics: ['the sea'] })).toThrow(/2 to 20 topics/);
    expect(() => POEM.checkParams({ ...params, topics: 'the sea' })).toThrow(/2 to 20 topics/);
    expect(() => POEM.checkParams({ ...params, topics: ['the sea', 'the sea'] })).toThrow(/only once/);
    expect(() => POEM.checkParams({ ...params, topics: ['the sea', 'two\nlines'] })).toThrow(/Topic 2 must be one line/);
    expect(() => POEM.checkParams({ ...params, topics: ['the sea', '  '] })).toThrow(/Topic 2/);
    expect(() => POEM.checkParams({ ...params, topics: ['the sea', 'x'.repeat(81)] })).toThrow(/Topic 2/);
    expect(POEM.checkParams({ ...params, topics: [' the sea ', 'bread'] }).topics).toEqual(['the sea', 'bread']);
    expect(() => POEM.checkParams({ ...params, poemsPerPrompt: 1 })).toThrow(/poems per topic/);
    expect(() => POEM.checkParams({ ...params, maxTokens: 0 })).toThrow(/maximum tokens/);
    expect(() => POEM.checkParams({ ...params, temperature: -1 })).toThrow(/temperature/);
    expect(() => POEM.checkParams(null)).toThrow(/object/);

    const records = await collect(runProbe(POEM, { models: [alignedModel()], params }));
    for (const record of records) expect(POEM.checkRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    const record = records.find((candidate) => !candidate.empty)!;
    expect(() => POEM.checkRecord({ ...record, finishReason: 'aborted' })).toThrow(/finish reason/);
    expect(() => POEM.checkRecord({ ...record, empty: true })).toThrow(/empty exactly when/);
    expect(() => POEM.checkRecord({ ...record, empty: 'no' })).toThrow(/whether the poem is empty/);
    expect(() => POEM.checkRecord({ ...record, poem: 42 })).toThrow(/trimmed poem/);
    expect(() => POEM.checkRecord({ ...record, promptIndex: -1 })).toThrow(/prompt index/);
    expect(() => POEM.checkRecord({ ...record, sampleIndex: 1.5 })).toThrow(/sample index/);
    expect(() => POEM.checkRecord({ ...record, probeId: 'rps' })).toThrow(/"poem"/);
  });
});
