import { describe, expect, it } from 'vitest';
import {
  RatingController,
  isComplete,
  nextUnrated,
  planRatings,
  ratingOf,
  ratingSeed,
  readStoredRatings,
} from '../../../src/app/rating-controller.ts';
import { planRatingPairs } from '../../../src/core/probes/poem/index.ts';
import type { RunInfo } from '../../../src/core/results/index.ts';
import type { StoredRating } from '../../../src/store/lab-db.ts';
import { MODELS, poemRecord, poemRecords } from '../../fixtures/game-poem-runs.ts';

const REASONING: RunInfo['models'][number] = { ...MODELS[1]!, id: 'reasoning-1b', name: 'Test Reasoning', role: 'reasoning' };
const VOTES = { originality: 'left', pleasantness: 'right', preference: 'tie', baseGuess: 'right' } as const;

/** A store in memory, or one whose calls fail with the given error. */
function fakeStore(failWith?: unknown) {
  const saved: StoredRating[] = [];
  return {
    saved,
    store: async () => ({
      async getRatings(runId: string) {
        if (failWith) throw failWith;
        return saved.filter((stored) => stored.runId === runId);
      },
      async saveRating(runId: string, pairId: string, rating: unknown) {
        if (failWith) throw failWith;
        saved.push({ runId, pairId, rating, ratedAt: new Date(0).toISOString() });
      },
    }),
  };
}

describe('ratingSeed', () => {
  it('is FNV-1a of the run id: the same for the same run, different for another', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c.
    expect(ratingSeed('a')).toBe(0xe40c292c);
    expect(ratingSeed('run-1')).toBe(ratingSeed('run-1'));
    expect(ratingSeed('run-1')).not.toBe(ratingSeed('run-2'));
  });
});

describe('planRatings', () => {
  it("is each contest's seeded plan, contest after contest", () => {
    const records = [...poemRecords(), ...[0, 1, 2].map((index) => poemRecord(REASONING.id, index, `reasoned verse ${index}`))];
    const models = [...MODELS, REASONING];
    const plan = planRatings(records, models, 'run-1');
    const seed = ratingSeed('run-1');
    const instruct = planRatingPairs(records, { base: MODELS[0]!.id, aligned: MODELS[1]!.id }, seed).pairs;
    const reasoning = planRatingPairs(records, { base: MODELS[0]!.id, aligned: REASONING.id }, seed).pairs;
    expect(instruct).toHaveLength(6);
    expect(reasoning).toHaveLength(3);
    expect(plan).toEqual([...instruct, ...reasoning]);
  });

  it('has no pairs without a base model', () => {
    expect(planRatings(poemRecords(), [MODELS[1]!], 'run-1')).toEqual([]);
  });
});

describe('nextUnrated, isComplete and ratingOf', () => {
  const plan = planRatings(poemRecords(), MODELS, 'run-1');

  it('picks the first pair without a rating', () => {
    expect(nextUnrated(plan, [])).toBe(plan[0]);
    const first = ratingOf(plan[0]!, VOTES);
    expect(nextUnrated(plan, [first])).toBe(plan[1]);
    expect(nextUnrated(plan.slice(0, 1), [first])).toBeNull();
  });

  it('needs all three answers and the guess of which poem the base model wrote', () => {
    expect(isComplete({ originality: 'left', pleasantness: 'tie' })).toBe(false);
    expect(isComplete({ originality: 'left', pleasantness: 'tie', preference: 'right' })).toBe(false);
    expect(isComplete(VOTES)).toBe(true);
  });

  it('records the sides of the pair as shown, with the votes', () => {
    const pair = plan[0]!;
    expect(ratingOf(pair, VOTES)).toEqual({
      pairId: pair.pairId,
      leftPoemId: pair.leftPoemId,
      rightPoemId: pair.rightPoemId,
      leftModelId: pair.leftModelId,
      rightModelId: pair.rightModelId,
      ...VOTES,
    });
  });

  it('leaves damaged stored ratings out', () => {
    const good = ratingOf(plan[0]!, VOTES);
    expect(readStoredRatings([{ rating: good }, { rating: { ...good, originality: 'maybe' } }, { rating: null }])).toEqual([good]);
  });
});

describe('RatingController', () => {
  const plan = planRatings(poemRecords(), MODELS, 'run-1');

  it('saves ratings, replaces a second vote on the same pair, and reads them back', async () => {
    const { store, saved } = fakeStore();
    const controller = new RatingController(store, 'run-1');
    let changes = 0;
    controller.addEventListener('change', () => (changes += 1));
    await controller.load();
    expect(controller.status).toBe('ready');
    const first = ratingOf(plan[0]!, VOTES);
    const again = ratingOf(plan[0]!, { ...VOTES, preference: 'left' });
    expect(await controller.save(first)).toBe(true);
    expect(await controller.save(again)).toBe(true);
    expect(controller.ratings).toEqual([again]);
    expect(saved.map((stored) => [stored.runId, stored.pairId])).toEqual([
      ['run-1', plan[0]!.pairId],
      ['run-1', plan[0]!.pairId],
    ]);
    expect(changes).toBe(4);
    const reader = new RatingController(store, 'run-1');
    await reader.load();
    expect(reader.ratings).toHaveLength(2);
  });

  it('says in plain words when the browser refuses to store a vote', async () => {
    const controller = new RatingController(fakeStore(new DOMException('full', 'QuotaExceededError')).store, 'run-1');
    expect(await controller.save(ratingOf(plan[0]!, VOTES))).toBe(false);
    expect(controller.error).toMatchObject({
      kind: 'quota',
      message: 'Your vote could not be saved in this browser.',
      detail: 'QuotaExceededError: full',
    });
    expect(controller.error?.nextStep).toContain('Storage page');
    expect(controller.ratings).toEqual([]);
  });

  it('fails to load with a next step', async () => {
    const controller = new RatingController(fakeStore(new Error('broken')).store, 'run-1');
    await controller.load();
    expect(controller.status).toBe('failed');
    expect(controller.error).toMatchObject({ kind: 'internal', detail: 'Error: broken' });
    expect(controller.ratings).toEqual([]);
  });
});
