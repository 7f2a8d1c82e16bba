import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assessClaims,
  CLAIM_FIGURES,
  CLAIM_IDS,
  combineVerdicts,
  decideAgainst,
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
import type { GameProbeParams } from '../../../src/core/probes/game-probe.ts';
import { HIDE_AND_SEEK } from '../../../src/core/probes/hide-and-seek/index.ts';
import type { PoemRating } from '../../../src/core/probes/poem/ratings.ts';
import type { Estimate, ProbeModel, ProbeSpec, RecordBase } from '../../../src/core/probes/probe.ts';
import { ANSWERS, RNG_0_10, type Rng010Record } from '../../../src/core/probes/rng-0-10/index.ts';
import { RNG_SEQUENCE } from '../../../src/core/probes/rng-sequence/index.ts';
import { RPS } from '../../../src/core/probes/rps/index.ts';
import { runProbe } from '../../../src/core/probes/runner.ts';
import { parsePaperFigures } from '../../../src/core/reference/paper-figures.ts';
import type { RunInfo } from '../../../src/core/results/index.ts';
import { SyntheticListModel, SyntheticModel, uniformOver, type AnswerDistribution, type NextNumber } from '../core/probes/synthetic-model.ts';

// ---------------------------------------------------------------------------------------------------------------
// Synthetic runs

const modelId = (role: ModelRole): string => `test-${role}`;

function runInfo(probeId: RunInfo['probeId'], roles: readonly ModelRole[], params: object, id = `${probeId}-${roles.join('-')}`): RunInfo {
  return {
    id,
    probeId,
    specVersion: '1.0.0',
    appVersion: '0.0.0-test',
    createdAt: '2026-01-01T12:00:00.000Z',
    updatedAt: '2026-01-01T12:05:00.000Z',
    status: 'complete',
    params: { ...(params as RunInfo['params']) },
    models: roles.map((role) => ({ id: modelId(role), catalogId: modelId(role), name: `Test ${role}`, role, variant: 'q4f32', revision: null })),
    gpu: null,
  };
}

/** The evidence as the Claims page builds it: the probe's own summary of the records. */
function evidence(info: RunInfo, records: readonly RecordBase[], ratings: PoemRating[] = []): RunEvidence {
  return { info, summary: summarize(info, records), unreadable: false, ratings };
}

async function collect<R extends RecordBase>(generator: AsyncGenerator<R>): Promise<R[]> {
  const records: R[] = [];
  for await (const record of generator) records.push(record);
  return records;
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

/** Sampled rng-0-10 answers, one record each. */
function sampleRecords(role: ModelRole, answers: readonly number[]): Rng010Record[] {
  return answers.map((answer, index) => ({
    probeId: 'rng-0-10',
    modelId: modelId(role),
    index,
    kind: 'sample',
    text: String(answer),
    answer,
    invalid: null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------

describe('decideAgainst', () => {
  const interval = (lo: number, hi: number): Estimate => ({ value: (lo + hi) / 2, lo, hi, n: 100, interval: 'wilson-95' });

  it('decides only when intervals do not overlap, in the direction the claim predicts', () => {
    expect(decideAgainst(interval(0.3, 0.4), [interval(0.1, 0.2), 1 / 11], 'above')).toBe('supported');
    expect(decideAgainst(interval(0.3, 0.4), [interval(0.35, 0.5), 1 / 11], 'above')).toBe('not-enough-evidence');
    expect(decideAgainst(interval(0.05, 0.1), [interval(0.1, 0.2)], 'above')).toBe('not-supported');
    expect(decideAgainst(interval(-60, -40), [interval(-10, 10), 0], 'below')).toBe('supported');
    expect(decideAgainst(interval(5, 20), [interval(-30, -10), 0], 'below')).toBe('not-supported');
    expect(decideAgainst(interval(-30, -5), [interval(-10, 10), 0], 'below')).toBe('not-enough-evidence');
  });

  it('reads a reference value as an interval of width 0, and a point estimate as one too', () => {
    // Above the other model but not above 1/11: the aligned model does not over-produce "7".
    expect(decideAgainst(interval(0.06, 0.08), [interval(0.01, 0.05), 1 / 11], 'above')).toBe('not-supported');
    const point = (value: number): Estimate => ({ value, lo: value, hi: value, n: null, interval: 'exact' });
    expect(decideAgainst(point(0.2), [point(0.2)], 'above')).toBe('not-supported');
    expect(decideAgainst(point(0.21), [point(0.2)], 'above')).toBe('supported');
  });
});

describe('combineVerdicts', () => {
  it('lets runs without a verdict stand aside, and a conflict decide nothing', () => {
    expect(combineVerdicts([])).toEqual({ verdict: 'not-enough-evidence', mixed: false });
    expect(combineVerdicts(['supported', 'not-enough-evidence'])).toEqual({ verdict: 'supported', mixed: false });
    expect(combineVerdicts(['not-enough-evidence', 'not-supported'])).toEqual({ verdict: 'not-supported', mixed: false });
    expect(combineVerdicts(['supported', 'not-supported'])).toEqual({ verdict: 'not-enough-evidence', mixed: true });
  });
});

describe('the "7" claim', () => {
  it('is supported when the aligned model P(7) lies above both 1/11 and the base model', () => {
    const info = runInfo('rng-0-10', ['base', 'instruct'], exactRng);
    const results = assessClaims([evidence(info, [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.5))])]);
    const seven = claim(results, 'seven');
    expect(seven.verdict).toBe('supported');
    expect(seven.assessments).toHaveLength(1);
    const [assessment] = seven.assessments;
    expect(assessment?.run.id).toBe(info.id);
    expect(assessment?.gap).toBe(null);
    expect(assessment?.rows.map((row) => [row.model.role, row.estimate?.value])).toEqual([
      ['base', expect.closeTo(1 / 11, 12)],
      ['instruct', expect.closeTo(0.5, 12)],
    ]);
  });

  it('is not supported when the aligned model P(7) lies at or below the base model', () => {
    const info = runInfo('rng-0-10', ['base', 'instruct'], exactRng);
    const results = assessClaims([evidence(info, [distributionRecord('base', withSeven(0.3)), distributionRecord('instruct', withSeven(0.2))])]);
    expect(claim(results, 'seven').verdict).toBe('not-supported');
  });

  it('has not enough evidence while the sampled intervals overlap, or before a model has answered', () => {
    const params = { ...RNG_0_10.defaultParams, mode: 'sampled', n: 6, seed: 5 };
    const few = runInfo('rng-0-10', ['base', 'instruct'], params);
    const fewRecords = [...sampleRecords('base', [7, 1, 2, 3, 4, 5]), ...sampleRecords('instruct', [7, 7, 1, 2, 3, 4])];
    const [overlap] = claim(assessClaims([evidence(few, fewRecords)]), 'seven').assessments;
    expect(overlap).toMatchObject({ verdict: 'not-enough-evidence', gap: 'overlap' });

    const started = runInfo('rng-0-10', ['base', 'instruct'], params, 'started');
    const [noData] = claim(assessClaims([evidence(started, sampleRecords('base', [1, 2]))]), 'seven').assessments;
    expect(noData).toMatchObject({ verdict: 'not-enough-evidence', gap: 'no-data' });
    expect(noData?.rows[1]?.estimate).toBe(null);
  });

  it('reads one assessment per aligned model, and ignores runs without a base model', () => {
    const ladder = runInfo('rng-0-10', ['base', 'instruct', 'reasoning'], exactRng);
    const records = [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.5)), distributionRecord('reasoning', withSeven(0.05))];
    const alignedOnly = runInfo('rng-0-10', ['instruct'], exactRng);
    const seven = claim(assessClaims([evidence(ladder, records), evidence(alignedOnly, [distributionRecord('instruct', withSeven(0.5))])]), 'seven');
    expect(seven.assessments.map((assessment) => [assessment.rows[1]?.model.role, assessment.verdict])).toEqual([
      ['instruct', 'supported'],
      ['reasoning', 'not-supported'],
    ]);
    expect(seven).toMatchObject({ verdict: 'not-enough-evidence', mixed: true });
  });
});

describe('the repeats claim', () => {
  const uniformNext: NextNumber = () => Object.fromEntries(ANSWERS.map((answer) => [answer, 1 / ANSWERS.length]));
  const neverRepeating: NextNumber = (written) => {
    const fresh = ANSWERS.filter((answer) => !written.includes(Number(answer)));
    return Object.fromEntries(fresh.map((answer) => [answer, 1 / fresh.length]));
  };

  async function sequenceRun(base: NextNumber, aligned: NextNumber, n: number): Promise<RunEvidence> {
    const params = { ...RNG_SEQUENCE.defaultParams, mode: 'exact' as const, n, seed: 11 };
    const models: ProbeModel[] = [
      { model: new SyntheticListModel({ id: modelId('base'), role: 'base', next: base, length: 10 }), chatTemplate: 'llama-3.1' },
      { model: new SyntheticListModel({ id: modelId('instruct'), role: 'instruct', next: aligned, length: 10 }), chatTemplate: 'llama-3.1' },
    ];
    const records = await collect(runProbe(RNG_SEQUENCE, { models, params }));
    return evidence(runInfo('rng-sequence', ['base', 'instruct'], params), records);
  }

  it('is supported when the aligned model repeats less than both chance and the base model', async () => {
    const result = claim(assessClaims([await sequenceRun(uniformNext, neverRepeating, 60)]), 'repeats');
    expect(result.verdict).toBe('supported');
    expect(result.assessments[0]?.rows[1]?.estimate?.n).toBe(60);
  });

  it('is not supported when the aligned model repeats at least as much as the base model', async () => {
    expect(claim(assessClaims([await sequenceRun(neverRepeating, uniformNext, 60)]), 'repeats').verdict).toBe('not-supported');
  });

  it('has not enough evidence from a handful of lists', async () => {
    const [assessment] = claim(assessClaims([await sequenceRun(uniformNext, neverRepeating, 2)]), 'repeats').assessments;
    expect(assessment).toMatchObject({ verdict: 'not-enough-evidence', gap: 'overlap' });
  });
});

describe('the games claim', () => {
  const alwaysRock: AnswerDistribution = () => ({ rock: 1 });
  const alwaysHouse: AnswerDistribution = () => ({ house: 1 });

  /** Both game specs as the runner sees them: each with its own parameters, all of them game parameters. */
  type GameSpec = ProbeSpec<GameProbeParams, RecordBase, unknown>;

  async function gameRun(spec: GameSpec, base: AnswerDistribution, aligned: AnswerDistribution, rounds: number): Promise<RunEvidence> {
    const params: GameProbeParams = { ...spec.defaultParams, mode: 'exact', seed: 21, rounds };
    const models: ProbeModel[] = [
      { model: new SyntheticModel({ id: modelId('base'), role: 'base', distribution: base }), chatTemplate: 'llama-3.1' },
      { model: new SyntheticModel({ id: modelId('instruct'), role: 'instruct', distribution: aligned }), chatTemplate: 'llama-3.1' },
    ];
    const records = await collect(runProbe(spec, { models, params }));
    return evidence(runInfo(spec.id, ['base', 'instruct'], params), records);
  }

  const rps = RPS as unknown as GameSpec;
  const hideAndSeek = HIDE_AND_SEEK as unknown as GameSpec;
  const rpsMoves = ['rock', 'paper', 'scissors'];
  const places = HIDE_AND_SEEK.defaultParams.places;

  it('is supported when the predictable aligned model scores below both 0 and the base model', async () => {
    const result = claim(assessClaims([await gameRun(rps, uniformOver(rpsMoves), alwaysRock, 100)]), 'games');
    expect(result.verdict).toBe('supported');
    expect(result.assessments[0]?.rows[1]?.estimate?.value).toBeLessThan(-50);
  });

  it('is not supported when the aligned model plays better than the base model (hide-and-seek too)', async () => {
    const rpsRun = await gameRun(rps, alwaysRock, uniformOver(rpsMoves), 100);
    const hideRun = await gameRun(hideAndSeek, alwaysHouse, uniformOver(places), 100);
    const result = claim(assessClaims([rpsRun, hideRun]), 'games');
    expect(result.assessments.map((assessment) => [assessment.run.probeId, assessment.verdict])).toEqual([
      ['rps', 'not-supported'],
      ['hide-and-seek', 'not-supported'],
    ]);
    expect(result.verdict).toBe('not-supported');
  });

  it('has not enough evidence after a few rounds', async () => {
    const [assessment] = claim(assessClaims([await gameRun(rps, uniformOver(rpsMoves), alwaysRock, 4)]), 'games').assessments;
    expect(assessment).toMatchObject({ verdict: 'not-enough-evidence', gap: 'overlap' });
  });
});

describe('the poems claim', () => {
  const poemInfo = runInfo('poem', ['base', 'instruct'], { mode: 'sampled', framing: 'native', temperature: 1, seed: 1 });

  /** `count` blind votes on originality: "base" for the base poem, "aligned" for the other; sides alternate. */
  function ratings(votes: readonly ('base' | 'aligned' | 'tie')[]): PoemRating[] {
    return votes.map((vote, i) => {
      const baseLeft = i % 2 === 0;
      const [left, right] = baseLeft ? [modelId('base'), modelId('instruct')] : [modelId('instruct'), modelId('base')];
      const side = vote === 'tie' ? 'tie' : (vote === 'base') === baseLeft ? 'left' : 'right';
      return {
        pairId: `pair-${i}`,
        leftPoemId: `${left}#${i}`,
        rightPoemId: `${right}#${i}`,
        leftModelId: left,
        rightModelId: right,
        originality: side,
        pleasantness: 'tie',
        preference: 'tie',
      };
    });
  }

  const poemEvidence = (votes: PoemRating[]): RunEvidence => ({ info: poemInfo, summary: null, unreadable: false, ratings: votes });

  it('is supported when the base poems win on originality, the win rate interval above one half', () => {
    const result = claim(assessClaims([poemEvidence(ratings(Array(20).fill('base')))]), 'poems');
    expect(result.verdict).toBe('supported');
    expect(result.assessments[0]?.rows).toMatchObject([{ model: { role: 'base' }, against: { role: 'instruct' }, estimate: { value: 1, n: 20 } }]);
  });

  it('is not supported when the aligned poems win', () => {
    expect(claim(assessClaims([poemEvidence(ratings(Array(20).fill('aligned')))]), 'poems').verdict).toBe('not-supported');
  });

  it('has not enough evidence before any rating, or with an even split', () => {
    const [unrated] = claim(assessClaims([poemEvidence([])]), 'poems').assessments;
    expect(unrated).toMatchObject({ verdict: 'not-enough-evidence', gap: 'no-ratings' });
    const [even] = claim(assessClaims([poemEvidence(ratings(['base', 'aligned', 'base', 'aligned', 'tie', 'base']))]), 'poems').assessments;
    expect(even).toMatchObject({ verdict: 'not-enough-evidence', gap: 'overlap' });
  });
});

describe('the stage-wise claim', () => {
  const ladder = runInfo('rng-0-10', ['base', 'instruct', 'reasoning'], exactRng);

  it('is supported when each later checkpoint is further from a fair pick than the one before', () => {
    const records = [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.3)), distributionRecord('reasoning', withSeven(0.6))];
    const result = claim(assessClaims([evidence(ladder, records)]), 'stages');
    expect(result.verdict).toBe('supported');
    expect(result.assessments[0]?.rows.map((row) => row.model.role)).toEqual(['base', 'instruct', 'reasoning']);
  });

  it('is not supported when a later checkpoint is at or closer to a fair pick than the one before', () => {
    const records = [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.6)), distributionRecord('reasoning', withSeven(0.3))];
    expect(claim(assessClaims([evidence(ladder, records)]), 'stages').verdict).toBe('not-supported');
  });

  it('has not enough evidence from overlapping samples, and none from a run without all three checkpoints', () => {
    const params = { ...RNG_0_10.defaultParams, mode: 'sampled', n: 6, seed: 5 };
    const sampled = runInfo('rng-0-10', ['base', 'instruct', 'reasoning'], params);
    const records = [
      ...sampleRecords('base', [0, 1, 2, 3, 4, 5]),
      ...sampleRecords('instruct', [7, 7, 1, 2, 3, 4]),
      ...sampleRecords('reasoning', [7, 7, 7, 2, 3, 4]),
    ];
    const pair = runInfo('rng-0-10', ['base', 'instruct'], exactRng);
    const result = claim(assessClaims([evidence(sampled, records), evidence(pair, [distributionRecord('base', UNIFORM), distributionRecord('instruct', withSeven(0.5))])]), 'stages');
    expect(result.assessments).toHaveLength(1);
    expect(result.assessments[0]).toMatchObject({ verdict: 'not-enough-evidence', gap: 'overlap' });
  });
});

describe('loadRunEvidence', () => {
  it('summarises each stored run, reads poem ratings (leaving out damaged ones) and marks runs it cannot summarise', async () => {
    const rng = runInfo('rng-0-10', ['base', 'instruct'], exactRng, 'rng');
    const broken = runInfo('rps', ['base', 'instruct'], { ...RPS.defaultParams, seed: 2 }, 'broken');
    const poem = runInfo('poem', ['base', 'instruct'], { mode: 'sampled', framing: 'native', temperature: 1, seed: 1 }, 'poem');
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
    expect(claim(results, 'games').assessments[0]).toMatchObject({ verdict: 'not-enough-evidence', gap: 'unreadable' });
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
    expect(groups).toEqual([CLAIM_FIGURES.stages]);
    const seven = groupFigures(figuresForClaim(figures, 'seven')).map((group) => group.map((figure) => figure.id));
    expect(seven).toEqual([
      ['abstract-aligned-prefer-seven'],
      ['seven-bias-starts-in-base'],
      ['chi-square-llama-3.1-8b-base'],
      ['chi-square-aligned-8b-range'],
    ]);
    const games = groupFigures(figuresForClaim(figures, 'games')).map((group) => group.length);
    expect(games).toEqual([1, 2, 2]);
  });

  it('fetches and checks the file, and says which address failed', async () => {
    const ok = async () => new Response(JSON.stringify(file), { status: 200 });
    expect(await loadPaperFigures('reference/paper-figures.json', ok)).toEqual(figures);
    const missing = async () => new Response('', { status: 404, statusText: 'Not Found' });
    await expect(loadPaperFigures('reference/paper-figures.json', missing)).rejects.toThrow('reference/paper-figures.json answered 404 Not Found');
  });
});
