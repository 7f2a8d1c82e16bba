import { css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { formatBytes, formatNumber, formatPercent } from '../src/app/format.ts';
import { loadProgressView, type LoadProgressView } from '../src/app/load-progress.ts';
import type { SessionModel } from '../src/app/lab-session.ts';
import { cacheHealth, type CachedModel } from '../src/app/storage-controller.ts';
import { CONFIRM_DOWNLOAD_ABOVE_BYTES } from '../src/engine/catalog.ts';
import { needsReload, type LabError } from '../src/engine/errors/kinds.ts';
import type { MemoryNote } from '../src/engine/memory.ts';
import './lab-error-message.ts';
import './lab-polite-status.ts';
import { SessionModelElement } from './session-model-element.ts';
import { downloadLeftText } from './text/time-text.ts';

function roleName(role: SessionModel['catalog']['role']): string {
  switch (role) {
    case 'base':
      return msg('Base model');
    case 'instruct':
      return msg('Aligned model (instruct)');
    case 'reasoning':
      return msg('Aligned model (reasoning)');
  }
}

function phaseName(phase: LoadProgressView['phase']): string {
  switch (phase) {
    case 'preparing':
      return msg('Preparing');
    case 'downloading':
      return msg('Downloading the weights');
    case 'reading-cache':
      return msg('Reading the weights from this browser’s cache');
    case 'compiling':
      return msg('Preparing the GPU programs');
    case 'ready':
      return msg('Ready');
  }
}

/** One checkpoint of the comparison: what it is, what it costs, and its load: button, progress, cancel, errors. */
@customElement('lab-model-card')
@localized()
export class LabModelCard extends SessionModelElement {
  static override styles = [
    ...SessionModelElement.styles,
    css`
      .card {
        background: var(--lab-surface);
      }

      .role {
        color: var(--lab-text-muted);
        margin: 0;
      }

      progress {
        width: 100%;
        height: 0.9rem;
        accent-color: var(--lab-accent);
      }

      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }

      .memory {
        border-left: 0.25rem solid var(--lab-warn);
        padding-left: 0.5rem;
      }

    `,
  ];

  override render() {
    const session = this.context.session;
    const model = this.model;
    if (!model) return nothing;
    const variant = model.catalog.variants[session.variant];
    const headingId = `model-${model.catalog.id}`;
    return html`
      <section class="card" aria-labelledby=${headingId}>
        <h3 id=${headingId}>${model.catalog.name}</h3>
        <p class="role">${roleName(model.catalog.role)}</p>
        <dl>
          <dt>${msg('Download')}</dt>
          <dd>
            ${variant
              ? variant.downloadBytesIsEstimate
                ? msg(str`about ${formatBytes(variant.downloadBytes)}`)
                : formatBytes(variant.downloadBytes)
              : '—'}
            ${model.cache?.readyOffline ? html` · ${msg('already in this browser')}` : nothing}
          </dd>
          <dt>${msg('GPU memory')}</dt>
          <dd>${variant ? msg(str`up to ${formatNumber(variant.vramMB)} MB`) : '—'}</dd>
          <dt>${msg('Weights')}</dt>
          <dd><code>${session.variant}</code></dd>
          <dt>${msg('Licence')}</dt>
          <dd><a href=${model.catalog.licence.url} rel="noopener" target="_blank">${model.catalog.licence.name}</a></dd>
          <dt>${msg('Source')}</dt>
          <dd><a href=${model.catalog.sourceUrl} rel="noopener" target="_blank">${msg('Model card')}</a></dd>
        </dl>
        ${this.renderLoad(model)}
      </section>
    `;
  }

  private renderLoad(model: SessionModel) {
    const session = this.context.session;
    const load = model.load;
    switch (load.status) {
      case 'not-loaded':
        return html`${load.repaired
            ? html`<p role="status">${msg('Its partly downloaded files were cleared: the next load downloads it afresh.')}</p>`
            : nothing}
          ${this.renderMemoryNote(session.memoryNoteFor(model.catalog.id))}
          <div class="row">
            <button type="button" @click=${() => session.load(model.catalog.id)}>${this.loadLabel(model)}</button>
          </div>`;
      case 'loading':
        return this.renderProgress(model);
      case 'ready':
        return html`
          <p class="ready" role="status">
            ${load.result.weightsFromCache
              ? msg('Loaded from this browser’s cache: nothing was downloaded.')
              : msg('Downloaded and loaded. Next time it loads from this browser’s cache.')}
          </p>
          ${load.waitingForTwin ? html`<p class="waiting">${this.waitingForTwinNote(model)}</p>` : nothing}
          <div class="row">
            <button type="button" class="secondary" @click=${() => session.unload(model.catalog.id)}>${msg('Unload')}</button>
          </div>
        `;
      case 'failed':
        return html`
          <lab-error-message .error=${load.error}></lab-error-message>
          ${load.deletable?.length ? this.renderMakeRoom(model, load.deletable) : nothing}
          <div class="row">
            <button type="button" data-retry @click=${() => session.load(model.catalog.id)}>
              ${needsReload(load.error) ? msg('Reload the model') : msg('Try again')}
            </button>
            ${this.offersRepair(model, load.error)
              ? html`<button type="button" class="secondary" data-repair @click=${() => session.repair(model.catalog.id)}>
                  ${msg('Repair: clear its downloaded files')}
                </button>`
              : nothing}
          </div>
        `;
    }
  }

  /** Before a second model loads: what the two need together, and what the lab knows of the GPU (issue 13). */
  private renderMemoryNote(note: MemoryNote | null) {
    if (!note) return nothing;
    const needed = formatBytes(note.neededMB * 1e6);
    const others = note.alongside.join(', ');
    const text =
      note.verdict === 'too-much'
        ? msg(
            str`Together with ${others}, this model needs about ${needed} of GPU memory, but this device reports only ${formatNumber(note.deviceMemoryGB ?? 0)} GB of memory in all: both will not fit. Unload ${others} first, or run one model at a time (an option of the run).`,
          )
        : msg(
            str`Together with ${others}, this model needs about ${needed} of GPU memory at once. The browser does not say how much your GPU has. If this load fails for lack of memory, unload ${others} and run one model at a time (an option of the run).`,
          );
    return html`<p class="memory" data-memory=${note.verdict}>${text}</p>`;
  }

  /** Repair is offered when the cache holds part of the model, or files that may be broken. */
  private offersRepair(model: SessionModel, error: LabError): boolean {
    return (model.cache !== null && cacheHealth(model.cache) === 'partial') || error.kind === 'bad-model';
  }

  /** After a full store: the other cached models, each with a button that deletes it. */
  private renderMakeRoom(model: SessionModel, deletable: CachedModel[]) {
    const storage = this.context.session.storage;
    return html`<div>
      <p>${msg('To make room, delete a model you no longer need from this browser:')}</p>
      <div class="row">
        ${deletable.map(
          (cached) => html`<button
            type="button"
            class="secondary"
            data-delete=${cached.spec.modelId}
            ?disabled=${storage.busyModelId !== null}
            @click=${() => this.context.session.deleteToMakeRoom(model.catalog.id, cached)}
          >
            ${cached.bytes === null
              ? msg(str`Delete ${cached.model.name} (${cached.variant})`)
              : msg(str`Delete ${cached.model.name} (${cached.variant}, ${formatBytes(cached.bytes)})`)}
          </button>`,
        )}
      </div>
    </div>`;
  }

  private waitingForTwinNote(model: SessionModel): string {
    const twin = this.context.session.twinOf(model);
    return msg(
      str`Load ${twin?.catalog.name ?? msg('its instruct twin')} too: before a run, the lab checks that both models split text into the same tokens.`,
    );
  }

  /**
   * The load button names the download when it is large and not cached, so one click is an informed one; on a software
   * renderer it says "anyway", after the note above the cards that the models would be far too slow there.
   */
  private loadLabel(model: SessionModel): string {
    const session = this.context.session;
    const variant = model.catalog.variants[session.variant];
    const anyway = session.gpu.status === 'done' && session.gpu.verdict.status === 'software';
    const name = model.catalog.name;
    if (model.cache?.readyOffline || !variant) return anyway ? msg(str`Load ${name} anyway`) : msg(str`Load ${name}`);
    if (variant.downloadBytes > CONFIRM_DOWNLOAD_ABOVE_BYTES) {
      const size = formatBytes(variant.downloadBytes);
      return anyway ? msg(str`Download ${size} and load anyway`) : msg(str`Download ${size} and load`);
    }
    return anyway ? msg(str`Download and load ${name} anyway`) : msg(str`Download and load ${name}`);
  }

  private renderProgress(model: SessionModel) {
    const view = loadProgressView(model, this.context.session.variant);
    if (!view) return nothing;
    const bytes =
      view.bytesDone !== null && view.bytesTotal !== null
        ? msg(str`${formatBytes(view.bytesDone)} of about ${formatBytes(view.bytesTotal)}`)
        : view.bytesDone !== null
          ? formatBytes(view.bytesDone)
          : '';
    const where = [phaseName(view.phase), formatPercent(view.fraction, 0), bytes].filter((part) => part !== '').join(' · ');
    const left = downloadLeftText(view.bytesPerSecond, view.secondsLeft);
    return html`
      <div>
        <p>${where}</p>
        ${left ? html`<p data-time-left>${left}</p>` : nothing}
      </div>
      <lab-polite-status .text=${`${model.catalog.name}: ${where}. ${left}`} .topic=${view.phase}></lab-polite-status>
      <progress max="1" .value=${view.fraction} aria-label=${msg(str`Loading ${model.catalog.name}`)}></progress>
      <div class="row">
        <button type="button" class="secondary" @click=${() => this.context.session.cancelLoad(model.catalog.id)}>${msg('Cancel')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-model-card': LabModelCard;
  }
}
