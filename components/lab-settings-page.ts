import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatBytes, formatPercent } from '../src/app/format.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { hrefFor } from '../src/app/router.ts';
import { defaultStorageAccess, StorageController, type CachedModel, type StorageAccess } from '../src/app/storage-controller.ts';
import type { LabConfirmDialog } from './lab-confirm-dialog.ts';
import './lab-confirm-dialog.ts';
import './lab-error-message.ts';
import { pageStyles } from './styles/shared.ts';
import { actionStyles } from './styles/run-pages.ts';

function modelName(model: CachedModel): string {
  return `${model.model.name} (${model.variant})`;
}

function sizeText(model: CachedModel): string {
  if (model.bytes === null) return msg('size not known');
  return model.bytesIsEstimate ? msg(str`about ${formatBytes(model.bytes)}`) : formatBytes(model.bytes);
}

/**
 * Storage: the models kept in this browser with their sizes, the site's share of the browser's storage, deleting and
 * repairing models, and asking the browser to keep them.
 */
@customElement('lab-settings-page')
@localized()
export class LabSettingsPage extends LitElement {
  static override styles = [
    pageStyles,
    actionStyles,
    css`
      .models {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: var(--lab-space);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      }

      .models h3 {
        margin: 0 0 0.25rem;
      }

      .models p {
        margin: 0.25rem 0;
      }

      .ready {
        color: var(--lab-ok);
      }

      .partial {
        color: var(--lab-warn);
      }

      .actions {
        margin-top: 0.5rem;
      }

      .note {
        color: var(--lab-text-muted);
        font-size: 0.9375rem;
      }

      meter {
        width: min(100%, 24rem);
        height: 1rem;
      }

      .answer.yes {
        border-left: 0.35rem solid var(--lab-ok);
        background: var(--lab-ok-surface);
      }

      .answer.no {
        border-left: 0.35rem solid var(--lab-warn);
        background: var(--lab-warn-surface);
      }

      .answer p {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  /** Where the page asks about the model cache and storage; tests replace it. */
  @property({ attribute: false }) access: StorageAccess = defaultStorageAccess();

  @state() private pendingDelete: CachedModel | null = null;
  @query('lab-confirm-dialog') private confirmDialog!: LabConfirmDialog;

  private storage: StorageController | null = null;

  constructor() {
    super();
    // Followed only while the page is connected, the storage controller included.
    new ChangeController(this, () => [this.context?.session, this.storage ?? undefined]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('context') || changed.has('access')) && this.context) {
      // A model the reader brought (their own base) is checked too.
      this.storage = new StorageController(this.access, () => this.context.session.models.map((model) => model.catalog));
      void this.storage.refresh();
    }
  }

  override render() {
    const storage = this.storage;
    if (!storage) return nothing;
    return html`
      <h1 tabindex="-1">${msg('Storage')}</h1>
      <p class="lede">
        ${msg('Models you download stay in this browser, so that they load quickly next time and work offline. Your runs are kept here too.')}
      </p>

      <section aria-labelledby="space-heading">
        <h2 id="space-heading">${msg('Space used')}</h2>
        ${this.renderEstimate(storage)}
      </section>

      <section aria-labelledby="models-heading">
        <h2 id="models-heading" tabindex="-1">${msg('Downloaded models')}</h2>
        <div aria-live="polite">
          ${storage.models.status === 'checking' ? html`<p>${msg('Checking which models are in this browser…')}</p>` : nothing}
          ${this.renderLastAction(storage)}
        </div>
        ${this.renderModels(storage)}
        <button type="button" class="secondary" ?disabled=${storage.models.status === 'checking'} @click=${() => storage.refresh()}>
          ${msg('Check again')}
        </button>
      </section>

      <section aria-labelledby="keep-heading">
        <h2 id="keep-heading">${msg('Keep downloaded models')}</h2>
        <p>
          ${msg('When space runs low, a browser may clear what a site stores, models included. You can ask it to keep this site’s data until you delete it yourself.')}
        </p>
        ${this.renderPersistence(storage)}
        <p class="note">
          ${msg('Safari may clear this site’s storage after seven days without a visit, unless you add the lab to your Home Screen.')}
        </p>
      </section>

      ${this.renderDeleteDialog()}
    `;
  }

  private renderEstimate(storage: StorageController) {
    const estimate = storage.estimate;
    if (!estimate) return html`<p>${msg('This browser does not say how much space the site uses.')}</p>`;
    const share = estimate.usageBytes / estimate.quotaBytes;
    return html`
      <p>
        ${msg(str`This site uses ${formatBytes(estimate.usageBytes)} of the ${formatBytes(estimate.quotaBytes)} this browser allows it (${formatPercent(share)}).`)}
      </p>
      <meter min="0" max="1" .value=${share} aria-label=${msg('Share of the allowed storage that this site uses')}></meter>
      <p class="note">${msg('Browsers give these numbers roughly, and only for the whole site; the model sizes below are their download sizes.')}</p>
    `;
  }

  private renderModels(storage: StorageController) {
    const models = storage.models;
    switch (models.status) {
      case 'checking':
        return nothing;
      case 'failed':
        return html`<lab-error-message .error=${models.error}></lab-error-message>`;
      case 'done':
        if (models.models.length === 0) {
          return html`<p>
            ${msg('No models are stored in this browser. The models you load on the Lab page are kept here.')}
            <a href=${hrefFor('lab')}>${msg('Go to the Lab')}</a>
          </p>`;
        }
        return html`<ul class="models">
          ${models.models.map((model) => this.renderModel(storage, model))}
        </ul>`;
    }
  }

  /** Whether the Lab page is loading this model now: its files must not be deleted under it. */
  private isLoading(model: CachedModel): boolean {
    return this.context.session.models.some((loaded) => loaded.spec.modelId === model.spec.modelId && loaded.load.status === 'loading');
  }

  private renderModel(storage: StorageController, model: CachedModel) {
    const busy = storage.busyModelId !== null;
    const loading = this.isLoading(model);
    const which = html`<span class="visually-hidden">${msg(str`(${modelName(model)})`)}</span>`;
    return html`<li class="card">
      <h3>${model.model.name}</h3>
      <p><code>${model.variant}</code> · ${sizeText(model)}</p>
      ${model.health === 'ready'
        ? html`<p><span class="badge ready">${msg('Ready offline')}</span></p>`
        : html`<p><span class="badge partial">${msg('Partly downloaded')}</span></p>
            <p class="note">
              ${msg('Some of its files are missing, as after a download that broke off. Repair clears what is there, so that its next load starts clean.')}
            </p>`}
      ${loading ? html`<p class="note">${msg('It is loading on the Lab page; its files can be deleted once it has loaded.')}</p>` : nothing}
      <div class="actions">
        ${model.health === 'ready'
          ? html`<button type="button" class="danger" data-delete ?disabled=${busy || loading} @click=${() => this.askToDelete(model)}>
              ${msg('Delete')} ${which}
            </button>`
          : html`<button type="button" data-repair ?disabled=${busy || loading} @click=${() => storage.remove(model, 'repaired')}>
              ${msg('Repair')} ${which}
            </button>`}
      </div>
    </li>`;
  }

  private renderLastAction(storage: StorageController) {
    const action = storage.lastAction;
    if (!action) return nothing;
    switch (action.kind) {
      case 'deleted':
        return html`<p>${msg(str`Deleted ${modelName(action.model)}: ${sizeText(action.model)} freed.`)}</p>`;
      case 'repaired':
        return html`<p>
          ${msg(str`Cleared what was left of ${modelName(action.model)}. Its next load starts clean and downloads it again.`)}
        </p>`;
      case 'failed':
        return html`<p>${msg(str`The files of ${modelName(action.model)} could not be deleted.`)}</p>
          <lab-error-message .error=${action.error}></lab-error-message>`;
    }
  }

  private renderPersistence(storage: StorageController) {
    if (storage.persisted === true && storage.persistAnswer === null) {
      return html`<div class="card answer yes"><p>${msg('This browser already keeps this site’s data: downloaded models stay until you delete them.')}</p></div>`;
    }
    return html`
      <button type="button" data-keep ?disabled=${storage.persistAnswer === true} @click=${() => storage.keepDownloadedModels()}>
        ${msg('Keep downloaded models')}
      </button>
      <div aria-live="polite">
        ${storage.persistAnswer === true
          ? html`<div class="card answer yes"><p>${msg('Your browser agreed: it will keep downloaded models until you delete them.')}</p></div>`
          : storage.persistAnswer === false
            ? html`<div class="card answer no">
                <p>
                  ${msg('Your browser said no. Chrome and Edge decide by how you use a site (bookmarking the lab or installing it as an app helps); Firefox asks you. The models stay downloaded, but the browser may clear them when space runs low.')}
                </p>
              </div>`
            : nothing}
      </div>
    `;
  }

  private renderDeleteDialog() {
    const model = this.pendingDelete;
    return html`<lab-confirm-dialog
      .heading=${msg('Delete this model?')}
      .message=${model
        ? msg(str`Delete ${modelName(model)} from this browser? This frees ${sizeText(model)}. To use it again, the lab downloads it again.`)
        : ''}
      .confirmLabel=${model ? msg(str`Delete ${sizeText(model)}`) : ''}
    ></lab-confirm-dialog>`;
  }

  private async askToDelete(model: CachedModel): Promise<void> {
    this.pendingDelete = model;
    // The question names this model before it opens.
    await this.updateComplete;
    const confirmed = await this.confirmDialog.ask();
    this.pendingDelete = null;
    if (!confirmed || !this.storage) return;
    await this.storage.remove(model, 'deleted');
    // The Delete button that had focus is gone with the model.
    this.renderRoot.querySelector<HTMLElement>('#models-heading')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-settings-page': LabSettingsPage;
  }
}
