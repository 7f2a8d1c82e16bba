// Words for runs in the reader's language: statuses, roles, parameters, shared measures and intervals, for the
// History, Run and Shared-run pages. Numbers go through src/app/format.ts.
import { msg, str } from '@lit/localize';
import { formatFixed, formatNumber, formatPercent } from '../../src/app/format.ts';
import { currentLanguage } from '../../src/app/locale.ts';
import type { ModelRole } from '../../src/core/model.ts';
import { CHANCE } from '../../src/core/probes/rng-sequence/analysis.ts';
import type { RunStatus } from '../../src/core/results/index.ts';
import { findModel } from '../../src/engine/catalog.ts';
import { intervalWords, type EstimateLike } from './estimate-text.ts';
import { opponentName } from './probe-text.ts';

export function runStatusLabel(status: RunStatus): string {
  switch (status) {
    case 'running':
      return msg('Running');
    case 'complete':
      return msg('Complete');
    case 'incomplete':
      return msg('Incomplete — resumable');
    case 'failed':
      return msg('Failed');
  }
}

export function roleLabel(role: ModelRole): string {
  switch (role) {
    case 'base':
      return msg('base');
    case 'instruct':
      return msg('aligned: instruct');
    case 'reasoning':
      return msg('aligned: reasoning');
  }
}

/** "Ministral 3 3B Base (base)": the name a user knows and the side of the comparison it is on. */
export function modelLabel(model: { name: string; role: ModelRole }): string {
  return msg(str`${model.name} (${roleLabel(model.role)})`);
}

/** "A, B and C" as the reader's language writes a list. */
export function listText(items: readonly string[]): string {
  return new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(items);
}

/** A model by its catalog id, as the reader knows it; the id itself for a model this lab does not list. */
export function catalogModelName(catalogId: string): string {
  return findModel(catalogId)?.name ?? catalogId;
}

function paramLabel(key: string): string {
  switch (key) {
    case 'mode':
      return msg('Mode');
    case 'framing':
      return msg('Framing');
    case 'temperature':
      return msg('Temperature');
    case 'seed':
      return msg('Seed');
    case 'n':
      return msg('Answers or sequences per model');
    case 'opponent':
      return msg('Opponent');
    case 'rounds':
      return msg('Rounds');
    case 'places':
      return msg('Hiding places');
    case 'topics':
      return msg('Poem topics');
    case 'poemsPerPrompt':
      return msg('Poems per topic and model');
    case 'maxTokens':
      return msg('Longest poem (tokens)');
    default:
      return key;
  }
}

function paramValue(key: string, value: unknown, params: Record<string, unknown>): string {
  // Exact mode reads the model's own distribution in every probe (src/core/probes/probe.ts CommonParams).
  if (key === 'temperature' && params.mode === 'exact') return msg('not used: exact mode reads the model’s own probabilities (temperature 1)');
  if (key === 'mode' && value === 'exact') return msg('exact (probabilities read from the model)');
  if (key === 'mode' && value === 'sampled') return msg('sampled (answers generated and counted)');
  if (key === 'framing' && value === 'native') return msg('native (each model in its own format)');
  if (key === 'framing' && value === 'same-text') return msg('same text for both models');
  if (key === 'opponent' && typeof value === 'string') return opponentName(value);
  // The seed is an identifier: shown whole, without digit grouping.
  if (key === 'seed' && typeof value === 'number') return String(value);
  if (typeof value === 'number') return formatNumber(value, 3);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A run's parameters as label and value, the shared ones first, in a fixed order. */
export function paramRows(params: Record<string, unknown>): [label: string, value: string][] {
  const first = ['mode', 'framing', 'temperature', 'seed'];
  const keys = [...first.filter((key) => key in params), ...Object.keys(params).filter((key) => !first.includes(key)).sort()];
  return keys.map((key) => [paramLabel(key), paramValue(key, params[key], params)]);
}

/** The measures of share links (src/app/share.ts HEADLINE_MEASURES), named for readers. */
export function measureLabel(measure: string): string {
  switch (measure) {
    case 'p-seven':
      return msg(str`P(7): how often it says 7 (fair: ${formatPercent(1 / 11)})`);
    case 'js-to-uniform':
      return msg('Distance from a fair pick (JS divergence; 0 = fair)');
    case 'chi-square':
      return msg('χ² against a fair pick');
    case 'chi-square-at-paper-n':
      return msg('χ² against a fair pick, for a sample of 1,500 answers (the paper’s N)');
    case 'other-share':
      return msg('Other or invalid answers (outside the answer set)');
    case 'mean-repeats':
      return msg(str`Repeats per list of ten (chance: ${formatFixed(CHANCE.meanRepeats, 2)})`);
    case 'p-no-repeats':
      return msg(str`Lists with no repeat (chance: ${formatPercent(CHANCE.pNoRepeats, 2)})`);
    case 'net-score-per-100':
      return msg('Net score per 100 rounds (random play: 0)');
    case 'exploitability':
      return msg('Exploitability given the last round (0 = unpredictable)');
    case 'found-rate':
      return msg('How often the seeker found it');
    case 'distinct-2':
      return msg('Distinct word pairs (distinct-2; higher = more varied)');
    case 'self-bleu':
      return msg('Self-BLEU (higher = poems more alike)');
    default:
      return measure;
  }
}

/** A measure's number as readers expect it: shares as percentages, divergences with three decimals. */
export function formatMeasure(measure: string, value: number): string {
  switch (measure) {
    case 'p-seven':
    case 'p-no-repeats':
    case 'found-rate':
    case 'other-share':
      return formatPercent(value, 1);
    case 'js-to-uniform':
    case 'distinct-2':
    case 'self-bleu':
      return formatFixed(value, 3);
    case 'exploitability':
    case 'mean-repeats':
      return formatFixed(value, 2);
    default:
      return formatNumber(value, 1);
  }
}

/** Measures that are a test statistic (older share links carry χ² at the run's own N): no interval to show. */
export function isStatistic(measure: string): boolean {
  return measure === 'chi-square';
}

/** A headline figure's interval and N in words, its numbers written as its measure's are; a test statistic has none. */
export function figureIntervalWords(figure: EstimateLike & { measure: string }): string {
  if (isStatistic(figure.measure)) return msg('— (a test statistic)');
  return intervalWords(figure, { format: (value) => formatMeasure(figure.measure, value) });
}

/** The N behind an estimate; "read from the model" for an exact value. */
export function nText(n: number | null): string {
  return n === null ? msg('read from the model') : formatNumber(n);
}
