// A guided first run (issue 16): "Check this claim" on the home page opens the Lab with the claim's experiment in its
// recommended mode on the default comparison's base and aligned models, says what will be downloaded and how long
// the run should take, and after one consent loads what is needed, runs it, and says when the verdict is ready.
// The Lab page shows it and goes to the verdict; every other choice of the Lab stays as it is.
import { msg, str } from '@lit/localize';
import type { ProbeId } from '../core/probes/index.ts';
import { PROBES } from '../core/probes/registry.ts';
import { DEFAULT_COMPARISON_ID, findComparison } from '../engine/catalog.ts';
import { GUIDED_PROBES, type GuidedClaimId } from './guided-claims.ts';
import type { LabContext } from './lab-context.ts';
import type { SessionModel } from './lab-session.ts';
import { combineDownloads, type DownloadView } from './time-estimates.ts';
import { loadProgressView } from './load-progress.ts';

export type GuidedState =
  /** Waiting for the one consent. */
  | { step: 'ready' }
  /** Downloading (or reading from the cache) and loading the models. */
  | { step: 'loading' }
  | { step: 'running'; runId: string }
  /** The run is complete: its verdict is on the Claims page. */
  | { step: 'done'; runId: string }
  /** A model did not load, or the run did not complete: why, in plain words (the cards and the run say more). */
  | { step: 'stopped'; problem: string };

export class GuidedRun extends EventTarget {
  state: GuidedState = { step: 'ready' };
  readonly probeId: ProbeId;
  /** The probe's default parameters: its recommended mode (exact where it has one) and the paper's sizes. */
  readonly params: Record<string, unknown>;

  constructor(
    private readonly context: Pick<LabContext, 'session' | 'runs' | 'speeds'>,
    readonly claim: GuidedClaimId,
  ) {
    super();
    this.probeId = GUIDED_PROBES[claim];
    this.params = structuredClone(PROBES[this.probeId].defaultParams) as unknown as Record<string, unknown>;
  }

  /** Puts the Lab on the default comparison, the one a guided run uses (nothing loads). */
  chooseComparison(): void {
    const comparison = findComparison(DEFAULT_COMPARISON_ID);
    if (comparison) this.context.session.selectComparison(comparison);
  }

  /** The base and aligned model the run compares: the comparison's default pair. */
  models(): SessionModel[] {
    const session = this.context.session;
    return session.comparison.defaultPair.flatMap((id) => session.model(id) ?? []);
  }

  /** The models that would be downloaded: neither loaded nor whole in this browser's cache. */
  toDownload(): SessionModel[] {
    return this.models().filter((model) => model.load.status !== 'ready' && !model.cache?.readyOffline);
  }

  downloadBytes(): number {
    const variant = this.context.session.variant;
    return this.toDownload().reduce((sum, model) => sum + (model.catalog.variants[variant]?.downloadBytes ?? 0), 0);
  }

  /** Seconds the run should take on this machine (its loads from the cache included); null without earlier speeds. */
  estimateSeconds(): number | null {
    return this.context.speeds.estimate(this.probeId, this.params, this.models());
  }

  /** The downloads under way, as one; null when nothing is downloading. */
  download(): DownloadView | null {
    const variant = this.context.session.variant;
    const parts = this.models().flatMap((model) => {
      const view = loadProgressView(model, variant);
      return view?.phase === 'downloading' && view.bytesTotal !== null
        ? [{ bytesDone: view.bytesDone ?? 0, bytesTotal: view.bytesTotal, bytesPerSecond: view.bytesPerSecond }]
        : [];
    });
    return parts.length > 0 ? combineDownloads(parts) : null;
  }

  /**
   * The consent's work: loads what is not loaded (both at once), runs the experiment, and resolves once the run
   * has ended, with the state saying how.
   */
  async start(): Promise<void> {
    if (this.state.step === 'loading' || this.state.step === 'running') return;
    const { session, runs } = this.context;
    this.set({ step: 'loading' });
    const models = this.models();
    await Promise.all(models.filter((model) => model.load.status !== 'ready').map((model) => session.load(model.catalog.id)));
    const unready = this.models().filter((model) => model.load.status !== 'ready' || model.load.waitingForTwin);
    if (unready.length > 0 || models.length === 0) {
      const names = unready.map((model) => model.catalog.name).join(', ');
      this.set({ step: 'stopped', problem: msg(str`${names} could not be loaded: its card below says why and what to do.`) });
      return;
    }
    let runId: string;
    try {
      runId = await runs.start(this.probeId, this.params);
    } catch (error) {
      this.set({ step: 'stopped', problem: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.set({ step: 'running', runId });
    const ended = await new Promise<NonNullable<typeof runs.current>>((resolve) => {
      const check = (): void => {
        const current = runs.current;
        if (current?.info.id !== runId || current.info.status === 'running') return;
        runs.removeEventListener('change', check);
        resolve(current);
      };
      runs.addEventListener('change', check);
      check();
    });
    if (ended.info.status === 'complete') this.set({ step: 'done', runId });
    else this.set({ step: 'stopped', problem: ended.error ? `${ended.error.message} ${ended.error.nextStep}` : msg('The run stopped before the end.') });
  }

  private set(state: GuidedState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}
