// Blind pairwise rating of a poem run's poems: which pairs to show and in what order (seeded per run), and the votes
// kept in the lab's database through the LabContext's store, so a reader can stop and come back.
import {
  RATING_CRITERIA,
  checkRating,
  planRatingPairs,
  type PoemRating,
  type PoemRecord,
  type RatingCriterion,
  type RatingPair,
  type Side,
  type Vote,
} from '../core/probes/poem/index.ts';
import type { RunInfo } from '../core/results/index.ts';
import type { LabError } from '../engine/errors/kinds.ts';
import type { RunStore } from '../store/runs.ts';
import { ratingContests } from './charts/poem-charts.ts';
import { storageError } from './storage-error.ts';

/**
 * The seed of a run's rating plan: FNV-1a of the run's id. Not the run's own seed, which is 1 in most runs: with it,
 * every run with as many pairs would put the base poem on the same sides, and a reader could learn the pattern.
 */
export function ratingSeed(runId: string): number {
  let hash = 0x811c9dc5;
  for (const character of runId) {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The pairs to rate: each contest's (base against one aligned model) in its seeded order, contest after contest. */
export function planRatings(records: readonly PoemRecord[], models: RunInfo['models'], runId: string): RatingPair[] {
  const seed = ratingSeed(runId);
  return ratingContests(models).flatMap(
    (contest) => planRatingPairs(records, { base: contest.base.id, aligned: contest.aligned.id }, seed).pairs,
  );
}

/** The first pair not yet rated, or null when every pair is. */
export function nextUnrated(pairs: readonly RatingPair[], ratings: readonly PoemRating[]): RatingPair | null {
  const rated = new Set(ratings.map((rating) => rating.pairId));
  return pairs.find((pair) => !rated.has(pair.pairId)) ?? null;
}

/** A reader's answers for one pair: one per question, and which poem they think the base model wrote. */
export type Votes = Record<RatingCriterion, Vote> & { baseGuess: Side };

/** Every answer given: the three questions and the guess. */
export function isComplete(votes: Partial<Votes>): votes is Votes {
  return RATING_CRITERIA.every((criterion) => votes[criterion] !== undefined) && votes.baseGuess !== undefined;
}

/** The rating to store for a pair: the poems and models on each side with the votes and the guess, checked as an
 * import would be. */
export function ratingOf(pair: RatingPair, votes: Votes): PoemRating {
  return checkRating({
    pairId: pair.pairId,
    leftPoemId: pair.leftPoemId,
    rightPoemId: pair.rightPoemId,
    leftModelId: pair.leftModelId,
    rightModelId: pair.rightModelId,
    ...votes,
  });
}

/** Ratings as stored are checked again: a damaged one cannot be counted, so it is left out. */
export function readStoredRatings(stored: readonly { rating: unknown }[]): PoemRating[] {
  return stored.flatMap(({ rating }) => {
    try {
      return [checkRating(rating)];
    } catch {
      return [];
    }
  });
}

export type RatingStatus = 'loading' | 'ready' | 'failed';

/** A run's ratings in this browser. Fires "change" whenever its status, ratings or error change. */
export class RatingController extends EventTarget {
  status: RatingStatus = 'loading';
  /** In the order they were made; a second vote on a pair replaces the first. */
  ratings: PoemRating[] = [];
  /** The last failure to read or save, until the next success. */
  error: LabError | null = null;

  constructor(
    private readonly store: () => Promise<Pick<RunStore, 'getRatings' | 'saveRating'>>,
    readonly runId: string,
  ) {
    super();
  }

  /** Reads the run's stored ratings. */
  async load(): Promise<void> {
    this.status = 'loading';
    this.changed();
    try {
      this.ratings = readStoredRatings(await (await this.store()).getRatings(this.runId));
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      this.status = 'failed';
      this.error = storageError('load-votes', error);
    }
    this.changed();
  }

  /** Stores a rating; resolves to whether it was saved (on failure `error` says why). */
  async save(rating: PoemRating): Promise<boolean> {
    try {
      await (await this.store()).saveRating(this.runId, rating.pairId, rating);
    } catch (error) {
      this.error = storageError('save-vote', error);
      this.changed();
      return false;
    }
    this.ratings = [...this.ratings.filter((existing) => existing.pairId !== rating.pairId), rating];
    this.error = null;
    this.changed();
    return true;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
