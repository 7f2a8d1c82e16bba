import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import { countText, formatDateTime } from '../src/app/format.ts';
import { isLive, isRunningElsewhere, resumeCheck, runFiles, type ResumeCheck } from '../src/app/history.ts';
import type { ImportResult } from '../src/app/run-library.ts';
import { storageError } from '../src/app/storage-error.ts';
import { RunsChangedController, oneReadAtATime } from '../src/app/cross-tab.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { hrefFor, hrefForRun } from '../src/app/router.ts';
import type { RunInfo, RunStatus } from '../src/core/results/index.ts';
import type { LabError } from '../src/engine/errors/kinds.ts';
import { downloadFile } from './charts/chart-export.ts';
import type { LabConfirmDialog } from './lab-confirm-dialog.ts';
import './lab-confirm-dialog.ts';
import './lab-error-message.ts';
import './lab-resume-note.ts';
import './lab-run-status.ts';
import { probeTitle } from './text/probe-text.ts';
import { modelsText, runName } from './text/run-names.ts';
import { pageStyles } from './styles/shared.ts';
import { actionStyles, definitionListStyles, runStatusStyles } from './styles/run-pages.ts';

/** What the reader sees after an import: its result, or (as a storage failure) that the file could not be read at all. */
type ImportView = ImportResult;

/**
 * History: every run kept in this browser, newest first, with open, resume, export and delete; and importing a run
 * file (a file input, or a file dropped anywhere on the page).
 */
@customElement('lab-history-page')
@localized()
export class LabHistoryPage extends LitElement {
  static override styles = [
    pageStyles,
    actionStyles,
    definitionListStyles,
    runStatusStyles,
    css`
      :host {
        border-radius: var(--lab-radius);
      }

      :host([dragging]) {
        outline: 3px dashed var(--lab-accent);
        outline-offset: 0.5rem;
      }

      .runs {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--lab-space);
      }

      .run h3 {
        margin: 0 0 0.25rem;
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.75rem;
      }

      .run dl {
        gap: 0.15rem 1rem;
        margin: 0.5rem 0;
      }

      .actions a {
        font-weight: 600;
      }

      .note {
        margin: 0.5rem 0 0;
        font-size: 0.9375rem;
        color: var(--lab-text-muted);
      }

      .outcome {
        margin-top: 0.75rem;
      }

      .outcome.ok {
        border-left: 0.35rem solid var(--lab-ok);
        background: var(--lab-ok-surface);
      }

      .outcome.problem {
        border-left: 0.35rem solid var(--lab-error);
        background: var(--lab-error-surface);
      }

      .outcome p,
      .outcome ul {
        margin: 0 0 0.5em;
      }

      input[type='file'] {
        font: inherit;
        color: var(--lab-text);
        max-width: 100%;
      }

      input[type='file']:focus-visible {
        outline: 3px solid var(--lab-focus);
        outline-offset: 2px;
      }

      label {
        display: grid;
        gap: 0.25rem;
        justify-items: start;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;

  /** Newest first; null while loading. */
  @state() private runs: RunInfo[] | null = null;
  @state() private loadFailure: LabError | null = null;
  @state() private announcement = '';
  @state() private importView: ImportView | null = null;
  @state() private pendingDelete: RunInfo | null = null;
  /** A run's resume, export or delete that failed; another tab making the run is no fault and has its own words. */
  @state() private actionFailure: { runId: string; error: LabError } | { runId: string; elsewhere: string } | null = null;

  @query('lab-confirm-dialog') private confirmDialog!: LabConfirmDialog;
  @query('#runs-heading') private runsHeading!: HTMLElement;

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session, this.context?.runs]);
    new RunsChangedController(this, () => this.context?.otherTabs, () => void this.loadRuns());
    this.addEventListener('dragover', this.onDragOver);
    this.addEventListener('dragleave', this.onDragLeave);
    this.addEventListener('drop', this.onDrop);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') && this.context) void this.loadRuns();
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('History')}</h1>
      <p class="lede">
        ${msg('Every run you make is kept in this browser. Open a run to see its results, resume one that stopped, save it as a file, or import a file someone sent you.')}
      </p>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading" tabindex="-1">${msg('Runs in this browser')}</h2>
        <p role="status" aria-live="polite">${this.announcement}</p>
        ${this.renderRuns()}
      </section>

      <section aria-labelledby="import-heading">
        <h2 id="import-heading">${msg('Import a run')}</h2>
        <p>${msg('Choose a run file (.json) saved from this lab, or drop it anywhere on this page. A file that is not a complete, valid run is refused whole: nothing of it is stored.')}</p>
        <label>
          ${msg('Run file')}
          <input type="file" accept=".json,application/json" @change=${this.onFileChosen} />
        </label>
        <div aria-live="polite">${this.renderImportView()}</div>
      </section>

      ${this.renderDeleteDialog()}
    `;
  }

  private renderRuns() {
    if (this.loadFailure !== null) return html`<lab-error-message .error=${this.loadFailure}></lab-error-message>`;
    if (this.runs === null) return html`<p>${msg('Loading the runs…')}</p>`;
    if (this.runs.length === 0) {
      return html`<p>
        ${msg('No runs yet. Run an experiment on the Lab page, or import a run file below.')}
        <a href=${hrefFor('lab')}>${msg('Go to the Lab')}</a>
      </p>`;
    }
    return html`<ul class="runs">
      ${this.runs.map((info) => this.renderRun(info))}
    </ul>`;
  }

  /** The stored status, or the live one while the run is being made in this tab. */
  private statusOf(info: RunInfo): RunStatus {
    const current = this.context.runs.current;
    return current?.info.id === info.id ? current.info.status : info.status;
  }

  private renderRun(info: RunInfo) {
    const status = this.statusOf(info);
    const live = isLive(info.id, this.context.runs);
    const elsewhere = isRunningElsewhere({ id: info.id, status }, this.context.runs);
    const which = html`<span class="visually-hidden">${msg(str`(${runName(info)})`)}</span>`;
    return html`<li class="card run">
      <h3>
        <span>${probeTitle(info.probeId)}</span>
        <lab-run-status .status=${status}></lab-run-status>
      </h3>
      <dl>
        <dt>${msg('Models')}</dt>
        <dd>${modelsText(info)}</dd>
        <dt>${msg('Started')}</dt>
        <dd>${formatDateTime(info.createdAt)}</dd>
        <dt>${msg('Last change')}</dt>
        <dd>${formatDateTime(info.updatedAt)}</dd>
      </dl>
      <div class="actions">
        <a href=${hrefForRun(info.id)}>${msg('Open')} ${which}</a>
        ${status === 'incomplete' ? this.renderResumeButton(info, which) : nothing}
        <button type="button" class="secondary" data-export="json" @click=${() => this.exportRun(info, 'json')}>
          ${msg('Export JSON')} ${which}
        </button>
        <button type="button" class="secondary" data-export="csv" @click=${() => this.exportRun(info, 'csv')}>
          ${msg('Export CSV')} ${which}
        </button>
        <button type="button" class="danger" data-delete ?disabled=${live || elsewhere} @click=${() => this.askToDelete(info)}>
          ${msg('Delete')} ${which}
        </button>
      </div>
      ${live ? html`<p class="note">${msg('This run is being made now. Stop it on its page before deleting it.')}</p>` : nothing}
      ${elsewhere
        ? html`<p class="note">${msg('This run is going on in another tab. It is shown here as it goes.')}</p>`
        : nothing}
      ${status === 'incomplete' ? this.renderResumeNote(info) : nothing}
      ${this.renderActionFailure(info)}
    </li>`;
  }

  private resumeCheckOf(info: RunInfo): ResumeCheck {
    const loaded = this.context.session.readyModels().map((model) => model.spec.modelId);
    return resumeCheck({ ...info, status: this.statusOf(info) }, this.context.runs, loaded, this.context.session.cachedModelIds());
  }

  private renderResumeButton(info: RunInfo, which: TemplateResult) {
    const check = this.resumeCheckOf(info);
    return html`<button type="button" data-resume ?disabled=${!check.ok} @click=${() => this.resume(info)}>
      ${msg('Resume')} ${which}
    </button>`;
  }

  private renderResumeNote(info: RunInfo) {
    // A failed resume says why instead.
    if (this.actionFailure?.runId === info.id) return nothing;
    return html`<lab-resume-note .check=${this.resumeCheckOf(info)}></lab-resume-note>`;
  }

  private renderActionFailure(info: RunInfo) {
    const failure = this.actionFailure;
    if (failure?.runId !== info.id) return nothing;
    if ('elsewhere' in failure) return html`<p class="note" role="alert">${failure.elsewhere}</p>`;
    return html`<lab-error-message .error=${failure.error}></lab-error-message>`;
  }

  private renderImportView() {
    const view = this.importView;
    if (!view) return nothing;
    if (view.ok) {
      return html`<div class="card outcome ok">
        <p>
          ${countText(view.records, {
            one: (n) => msg(str`Imported ${runName(view.run)}, with ${n} record.`),
            other: (n) => msg(str`Imported ${runName(view.run)}, with ${n} records.`),
          })}
          <a href=${hrefForRun(view.run.id)}>${msg('Open it')}</a>
        </p>
      </div>`;
    }
    switch (view.reason) {
      case 'invalid':
        return html`<div class="card outcome problem" role="alert">
          <p>${msg('This file was not imported: it is not a complete lab run. Nothing was stored.')}</p>
          <ul>
            ${view.problems.map((problem) => html`<li>${problem}</li>`)}
          </ul>
          <p>${msg('Ask whoever sent it to export the run again from the lab, and send the .json file unchanged.')}</p>
        </div>`;
      case 'duplicate':
        return html`<div class="card outcome problem" role="alert">
          <p>${msg(str`This run is already in this browser: ${runName(view.run)}. Nothing was changed.`)}</p>
          <p>${msg('To import the file in its place, delete the stored run first.')}</p>
          <p><a href=${hrefForRun(view.run.id)}>${msg('Open the stored run')}</a></p>
        </div>`;
      case 'storage':
        return html`<lab-error-message .error=${view.error}></lab-error-message>`;
    }
  }

  private renderDeleteDialog() {
    const run = this.pendingDelete;
    return html`<lab-confirm-dialog
      .heading=${msg('Delete this run?')}
      .message=${run
        ? msg(str`Delete the run ${runName(run)} (${modelsText(run)}) with all its results? This cannot be undone. Export it first to keep a copy.`)
        : ''}
      .confirmLabel=${msg('Delete the run')}
    ></lab-confirm-dialog>`;
  }

  /** Reads the runs again; another tab's changes can ask for it while a read is under way. */
  private readonly loadRuns = oneReadAtATime(async () => {
    const listed = await this.context.library.list();
    if (listed.ok) this.runs = listed.value;
    this.loadFailure = listed.ok ? null : listed.error;
  });

  private async exportRun(info: RunInfo, kind: 'json' | 'csv'): Promise<void> {
    this.actionFailure = null;
    const exported = await this.context.library.export(info.id);
    if (!exported.ok) {
      this.actionFailure = { runId: info.id, error: exported.error };
      return;
    }
    if (!exported.value) {
      this.announcement = msg(str`The run ${runName(info)} is no longer in this browser.`);
      await this.loadRuns();
      return;
    }
    const file = runFiles(exported.value)[kind];
    downloadFile(new Blob([file.text], { type: file.type }), file.name);
    this.announcement = msg(str`Saved ${file.name}.`);
  }

  private async resume(info: RunInfo): Promise<void> {
    if (!this.resumeCheckOf(info).ok) return;
    this.actionFailure = null;
    const resumed = await this.context.library.resume(info.id);
    if (resumed.ok) location.hash = hrefForRun(info.id);
    else this.actionFailure = 'elsewhere' in resumed ? { runId: info.id, elsewhere: resumed.message } : { runId: info.id, error: resumed.error };
  }

  private async askToDelete(info: RunInfo): Promise<void> {
    this.pendingDelete = info;
    // The question names this run before it opens.
    await this.updateComplete;
    const confirmed = await this.confirmDialog.ask();
    this.pendingDelete = null;
    if (!confirmed) return;
    this.actionFailure = null;
    const deleted = await this.context.library.delete(info.id);
    if (!deleted.ok) {
      this.actionFailure = { runId: info.id, error: deleted.error };
      return;
    }
    this.announcement = msg(str`Deleted the run ${runName(info)}.`);
    await this.loadRuns();
    // The Delete button that had focus is gone with its run.
    await this.updateComplete;
    this.runsHeading.focus();
  }

  private async importFile(file: File): Promise<void> {
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.importView = { ok: false, reason: 'storage', error: storageError('read-file', error) };
      return;
    }
    this.importView = await this.context.library.import(text);
    if (this.importView.ok) await this.loadRuns();
  }

  private async onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await this.importFile(file);
    // The same file can be chosen again (e.g. after deleting the stored run).
    input.value = '';
  }

  private readonly onDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.toggleAttribute('dragging', true);
  };

  private readonly onDragLeave = (event: DragEvent): void => {
    // Leaving a child for another child is not leaving the page.
    if (event.relatedTarget instanceof Node && this.shadowRoot?.contains(event.relatedTarget)) return;
    this.toggleAttribute('dragging', false);
  };

  private readonly onDrop = (event: DragEvent): void => {
    const file = event.dataTransfer?.files[0];
    this.toggleAttribute('dragging', false);
    if (!file) return;
    event.preventDefault();
    void this.importFile(file);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-history-page': LabHistoryPage;
  }
}
