import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assessClaims,
  CLAIM_FIGURES,
  CLAIM_IDS,
  combineVerdicts,
  figuresForClaim,
  groupFigures,
  loadPaperFigures,
  loadRunEvidence,
  type ClaimId,
  type ClaimResult,
  type RunEvidence,
} from '../../../src/app/claims.ts';
import { summarize } from '../../../src/app/summaries.ts';
import type { ModelRole } from '../../../src/core/model.ts';
import type { GameProbeParams } from '../../../src/core/probes/game-probe/index.ts';
import { HIDE_AND_SEEK } from '../../../src/core/probes/hide-and-seek/index.ts';
import type { PoemRating } from '../../../src/core/probes/poem/ratings.ts';
import type { ProbeModel, ProbeSpec, RecordBase } from '../../../src/core/probes/probe.ts';
import { ANSWERS, RNG_0_10, type Rng010Record } from '../../../src/core/probes/rng-0-10/index.ts';
import { RNG_SEQUENCE } from '../../../src/core/probes/rng-sequence/index.ts';
import { RPS } from '../../../src/core/probes/rps/index.ts';
import { runProbe } from '../../../src/core/probes/runner.ts';
import { parsePaperFigures } from '../../../src/core/reference/paper-figures.ts';
import type { RunInfo } from '../../../src/core/results/index.ts';
import { mismatchedSelfCheck } from '../core/results/support.ts';
import { SyntheticListModel, SyntheticModel, uniformOver, type AnswerDistribution, type NextNumber } from '../core/probes/synthetic-model.ts';
import { collect, runInfo } from '../../support/builders.ts';
import { poemRating } from '../../fixtures/game-poem-runs.ts';

// ---------------------------------------------------------------------------------------------------------------
// Synthetic runs

const modelId = (role: ModelRole): string => `test-${role}`;

function runOf(probeId: RunInfo['probeId'], roles: readonly ModelRole[], params: object, id = `${probeId}-${roles.join('-')}`): RunInfo {
  return runInfo(probeId, {
    id,
    params: { ...(params as RunInfo['params']) },
    models: roles.map((role) => ({ id: modelId(role), catalogId: modelId(role), name: `Test ${role}`, role, variant: 'q4f32', revision: null })),
  });
}

/** The evidence as the Claims page builds it: the probe's own summary of the records. */
function evidence(info: RunInfo, records: readonly RecordBase[], ratings: PoemRating[] = []): RunEvidence {
  return { info, summary: summarize(info, records), unreadable: false, ratings };
}

function claim(results: ClaimResult[], id: ClaimId): ClaimResult {
  const result = results.find((candidate) => candidate.claim === id);
  if (!result) throw new Error(`No result for the claim "${id}".`);
  return result;
}

/** An exact-mode rng-0-10 record: the model's whole answer distribution. */
function distributionRecord(role: ModelRole, probabilities: number[]): Rng010Record {
  return { probeId: 'rng-0-10', modelId: modelId(role), index: 0, kind: 'distribution', probabilities, other: 0, forwardPasses: 2, prefillTokens: 40 };
}

/** Every number 1/11, except "7" with `seven`. */
function withSeven(seven: number): number[] {
  return ANSWERS.map((_, value) => (value === 7 ? seven : (1 - seven) / 10));
}

const UNIFORM = withSeven(1 / 11);
const exactRng = { ...RNG_0_10.defaultParams, mode: 'exact', seed: 3 };

/** Exact records of a run whose base model has `base` on "7" and whose aligned model has `aligned`. */
function exactSevenRun(base: number, aligned: number, id?: string): RunEvidence {
  const info = runOf('rng-0-10', ['base', 'instruct'], exactRng, id);
  return evidence(info, [distributionRecord('base', withSeven(base)), distributionRecord('instruct', withSeven(aligned))]);
}

/** A sampled rng-0-10 run from synthetic models with these distributions over 0 … 10. */
async function sampledRng(distributions: Partial<Record<ModelRole, number[]>>, n: number, seed: number, framing: 'native' | 'same-text' = 'native'): Promise<RunEvidence> {
  const roles = (['base', 'instruct', 'reasoning'] as const).filter((role) => distributions[role]);
  const params = { ...RNG_0_10.defaultParams, mode: 'sampled' as const, framing, n, seed };
  const models: ProbeModel[] = roles.map((role) => ({
    model: new SyntheticModel({ id: modelId(role), role, distribution: () => Object.fromEntries(ANSWERS.map((answer, i) => [answer, distributions[role]?.[i] ?? 0])) }),
    chatTemplate: 'llama-3.1',
  }));
  const records = await collect(runProbe(RNG_0_10, { models, params }));
  return evidence(runOf('rng-0-10', roles, params, `sampled-${seed}-${framing}`), records);
}

describe('combineVerdicts', () => {
  it('lets comparisons without a verdict stand aside, and a conflict decide nothing', () => {
    expect(combineVerdicts([])).toEqual({ verdict: 'not-enough-evidence', mixed: false });
    expect(combineVerdicts(['supported', 'not-enough-evidence'])).toEqual({ verdict: 'supported', mixed: false });
    expect(combineVerdicts(['not-enough-evidence', 'not-supported'])).toEqual({ verdict: 'not-supported', mixed: false });
    expect(combineVerdicts(['supported', 'not-supported'])).toEqual({ verdict: 'not-enough-evidence', mixed: true });
  });
});

describe('the "7" claim', () => {
  it('is supported by exact values when the aligned P(7) is the minimum effect above both 1/11 and the base model', () => {
    const seven = claim(assessClaims([exactSevenRun(1 / 11, 0.5)]), 'seven');
    expect(seven.verdict).toBe('supported');
    const [comparison] = seven.comparisons;
    expect(comparison).toMatchObject({ probeId: 'rng-0-10', mode: 'exact', framing: 'native', gap: null });
    expect(comparison?.rows.map((row) => [row.model.role, row.estimate.value, row.estimate.interval])).toEqual([
      ['base', expect.closeTo(1 / 11, 12), 'exact'],
      ['instruct', expect.closeTo(0.5, 12), 'exact'],
    ]);
    expect(comparison?.steps[0]).toMatchObject({ effect: expect.closeTo(0.5 - 1 / 11, 12), pValue: null, test: 'exact-difference' });
  });

  it('gives no verdict on an exact difference smaller than the minimum effect (0.0910 against 0.0909 is not an effect)', () => {
    const tiny = claim(assessClaims([exactSevenRun(0.0909, 0.091)]), 'seven');
    expect(tiny.verdict).toBe('not-enough-evidence');
    expect(tiny.comparisons[0]?.gap).toBe('small-effect');
    // A difference of the minimum effect that leaves the aligned model within it of 1/11 is not enough either.
    expect(claim(assessClaims([exactSevenRun(0.05, 0.1)]), 'seven').verdict).toBe('not-enough-evidence');
  });

  it('is not supported when the aligned P(7) is the minimum effect below the base model', () => {
    expect(claim(assessClaims([exactSevenRun(0.3, 0.2)]), 'seven').verdict).toBe('not-supported');
  });

  it('gives no verdict when most of a model’s probability falls outside the answers', () => {
    const info = runOf('rng-0-10', ['base', 'instruct'], exactRng);
    const offQuestion = { ...distributionRecord('instruct', withSeven(0.5).map((p) => p * 0.4)), other: 0.6 };
    const result = claim(assessClaims([evidence(info, [distributionRecord('base', UNIFORM), offQuestion])]), 'seven');
    expect(result.verdict).toBe('not-enough-evidence');
    expect(result.comparisons[0]).toMatchObject({ gap: 'off-question' });
    expect(result.comparisons[0]?.rows[1]?.otherShare).toBeCloseTo(0.6, 12);
  });

  it('does not count exact runs whose numbers the self-check found wrong, nor a top-k server’s bounds', () => {
    const run = exactSevenRun(1 / 11, 0.5, 'checked');
    const mismatch = mismatchedSelfCheck({ runId: 'checked' });
    const flagged = { ...run, info: { ...run.info, models: run.info.models.map((model, i) => (i === 1 ? { ...model, selfCheck: mismatch } : model)) } };
    expect(claim(assessClaims([flagged]), 'seven').excluded).toEqual([{ run: flagged.info, reason: 'self-check-failed' }]);
    const server = { software: 'llama.cpp' as const, host: 'localhost:8080', model: 'm', version: null, family: 'llama-3.1' as const, exact: 'top-k' as const, topK: 100 };
    const bounded = { ...run, info: { ...run.info, id: 'bounded', models: run.info.models.map((model) => ({ ...model, variant: null, server })) } };
    expect(claim(assessClaims([bounded]), 'seven').excluded).toEqual([{ run: bounded.info, reason: 'bounds-only' }]);
  });

  it('counts only runs of the experiment version this lab runs: 1.0.0 spelled the default pair’s exact answers wrong', () => {
    const current = exactSevenRun(1 / 11, 0.5, 'current');
    const made = exactSevenRun(1 / 11, 0.5, 'older');
    const older = { ...made, info: { ...made.info, specVersion: '1.0.0' } };
    const result = claim(assessClaims([older, current]), 'seven');
    expect(result.excluded).toEqual([{ run: older.info, reason: 'other-version' }]);
    expect(result.comparisons[0]?.runs.map((run) => run.id)).toEqual(['current']);
    expect(claim(assessClaims([older]), 'seven')).toMatchObject({ verdict: 'not-enough-evidence', comparisons: [] });
  });

  it('decides sampled runs by a permutation test and the minimum effect, and names the test and its level', async () => {
    const result = claim(assessClaims([await sampledRng({ base: UNIFORM, instruct: withSeven(0.3) }, 300, 4)]), 'seven');
    expect(result.verdict).toBe('supported');
    const [comparison] = result.comparisons;
    expect(comparison?.alpha).toBeCloseTo(0.025, 12);
    expect(comparison?.steps[0]).toMatchObject({ test: 'permutation' });
    expect(comparison?.steps[0]?.pValue).toBeLessThan(0.001);
    expect(comparison?.rows[1]?.estimate).toMatchObject({ n: 300, interval: 'dirichlet-jeffreys-95' });
  });

  it('counts sampled runs of one setup together, leaves out a repeated seed, short or unfinished runs, and says why', async () => {
    const first = await sampledRng({ base: UNIFORM, instruct: UNIFORM }, 150, 1);
    const second = await sampledRng({ base: UNIFORM, instruct: UNIFORM }, 200, 2);
    const sameSeed = { ...second, info: { ...second.info, id: 'again' } };
    const short = await sampledRng({ base: UNIFORM, instruct: UNIFORM }, 50, 3);
    const stopped = { ...(await sampledRng({ base: UNIFORM, instruct: UNIFORM }, 150, 5)), info: { ...first.info, id: 'stopped', status: 'incomplete' as const } };
    const result = claim(assessClaims([first, second, sameSeed, short, stopped]), 'seven');
    expect(result.comparisons).toHaveLength(1);
    expect(result.comparisons[0]?.runs.map((run) => run.id)).toEqual([first.info.id, second.info.id]);
    expect(result.comparisons[0]?.rows[0]?.estimate.n).toBe(350);
    expect(result.excluded.map(({ run, reason }) => [run.id, reason])).toEqual([
      ['again', 'repeats-a-run'],
      [short.info.id, 'too-small'],
      ['stopped', 'not-complete'],
    ]);
  });

  it('makes one comparison per framing and aligned model, and shares the level among them', async () => {
    const native = await sampledRng({ base: UNIFORM, instruct: withSeven(0.3), reasoning: UNIFORM }, 200, 7);
    const sameText = await sampledRng({ base: UNIFORM, instruct: withSeven(0.3) }, 200, 8, 'same-text');
    const result = claim(assessClaims([native, sameText]), 'seven');
    expect(result.comparisons.map((comparison) => [comparison.framing, comparison.rows[1]?.model.role])).toEqual([
      ['native', 'instruct'],
      ['native', 'reasoning'],
      ['same-text', 'instruct'],
    ]);
    for (const comparison of result.comparisons) expect(comparison.alpha).toBeCloseTo(0.05 / 6, 12);
  });
});

describe('the repeats claim', () => {
  const uniformNext: NextNumber = () => Object.fromEntries(ANSWERS.map((answer) => [answer, 1 / ANSWERS.length]));
  const neverRepeating: NextNumber = (written) => {
    const fresh = ANSWERS.filter((answer) => !written.includes(Number(answer)));
    return Object.fromEntries(fresh.map((answer) => [answer, 1 / fresh.length]));
  };

  async function sequenceRun(base: NextNumber, aligned: NextNumber, n: number): Promise<RunEvidence> {
    const params = { ...RNG_SEQUENCE.defaultParams, mode: 'sampled' as const, n, seed: 11 };
    const models: ProbeModel[] = [
      { model: new SyntheticListModel({ id: modelId('base'), role: 'base', next: base, length: 10 }), chatTemplate: 'llama-3.1' },
      { model: new SyntheticListModel({ id: modelId('instruct'), role: 'instruct', next: aligned, length: 10 }), chatTemplate: 'llama-3.1' },
    ];
    const records = await collect(runProbe(RNG_SEQUENCE, { models, params }));
    return evidence(runOf('rng-sequence', ['base', 'instruct'], params), records);
  }

  it('is supported when the aligned model’s mean repeats are the minimum effect below both chance and the base model', async () => {
    const result = claim(assessClaims([await sequenceRun(uniformNext, neverRepeating, 60)]), 'repeats');
    expect(result.verdict).toBe('supported');
    expect(result.comparisons[0]?.rows[1]?.estimate).toMatchObject({ value: 0, n: 60, interval: 't-95' });
  });

  it('is not supported when the aligned model repeats more than the base model', async () => {
    expect(claim(assessClaims([await sequenceRun(neverRepeating, uniformNext, 60)]), 'repeats').verdict).toBe('not-supported');
  });

  it('does not count a run with fewer lists than the minimum', async () => {
    const result = claim(assessClaims([await sequenceRun(uniformNext, neverRepeating, 20)]), 'repeats');
    expect(result.comparisons).toEqual([]);
    expect(result.excluded[0]?.reason).toBe('too-small');
  });
});

describe('the games claim', () => {
  const alwaysRock: AnswerDistribution = () => ({ rock: 1 });
  const alwaysHouse: AnswerDistribution = () => ({ house: 1 });

  /** Both game specs as the runner sees them: each with its own parameters, all of them game parameters. */
  type GameSpec = ProbeSpec<GameProbeParams, RecordBase, unknown>;

  async function gameRun(spec: GameSpec, base: AnswerDistribution, aligned: AnswerDistribution, rounds: number, seed = 21): Promise<RunEvidence> {
    const params: GameProbeParams = { ...spec.defaultParams, mode: 'exact', seed, rounds };
    const models: ProbeModel[] = [
      { model: new SyntheticModel({ id: modelId('base'), role: 'base', distribution: base }), chatTemplate: 'llama-3.1' },
      { model: new SyntheticModel({ id: modelId('instruct'), role: 'instruct', distribution: aligned }), chatTemplate: 'llama-3.1' },
    ];
    const records = await collect(runProbe(spec, { models, params }));
    return evidence(runOf(spec.id, ['base', 'instruct'], params, `${spec.id}-${seed}`), records);
  }

  const rps = RPS as unknown as GameSpec;
  const hideAndSeek = HIDE_AND_SEEK as unknown as GameSpec;
  const rpsMoves = ['rock', 'paper', 'scissors'];
  const places = HIDE_AND_SEEK.defaultParams.places;

  it('is supported when the predictable aligned model scores the minimum effect below both 0 and the base model', async () => {
    const result = claim(assessClaims([await gameRun(rps, uniformOver(rpsMoves), alwaysRock, 100)]), 'games');
    expect(result.verdict).toBe('supported');
    const [comparison] = result.comparisons;
    expect(comparison?.rows[1]?.estimate.value).toBeLessThan(-50);
    expect(comparison?.rows[1]?.estimate.interval).toBe('batch-means-95');
    expect(comparison?.steps[0]?.test).toBe('paired-sign-flip');
  });

  it('is not supported when the aligned model plays better than the base model, each game a comparison of its own', async () => {
    const rpsRun = await gameRun(rps, alwaysRock, uniformOver(rpsMoves), 100);
    const hideRun = await gameRun(hideAndSeek, alwaysHouse, uniformOver(places), 100);
    const result = claim(assessClaims([rpsRun, hideRun]), 'games');
    expect(result.comparisons.map((comparison) => [comparison.probeId, comparison.verdict])).toEqual([
      ['rps', 'not-supported'],
      ['hide-and-seek', 'not-supported'],
    ]);
    expect(result.verdict).toBe('not-supported');
  });

  it('gives no verdict when both play alike', async () => {
    const result = claim(assessClaims([await gameRun(rps, uniformOver(rpsMoves), uniformOver(rpsMoves), 100)]), 'games');
    expect(result.verdict).toBe('not-enough-evidence');
  });
});

describe('the poems claim', () => {
  const poemInfo = runOf('poem', ['base', 'instruct'], { mode: 'sampled', framing: 'native', temperature: 1, seed: 1 });

  /** Blind votes on originality: "base" for the base poem, "aligned" for the other; sides alternate. */
  function ratings(votes: readonly ('base' | 'aligned' | 'tie')[]): PoemRating[] {
    return votes.map((vote, i) => {
      const baseLeft = i % 2 === 0;
      const sides: [string, string] = baseLeft ? [modelId('base'), modelId('instruct')] : [modelId('instruct'), modelId('base')];
      const side = vote === 'tie' ? 'tie' : (vote === 'base') === baseLeft ? 'left' : 'right';
      return poemRating(`pair-${i}`, i, sides, { originality: side, pleasantness: 'tie', preference: 'tie' });
    });
  }

  const poemEvidence = (votes: PoemRating[]): RunEvidence => ({ info: poemInfo, summary: null, unreadable: false, ratings: votes });

  it('is supported when the base poems win on originality by a sign test', () => {
    const result = claim(assessClaims([poemEvidence(ratings(Array(20).fill('base')))]), 'poems');
    expect(result.verdict).toBe('supported');
    expect(result.comparisons[0]?.rows).toMatchObject([{ model: { role: 'base' }, estimate: { value: 1, n: 20 } }]);
    expect(result.comparisons[0]?.steps[0]).toMatchObject({ test: 'sign-test', pValue: expect.closeTo(2 ** -20, 12) });
  });

  it('is not supported when the aligned poems win', () => {
    expect(claim(assessClaims([poemEvidence(ratings(Array(20).fill('aligned')))]), 'poems').verdict).toBe('not-supported');
  });

  it('has not enough evidence below the minimum of ratings, or with an even split', () => {
    const [unrated] = claim(assessClaims([poemEvidence(ratings(Array(9).fill('base')))]), 'poems').comparisons;
    expect(unrated).toMatchObject({ verdict: 'not-enough-evidence', gap: 'no-ratings' });
    const even = ratings([...Array(10).fill('base'), ...Array(10).fill('aligned'), 'tie']);
    expect(claim(assessClaims([poemEvidence(even)]), 'poems').comparisons[0]).toMatchObject({ verdict: 'not-enough-evidence', gap: 'small-effect' });
  });
});

describe('the stage-wise claim', () => {
  const ladder = runOf('rng-0-10', ['base', 'instruct', 'reasoning'], exactRng);

  it('reads χ² at the paper’s N, and is supported when each later checkpoint is the minimum effect further from a fair pick', () => {
    const records = [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.3)), distributionRecord('reasoning', withSeven(0.6))];
    const result = claim(assessClaims([evidence(ladder, records)]), 'stages');
    expect(result.verdict).toBe('supported');
    const [comparison] = result.comparisons;
    expect(comparison?.rows.map((row) => row.model.role)).toEqual(['base', 'instruct', 'reasoning']);
    // A fair pick shows χ² = 10 (its degrees of freedom) on average, whatever N.
    expect(comparison?.rows[0]?.estimate.value).toBeCloseTo(10, 9);
    expect(comparison?.steps).toHaveLength(2);
  });

  it('is not supported when a later checkpoint is closer to a fair pick than the one before', () => {
    const records = [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.6)), distributionRecord('reasoning', withSeven(0.3))];
    expect(claim(assessClaims([evidence(ladder, records)]), 'stages').verdict).toBe('not-supported');
  });

  it('gives no verdict when a step is smaller than the minimum effect, and none from a run without all three checkpoints', () => {
    // χ² at N = 1,500: 10, then about 15.6, then about 16.3: the second step is under 10 points.
    const records = [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.11)), distributionRecord('reasoning', withSeven(0.111))];
    const pair = exactSevenRun(1 / 11, 0.5, 'pair');
    const result = claim(assessClaims([evidence(ladder, records), pair]), 'stages');
    expect(result.comparisons).toHaveLength(1);
    expect(result.comparisons[0]).toMatchObject({ verdict: 'not-enough-evidence', gap: 'small-effect' });
    expect(result.excluded).toEqual([{ run: pair.info, reason: 'not-comparable' }]);
  });
});

describe('loadRunEvidence', () => {
  it('summarises each stored run, reads poem ratings (leaving out damaged ones) and marks runs it cannot summarise', async () => {
    const rng = runOf('rng-0-10', ['base', 'instruct'], exactRng, 'rng');
    const broken = runOf('rps', ['base', 'instruct'], { ...RPS.defaultParams, seed: 2 }, 'broken');
    const poem = runOf('poem', ['base', 'instruct'], { mode: 'sampled', framing: 'native', temperature: 1, seed: 1 }, 'poem');
    const good: PoemRating = {
      pairId: 'p',
      leftPoemId: 'a#0',
      rightPoemId: 'b#0',
      leftModelId: modelId('base'),
      rightModelId: modelId('instruct'),
      originality: 'left',
      pleasantness: 'right',
      preference: 'tie',
    };
    const store = {
      listRuns: async () => [rng, broken, poem],
      getRecords: async (runId: string): Promise<RecordBase[]> => {
        if (runId === 'rng') return [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.5))];
        // A game record out of sequence: the game cannot be replayed, so it cannot be summarised.
        return [{ probeId: 'rps', modelId: modelId('base'), index: 3 } as RecordBase];
      },
      getRatings: async () => [
        { runId: 'poem', pairId: 'p', rating: good, ratedAt: '2026-01-01T12:00:00.000Z' },
        { runId: 'poem', pairId: 'q', rating: { pairId: 'q' }, ratedAt: '2026-01-01T12:01:00.000Z' },
      ],
    };
    const loaded = await loadRunEvidence(store);
    expect(loaded.map((item) => [item.info.id, item.unreadable, item.ratings.length])).toEqual([
      ['rng', false, 0],
      ['broken', true, 0],
      ['poem', false, 1],
    ]);
    const results = assessClaims(loaded);
    expect(claim(results, 'seven').verdict).toBe('supported');
    expect(claim(results, 'games').excluded).toEqual([{ run: broken, reason: 'unreadable' }]);
  });
});

describe('the paper figures beside each claim', () => {
  const file = JSON.parse(readFileSync(new URL('../../../public/reference/paper-figures.json', import.meta.url), 'utf8')) as unknown;
  const figures = parsePaperFigures(file);

  it('names only figures that are in the file, for every claim and the benchmark claim', () => {
    for (const id of [...CLAIM_IDS, 'benchmark'] as const) {
      expect(figuresForClaim(figures, id).map((figure) => figure.id)).toEqual(CLAIM_FIGURES[id]);
    }
  });

  it('groups the figures of one table, and keeps claims in words on their own', () => {
    const groups = groupFigures(figuresForClaim(figures, 'stages')).map((group) => group.map((figure) => figure.id));
    expect(groups).toEqual([CLAIM_FIGURES.stages.filter((id) => id.startsWith('chi-square')), ['larger-is-not-more-random']]);
    const games = groupFigures(figuresForClaim(figures, 'games')).map((group) => group.length);
    expect(games).toEqual([1, 2, 3]);
  });

  it('shows every χ² row the sources report, both sizes, beside the distance from a fair pick and not beside the “7”', () => {
    const chiSquareRows = figures.filter((figure) => figure.measure === 'chi-square-from-uniform' && figure.value?.kind === 'number');
    expect(chiSquareRows).toHaveLength(10);
    expect(figuresForClaim(figures, 'stages').filter((figure) => figure.measure === 'chi-square-from-uniform').map((figure) => figure.id).sort()).toEqual(
      chiSquareRows.map((figure) => figure.id).sort(),
    );
    expect(figuresForClaim(figures, 'seven').some((figure) => figure.measure === 'chi-square-from-uniform')).toBe(false);
  });

  it('labels every reported number as a secondary source: no number is quoted from the paper itself (paper-notes §5)', () => {
    for (const figure of figures.filter((candidate) => candidate.value !== null)) expect(figure.reliability, figure.id).toBe('secondary-source');
  });

  it('fetches and checks the file, and says which address failed', async () => {
    const ok = async () => new Response(JSON.stringify(file), { status: 200 });
    expect(await loadPaperFigures('reference/paper-figures.json', ok)).toEqual(figures);
    const missing = async () => new Response('', { status: 404, statusText: 'Not Found' });
    await expect(loadPaperFigures('reference/paper-figures.json', missing)).rejects.toThrow('reference/paper-figures.json answered 404 Not Found');
  });
});
