import { LitElement, css, html, nothing } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { hrefFor, hrefForRun } from '../src/app/router.ts';
import { findComparison } from '../src/engine/catalog.ts';
import './lab-comparison-picker.ts';
import './lab-error-message.ts';
import './lab-model-card.ts';
import './lab-run-form.ts';
import './lab-run-view.ts';
import { pageStyles } from './styles/shared.ts';

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

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session, this.context?.runs]);
  }

  protected override firstUpdated(): void {
    this.takePendingSetup();
    void this.context.session.refreshCacheStatus();
  }

  /** An experiment handed over from a shared run: preselect its comparison and parameters (nothing downloads). */
  private takePendingSetup(): void {
    const setup = this.context.session.pendingSetup;
    if (!setup) return;
    this.context.session.pendingSetup = null;
    const comparison = findComparison(setup.comparisonId);
    if (comparison) this.context.session.selectComparison(comparison);
    void this.updateComplete.then(() => this.renderRoot.querySelector('lab-run-form')?.setUp(setup.probeId, setup.params));
  }

  override render() {
    const session = this.context.session;
    const run = this.context.runs.current;
    return html`
      <h1 tabindex="-1">${msg('Lab')}</h1>
      <p class="lede">
        ${msg('Pick two models, load them on your GPU, and ask both the same questions. Every number comes with how many answers it rests on and how sure it is.')}
      </p>

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
            <p class="status" aria-live="polite">${this.runStatus()}</p>
            ${run.info.status === 'incomplete' && run.error
              ? html`<lab-error-message .error=${run.error}></lab-error-message>
                  <p>${msg('The answers so far are saved. Load the models again, then resume the run.')}</p>`
              : nothing}
            ${run.info.status === 'running'
              ? html`<progress max="1" .value=${run.progress} aria-label=${msg('Progress of the run')}></progress>`
              : nothing}
            <lab-run-view .state=${run} .context=${this.context}></lab-run-view>
            <p><a href=${hrefForRun(run.info.id)}>${msg('Open this run on its own page (export, share)')}</a></p>
          </section>`
        : nothing}
    `;
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
