// Blind pairwise rating of poems, an arena in miniature (methods.md §B3; paper-notes.md §3.5, §9 item 8): a reader
// sees a base and an aligned poem written for the same request, side by side with no names, and says which is more
// original, which more pleasant, and which they prefer. The side of each model is random and recorded, so position
// bias can be checked. With two models Bradley–Terry reduces to one win probability, reported with a Wilson interval.
// Blindness is checked too: the reader also guesses which poem the base model wrote, and the share of right guesses
// says whether the poems gave their authors away (about half right: they did not).
import { createRng, normalQuantile } from '../../stats/index.ts';
import { words } from '../../text/index.ts';
import type { Estimate } from '../probe.ts';
import { checkChoice, checkInteger, recordField } from '../shared.ts';
import type { PoemRecord } from './index.ts';
import type { PoemEstimate } from './metrics.ts';
import { trimPoem } from './trim.ts';

/** "both-bad": neither poem deserves the point. Counted, but not part of a win rate's N. */
export const VOTES = ['left', 'right', 'tie', 'both-bad'] as const;
export type Vote = (typeof VOTES)[number];

/** The side a poem is shown on. */
export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

/** The paper's three questions (paper-notes.md §3.5); their exact wording is not known. */
export const RATING_CRITERIA = ['originality', 'pleasantness', 'preference'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

/** Spearman ρ across the paper's 720 judgments, from secondary summaries (paper-notes.md §5.4): shown beside the reader's. */
export const PAPER_SPEARMAN = { originalityPreference: -0.08, pleasantnessPreference: 0.34 } as const;

/** Below this many rated pairs a rank correlation of three-valued votes says little, so none is reported. */
export const MIN_CORRELATION_PAIRS = 10;

const MAX_ID_LENGTH = 500;

/** The two models of one contest. A run with several aligned models has one contest per aligned model. */
export interface RatingModels {
  base: string;
  aligned: string;
}

/** A poem's id in pairs and ratings: its model and its record index, e.g. "Llama-3.2-1B#4". */
export function poemId(record: Pick<PoemRecord, 'modelId' | 'index'>): string {
  return `${record.modelId}#${record.index}`;
}

export interface RatingPair {
  /** The base poem's id and the aligned poem's id: the same whichever side each is shown on. */
  pairId: string;
  promptIndex: number;
  topic: string;
  leftPoemId: string;
  rightPoemId: string;
  leftModelId: string;
  rightModelId: string;
  /** The trimmed poems, as data: whoever shows them must show them as text. */
  leftPoem: string;
  rightPoem: string;
}

export interface RatingPlan {
  /** In the order to show them. */
  pairs: RatingPair[];
  /** Poems of the two models in no pair: empty ones, and those whose topic has fewer poems from the other model. */
  unpaired: string[];
}

export interface PoemRating {
  pairId: string;
  leftPoemId: string;
  rightPoemId: string;
  leftModelId: string;
  rightModelId: string;
  originality: Vote;
  pleasantness: Vote;
  preference: Vote;
  /** The side the reader guessed the base model's poem is on. Absent from ratings made before the lab asked. */
  baseGuess?: Side;
}

export interface CriterionSummary {
  baseWins: number;
  alignedWins: number;
  ties: number;
  bothBad: number;
  /** baseWins + alignedWins + ties: the N of both rates ("both bad" is not in it). */
  n: number;
  /** (base wins + ½ ties) / N; null when N = 0. */
  baseWinRate: Estimate | null;
  /** (left wins + ½ ties) / N: 0.5 when the side a poem is shown on does not matter; null when N = 0. */
  leftWinRate: Estimate | null;
}

export interface RatingCorrelation {
  /** Rated pairs with a vote other than "both bad" on both criteria. */
  pairs: number;
  /** Spearman ρ; null below MIN_CORRELATION_PAIRS or when one criterion's votes are all the same. */
  rho: PoemEstimate | null;
}

/** Whether the reader could tell the models apart: their guesses of which poem the base model wrote. */
export interface IdentificationSummary {
  /** Ratings of this contest with a guess. */
  guesses: number;
  /** Guesses that named the base model's poem. */
  right: number;
  /** right / guesses, with a Wilson interval; null with no guess. A reader who cannot tell the models apart is right
   * half the time: an interval above 0.5 says the poems gave their authors away, so the rating was not blind. */
  shareRight: Estimate | null;
}

export interface RatingSummary {
  models: RatingModels;
  /** Ratings of this contest. */
  ratings: number;
  /** Of those, how many showed the base poem on the left. */
  baseOnLeft: number;
  criteria: Record<RatingCriterion, CriterionSummary>;
  /** Across pairs, each vote scored for the base poem (+1 won, 0 tie, −1 lost). Secondary figures, as in the paper. */
  correlations: { originalityPreference: RatingCorrelation; pleasantnessPreference: RatingCorrelation };
  identification: IdentificationSummary;
}

function checkModels(models: RatingModels): void {
  const { base, aligned } = models;
  if (typeof base !== 'string' || typeof aligned !== 'string' || base === '' || aligned === '' || base === aligned) {
    throw new RangeError('A rating contest needs two different models: a base model and an aligned one.');
  }
}

/** Fisher–Yates, in place, with the given uniform generator. */
function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/** A poem as a blind rater sees it, with its record. */
interface ShownPoem {
  record: PoemRecord;
  poem: string;
}

/**
 * A model's non-empty poems by topic, each topic's in sample order. Each is trimmed again from the text as generated,
 * so that runs stored before the trimming rules last changed are shown as blind as new ones.
 */
function poemsByPrompt(records: readonly PoemRecord[], modelId: string): Map<number, ShownPoem[]> {
  const byPrompt = new Map<number, ShownPoem[]>();
  for (const record of records) {
    if (record.modelId !== modelId) continue;
    const poem = trimPoem(record.text, record.finishReason);
    if (words(poem).length === 0) continue;
    byPrompt.set(record.promptIndex, [...(byPrompt.get(record.promptIndex) ?? []), { record, poem }]);
  }
  for (const poems of byPrompt.values()) poems.sort((a, b) => a.record.sampleIndex - b.record.sampleIndex);
  return byPrompt;
}

/**
 * Pairs each base poem with the aligned poem of the same topic and sample number. Exactly half the pairs (one more
 * or less, by a coin, when their number is odd) show the base poem on the left, assigned at random, so a side
 * preference cannot favour either model; the order is shuffled too. The same records and seed give the same plan.
 */
export function planRatingPairs(records: readonly PoemRecord[], models: RatingModels, seed: number): RatingPlan {
  checkModels(models);
  const random = createRng(checkInteger(seed, 'The rating seed', 0, 2 ** 32 - 1));
  const base = poemsByPrompt(records, models.base);
  const aligned = poemsByPrompt(records, models.aligned);
  const matched: { base: ShownPoem; aligned: ShownPoem }[] = [];
  // Topics in order, so the plan does not depend on the order the records come in.
  for (const promptIndex of [...base.keys()].sort((a, b) => a - b)) {
    const basePoems = base.get(promptIndex) as ShownPoem[];
    const alignedPoems = aligned.get(promptIndex) ?? [];
    for (let j = 0; j < Math.min(basePoems.length, alignedPoems.length); j++) {
      matched.push({ base: basePoems[j] as ShownPoem, aligned: alignedPoems[j] as ShownPoem });
    }
  }
  const paired = new Set(matched.flatMap((pair) => [pair.base.record, pair.aligned.record]));
  const unpaired = records
    .filter((record) => (record.modelId === models.base || record.modelId === models.aligned) && !paired.has(record))
    .map(poemId);

  const baseLeft = matched.map((_, i) => i < Math.floor(matched.length / 2));
  if (matched.length % 2 === 1) baseLeft[matched.length - 1] = random() < 0.5;
  shuffle(baseLeft, random);
  const pairs = matched.map(({ base: basePoem, aligned: alignedPoem }, i): RatingPair => {
    const [left, right] = baseLeft[i] ? [basePoem, alignedPoem] : [alignedPoem, basePoem];
    return {
      pairId: `${poemId(basePoem.record)}|${poemId(alignedPoem.record)}`,
      promptIndex: basePoem.record.promptIndex,
      topic: basePoem.record.topic,
      leftPoemId: poemId(left.record),
      rightPoemId: poemId(right.record),
      leftModelId: left.record.modelId,
      rightModelId: right.record.modelId,
      leftPoem: left.poem,
      rightPoem: right.poem,
    };
  });
  shuffle(pairs, random);
  return { pairs, unpaired };
}

function checkId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_ID_LENGTH) {
    throw new TypeError(`${name} must be non-empty text of at most ${MAX_ID_LENGTH} characters.`);
  }
  return value;
}

/** Checks one stored or imported rating; throws a RangeError/TypeError saying what is wrong. */
export function checkRating(value: unknown): PoemRating {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('A rating must be an object.');
  const rating: PoemRating = {
    pairId: checkId(recordField(value, 'pairId'), 'The pair id'),
    leftPoemId: checkId(recordField(value, 'leftPoemId'), 'The left poem id'),
    rightPoemId: checkId(recordField(value, 'rightPoemId'), 'The right poem id'),
    leftModelId: checkId(recordField(value, 'leftModelId'), 'The left model id'),
    rightModelId: checkId(recordField(value, 'rightModelId'), 'The right model id'),
    originality: checkChoice(recordField(value, 'originality'), 'The originality vote', VOTES),
    pleasantness: checkChoice(recordField(value, 'pleasantness'), 'The pleasantness vote', VOTES),
    preference: checkChoice(recordField(value, 'preference'), 'The preference vote', VOTES),
  };
  const baseGuess = recordField(value, 'baseGuess');
  if (baseGuess !== undefined) rating.baseGuess = checkChoice(baseGuess, 'The guess of which poem the base model wrote', SIDES);
  if (rating.leftPoemId === rating.rightPoemId) throw new RangeError('A rating compares two different poems.');
  if (rating.leftModelId === rating.rightModelId) throw new RangeError('A rating compares poems of two different models.');
  return rating;
}

const Z_95 = normalQuantile(0.975);

/**
 * The Wilson score interval for a share that may count ties as halves, so its successes need not be whole (the
 * shared wilsonInterval takes whole counts). Ties make each vote vary less than a win-or-lose vote does, so with ties
 * the interval is a little wider than it needs to be.
 */
function winRate(points: number, n: number): Estimate | null {
  if (n === 0) return null;
  const share = points / n;
  const denominator = 1 + (Z_95 * Z_95) / n;
  const centre = (share + (Z_95 * Z_95) / (2 * n)) / denominator;
  const halfWidth = (Z_95 / denominator) * Math.sqrt((share * (1 - share)) / n + (Z_95 * Z_95) / (4 * n * n));
  return {
    value: share,
    lo: share === 0 ? 0 : Math.max(0, centre - halfWidth),
    hi: share === 1 ? 1 : Math.min(1, centre + halfWidth),
    n,
    interval: 'wilson-95',
  };
}

/** A vote scored for the base poem: +1 it won, 0 a tie, −1 it lost; null for "both bad". */
function baseScore(rating: PoemRating, criterion: RatingCriterion, baseModelId: string): number | null {
  const vote = rating[criterion];
  if (vote === 'both-bad') return null;
  if (vote === 'tie') return 0;
  return (vote === 'left') === (rating.leftModelId === baseModelId) ? 1 : -1;
}

function summarizeCriterion(ratings: readonly PoemRating[], criterion: RatingCriterion, baseModelId: string): CriterionSummary {
  let baseWins = 0;
  let alignedWins = 0;
  let ties = 0;
  let leftWins = 0;
  for (const rating of ratings) {
    const score = baseScore(rating, criterion, baseModelId);
    if (score === 1) baseWins += 1;
    if (score === -1) alignedWins += 1;
    if (score === 0) ties += 1;
    if (rating[criterion] === 'left') leftWins += 1;
  }
  const n = baseWins + alignedWins + ties;
  return {
    baseWins,
    alignedWins,
    ties,
    bothBad: ratings.length - n,
    n,
    baseWinRate: winRate(baseWins + ties / 2, n),
    leftWinRate: winRate(leftWins + ties / 2, n),
  };
}

function summarizeIdentification(ratings: readonly PoemRating[], baseModelId: string): IdentificationSummary {
  const guessed = ratings.filter((rating) => rating.baseGuess !== undefined);
  const right = guessed.filter((rating) => (rating.baseGuess === 'left') === (rating.leftModelId === baseModelId)).length;
  return { guesses: guessed.length, right, shareRight: winRate(right, guessed.length) };
}

/** Ranks from 1, tied values sharing the mean of their ranks. */
function midranks(values: readonly number[]): number[] {
  const order = values.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/** Spearman ρ: Pearson's r of the midranks. null when either list is constant. */
function spearman(x: readonly number[], y: readonly number[]): number | null {
  const rx = midranks(x);
  const ry = midranks(y);
  const mx = rx.reduce((sum, r) => sum + r, 0) / rx.length;
  const my = ry.reduce((sum, r) => sum + r, 0) / ry.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = (rx[i] as number) - mx;
    const dy = (ry[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/**
 * Spearman ρ between two criteria across pairs, with a 95% interval by Fisher's z and the Bonett & Wright (2000)
 * variance (1 + ρ²/2)/(n − 3). Votes take three values, so ties are many and the interval is approximate.
 */
function correlation(ratings: readonly PoemRating[], a: RatingCriterion, b: RatingCriterion, baseModelId: string): RatingCorrelation {
  const x: number[] = [];
  const y: number[] = [];
  for (const rating of ratings) {
    const scoreA = baseScore(rating, a, baseModelId);
    const scoreB = baseScore(rating, b, baseModelId);
    if (scoreA === null || scoreB === null) continue;
    x.push(scoreA);
    y.push(scoreB);
  }
  const pairs = x.length;
  const rho = pairs >= MIN_CORRELATION_PAIRS ? spearman(x, y) : null;
  if (rho === null) return { pairs, rho: null };
  const z = Math.atanh(rho);
  const halfWidth = Z_95 * Math.sqrt((1 + (rho * rho) / 2) / (pairs - 3));
  return { pairs, rho: { value: rho, lo: Math.tanh(z - halfWidth), hi: Math.tanh(z + halfWidth), n: pairs, interval: 'fisher-z-95' } };
}

/**
 * The base model's win rate on each criterion, the left side's win rate (position bias), the two correlations of
 * paper-notes.md §5.4 and how often the reader told the base model's poem (blindness), over the ratings of this
 * contest; ratings of other pairs of models are left out.
 */
export function summarizeRatings(ratings: readonly PoemRating[], models: RatingModels): RatingSummary {
  checkModels(models);
  const contest = ratings.filter(
    (rating) =>
      (rating.leftModelId === models.base && rating.rightModelId === models.aligned) ||
      (rating.leftModelId === models.aligned && rating.rightModelId === models.base),
  );
  const criteria = Object.fromEntries(
    RATING_CRITERIA.map((criterion) => [criterion, summarizeCriterion(contest, criterion, models.base)]),
  ) as Record<RatingCriterion, CriterionSummary>;
  return {
    models: { base: models.base, aligned: models.aligned },
    ratings: contest.length,
    baseOnLeft: contest.filter((rating) => rating.leftModelId === models.base).length,
    criteria,
    correlations: {
      originalityPreference: correlation(contest, 'originality', 'preference', models.base),
      pleasantnessPreference: correlation(contest, 'pleasantness', 'preference', models.base),
    },
    identification: summarizeIdentification(contest, models.base),
  };
}
