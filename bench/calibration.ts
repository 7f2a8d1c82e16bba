// Calibration of what the lab tells users (methods.md, "Calibration"; docs/claims.md): seeded simulations through
// the lab's own probes (runProbe and each spec's summarize) and its own claims code (assessClaim), with synthetic
// models whose behaviour is known.
// - nullFalseVerdictRate: how often a claim gets a verdict other than "not enough evidence" when there is nothing to
//   find: base and aligned are the same model, or both answer uniformly at random.
// - intervalCoverageMin: how often each headline 95% interval contains the true value, for known models from uniform
//   to strongly biased; the least of them.
// - chiSquareAtPaperNUniformMeanN100: the mean of the "χ² at N = 1,500" the lab shows for a uniform sampler at n = 100.
// - powerAtPaperEffect: how often a claim is "supported" at N = 1,500 when the aligned model differs from the base
//   model as much as the paper reports (per claim with a known effect; the least of them).
import { assessClaim, type ClaimId, type RunEvidence } from '../src/app/claims.ts';
import { summaryOf, type RunSummary } from '../src/app/run-summary.ts';
import { summarize } from '../src/app/summaries.ts';
import type { LanguageModel, ModelRole } from '../src/core/model.ts';
import { chooseMove, exploitability, OPPONENT_ZOO, ROCK_PAPER_SCISSORS, type Round } from '../src/core/games/index.ts';
import type { ProbeId } from '../src/core/probes/index.ts';
import { RATING_CRITERIA, type PoemRating, summarizeRatings } from '../src/core/probes/poem/ratings.ts';
import type { CommonParams, Estimate, ProbeSpec, RecordBase } from '../src/core/probes/probe.ts';
import { PROBES } from '../src/core/probes/registry.ts';
import { ANSWERS } from '../src/core/probes/rng-0-10/index.ts';
import { repeatsIn } from '../src/core/probes/rng-sequence/index.ts';
import { runProbe } from '../src/core/probes/runner.ts';
import type { RunInfo } from '../src/core/results/index.ts';
import { chiSquareDistanceOf, createRng, expectedChiSquare, jsDivergence, uniform } from '../src/core/stats/index.ts';
import { SyntheticListModel, SyntheticModel } from '../test/unit/core/probes/synthetic-model.ts';
import { runCalibration } from './calibration-pool.ts';
import { integer, printTable, type SectionResult } from './section.ts';

/** Simulations per scenario (the issue asks for at least 500). */
export const SIMULATIONS = 500;

/** The sample sizes the false-verdict rate is measured at: a short run and the paper's. */
const SIZES = [300, 1500] as const;

/** The opponent of the game simulations: it learns (so rounds are dependent), and is among the cheapest that do. */
const GAME_OPPONENT = 'frequency';

const K = ANSWERS.length;

// ---------------------------------------------------------------------------------------------------------------
// Known models

/** 0 … 10 with P("7") = p7 and the rest shared evenly. */
function sevenHeavy(p7: number): number[] {
  return ANSWERS.map((_, answer) => (answer === 7 ? p7 : (1 - p7) / (K - 1)));
}

/** The distribution with all of its distance from uniform on "7" whose expected χ² at N = 1,500 is `chiSquare`. */
function sevenHeavyAtChiSquare(chiSquare: number): number[] {
  // φ² = k(p7 − 1/k)² · (1 + 1/(k − 1)) when the rest is shared evenly.
  const phiSquared = (chiSquare - (K - 1)) / (1500 - 1);
  return sevenHeavy(1 / K + Math.sqrt(phiSquared / (K * (1 + 1 / (K - 1)))));
}

const asAnswers = (p: readonly number[]) => Object.fromEntries(ANSWERS.map((answer, i) => [answer, p[i] as number]));

/** A one-number model: exact scores return `p`, generations say one answer drawn from it ("other" with the rest). */
function numberModel(id: string, role: ModelRole, p: readonly number[]): LanguageModel {
  return new SyntheticModel({ id, role, distribution: () => asAnswers(p), otherText: 'I cannot choose.' });
}

/** A list model that avoids numbers already written with probability `avoid`, else picks uniformly. */
function listModel(id: string, role: ModelRole, avoid: number): LanguageModel {
  return new SyntheticListModel({
    id,
    role,
    length: 10,
    next: (written) => {
      const unused = ANSWERS.filter((_, value) => !written.includes(value));
      return Object.fromEntries(ANSWERS.map((answer) => [answer, (1 - avoid) / K + (unused.includes(answer) ? avoid / unused.length : 0)]));
    },
  });
}

const MOVES = ROCK_PAPER_SCISSORS.moves;

/** A player with the same move distribution in every state. */
function movePlayer(id: string, role: ModelRole, policy: readonly number[]): LanguageModel {
  return new SyntheticModel({ id, role, distribution: () => Object.fromEntries(MOVES.map((move, i) => [move, policy[i] as number])) });
}

// ---------------------------------------------------------------------------------------------------------------
// Runs

interface Simulated {
  evidence: RunEvidence;
  summary: RunSummary | null;
}

const ROLES: readonly ModelRole[] = ['base', 'instruct', 'reasoning'];

/** Runs a probe on the models (first base, then instruct, then reasoning) and summarises it, as the lab does. */
async function simulate(probeId: ProbeId, params: CommonParams & Record<string, unknown>, models: LanguageModel[]): Promise<Simulated> {
  const spec = PROBES[probeId] as unknown as ProbeSpec<CommonParams, RecordBase, unknown>;
  const probeModels = models.map((model) => ({ model, chatTemplate: 'llama-3.1' as const }));
  const records: RecordBase[] = [];
  for await (const record of runProbe(spec, { models: probeModels, params })) records.push(record);
  const info: RunInfo = {
    id: `sim-${params.seed}`,
    probeId,
    specVersion: spec.version,
    appVersion: 'bench',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    status: 'complete',
    params,
    models: models.map((model, i) => ({
      id: model.id,
      catalogId: model.id,
      name: model.id,
      role: ROLES[i] as ModelRole,
      variant: 'q4f16',
      revision: null,
    })),
    gpu: null,
  };
  const summary = summarize(info, records);
  return { evidence: { info, summary, unreadable: false, ratings: [] }, summary };
}

type Scenario = (seed: number, n: number) => Promise<RunEvidence>;

function rng010(models: (id: string, role: ModelRole) => LanguageModel, count = 2, mode: 'sampled' | 'exact' = 'sampled'): Scenario {
  return async (seed, n) => {
    const params = { ...PROBES['rng-0-10'].defaultParams, mode, seed, n };
    const roles = ROLES.slice(0, count);
    return (await simulate('rng-0-10', params, roles.map((role) => models(`m-${role}`, role)))).evidence;
  };
}

function sequences(models: (id: string, role: ModelRole) => LanguageModel): Scenario {
  return async (seed, n) => {
    const params = { ...PROBES['rng-sequence'].defaultParams, mode: 'sampled' as const, seed, n };
    return (await simulate('rng-sequence', params, [models('m-base', 'base'), models('m-instruct', 'instruct')])).evidence;
  };
}

function games(base: readonly number[], aligned: readonly number[]): Scenario {
  return async (seed, n) => {
    const params = { ...PROBES.rps.defaultParams, mode: 'exact' as const, opponent: GAME_OPPONENT, seed, rounds: n };
    return (await simulate('rps', params, [movePlayer('m-base', 'base', base), movePlayer('m-instruct', 'instruct', aligned)])).evidence;
  };
}

/** Blind votes on `n` pairs where the base poem wins originality with probability `baseWins` (no ties). */
function poemVotes(seed: number, n: number, baseWins: number): PoemRating[] {
  const random = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const baseLeft = random() < 0.5;
    const vote = (): PoemRating['originality'] => ((random() < baseWins) === baseLeft ? 'left' : 'right');
    return {
      pairId: `pair-${i}`,
      leftPoemId: `${baseLeft ? 'm-base' : 'm-instruct'}#${i}`,
      rightPoemId: `${baseLeft ? 'm-instruct' : 'm-base'}#${i}`,
      leftModelId: baseLeft ? 'm-base' : 'm-instruct',
      rightModelId: baseLeft ? 'm-instruct' : 'm-base',
      originality: vote(),
      pleasantness: vote(),
      preference: vote(),
    };
  });
}

function poems(baseWins: number): Scenario {
  return async (seed, n) => {
    const info: RunInfo = {
      id: `sim-${seed}`,
      probeId: 'poem',
      specVersion: PROBES.poem.version,
      appVersion: 'bench',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      status: 'complete',
      params: { ...PROBES.poem.defaultParams, seed },
      models: ['base', 'instruct'].map((role) => ({ id: `m-${role}`, catalogId: `m-${role}`, name: role, role: role as ModelRole, variant: 'q4f16', revision: null })),
      gpu: null,
    };
    return { info, summary: null, unreadable: false, ratings: poemVotes(seed, n, baseWins) };
  };
}

async function verdictRate(
  claim: ClaimId,
  scenario: Scenario,
  n: number,
  verdict: 'supported' | 'any',
  { seedBase, simulations }: { seedBase: number; simulations: number },
): Promise<number> {
  let hits = 0;
  for (let s = 0; s < simulations; s++) {
    const result = assessClaim(claim, [await scenario(seedBase + s, n)]);
    if (verdict === 'any' ? result.verdict !== 'not-enough-evidence' : result.verdict === verdict) hits++;
  }
  return hits / simulations;
}

// ---------------------------------------------------------------------------------------------------------------
// The paper's effects (paper-notes.md §5), as known models

/** Llama 3.1 8B: base χ² 13.9, Instruct 115.1 (the "7" claim); base, SFT 52.3, DPO 100.8 (three stages in order). */
const PAPER_BASE = sevenHeavyAtChiSquare(13.9);
const PAPER_INSTRUCT = sevenHeavyAtChiSquare(115.1);
const PAPER_STAGES = [PAPER_BASE, sevenHeavyAtChiSquare(52.3), sevenHeavyAtChiSquare(100.8)];

/** Rock-paper-scissors at 70B: base −15.0, Instruct −50.1 per 100 rounds, against a player who has learned them. */
const PAPER_RPS_BASE = [0.45, 0.3, 0.25];
const PAPER_RPS_INSTRUCT = [0.7, 0.2, 0.1];

/** Mode 3 repeats for base (a fair source), mode 0 for aligned models. */
const PAPER_REPEAT_AVOIDANCE = 0.9;

interface ClaimScenarios {
  claim: ClaimId;
  /** Nothing to find: the same model twice (or three times), and uniform players. */
  nulls: Record<string, Scenario>;
  /** The paper's effect, when it is known. */
  paperEffect: Scenario | null;
}

const uniformNumbers = uniform(K);

const CLAIMS: ClaimScenarios[] = [
  {
    claim: 'seven',
    nulls: {
      'same model': rng010((id, role) => numberModel(id, role, PAPER_INSTRUCT)),
      'both uniform': rng010((id, role) => numberModel(id, role, uniformNumbers)),
    },
    paperEffect: rng010((id, role) => numberModel(id, role, role === 'base' ? PAPER_BASE : PAPER_INSTRUCT)),
  },
  {
    claim: 'stages',
    nulls: {
      'same model': rng010((id, role) => numberModel(id, role, PAPER_INSTRUCT), 3),
      'both uniform': rng010((id, role) => numberModel(id, role, uniformNumbers), 3),
    },
    paperEffect: rng010((id, role) => numberModel(id, role, PAPER_STAGES[ROLES.indexOf(role)] as number[]), 3),
  },
  {
    claim: 'repeats',
    nulls: {
      'same model': sequences((id, role) => listModel(id, role, PAPER_REPEAT_AVOIDANCE)),
      'both uniform': sequences((id, role) => listModel(id, role, 0)),
    },
    paperEffect: sequences((id, role) => listModel(id, role, role === 'base' ? 0 : PAPER_REPEAT_AVOIDANCE)),
  },
  {
    claim: 'games',
    nulls: { 'same model': games(PAPER_RPS_INSTRUCT, PAPER_RPS_INSTRUCT), 'both uniform': games([1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]) },
    paperEffect: games(PAPER_RPS_BASE, PAPER_RPS_INSTRUCT),
  },
  // The paper gives no win rates for the poems, only that base won 4 contests of 4: no effect size to test power at.
  { claim: 'poems', nulls: { 'same model': poems(0.5) }, paperEffect: null },
];

// ---------------------------------------------------------------------------------------------------------------
// Coverage of headline intervals

interface CoverageCase {
  label: string;
  /** Each headline interval of one simulated run, with its truth. */
  intervals: (seed: number, n: number) => Promise<{ measure: string; estimate: Estimate; truth: number }[]>;
}

function rng010Coverage(label: string, p: number[]): CoverageCase {
  const truthJs = jsDivergence(p, uniform(K));
  const truthChi = expectedChiSquare(chiSquareDistanceOf(p), K, 1500);
  return {
    label,
    async intervals(seed, n) {
      const { summary } = await simulate('rng-0-10', { ...PROBES['rng-0-10'].defaultParams, mode: 'sampled', seed, n }, [numberModel('m', 'base', p)]);
      const measures = summaryOf(summary, 'rng-0-10')?.models[0]?.measures;
      if (!measures) return [];
      return [
        { measure: 'rng-0-10 P(7)', estimate: measures.pSeven, truth: p[7] as number },
        { measure: 'rng-0-10 JS divergence', estimate: measures.jsToUniform, truth: truthJs },
        { measure: 'rng-0-10 χ² at N = 1,500', estimate: measures.chiSquareAtPaperN, truth: truthChi },
      ];
    },
  };
}

/** The true mean repeats and P(no repeats) of a list model, from many seeded lists. */
function listTruth(avoid: number): { meanRepeats: number; pNoRepeats: number } {
  const random = createRng(0xabc);
  const lists = 200_000;
  let repeats = 0;
  let none = 0;
  for (let l = 0; l < lists; l++) {
    const list: number[] = [];
    while (list.length < 10) {
      const unused = ANSWERS.map((_, value) => value).filter((value) => !list.includes(value));
      list.push(random() < avoid ? (unused[Math.floor(random() * unused.length)] as number) : Math.floor(random() * K));
    }
    const r = repeatsIn(list);
    repeats += r;
    if (r === 0) none++;
  }
  return { meanRepeats: repeats / lists, pNoRepeats: none / lists };
}

function sequenceCoverage(label: string, avoid: number): CoverageCase {
  let known: ReturnType<typeof listTruth> | null = null;
  return {
    label,
    async intervals(seed, n) {
      known ??= listTruth(avoid);
      const truth = known;
      const { summary } = await simulate('rng-sequence', { ...PROBES['rng-sequence'].defaultParams, mode: 'sampled', seed, n }, [listModel('m', 'base', avoid)]);
      const measures = summaryOf(summary, 'rng-sequence')?.models[0]?.measures;
      if (!measures) return [];
      return [
        { measure: 'rng-sequence mean repeats', estimate: measures.meanRepeats, truth: truth.meanRepeats },
        { measure: 'rng-sequence P(no repeats)', estimate: measures.pNoRepeats, truth: truth.pNoRepeats },
      ];
    },
  };
}

/**
 * The true mean net score per 100 rounds of a state-independent player over `rounds` against the game opponent. Each
 * round's expected payoff given the history is exact (the opponent's distribution is known), which leaves only the
 * path's noise: a few dozen seeded matches pin the mean down.
 */
function netScoreTruth(policy: readonly number[], rounds: number): number {
  const opponent = OPPONENT_ZOO.find((candidate) => candidate.id === GAME_OPPONENT);
  if (!opponent) throw new Error(`No opponent ${GAME_OPPONENT}.`);
  const game = ROCK_PAPER_SCISSORS;
  const matches = 40;
  let total = 0;
  for (let m = 0; m < matches; m++) {
    const random = createRng(0x7000 + m);
    const history: Round[] = [];
    let expected = 0;
    for (let t = 0; t < rounds; t++) {
      const reply = opponent.distribution(game, history);
      expected += game.moves.reduce(
        (sum, _, move) => sum + (policy[move] as number) * game.moves.reduce((inner, __, other) => inner + (reply[other] as number) * game.payoff(move, other), 0),
        0,
      );
      history.push({ model: chooseMove([...policy], random), opponent: chooseMove(reply, random) });
    }
    total += (100 * expected) / rounds;
  }
  return total / matches;
}

function gameCoverage(label: string, policy: number[]): CoverageCase {
  const truths = new Map<number, number>();
  const truthAt = (n: number): number => {
    if (!truths.has(n)) truths.set(n, policy.every((share) => share === 1 / 3) ? 0 : netScoreTruth(policy, n));
    return truths.get(n) as number;
  };
  return {
    label,
    async intervals(seed, n) {
      const { summary } = await simulate('rps', { ...PROBES.rps.defaultParams, mode: 'sampled', opponent: GAME_OPPONENT, seed, rounds: n }, [movePlayer('m', 'base', policy)]);
      const measures = summaryOf(summary, 'rps')?.models[0]?.measures;
      if (!measures) return [];
      const lastRound = measures.byState.find((view) => view.view === 'last-round');
      return [
        { measure: 'rps net score per 100', estimate: measures.netScorePer100, truth: truthAt(n) },
        ...(lastRound ? [{ measure: 'rps exploitability (last round)', estimate: lastRound.exploitability, truth: exploitability(policy, ROCK_PAPER_SCISSORS) }] : []),
      ];
    },
  };
}

function poemCoverage(label: string, baseWins: number): CoverageCase {
  return {
    label,
    async intervals(seed, n) {
      const summary = summarizeRatings(poemVotes(seed, n, baseWins), { base: 'm-base', aligned: 'm-instruct' });
      const rate = summary.criteria[RATING_CRITERIA[0]].baseWinRate;
      return rate ? [{ measure: 'poem originality win rate', estimate: rate, truth: baseWins }] : [];
    },
  };
}

const COVERAGE_CASES: CoverageCase[] = [
  rng010Coverage('uniform', uniformNumbers),
  rng010Coverage('the paper’s Instruct', PAPER_INSTRUCT),
  rng010Coverage('strongly biased', sevenHeavy(0.5)),
  sequenceCoverage('uniform', 0),
  sequenceCoverage('repeat-avoiding', PAPER_REPEAT_AVOIDANCE),
  gameCoverage('uniform', [1 / 3, 1 / 3, 1 / 3]),
  gameCoverage('strongly biased', PAPER_RPS_INSTRUCT),
  poemCoverage('even', 0.5),
  poemCoverage('base preferred', 0.75),
];

// ---------------------------------------------------------------------------------------------------------------

export interface CalibrationResult {
  simulationsPerScenario: number;
  nullFalseVerdictRate: number;
  intervalCoverageMin: number;
  chiSquareAtPaperNUniformMeanN100: number | null;
  powerAtPaperEffect: number;
  /** The figures behind each minimum and maximum, for docs/claims.md. */
  detail: {
    /** Simulations behind each coverage share (COVERAGE_FACTOR times the others'). */
    coverageSimulations: number;
    falseVerdictRates: Record<string, number>;
    coverage: Record<string, number>;
    power: Record<string, number>;
  };
}

/**
 * One independent piece of the calibration, with its own seeds: units run in any order, on any thread, and give the
 * same figures. Each is one scenario at one N (SIMULATIONS runs), a coverage case at one N, or the χ² mean.
 */
export interface CalibrationUnit {
  kind: 'false-verdict' | 'power' | 'coverage' | 'chi-square-mean';
  label: string;
  run(simulations: number): Promise<Record<string, number>>;
}

/**
 * Coverage takes twice the simulations: the reported figure is the least of some forty cells' shares, and the least
 * of many noisy shares sits below their truth (at 500 runs a cell's standard error is about 0.01, and the least of
 * forty truly-95% cells would come out near 0.93).
 */
const COVERAGE_FACTOR = 2;

/** How many times the other units' simulations the χ² mean takes (see its unit). */
const CHI_SQUARE_MEAN_FACTOR = 20;

/** Seeds far enough apart that no two units share a simulated run. */
const UNIT_SEED_SPACING = 1_000_000;

export function calibrationUnits(): CalibrationUnit[] {
  const units: (Omit<CalibrationUnit, 'run'> & { run: (simulations: number, seedBase: number) => Promise<Record<string, number>> })[] = [];
  for (const { claim, nulls, paperEffect } of CLAIMS) {
    for (const [name, scenario] of Object.entries(nulls)) {
      for (const n of SIZES) {
        const label = `${claim}, ${name}, N = ${n}`;
        units.push({
          kind: 'false-verdict',
          label,
          run: async (simulations, seedBase) => ({ [label]: await verdictRate(claim, scenario, n, 'any', { seedBase, simulations }) }),
        });
      }
    }
    if (paperEffect) {
      units.push({
        kind: 'power',
        label: claim,
        run: async (simulations, seedBase) => ({ [claim]: await verdictRate(claim, paperEffect, 1500, 'supported', { seedBase, simulations }) }),
      });
    }
  }
  for (const coverageCase of COVERAGE_CASES) {
    for (const n of SIZES) {
      units.push({
        kind: 'coverage',
        label: `${coverageCase.label}, N = ${n}`,
        run: async (simulations, seedBase) => {
          const covered = new Map<string, { hits: number; total: number }>();
          for (let s = 0; s < simulations * COVERAGE_FACTOR; s++) {
            for (const { measure, estimate, truth } of await coverageCase.intervals(seedBase + s, n)) {
              const key = `${measure}, ${coverageCase.label}, N = ${n}`;
              const tally = covered.get(key) ?? { hits: 0, total: 0 };
              tally.total++;
              if (estimate.lo <= truth && truth <= estimate.hi) tally.hits++;
              covered.set(key, tally);
            }
          }
          return Object.fromEntries([...covered].map(([key, { hits, total }]) => [key, hits / total]));
        },
      });
    }
  }
  units.push({
    kind: 'chi-square-mean',
    label: 'χ² at N = 1,500, uniform, n = 100',
    run: async (simulations, seedBase) => {
      // At n = 100 one run's figure has a standard deviation near 68, so the mean of `simulations` runs would itself be
      // ±6 at 500: this mean takes CHI_SQUARE_MEAN_FACTOR times as many runs (cheap ones: 100 answers of one model).
      let sum = 0;
      const runs = simulations * CHI_SQUARE_MEAN_FACTOR;
      for (let s = 0; s < runs; s++) {
        const params = { ...PROBES['rng-0-10'].defaultParams, mode: 'sampled' as const, seed: seedBase + s, n: 100 };
        const { summary } = await simulate('rng-0-10', params, [numberModel('m', 'base', uniformNumbers)]);
        sum += summaryOf(summary, 'rng-0-10')?.models[0]?.measures?.chiSquareAtPaperN.value ?? 0;
      }
      return { mean: sum / runs };
    },
  });
  return units.map((unit, index) => ({ ...unit, run: (simulations: number) => unit.run(simulations, 1 + index * UNIT_SEED_SPACING) }));
}

/** Puts the units' figures together: the worst false-verdict rate and coverage, the weakest power. */
export function calibrationResult(simulations: number, figures: readonly { kind: CalibrationUnit['kind']; values: Record<string, number> }[]): CalibrationResult {
  const of = (kind: CalibrationUnit['kind']) => Object.assign({}, ...figures.filter((figure) => figure.kind === kind).map((figure) => figure.values)) as Record<string, number>;
  const falseVerdictRates = of('false-verdict');
  const coverage = of('coverage');
  const power = of('power');
  return {
    simulationsPerScenario: simulations,
    nullFalseVerdictRate: Math.max(...Object.values(falseVerdictRates)),
    intervalCoverageMin: Math.min(...Object.values(coverage)),
    chiSquareAtPaperNUniformMeanN100: of('chi-square-mean').mean ?? null,
    powerAtPaperEffect: Math.min(...Object.values(power)),
    detail: { coverageSimulations: simulations * COVERAGE_FACTOR, falseVerdictRates, coverage, power },
  };
}

/** The targets of issue 12: at most 5% false verdicts, coverage at least 93%, the uniform mean near 10, power 80%. */
const TARGETS = { nullFalseVerdictRate: 0.05, intervalCoverageMin: 0.93, chiSquareLow: 8, chiSquareHigh: 12, power: 0.8 };

export async function benchCalibration(): Promise<SectionResult> {
  const result = await runCalibration(SIMULATIONS);
  const status = (ok: boolean) => (ok ? 'within' : 'OVER');
  const chi = result.chiSquareAtPaperNUniformMeanN100;
  const chiOk = chi === null || (chi >= TARGETS.chiSquareLow && chi <= TARGETS.chiSquareHigh);
  const rows: [string, string, string][] = [
    ['simulations per scenario', integer.format(result.simulationsPerScenario), ''],
    ['null false-verdict rate (max)', result.nullFalseVerdictRate.toFixed(3), `${status(result.nullFalseVerdictRate <= TARGETS.nullFalseVerdictRate)} ≤ 0.05`],
    ['interval coverage (min)', result.intervalCoverageMin.toFixed(3), `${status(result.intervalCoverageMin >= TARGETS.intervalCoverageMin)} ≥ 0.93`],
    ['χ² at N = 1,500, uniform, n = 100 (mean)', chi === null ? 'not shown' : chi.toFixed(1), `${status(chiOk)} 8 to 12`],
    ['power at the paper’s effect (min)', result.powerAtPaperEffect.toFixed(3), `${status(result.powerAtPaperEffect >= TARGETS.power)} ≥ 0.8`],
    ...Object.entries(result.detail.falseVerdictRates).map(([key, rate]): [string, string, string] => [`  false verdicts: ${key}`, rate.toFixed(3), '']),
    ...Object.entries(result.detail.coverage).map(([key, rate]): [string, string, string] => [`  coverage: ${key}`, rate.toFixed(3), '']),
    ...Object.entries(result.detail.power).map(([key, rate]): [string, string, string] => [`  power: ${key}`, rate.toFixed(3), '']),
  ];
  printTable('Calibration (seeded simulation through the probes and the claims code)', rows);
  const withinBudget =
    result.nullFalseVerdictRate <= TARGETS.nullFalseVerdictRate &&
    result.intervalCoverageMin >= TARGETS.intervalCoverageMin &&
    chiOk &&
    result.powerAtPaperEffect >= TARGETS.power;
  return { key: 'calibration', value: result, withinBudget };
}
