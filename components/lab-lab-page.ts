import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import type { GuidedClaimId } from '../src/app/guided-claims.ts';
import { GuidedRun } from '../src/app/guided-run.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { followLinkLanguage } from '../src/app/locale.ts';
import { hrefFor, hrefForRun } from '../src/app/router.ts';
import { readSetupPayload, setupFromShare } from '../src/app/share.ts';
import type { ProbeId } from '../src/core/probes/index.ts';
import { findComparison, type ComparisonId } from '../src/engine/catalog.ts';
import './lab-comparison-picker.ts';
import './lab-error-message.ts';
import './lab-guided-run.ts';
import './lab-model-card.ts';
import './lab-polite-status.ts';
import './lab-run-form.ts';
import './lab-run-view.ts';
import { pageStyles } from './styles/shared.ts';
import { probeTitle } from './text/probe-text.ts';
import { catalogModelName, listText } from './text/run-text.ts';
import { runLeftText } from './text/time-text.ts';

/** A setup link as the page read it: the experiment filled in (and whether its models could be chosen), or why not. */
type SetupView = { ok: true; probeId: ProbeId; models: string[]; modelsChosen: boolean } | { ok: false; problems: string[] };

/** The lab: choose a comparison, load its models, run an experiment and watch the results arrive. */
@customElement('lab-lab-page')
@localized()
export class LabLabPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      section {
        margin-bottom: 2rem;
      }

      .models {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
      }

      .note {
        border-left: 0.35rem solid var(--lab-warn);
        background: var(--lab-warn-surface);
      }

      .problem {
        border-left: 0.35rem solid var(--lab-error);
        background: var(--lab-error-surface);
      }

      .status {
        color: var(--lab-text-muted);
      }

      progress {
        width: 100%;
        accent-color: var(--lab-accent);
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  /** "Check this claim" from the home page: the claim to check (route `#/lab/check/<claim>`). */
  @property({ attribute: false }) guide: GuidedClaimId | null = null;
  /** A setup link's payload (route `#/lab/setup/<payload>`). */
  @property({ attribute: false }) setup: string | null = null;
  @state() private guided: GuidedRun | null = null;
  @state() private setupView: SetupView | null = null;
  /** The models whose cache this page last asked about, so it asks once per set of models. */
  private cacheAskedFor: unknown = null;

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session, this.context?.runs]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('guide') || (changed.has('context') && this.guide)) this.startGuide();
    if (changed.has('setup') || (changed.has('context') && this.setup)) this.openSetupLink();
  }

  protected override firstUpdated(): void {
    this.takePendingSetup();
  }

  protected override updated(): void {
    // Whenever the models are new (another comparison, or the weight format the GPU check chose), ask what of them is
    // already in this browser: the cards and the guided run say what would be downloaded.
    const session = this.context.session;
    if (!session.cacheChecked && this.cacheAskedFor !== session.models) {
      this.cacheAskedFor = session.models;
      void session.refreshCacheStatus();
    }
  }

  /** The claim's guided run: the default comparison and the claim's experiment chosen, nothing loaded yet. */
  private startGuide(): void {
    if (!this.context || this.guided?.claim === this.guide) return;
    this.guided = this.guide ? new GuidedRun(this.context, this.guide) : null;
    if (!this.guided) return;
    this.guided.chooseComparison();
    const { probeId, params } = this.guided;
    void this.updateComplete.then(() => this.renderRoot.querySelector('lab-run-form')?.setUp(probeId, params));
  }

  /** A setup link: its experiment filled in, its models chosen where this lab has them. Nothing loads or runs. */
  private openSetupLink(): void {
    if (!this.context || !this.setup) {
      this.setupView = null;
      return;
    }
    const read = readSetupPayload(this.setup);
    if (!read.ok) {
      this.setupView = { ok: false, problems: read.problems };
      return;
    }
    const shared = read.value;
    void followLinkLanguage(shared.language);
    const pending = setupFromShare(shared);
    this.applySetup(shared.probeId, shared.params, pending?.comparisonId ?? null);
    this.setupView = { ok: true, probeId: shared.probeId, models: shared.models.map((model) => catalogModelName(model.catalogId)), modelsChosen: pending !== null };
  }

  /** An experiment handed over from a shared run: preselect its comparison and parameters (nothing downloads). */
  private takePendingSetup(): void {
    const setup = this.context.runs.takeDraft();
    if (!setup) return;
    this.applySetup(setup.probeId, setup.params, setup.comparisonId);
  }

  private applySetup(probeId: ProbeId, params: unknown, comparisonId: ComparisonId | null): void {
    const comparison = comparisonId ? findComparison(comparisonId) : undefined;
    if (comparison) this.context.session.selectComparison(comparison);
    void this.updateComplete.then(() => this.renderRoot.querySelector('lab-run-form')?.setUp(probeId, params));
  }

  override render() {
    const session = this.context.session;
    const run = this.context.runs.current;
    return html`
      <h1 tabindex="-1">${msg('Lab')}</h1>
      <p class="lede">
        ${msg('Pick two models, load them on your GPU, and ask both the same questions. Every number comes with how many answers it rests on and how sure it is.')}
      </p>
      ${this.guided ? html`<lab-guided-run .context=${this.context} .guide=${this.guided}></lab-guided-run>` : nothing}
      ${this.renderSetupView()}

      <section aria-labelledby="choose-heading">
        <h2 id="choose-heading">${msg('1. Choose the models')}</h2>
        <lab-comparison-picker .context=${this.context}></lab-comparison-picker>
      </section>

      <section aria-labelledby="load-heading">
        <h2 id="load-heading">${msg('2. Load them')}</h2>
        ${this.renderGpuNote()}
        <div class="models">
          ${session.models.map((model) =>
            model.spec.source.kind === 'server'
              ? this.renderServerModel(model.catalog.id)
              : html`<lab-model-card .context=${this.context} .modelId=${model.catalog.id}></lab-model-card>`,
          )}
        </div>
      </section>

      <section aria-labelledby="run-heading">
        <h2 id="run-heading">${msg('3. Run an experiment')}</h2>
        <lab-run-form .context=${this.context}></lab-run-form>
      </section>

      ${run
        ? html`<section aria-labelledby="results-heading">
            <h2 id="results-heading">${msg('4. Results')}</h2>
            <p class="status">${this.runStatus()}</p>
            ${run.info.status === 'incomplete' && run.error
              ? html`<lab-error-message .error=${run.error}></lab-error-message>
                  <p>${msg('The answers so far are saved. Load the models again, then resume the run.')}</p>`
              : nothing}
            ${run.info.status === 'running'
              ? html`<p data-time-left>${runLeftText(run)}</p>
                  <progress max="1" .value=${run.progress} aria-label=${msg('Progress of the run')}></progress>`
              : nothing}
            <lab-polite-status .text=${`${this.runStatus()} ${run.info.status === 'running' ? runLeftText(run) : ''}`} .topic=${run.info.status}></lab-polite-status>
            <lab-run-view .state=${run} .context=${this.context}></lab-run-view>
            <p><a href=${hrefForRun(run.info.id)}>${msg('Open this run on its own page (export, share)')}</a></p>
          </section>`
        : nothing}
    `;
  }

  /** What a setup link filled in, or why it could not be read. */
  private renderSetupView() {
    const view = this.setupView;
    if (!view) return nothing;
    if (!view.ok) {
      return html`<div class="card problem" role="alert" data-setup="damaged">
        <p>${msg('This setup link is damaged or was changed, so the lab cannot fill in its experiment. It may have been cut off when it was copied: ask for the link again.')}</p>
        <details>
          <summary>${msg('What is wrong with the link')}</summary>
          <ul>
            ${view.problems.map((problem) => html`<li>${problem}</li>`)}
          </ul>
        </details>
      </div>`;
    }
    return html`<div class="card note" role="status" data-setup="filled">
      <p>
        ${view.modelsChosen
          ? msg(html`Someone sent you this setup: <strong>${probeTitle(view.probeId)}</strong> on ${listText(view.models)}, with their parameters filled in below. Nothing has been downloaded or run: load the models, then run it when you are ready.`)
          : msg(html`Someone sent you this setup: <strong>${probeTitle(view.probeId)}</strong>, with their parameters filled in below. Its models are not ones this lab can choose for you (on the sender’s server, or at their own address): choose the models in step 1.`)}
      </p>
    </div>`;
  }

  /** A model on the user's server (issue 14); its card loads with the first such model. */
  private renderServerModel(id: string) {
    void import('./lab-server-model-card.ts');
    return html`<lab-server-model-card .context=${this.context} .modelId=${id}></lab-server-model-card>`;
  }

  private renderGpuNote() {
    const gpu = this.context.session.gpu;
    // Models on the user's server need no GPU in this browser.
    if (this.context.session.comparison.id === 'your-server') return nothing;
    if (gpu.status !== 'done' || gpu.verdict.status === 'ready') return nothing;
    return html`<div class="card note" data-gpu-note=${gpu.verdict.status}>
      <p>
        ${gpu.verdict.status === 'software'
          ? msg('This browser has only a software renderer, not a graphics card: the models would run far too slowly here. You can still load them anyway, or run them on a server you run (“Your server” above).')
          : msg('This browser cannot run the models: it has no usable WebGPU.')}
        <a href=${hrefFor('gpu')}>${msg('See what to do')}</a>
      </p>
    </div>`;
  }

  private runStatus(): string {
    const run = this.context.runs.current;
    if (!run) return '';
    switch (run.info.status) {
      case 'running':
        return msg('Running…');
      case 'complete':
        return msg('Finished.');
      case 'incomplete':
        return msg('Stopped before the end. You can resume it from History.');
      case 'failed':
        return run.error ? `${run.error.message} ${run.error.nextStep}` : msg('The run failed.');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-lab-page': LabLabPage;
  }
}
