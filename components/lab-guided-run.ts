import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { countText, formatBytes, formatPercent } from '../src/app/format.ts';
import type { GuidedRun } from '../src/app/guided-run.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { hrefForClaim } from '../src/app/router.ts';
import './lab-polite-status.ts';
import { claimTitle } from './text/claim-text.ts';
import { probeQuestion, probeTitle } from './text/probe-text.ts';
import { listText } from './text/run-text.ts';
import { downloadLeftText, runEstimateText, runLeftText } from './text/time-text.ts';
import { pageStyles } from './styles/shared.ts';

/**
 * "Check this claim", in the Lab (issue 16): what the guided run will do, what it downloads and how long it should
 * take, one button to consent, then its progress with the time left, and, once the run is complete, the verdict.
 * The work is GuidedRun's (src/app/guided-run.ts); the rest of the Lab stays below for those who want other choices.
 */
@customElement('lab-guided-run')
@localized()
export class LabGuidedRun extends LitElement {
  static override styles = [
    pageStyles,
    css`
      section {
        border-left: 0.35rem solid var(--lab-accent);
        margin-bottom: 2rem;
      }

      h2 {
        margin-top: 0;
      }

      ul {
        padding-left: 1.25rem;
        margin: 0 0 1em;
      }

      .slow {
        border-left: 0.25rem solid var(--lab-warn);
        padding-left: 0.5rem;
      }

      .problem {
        color: var(--lab-error);
      }

      progress {
        width: 100%;
        accent-color: var(--lab-accent);
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @property({ attribute: false }) guide!: GuidedRun;
  private leftFor: string | null = null;

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session, this.context?.runs, this.context?.speeds, this.guide]);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Lands on the verdict once, if the reader is still here when the run is complete.
    const state = this.guide.state;
    if (state.step === 'done' && this.leftFor !== state.runId) {
      this.leftFor = state.runId;
      location.hash = hrefForClaim(this.guide.claim);
    }
  }

  override render() {
    const guide = this.guide;
    const names = guide.models().map((model) => model.catalog.name);
    const exact = guide.params.mode === 'exact';
    return html`
      <section class="card" aria-labelledby="guided-heading" data-guided=${guide.claim} data-step=${guide.state.step}>
        <h2 id="guided-heading">${msg(str`Check the claim: ${claimTitle(guide.claim)}`)}</h2>
        <p>${probeQuestion(guide.probeId)}</p>
        <p>
          ${exact
            ? msg(str`The lab asks ${listText(names)} “${probeTitle(guide.probeId)}” in exact mode: it reads each model’s answer probabilities, with no sampling noise.`)
            : msg(str`The lab asks ${listText(names)} “${probeTitle(guide.probeId)}” in sampled mode: it generates answers and counts them, as the paper did.`)}
        </p>
        <ul>
          <li data-download>${this.downloadText()}</li>
          <li data-estimate>${runEstimateText(guide.estimateSeconds())}</li>
        </ul>
        ${this.software() ? html`<p class="slow">${msg('This browser has only a software renderer: the run would be far too slow to be useful here, and the lab runs it only if you choose to anyway.')}</p>` : nothing}
        ${this.renderStep()}
        <p>${msg('Every other choice of the Lab is below: other models, experiments and parameters.')}</p>
      </section>
    `;
  }

  private software(): boolean {
    const gpu = this.context.session.gpu;
    return gpu.status === 'done' && gpu.verdict.status === 'software';
  }

  private downloadText(): string {
    const guide = this.guide;
    if (!this.context.session.cacheChecked) return msg('Checking what is already in this browser…');
    const missing = guide.toDownload();
    if (missing.length === 0) return msg('Nothing to download: both models are already in this browser.');
    const size = formatBytes(guide.downloadBytes());
    const names = listText(missing.map((model) => model.catalog.name));
    return countText(missing.length, {
      one: () => msg(str`It downloads ${size} once (${names}; the other model is already in this browser). The download’s rate and time left show as it goes.`),
      other: () => msg(str`It downloads ${size} once (${names}). The download’s rate and time left show as it goes.`),
    });
  }

  private renderStep() {
    const state = this.guide.state;
    switch (state.step) {
      case 'ready':
        return this.renderStart();
      case 'stopped':
        return html`<p class="problem" role="alert">${state.problem}</p>
          ${this.renderStart()}`;
      case 'loading':
        return this.renderLoading();
      case 'running':
        return this.renderRunning();
      case 'done':
        return html`<p role="status">${msg('The run is complete: opening its verdict…')}</p>`;
    }
  }

  /** The one consent: it names the download, as a load button does. */
  private renderStart() {
    const session = this.context.session;
    const gpu = session.gpu;
    if (gpu.status !== 'done' || !session.cacheChecked) {
      return html`<button type="button" data-guided-start disabled>${msg('Checking your GPU and this browser…')}</button>`;
    }
    if (gpu.verdict.status === 'unsupported') {
      return html`<p>${msg('This browser cannot run the models: it has no usable WebGPU. The GPU note below says what to do.')}</p>`;
    }
    const bytes = this.guide.downloadBytes();
    const anyway = this.software();
    const size = formatBytes(bytes);
    const label =
      bytes > 0
        ? anyway
          ? msg(str`Download ${size} and run anyway`)
          : msg(str`Download ${size} and run`)
        : anyway
          ? msg('Run it anyway')
          : msg('Run it');
    return html`<button type="button" data-guided-start @click=${() => this.guide.start()}>${label}</button>`;
  }

  private renderLoading() {
    const download = this.guide.download();
    const text = download
      ? [msg(str`Downloading the models: ${formatBytes(download.bytesDone)} of about ${formatBytes(download.bytesTotal)}`), downloadLeftText(download.bytesPerSecond, download.secondsLeft)]
          .filter((part) => part !== '')
          .join(' · ')
      : msg('Loading the models on your GPU…');
    return html`<p data-guided-progress>${text}</p>
      ${download ? html`<progress max="1" .value=${download.bytesDone / Math.max(1, download.bytesTotal)} aria-label=${msg('Download of the models')}></progress>` : nothing}
      <lab-polite-status .text=${text} .topic=${download ? 'downloading' : 'loading'}></lab-polite-status>`;
  }

  private renderRunning() {
    const run = this.context.runs.current;
    const left = run ? runLeftText(run) : '';
    const text = [msg(str`Running the experiment: ${formatPercent(run?.progress ?? 0, 0)}`), left].filter((part) => part !== '').join(' · ');
    return html`<p data-guided-progress>${text}</p>
      <progress max="1" .value=${run?.progress ?? 0} aria-label=${msg('Progress of the run')}></progress>
      <lab-polite-status .text=${text} .topic=${'running'}></lab-polite-status>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-guided-run': LabGuidedRun;
  }
}
