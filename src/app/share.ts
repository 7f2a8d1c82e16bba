// Share links for runs (design.md §6): what a link carries (the probe, its parameters with the seed, the models, the
// sender's language and a few headline numbers), the link itself, and what the receiving lab does with it: show the
// sender's numbers and preselect the same experiment on the reader's own GPU.
import type { GameModelSummary } from '../core/probes/game-probe/index.ts';
import type { ProbeId } from '../core/probes/index.ts';
import type { ModelRole } from '../core/model.ts';
import type { Estimate, RunMode } from '../core/probes/probe.ts';
import { PROBE_CHECKS, PROBES } from '../core/probes/registry.ts';
import { exactEstimate } from '../core/probes/shared.ts';
import { wilsonInterval } from '../core/stats/index.ts';
import {
  decodeSetup,
  decodeShare,
  encodeSetup,
  encodeShare,
  SETUP_HASH_PREFIX,
  SHARE_HASH_PREFIX,
  type ParseResult,
  type RunInfo,
  type RunParams,
  type SharedFigure,
  type SharedRun,
  type SharedSetup,
  type WeightVariant,
} from '../core/results/index.ts';
import { findComparison, findModel, type ComparisonId } from '../engine/catalog.ts';
import type { LabSession } from './lab-session.ts';
import type { RunSummary } from './run-summary.ts';

/** The measures a share link carries, per probe, in the order the shared view lists them. */
export const HEADLINE_MEASURES = {
  'rng-0-10': ['p-seven', 'js-to-uniform', 'chi-square-at-paper-n', 'other-share'],
  'rng-sequence': ['mean-repeats', 'p-no-repeats', 'other-share'],
  rps: ['net-score-per-100', 'exploitability', 'other-share'],
  'hide-and-seek': ['net-score-per-100', 'exploitability', 'found-rate', 'other-share'],
  poem: ['distinct-2', 'self-bleu'],
} as const satisfies Record<ProbeId, readonly string[]>;

export type HeadlineMeasure = (typeof HEADLINE_MEASURES)[ProbeId][number];

/** The game-state view whose exploitability is the headline: the last round, the richest state a link can name. */
const HEADLINE_STATE_VIEW = 'last-round';

function figure(modelIndex: number, measure: HeadlineMeasure, estimate: Estimate | null | undefined): SharedFigure[] {
  if (!estimate) return [];
  const { value, lo, hi, n, interval } = estimate;
  // encodeShare refuses a link with a number that is not finite; a measure without one is left out instead.
  if (![value, lo, hi].every(Number.isFinite)) return [];
  return [{ modelIndex, measure, value, lo, hi, n, interval }];
}

/**
 * What fell outside the answers, as a headline figure: in exact mode P(other), read exactly; in sampled mode the
 * share of invalid answers among all attempts, with its Wilson interval.
 */
function otherShareFigure(modelIndex: number, summary: { mode: RunMode; otherShare: number; attempts: number | null }): SharedFigure[] {
  const { mode, otherShare, attempts } = summary;
  if (mode === 'exact' || attempts === null) return figure(modelIndex, 'other-share', exactEstimate(otherShare));
  if (attempts === 0) return [];
  const invalid = Math.round(otherShare * attempts);
  const { lo, hi } = wilsonInterval(invalid, attempts);
  return figure(modelIndex, 'other-share', { value: invalid / attempts, lo, hi, n: attempts, interval: 'wilson-95' });
}

function gameFigures(models: readonly GameModelSummary[]): SharedFigure[] {
  return models.flatMap((model, modelIndex) => {
    const measures = model.measures;
    if (!measures) return [];
    const byLastRound = measures.byState.find((view) => view.view === HEADLINE_STATE_VIEW);
    return [
      ...figure(modelIndex, 'net-score-per-100', measures.netScorePer100),
      ...figure(modelIndex, 'exploitability', byLastRound?.exploitability),
      ...otherShareFigure(modelIndex, model),
    ];
  });
}

/**
 * The probe's headline numbers, per model, as a share link carries them (design.md §4): rng-0-10 P(7), JS divergence
 * to uniform and χ² at the paper's N = 1,500; rng-sequence mean repeats and P(no repeats); games the net score per
 * 100 rounds and the exploitability given the last round (hide-and-seek also the found-rate); for every probe but
 * the poems, the share of other or invalid answers; poems distinct-2 and self-BLEU. A model without a value yet (no
 * valid answer, too few poems) has no figure. `modelIndex` is the model's place in the run.
 */
export function headlineFigures(summary: RunSummary | null): SharedFigure[] {
  if (summary === null) return [];
  switch (summary.probeId) {
    case 'rng-0-10':
      return summary.value.models.flatMap((model, modelIndex) => {
        const measures = model.measures;
        if (!measures) return [];
        return [
          ...figure(modelIndex, 'p-seven', measures.pSeven),
          ...figure(modelIndex, 'js-to-uniform', measures.jsToUniform),
          ...figure(modelIndex, 'chi-square-at-paper-n', measures.chiSquareAtPaperN),
          ...otherShareFigure(modelIndex, model),
        ];
      });
    case 'rng-sequence':
      return summary.value.models.flatMap((model, modelIndex) => [
        ...figure(modelIndex, 'mean-repeats', model.measures?.meanRepeats),
        ...figure(modelIndex, 'p-no-repeats', model.measures?.pNoRepeats),
        ...otherShareFigure(modelIndex, model),
      ]);
    case 'rps':
      return gameFigures(summary.value.models);
    case 'hide-and-seek': {
      const models = summary.value.models;
      const foundRates = models.flatMap((model, modelIndex) => figure(modelIndex, 'found-rate', model.foundRate));
      // Grouped by model, in HEADLINE_MEASURES order.
      return [...gameFigures(models), ...foundRates].sort((a, b) => a.modelIndex - b.modelIndex);
    }
    case 'poem':
      return summary.value.models.flatMap((model, modelIndex) => [
        ...figure(modelIndex, 'distinct-2', model.metrics.distinct2),
        ...figure(modelIndex, 'self-bleu', model.metrics.selfBleu),
      ]);
  }
}

/**
 * The share of a stored or live run. `summary` is the run's summary as the run controller computes it (the probe's
 * own `summarize` of the run's records), or null before the first record.
 */
export function sharedRunOf(info: RunInfo, summary: RunSummary | null, language: string): SharedRun {
  return {
    probeId: info.probeId,
    specVersion: info.specVersion,
    params: info.params,
    models: info.models.map((model) => ({ catalogId: model.catalogId, variant: model.variant, role: model.role })),
    language,
    summary: headlineFigures(summary),
  };
}

/** Where the app lives: `location`, or any object with its two fields. */
export interface AppAddress {
  origin: string;
  pathname: string;
}

/** The full address of a share link, e.g. https://lab.example/#/share/AbC…. */
export function shareUrl(payload: string, address: AppAddress): string {
  return `${address.origin}${address.pathname}${SHARE_HASH_PREFIX}${payload}`;
}

export type ShareLinkResult = { ok: true; url: string; share: SharedRun } | { ok: false; reason: string };

/** The share link of a run, or why it cannot have one (encodeShare's reason, e.g. parameters too long for a link). */
export function shareLinkFor(info: RunInfo, summary: RunSummary | null, language: string, address: AppAddress): ShareLinkResult {
  const share = sharedRunOf(info, summary, language);
  const link = linkOf(() => shareUrl(encodeShare(share), address));
  return link.ok ? { ...link, share } : link;
}

/** Reads a share link's payload with the probes' own checks of the parameters. */
export function readSharePayload(payload: string): ParseResult<SharedRun> {
  return decodeShare(payload, PROBE_CHECKS);
}

/** A model of the Lab's comparison, as a setup link names it. */
export interface SetupModel {
  catalogId: string;
  role: ModelRole;
  /** On the user's server: the link names it by its place in the comparison, never by address or key. */
  onServer: boolean;
}

/**
 * The models a setup link names: those loaded in the Lab, else the comparison's default pair (base and aligned), in
 * the comparison's order.
 */
export function setupModelsOf(session: Pick<LabSession, 'models' | 'readyModels' | 'comparison'>): SetupModel[] {
  const ready = session.readyModels();
  const chosen = ready.length > 0 ? ready : session.models.filter((model) => session.comparison.defaultPair.includes(model.catalog.id));
  return chosen.map((model) => ({ catalogId: model.catalog.id, role: model.catalog.role, onServer: model.spec.source.kind === 'server' }));
}

/**
 * A setup link (issue 16): the Lab's comparison, experiment and parameters, no results, for a class to open with
 * nothing run until each student chooses. `params` are the run form's, as the probe's checks accepted them. A model
 * on a server goes in only as "server-1" and so on, without a weight format: never its address, never an API key.
 */
export function setupLinkFor(
  probeId: ProbeId,
  params: RunParams,
  models: readonly SetupModel[],
  variant: WeightVariant,
  language: string,
  address: AppAddress,
): { ok: true; url: string } | { ok: false; reason: string } {
  const setup: SharedSetup = {
    probeId,
    specVersion: PROBES[probeId].version,
    params,
    models: models.map((model) => ({ catalogId: model.catalogId, variant: model.onServer ? null : variant, role: model.role })),
    language,
  };
  return linkOf(() => `${address.origin}${address.pathname}${SETUP_HASH_PREFIX}${encodeSetup(setup)}`);
}

/** Puts a link on the clipboard; false when the browser refuses (no user gesture, no permission, no clipboard). */
export async function copyToClipboard(text: string, clipboard: Pick<Clipboard, 'writeText'> | undefined = globalThis.navigator?.clipboard): Promise<boolean> {
  try {
    await clipboard?.writeText(text);
    return clipboard !== undefined;
  } catch {
    return false;
  }
}

function linkOf(make: () => string): { ok: true; url: string } | { ok: false; reason: string } {
  try {
    return { ok: true, url: make() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads a setup link's payload with the same checks as a share link's (the probes' own for the parameters). */
export function readSetupPayload(payload: string): ParseResult<SharedSetup> {
  return decodeSetup(payload, PROBE_CHECKS);
}
/**
 * What "Run this on my GPU" hands to the Lab page: the comparison, its models and the experiment, preselected. The
 * run controller holds it until the Lab page takes it (`RunController.takeDraft`).
 */
export interface PendingSetup {
  comparisonId: ComparisonId;
  /** The sender's weight format. It is a preference: q4f16 needs 16-bit float shaders, which the reader's GPU may lack. */
  variant: WeightVariant;
  /** The run's models by catalog id, in the run's order. */
  modelIds: string[];
  probeId: ProbeId;
  /** The sender's parameters, the seed included, as the probe's checks accepted them. */
  params: RunParams;
}

/**
 * The setup of a shared run for this lab, or null when this lab cannot preselect its models: a model it does not
 * list (a "bring your own" base lives at the sender's own address), or models of different comparisons.
 */
export function setupFromShare(shared: SharedSetup): PendingSetup | null {
  const models = shared.models.map((model) => findModel(model.catalogId));
  const comparisonId = models[0]?.comparison;
  if (!comparisonId || models.some((model) => model?.comparison !== comparisonId)) return null;
  if (!findComparison(comparisonId)) return null;
  const variant = shared.models[0]?.variant;
  if (!variant) return null;
  return {
    comparisonId,
    variant,
    modelIds: shared.models.map((model) => model.catalogId),
    probeId: shared.probeId,
    params: structuredClone(shared.params),
  };
}
