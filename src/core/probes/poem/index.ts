// poem: short poems from a set of topics. The paper's creativity task: aligned models trade originality for
// pleasant writing (paper-notes.md §3.5). Poems are open-ended, so this probe only samples. Its numbers are the text
// metrics of methods.md §B3 (./metrics.ts) and, once a reader has voted, the blind pairwise ratings (./ratings.ts).
// Poem text is data throughout: nothing in this probe renders it.
import { words } from '../../text/index.ts';
import { framePrompt } from '../framing.ts';
import { deriveSeed, type CommonParams, type ProbeModel, type ProbeSpec, type RecordBase } from '../probe.ts';
import { checkChoice, checkCommonParams, checkInteger, checkRecordBase, checkText, recordField } from '../shared.ts';
import { summarizePoemMetrics, type PoemSummary } from './metrics.ts';
import { POEM_STOPS, SEPARATOR, trimPoem } from './trim.ts';

export {
  METRIC_NAMES,
  MATTR_WINDOW,
  summarizePoemMetrics,
  type PoemEstimate,
  type PoemMetricName,
  type PoemModelSummary,
  type PoemPromptMetrics,
  type PoemSummary,
} from './metrics.ts';
export { POEM_STOPS, trimPoem } from './trim.ts';
export {
  checkRating,
  MIN_CORRELATION_PAIRS,
  PAPER_SPEARMAN,
  planRatingPairs,
  poemId,
  RATING_CRITERIA,
  SIDES,
  summarizeRatings,
  VOTES,
  type CriterionSummary,
  type IdentificationSummary,
  type PoemRating,
  type RatingCorrelation,
  type RatingCriterion,
  type RatingModels,
  type RatingPair,
  type RatingPlan,
  type RatingSummary,
  type Side,
  type Vote,
} from './ratings.ts';

/** Short, neutral and varied: concrete things and scenes, none of them a prompt for a stock sentiment. */
export const DEFAULT_TOPICS: readonly string[] = [
  'the sea',
  'a city at night',
  'an old clock',
  'the first snow of winter',
  'a crow on a fence',
  'bread',
];

export const MIN_TOPICS = 2;
export const MAX_TOPICS = 20;
export const MAX_TOPIC_LENGTH = 80;
export const MAX_POEMS_PER_PROMPT = 50;


export interface PoemParams extends CommonParams {
  /** What the poems are about, e.g. "the sea": the request is "Write a short poem about the sea." */
  topics: string[];
  /** Poems per topic and model. Two or more, as diversity is measured among the poems for the same request. */
  poemsPerPrompt: number;
  maxTokens: number;
}

export type PoemRecord = RecordBase & {
  /** The position of the topic in `PoemParams.topics`. */
  promptIndex: number;
  /** 0, 1, 2 … among this model's poems for the topic. */
  sampleIndex: number;
  topic: string;
  /** The text exactly as generated. */
  text: string;
  /** The poem alone: `trimPoem(text, finishReason)`. */
  poem: string;
  /** "aborted" never appears: a cancelled poem is not stored, so a resumed run writes it again. */
  finishReason: 'stop' | 'length';
  /** Nothing usable came out: the trimmed poem has no words. Counted in the summary, left out of the metrics and pairs. */
  empty: boolean;
};

/** What aligned models read (and base models too in "same-text" framing), as the chat template's user turn. */
export function poemRequest(topic: string): string {
  return `Write a short poem about ${topic}.`;
}

/** The title the base frame gives a poem: the topic, capitalised like a sentence ("The sea"). */
export function poemTitle(topic: string): string {
  return topic.charAt(0).toUpperCase() + topic.slice(1);
}

/**
 * The document a base model continues in "native" framing: a small anthology whose next poem has a title and no
 * text yet. The separator before it shows how poems end here, which is where POEM_STOPS catches the model.
 */
export function basePoemFrame(topic: string): string {
  return `Short Poems\n\n${SEPARATOR}\n\n${poemTitle(topic)}\n\n`;
}

function poemCount(params: PoemParams): number {
  return params.topics.length * params.poemsPerPrompt;
}

/** Record i asks for topic i mod k: every topic gets its next poem before any gets another, so a partial run is even. */
function placeOf(index: number, params: PoemParams): { promptIndex: number; sampleIndex: number } {
  const topics = params.topics.length;
  return { promptIndex: index % topics, sampleIndex: Math.floor(index / topics) };
}

function promptFor(params: PoemParams, probeModel: ProbeModel, promptIndex: number): string {
  const topic = params.topics[promptIndex] as string;
  return framePrompt(probeModel, params.framing, poemRequest(topic), () => basePoemFrame(topic));
}

function checkTopics(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < MIN_TOPICS || value.length > MAX_TOPICS) {
    throw new RangeError(`The topics must be a list of ${MIN_TOPICS} to ${MAX_TOPICS} topics.`);
  }
  const topics = value.map((topic: unknown, i) => {
    const trimmed = typeof topic === 'string' ? topic.trim() : '';
    if (trimmed === '' || trimmed.length > MAX_TOPIC_LENGTH || /[\r\n]/.test(trimmed)) {
      throw new RangeError(`Topic ${i + 1} must be one line of 1 to ${MAX_TOPIC_LENGTH} characters; got ${JSON.stringify(topic)}.`);
    }
    return trimmed;
  });
  if (new Set(topics).size !== topics.length) throw new RangeError('Each topic may appear only once.');
  return topics;
}

function checkPoemParams(params: unknown): PoemParams {
  const common = checkCommonParams(params);
  if (common.mode !== 'sampled') {
    throw new RangeError('The poem probe runs in sampled mode only: a poem is open-ended text, with no answer set to read from the logits.');
  }
  const fields = params as Record<string, unknown>;
  return {
    ...common,
    topics: checkTopics(fields.topics),
    poemsPerPrompt: checkInteger(fields.poemsPerPrompt, 'The poems per topic', 2, MAX_POEMS_PER_PROMPT),
    maxTokens: checkInteger(fields.maxTokens, 'The maximum tokens per poem', 16, 1024),
  };
}

function checkPoemRecord(record: unknown): PoemRecord {
  const base = checkRecordBase(record, 'poem');
  const poem = checkText(recordField(record, 'poem'), 'The trimmed poem');
  const empty = recordField(record, 'empty');
  if (typeof empty !== 'boolean') throw new TypeError('A poem record must say whether the poem is empty.');
  if (empty !== (words(poem).length === 0)) throw new RangeError('A poem record is empty exactly when its trimmed poem has no words.');
  return {
    ...base,
    promptIndex: checkInteger(recordField(record, 'promptIndex'), 'The prompt index', 0, MAX_TOPICS - 1),
    sampleIndex: checkInteger(recordField(record, 'sampleIndex'), 'The sample index', 0, MAX_POEMS_PER_PROMPT - 1),
    topic: checkText(recordField(record, 'topic'), 'The topic', MAX_TOPIC_LENGTH),
    text: checkText(recordField(record, 'text'), 'The generated text'),
    poem,
    finishReason: checkChoice(recordField(record, 'finishReason'), 'The finish reason', ['stop', 'length'] as const),
    empty,
  };
}

export const POEM: ProbeSpec<PoemParams, PoemRecord, PoemSummary> = {
  id: 'poem',
  version: '1.1.0',
  title: 'Short poems',
  claim: {
    plainWords:
      'Aligned models write pleasant but less original poems than their base models, and readers’ overall preference follows pleasantness, not originality.',
    paperFinding:
      'Aligned models prioritise "pleasant writing over creative originality". In 720 blind pairwise human comparisons of Llama 3.1 poems, the base model won on originality against all 4 aligned versions; across judgments, Spearman ρ between originality and preference was −0.08, between pleasantness and preference +0.34.',
    reliability: 'secondary-source',
    source:
      'The trade of originality for pleasantness is quoted from the paper’s abstract. The 720 comparisons, the 4-of-4 result and the correlations come from secondary summaries and have not been checked against the paper. The text metrics are this lab’s addition: the paper’s poems were rated by people.',
  },
  modes: ['sampled'],
  defaultParams: {
    mode: 'sampled',
    framing: 'native',
    temperature: 1,
    seed: 1,
    topics: [...DEFAULT_TOPICS],
    poemsPerPrompt: 3,
    maxTokens: 160,
  },

  checkParams: checkPoemParams,
  checkRecord: checkPoemRecord,

  prompt(params, probeModel, previous) {
    return promptFor(params, probeModel, placeOf(previous.length, params).promptIndex);
  },

  isComplete(records, params) {
    return records.length >= poemCount(params);
  },

  progress(records, params) {
    return Math.min(1, records.length / poemCount(params));
  },

  async runStep({ params, probeModel, modelIndex, index, signal }) {
    const { promptIndex, sampleIndex } = placeOf(index, params);
    const generated = await probeModel.model.generate(
      {
        prompt: promptFor(params, probeModel, promptIndex),
        temperature: params.temperature,
        seed: deriveSeed(params.seed, modelIndex, index),
        maxTokens: params.maxTokens,
        stop: [...POEM_STOPS],
      },
      { signal },
    );
    // A cut-off poem would be stored as if finished; failing the step lets the runner stop and a resume redo it.
    if (generated.finishReason === 'aborted') throw new Error('The poem was cancelled before it was finished.');
    const poem = trimPoem(generated.text, generated.finishReason);
    return {
      probeId: 'poem',
      modelId: probeModel.model.id,
      index,
      promptIndex,
      sampleIndex,
      topic: params.topics[promptIndex] as string,
      text: generated.text,
      poem,
      finishReason: generated.finishReason,
      empty: words(poem).length === 0,
    };
  },

  summarize(records, params, modelIds) {
    return summarizePoemMetrics(records, params, modelIds, null);
  },
};
