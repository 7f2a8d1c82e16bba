// The text metrics of methods.md §B3 for each model's poems. Every metric is first computed per topic, over the
// poems written for that same request (so diversity means "different poems for the same request", and a topic with
// many poems cannot drown the others), then averaged over topics. The interval is a percentile bootstrap over topics:
// with the default 6 topics it shows the spread between topics and is, if anything, too narrow.
//
// n-gram novelty needs the reference corpus, which the app fetches at run time and which does not belong in the run
// parameters (they travel in share links), so `summarizePoemMetrics` takes its index as a separate argument and
// `POEM.summarize` passes none: novelty is then null and every other number is the same.
import { createRng, quantileOfSorted } from '../../stats/index.ts';
import {
  compressionRatio,
  distinctN,
  longNgramRepetition,
  mattr,
  ngramNovelty,
  selfBleu,
  textLength,
  type NgramIndex,
} from '../../text/index.ts';
import { deriveSeed, type Estimate } from '../probe.ts';
import { perModel } from '../shared.ts';
import type { PoemParams, PoemRecord } from './index.ts';

/** An estimate whose interval comes from this probe's own methods, beside the lab's shared kinds. */
export type PoemEstimate = Omit<Estimate, 'interval' | 'n'> & {
  /** Topics behind a text metric; rated pairs behind a correlation. */
  n: number;
  /** "prompt-bootstrap-95": percentile bootstrap over topics. "fisher-z-95": Fisher z with the Bonett–Wright variance. */
  interval: 'prompt-bootstrap-95' | 'fisher-z-95';
};

/** Words per window: short enough that most short poems get a true moving average rather than a plain TTR. */
export const MATTR_WINDOW = 25;

const BOOTSTRAP_DRAWS = 2000;
/** Mixed into the bootstrap seeds so they never coincide with the sampling seeds of the records. */
const BOOTSTRAP_SALT = 0xb0075;

export const METRIC_NAMES = [
  'words',
  'mattr',
  'distinct1',
  'distinct2',
  'compressionRatio',
  'selfBleu',
  'longNgramRepetition',
  'novelty',
] as const;

/**
 * words: mean length in words. mattr: mean MATTR (window 25; a poem under 25 words gets its plain type-token ratio).
 * distinct1/2: distinct-n over the topic's poems. compressionRatio: gzip ratio of the topic's poems (higher = more
 * repetitive). selfBleu: mean BLEU-4 of each poem against the others (higher = more alike; needs 2 poems).
 * longNgramRepetition: share of 4- to 6-grams that occur more than once. novelty: share of 3- to 6-grams found
 * nowhere in the reference corpus.
 */
export type PoemMetricName = (typeof METRIC_NAMES)[number];

export interface PoemPromptMetrics {
  promptIndex: number;
  topic: string;
  /** All poems for this topic, empty ones included. */
  poems: number;
  empty: number;
  /** Each metric over this topic's non-empty poems; null when they are too few or too short for it. */
  values: Record<PoemMetricName, number | null>;
}

export interface PoemModelSummary {
  modelId: string;
  /** All poems, empty ones included. */
  poems: number;
  /** Poems with nothing usable in them: counted here, left out of every metric. */
  empty: number;
  /** Poems that ran out of tokens (their unfinished last line was dropped). */
  cutAtLength: number;
  /** In the order of the run's topics. */
  perPrompt: PoemPromptMetrics[];
  /** The mean over topics; null until two topics have a value (or, for novelty, without a corpus index). */
  metrics: Record<PoemMetricName, PoemEstimate | null>;
}

export interface PoemSummary {
  models: PoemModelSummary[];
  /** The reference corpus novelty was measured against; null when none was given. */
  noveltyCorpus: { texts: number; minN: number; maxN: number } | null;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

function valuesFor(poems: readonly string[], corpusIndex: NgramIndex | null): Record<PoemMetricName, number | null> {
  if (poems.length === 0) return Object.fromEntries(METRIC_NAMES.map((name) => [name, null])) as Record<PoemMetricName, null>;
  return {
    words: mean(poems.map((poem) => textLength(poem).words)),
    // Non-empty poems have words, so every MATTR has a value.
    mattr: mean(poems.map((poem) => mattr(poem, MATTR_WINDOW).value ?? 0)),
    distinct1: distinctN(poems, 1).ratio,
    distinct2: distinctN(poems, 2).ratio,
    compressionRatio: compressionRatio(poems).ratio,
    selfBleu: poems.length >= 2 ? selfBleu(poems).mean : null,
    longNgramRepetition: longNgramRepetition(poems).share,
    novelty: corpusIndex ? ngramNovelty(poems, corpusIndex).share : null,
  };
}

/** The mean of per-topic values with a 95% percentile bootstrap over topics; null for fewer than two topics. */
function promptBootstrap(values: readonly number[], seed: number): PoemEstimate | null {
  if (values.length < 2) return null;
  const random = createRng(seed);
  const means = new Float64Array(BOOTSTRAP_DRAWS);
  for (let draw = 0; draw < BOOTSTRAP_DRAWS; draw++) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)] as number;
    means[draw] = sum / values.length;
  }
  means.sort();
  return {
    value: mean(values),
    lo: quantileOfSorted(means, 0.025),
    hi: quantileOfSorted(means, 0.975),
    n: values.length,
    interval: 'prompt-bootstrap-95',
  };
}

function summarizeModel(
  records: readonly PoemRecord[],
  params: PoemParams,
  modelId: string,
  modelIndex: number,
  corpusIndex: NgramIndex | null,
): PoemModelSummary {
  const perPrompt = params.topics.map((topic, promptIndex) => {
    const own = records.filter((record) => record.promptIndex === promptIndex);
    const poems = own.filter((record) => !record.empty).map((record) => record.poem);
    return { promptIndex, topic, poems: own.length, empty: own.length - poems.length, values: valuesFor(poems, corpusIndex) };
  });
  const metrics = Object.fromEntries(
    METRIC_NAMES.map((name, position) => {
      const values = perPrompt.flatMap((prompt) => {
        const value = prompt.values[name];
        return value === null ? [] : [value];
      });
      return [name, promptBootstrap(values, deriveSeed(params.seed, modelIndex, BOOTSTRAP_SALT, position))];
    }),
  ) as Record<PoemMetricName, PoemEstimate | null>;
  return {
    modelId,
    poems: records.length,
    empty: records.filter((record) => record.empty).length,
    cutAtLength: records.filter((record) => record.finishReason === 'length').length,
    perPrompt,
    metrics,
  };
}

/**
 * The text metrics of each model's poems, in the order of `modelIds`. Give `corpusIndex` (buildNgramIndex over the
 * reference poems) for n-gram novelty; with null, novelty is null and nothing else changes.
 */
export function summarizePoemMetrics(
  records: readonly PoemRecord[],
  params: PoemParams,
  modelIds: readonly string[],
  corpusIndex: NgramIndex | null,
): PoemSummary {
  return {
    models: perModel(records, modelIds, (own, modelId, modelIndex) => summarizeModel(own, params, modelId, modelIndex, corpusIndex)),
    noveltyCorpus: corpusIndex ? { texts: corpusIndex.texts, minN: corpusIndex.minN, maxN: corpusIndex.maxN } : null,
  };
}
