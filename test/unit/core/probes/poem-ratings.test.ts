import { describe, expect, it } from 'vitest';
import {
  checkRating,
  planRatingPairs,
  poemId,
  summarizeRatings,
  type PoemRating,
  type PoemRecord,
  type RatingModels,
  type Vote,
} from '../../../../src/core/probes/poem/index.ts';
import { wilsonInterval } from '../../../../src/core/stats/index.ts';
import { poemRating, poemRecord } from '../../../fixtures/game-poem-runs.ts';

const models: RatingModels = { base: 'base', aligned: 'aligned' };
const TOPICS = ['the sea', 'a city at night', 'bread'];

/** A model's poems in the run's order (topic i mod 3), `perTopic` per topic; the indexes in `empty` came out empty. */
function poemsOf(modelId: string, perTopic: number, empty: readonly number[] = []): PoemRecord[] {
  return Array.from({ length: TOPICS.length * perTopic }, (_, index) =>
    poemRecord(modelId, index, empty.includes(index) ? '' : `${modelId} writes poem ${index}`, TOPICS),
  );
}

describe('planRatingPairs', () => {
  const records = [...poemsOf('base', 4), ...poemsOf('aligned', 4), ...poemsOf('other', 4)];
  const byId = new Map(records.map((record) => [poemId(record), record]));

  it('pairs each base poem with the aligned poem of the same topic and sample, reproducibly for a seed', () => {
    const plan = planRatingPairs(records, models, 11);
    expect(plan.pairs).toHaveLength(12);
    expect(plan.unpaired).toEqual([]);
    for (const pair of plan.pairs) {
      const left = byId.get(pair.leftPoemId)!;
      const right = byId.get(pair.rightPoemId)!;
      expect([pair.leftModelId, pair.rightModelId].sort()).toEqual(['aligned', 'base']);
      expect([left.modelId, right.modelId]).toEqual([pair.leftModelId, pair.rightModelId]);
      expect([left.promptIndex, left.sampleIndex]).toEqual([right.promptIndex, right.sampleIndex]);
      expect(pair).toMatchObject({ promptIndex: left.promptIndex, topic: left.topic, leftPoem: left.poem, rightPoem: right.poem });
      const [basePoem, alignedPoem] = left.modelId === 'base' ? [left, right] : [right, left];
      expect(pair.pairId).toBe(`${poemId(basePoem)}|${poemId(alignedPoem)}`);
    }
    expect(planRatingPairs(records, models, 11)).toEqual(plan);
    expect(planRatingPairs([...records].reverse(), models, 11)).toEqual(plan);
    expect(planRatingPairs(records, models, 12).pairs.map((pair) => pair.pairId)).not.toEqual(plan.pairs.map((pair) => pair.pairId));
  });

  it('shows the base poem on the left in exactly half the pairs, which half varying with the seed', () => {
    const seeds = Array.from({ length: 40 }, (_, seed) => seed);
    const sideOfFirstPair = new Set<boolean>();
    const firstShown = new Set<string>();
    for (const seed of seeds) {
      const { pairs } = planRatingPairs(records, models, seed);
      expect(pairs.filter((pair) => pair.leftModelId === 'base')).toHaveLength(6);
      sideOfFirstPair.add(pairs.find((pair) => pair.pairId === 'base#0|aligned#0')!.leftModelId === 'base');
      firstShown.add(pairs[0]!.pairId);
    }
    expect(sideOfFirstPair).toEqual(new Set([true, false]));
    expect(firstShown.size).toBeGreaterThan(10);

    // With an odd number of pairs the odd one goes either way.
    const odd = [...poemsOf('base', 4), ...poemsOf('aligned', 4).slice(0, 11)];
    const baseLeftCounts = new Set(seeds.map((seed) => planRatingPairs(odd, models, seed).pairs.filter((pair) => pair.leftModelId === 'base').length));
    expect(baseLeftCounts).toEqual(new Set([5, 6]));
  });

  it('lists empty poems and poems without a partner as unpaired', () => {
    // Base poem 0 (topic 0) is empty; the aligned model has a fifth round of poems that base lacks.
    const uneven = [...poemsOf('base', 4, [0]), ...poemsOf('aligned', 5)];
    const plan = planRatingPairs(uneven, models, 1);
    expect(plan.pairs).toHaveLength(11);
    expect(plan.unpaired).toEqual(['base#0', 'aligned#9', 'aligned#12', 'aligned#13', 'aligned#14']);
    // Topic 0's three remaining base poems pair with the aligned model's first three for that topic.
    const topicZero = plan.pairs.filter((pair) => pair.promptIndex === 0).map((pair) => pair.pairId).sort();
    expect(topicZero).toEqual(['base#3|aligned#0', 'base#6|aligned#3', 'base#9|aligned#6']);
  });

  it('shows each poem trimmed by today’s rules, so that runs stored before them are as blind as new ones', () => {
    const [basePoem, alignedPoem] = [poemsOf('base', 1)[0]!, poemsOf('aligned', 1)[0]!];
    const titled = 'Here is a short poem about the sea:\n\n**Salt Song**\n\nwaves on waves\n\nI hope you enjoyed it!';
    // Stored with the poem as an older version trimmed it: the title and the sign-off were kept.
    const stored = { ...alignedPoem, text: titled, poem: '**Salt Song**\n\nwaves on waves\n\nI hope you enjoyed it!' };
    const [pair] = planRatingPairs([basePoem, stored], models, 3).pairs;
    expect([pair!.leftPoem, pair!.rightPoem]).toContain('waves on waves');
    // A text that was nothing but an announcement has nothing left to rate.
    const onlyPreamble = { ...alignedPoem, text: 'Sure!', poem: 'Sure!' };
    expect(planRatingPairs([basePoem, onlyPreamble], models, 3)).toEqual({ pairs: [], unpaired: ['base#0', 'aligned#0'] });
  });

  it('refuses a contest of one model and a seed that is not a whole number', () => {
    expect(() => planRatingPairs(records, { base: 'base', aligned: 'base' }, 1)).toThrow(/two different models/);
    expect(() => planRatingPairs(records, models, 1.5)).toThrow(/rating seed/);
  });
});

describe('checkRating', () => {
  const rating: PoemRating = {
    pairId: 'base#0|aligned#0',
    leftPoemId: 'aligned#0',
    rightPoemId: 'base#0',
    leftModelId: 'aligned',
    rightModelId: 'base',
    originality: 'right',
    pleasantness: 'left',
    preference: 'both-bad',
  };

  it('accepts a rating and returns exactly its fields', () => {
    expect(checkRating(JSON.parse(JSON.stringify({ ...rating, extra: 1 })))).toEqual(rating);
  });

  it('keeps the guess of which poem the base model wrote, and reads ratings made before the lab asked for it', () => {
    expect(checkRating({ ...rating, baseGuess: 'right' })).toEqual({ ...rating, baseGuess: 'right' });
    const old = checkRating(JSON.parse(JSON.stringify(rating)));
    expect(old).toEqual(rating);
    expect('baseGuess' in old).toBe(false);
    expect(() => checkRating({ ...rating, baseGuess: 'base' })).toThrow(/which poem the base model wrote/);
    expect(() => checkRating({ ...rating, baseGuess: null })).toThrow(/which poem the base model wrote/);
  });

  it('says what is wrong with a broken rating', () => {
    expect(() => checkRating(null)).toThrow(/must be an object/);
    expect(() => checkRating([rating])).toThrow(/must be an object/);
    expect(() => checkRating({ ...rating, originality: 'maybe' })).toThrow(/originality vote/);
    expect(() => checkRating({ ...rating, preference: undefined })).toThrow(/preference vote/);
    expect(() => checkRating({ ...rating, pairId: '' })).toThrow(/pair id/);
    expect(() => checkRating({ ...rating, leftModelId: 7 })).toThrow(/left model id/);
    expect(() => checkRating({ ...rating, rightPoemId: 'aligned#0' })).toThrow(/two different poems/);
    expect(() => checkRating({ ...rating, rightModelId: 'aligned' })).toThrow(/two different models/);
  });
});

describe('summarizeRatings', () => {
  // [base on the left?, originality, pleasantness, preference]. Hand-made so that base wins originality, loses
  // pleasantness and ties preference; expected values computed independently with SciPy (spearmanr, norm.ppf).
  const table: [boolean, Vote, Vote, Vote][] = [
    [true, 'left', 'right', 'right'],
    [false, 'right', 'left', 'left'],
    [true, 'left', 'left', 'left'],
    [false, 'tie', 'left', 'left'],
    [true, 'left', 'right', 'left'],
    [false, 'right', 'right', 'right'],
    [true, 'both-bad', 'left', 'right'],
    [false, 'right', 'tie', 'tie'],
    [true, 'left', 'right', 'right'],
    [false, 'left', 'left', 'left'],
    [true, 'right', 'both-bad', 'left'],
    [false, 'right', 'left', 'right'],
    [true, 'tie', 'left', 'left'],
  ];
  const rate = ([baseLeft, originality, pleasantness, preference]: [boolean, Vote, Vote, Vote], i: number, aligned = 'aligned'): PoemRating => {
    const sides: [string, string] = baseLeft ? ['base', aligned] : [aligned, 'base'];
    return poemRating(`base#${i}|${aligned}#${i}`, i, sides, { originality, pleasantness, preference });
  };
  const ratings = table.map((row, i) => rate(row, i));
  // A vote from another contest (base against a different aligned model) must not count here.
  const otherContest = rate([true, 'right', 'right', 'right'], 99, 'sft');

  it('gives the base model’s win rates, the left side’s and the correlations, as computed by hand', () => {
    const summary = summarizeRatings([...ratings, otherContest], models);
    expect(summary).toMatchObject({ models, ratings: 13, baseOnLeft: 7 });

    const expected = {
      originality: { counts: [8, 2, 2, 1, 12], base: [0.75, 0.4676946650664343, 0.9110583316059452], left: [0.5, 0.2537815976337061, 0.7462184023662939] },
      pleasantness: { counts: [4, 7, 1, 1, 12], base: [0.375, 0.16499251513006297, 0.6456309865337473], left: [0.625, 0.35436901346625277, 0.8350074848699371] },
      preference: { counts: [6, 6, 1, 0, 13], base: [0.5, 0.26120334364034825, 0.7387966563596517], left: [0.5769230769230769, 0.3227720776020514, 0.7959824804973027] },
    };
    for (const [criterion, { counts, base, left }] of Object.entries(expected)) {
      const result = summary.criteria[criterion as keyof typeof expected];
      expect([result.baseWins, result.alignedWins, result.ties, result.bothBad, result.n], criterion).toEqual(counts);
      for (const [estimate, [value, lo, hi]] of [[result.baseWinRate!, base], [result.leftWinRate!, left]] as const) {
        expect(estimate.value).toBeCloseTo(value!, 12);
        expect(estimate.lo).toBeCloseTo(lo!, 12);
        expect(estimate.hi).toBeCloseTo(hi!, 12);
        expect(estimate).toMatchObject({ n: counts[4], interval: 'wilson-95' });
      }
    }
    // With no ties to halve, the interval is the lab's shared Wilson interval: 8 wins + ½·2 ties = 9 of 12.
    const shared = wilsonInterval(9, 12);
    expect(summary.criteria.originality.baseWinRate!.lo).toBeCloseTo(shared.lo, 12);
    expect(summary.criteria.originality.baseWinRate!.hi).toBeCloseTo(shared.hi, 12);

    const { originalityPreference, pleasantnessPreference } = summary.correlations;
    expect(originalityPreference.pairs).toBe(12);
    expect(originalityPreference.rho!.value).toBeCloseTo(0.05582905262390824, 12);
    expect(originalityPreference.rho!.lo).toBeCloseTo(-0.5355842676388393, 12);
    expect(originalityPreference.rho!.hi).toBeCloseTo(0.6104995768095118, 12);
    expect(pleasantnessPreference.pairs).toBe(12);
    expect(pleasantnessPreference.rho!.value).toBeCloseTo(0.4502448063830733, 12);
    expect(pleasantnessPreference.rho!.lo).toBeCloseTo(-0.1979762961499573, 12);
    expect(pleasantnessPreference.rho!.hi).toBeCloseTo(0.8244772275038559, 12);
    expect(pleasantnessPreference.rho).toMatchObject({ n: 12, interval: 'fisher-z-95' });
  });

  it('gives the same numbers whichever side each poem was shown on, when the votes follow the poems', () => {
    const flipped = ratings.map((rating) => ({
      ...rating,
      leftPoemId: rating.rightPoemId,
      rightPoemId: rating.leftPoemId,
      leftModelId: rating.rightModelId,
      rightModelId: rating.leftModelId,
      originality: swap(rating.originality),
      pleasantness: swap(rating.pleasantness),
      preference: swap(rating.preference),
    }));
    const original = summarizeRatings(ratings, models);
    const mirrored = summarizeRatings(flipped, models);
    expect(mirrored.criteria.originality.baseWinRate).toEqual(original.criteria.originality.baseWinRate);
    expect(mirrored.correlations).toEqual(original.correlations);
    expect(mirrored.criteria.originality.leftWinRate!.value).toBeCloseTo(1 - original.criteria.originality.leftWinRate!.value, 12);
  });

  it('reports no correlation below ten pairs or when a criterion’s votes are all the same', () => {
    const few = summarizeRatings(ratings.slice(0, 9), models);
    expect(few.correlations.pleasantnessPreference).toEqual({ pairs: 9, rho: null });
    const allTies = summarizeRatings(ratings.map((rating) => ({ ...rating, preference: 'tie' as const })), models);
    expect(allTies.correlations.originalityPreference).toEqual({ pairs: 12, rho: null });
  });

  it('says how often the reader told which poem the base model wrote, with a Wilson interval and N', () => {
    // Guesses on 10 of the 13 ratings (3 made before the lab asked): right on 8, whichever side the base poem was on.
    const guessed = ratings.map((rating, i): PoemRating => {
      if (i >= 10) return rating;
      const baseSide = rating.leftModelId === 'base' ? 'left' : 'right';
      const otherSide = baseSide === 'left' ? 'right' : 'left';
      return { ...rating, baseGuess: i < 8 ? baseSide : otherSide };
    });
    const { identification } = summarizeRatings([...guessed, { ...otherContest, baseGuess: 'left' }], models);
    expect(identification).toMatchObject({ guesses: 10, right: 8 });
    const { lo, hi } = wilsonInterval(8, 10);
    expect(identification.shareRight).toEqual({ value: 0.8, lo, hi, n: 10, interval: 'wilson-95' });
    expect(summarizeRatings(ratings, models).identification).toEqual({ guesses: 0, right: 0, shareRight: null });
  });

  it('has no win rate without votes, and counts "both bad" apart from N', () => {
    const bothBad = summarizeRatings(ratings.map((rating) => ({ ...rating, originality: 'both-bad' as const })), models);
    expect(bothBad.criteria.originality).toMatchObject({ bothBad: 13, n: 0, baseWinRate: null, leftWinRate: null });
    expect(summarizeRatings([], models).criteria.preference).toMatchObject({ n: 0, baseWinRate: null });
    expect(() => summarizeRatings(ratings, { base: '', aligned: 'aligned' })).toThrow(/two different models/);
  });
});

function swap(vote: Vote): Vote {
  if (vote === 'left') return 'right';
  if (vote === 'right') return 'left';
  return vote;
}
