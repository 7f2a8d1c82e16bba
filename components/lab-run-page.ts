import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import { countText, formatDateTime, formatNumber } from '../src/app/format.ts';
import { isLive, isRunningElsewhere, readRunExport, readRunState, recordCounts, resumeCheck, runFiles, type ResumeCheck } from '../src/app/history.ts';
import { RunsChangedController, oneReadAtATime } from '../src/app/cross-tab.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { currentLanguage } from '../src/app/locale.ts';
import { hrefFor } from '../src/app/router.ts';
import { RunInAnotherTabError, type RunState } from '../src/app/run-controller.ts';
import { copyToClipboard, shareLinkFor } from '../src/app/share.ts';
import type { GpuInfo, RunInfo, RunModelInfo } from '../src/core/results/index.ts';
import { downloadFile } from './charts/chart-export.ts';
import './lab-diagnostics-report.ts';
import './lab-copied-link.ts';
import './lab-error-message.ts';
import './lab-run-view.ts';
import './lab-self-check-note.ts';
import { probeTitle } from './text/probe-text.ts';
import { listText, paramRows, roleLabel, runStatusLabel } from './text/run-text.ts';
import { exactText, familyName, serverText } from './text/server-text.ts';
import { dataTableStyles, pageStyles } from './styles/shared.ts';

/** The share link once made: the link, or why the run cannot have one; and whether the clipboard took it. */
type ShareView = { ok: true; url: string; copied: boolean } | { ok: false; reason: string };

function gpuText(gpu: GpuInfo | null): string {
  if (!gpu) return msg('Not identified');
  const parts = [gpu.vendor, gpu.architecture, gpu.description].filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : msg('Not reported by the browser');
}

/** How long the model took to load, and whether it came from the browser's cache. */
function loadText(model: RunModelInfo): string {
  const seconds = model.performance?.loadSeconds;
  if (seconds === null || seconds === undefined) return '—';
  const time = msg(str`${formatNumber(seconds, 1)} s`);
  const from = model.performance?.weightsFromCache;
  return from === true ? msg(str`${time} (from the cache)`) : from === false ? msg(str`${time} (downloaded)`) : time;
}

function speedText(model: RunModelInfo): string {
  const speed = model.performance?.tokensPerSecond;
  if (speed === null || speed === undefined) return '—';
  return countText(speed, { one: (n) => msg(str`${n} token/s`), other: (n) => msg(str`${n} tokens/s`) }, 1);
}

function runName(info: RunInfo): string {
  return msg(str`${probeTitle(info.probeId)}, ${formatDateTime(info.createdAt)}`);
}

/**
 * One run: its results, everything needed to repeat or check it (probe and app versions, models and weights, GPU,
 * seed and parameters, N), and its actions: resume, stop, export, share and delete.
 */
@customElement('lab-run-page')
@localized()
export class LabRunPage extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    css`
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.75rem;
      }

      .status-running {
        color: var(--lab-accent);
      }

      .status-complete {
        color: var(--lab-ok);
      }

      .status-incomplete {
        color: var(--lab-warn);
      }

      .status-failed {
        color: var(--lab-error);
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 0.75rem;
      }

      button.secondary {
        background: transparent;
        color: var(--lab-accent);
        border-color: var(--lab-border);
      }

      button.danger {
        background: transparent;
        color: var(--lab-error);
        border-color: var(--lab-error);
      }

      .note {
        color: var(--lab-text-muted);
      }

      .problem {
        border-left: 0.35rem solid var(--lab-error);
        background: var(--lab-error-surface);
      }

      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0 0 1rem;
      }

      dt {
        color: var(--lab-text-muted);
      }

      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }

      .table-scroll {
        margin-bottom: 1rem;
      }

      table {
        min-width: min(100%, 36rem);
      }

      caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 0.5rem;
      }

      code {
        font-family: var(--lab-font-mono);
        overflow-wrap: anywhere;
      }

      progress {
        width: 100%;
        accent-color: var(--lab-accent);
      }

      dialog {
        color: var(--lab-text);
        background: var(--lab-surface-raised);
        border: 1px solid var(--lab-border);
        border-radius: var(--lab-radius);
        padding: 1.25rem;
        max-width: min(32rem, calc(100vw - 2rem));
      }

      dialog h2 {
        margin-top: 0;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @property() runId = '';

  /** The stored run; undefined while loading, null when there is none with this id. */
  @state() private stored: RunState | null | undefined = undefined;
  @state() private loadFailure: string | null = null;
  @state() private share: ShareView | null = null;
  @state() private announcement = '';
  @state() private actionFailure: { action: 'resume' | 'resume-elsewhere' | 'delete'; detail: string } | null = null;

  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session, this.context?.runs]);
    new RunsChangedController(this, () => this.context?.otherTabs, (change) => {
      if (change.runId === this.runId && !isLive(this.runId, this.context.runs)) void this.loadRun();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('runId') || changed.has('context')) && this.context) {
      this.stored = undefined;
      this.share = null;
      this.announcement = '';
      this.actionFailure = null;
      void this.loadRun();
    }
  }

  /** The run as it is now: live while this tab makes it, else as stored. */
  private get view(): RunState | null | undefined {
    const current = this.context.runs.current;
    return current?.info.id === this.runId ? current : this.stored;
  }

  override render() {
    if (this.loadFailure !== null) return this.renderLoadFailure(this.loadFailure);
    const view = this.view;
    if (view === undefined) {
      return html`<h1 tabindex="-1">${msg('Run')}</h1>
        <p role="status">${msg('Loading the run…')}</p>`;
    }
    if (view === null) return this.renderNotFound();
    const info = view.info;
    const live = isLive(info.id, this.context.runs);
    return html`
      <h1 tabindex="-1" class="title">
        <span>${probeTitle(info.probeId)}</span>
        <span class="badge status-${info.status}">${runStatusLabel(info.status)}</span>
      </h1>
      <p class="lede">${msg(str`Started ${formatDateTime(info.createdAt)} on ${listText(info.models.map((model) => model.name))}.`)}</p>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading" class="visually-hidden">${msg('Actions')}</h2>
        <div class="actions">
          ${info.status === 'incomplete' && !live
            ? html`<button type="button" data-resume ?disabled=${!this.resumeCheckOf(info).ok} @click=${this.resume}>${msg('Resume')}</button>`
            : nothing}
          ${live ? html`<button type="button" data-stop @click=${() => this.context.runs.stop()}>${msg('Stop')}</button>` : nothing}
          <button type="button" class="secondary" data-export="json" @click=${() => this.exportRun('json')}>${msg('Export JSON')}</button>
          <button type="button" class="secondary" data-export="csv" @click=${() => this.exportRun('csv')}>${msg('Export CSV')}</button>
          <button type="button" class="secondary" data-share @click=${this.makeShareLink}>${msg('Copy share link')}</button>
          <button type="button" class="danger" data-delete ?disabled=${live || isRunningElsewhere(info, this.context.runs)} @click=${this.askToDelete}>${msg('Delete')}</button>
        </div>
        ${info.status === 'incomplete' && !live ? this.renderResumeNote(info) : nothing}
        ${live ? html`<p class="note">${msg('The run is being made now; stop it before deleting it.')}</p>` : nothing}
        ${isRunningElsewhere(info, this.context.runs)
          ? html`<p class="note">${msg('This run is going on in another tab. It is shown here as it goes.')}</p>`
          : nothing}
        <p role="status" aria-live="polite">${this.announcement}</p>
        ${this.renderActionFailure()}
        ${this.renderShare()}
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">${msg('Results')}</h2>
        <p class="visually-hidden" aria-live="polite">${msg(str`Status: ${runStatusLabel(info.status)}`)}</p>
        ${live
          ? html`<progress max="1" .value=${view.progress} aria-label=${msg('Progress of the run')}></progress>`
          : nothing}
        ${view.error ? html`<lab-error-message .error=${view.error}></lab-error-message>` : nothing}
        <lab-self-check-note .info=${info} .checking=${view.selfChecking ?? null}></lab-self-check-note>
        <lab-run-view .state=${view} .context=${this.context}></lab-run-view>
      </section>

      ${this.renderDetails(view)}
      <section><lab-diagnostics-report .context=${this.context} .runId=${info.id}></lab-diagnostics-report></section>
      ${this.renderDeleteDialog(info)}
    `;
  }

  private renderActionFailure() {
    const failure = this.actionFailure;
    if (failure === null) return nothing;
    // Another tab making the run is no fault: its message says what to do, and there is nothing technical to add.
    if (failure.action === 'resume-elsewhere') return html`<div class="card problem" role="alert"><p>${failure.detail}</p></div>`;
    return html`<div class="card problem" role="alert">
      <p>
        ${failure.action === 'resume'
          ? msg('The run could not be resumed. Check that its models are loaded on the Lab page, then try again.')
          : msg('The run could not be deleted. Reload the page and try again.')}
      </p>
      <details>
        <summary>${msg('Technical detail')}</summary>
        <p><code>${failure.detail}</code></p>
      </details>
    </div>`;
  }

  private renderLoadFailure(detail: string) {
    return html`<h1 tabindex="-1">${msg('Run')}</h1>
      <div class="card problem" role="alert">
        <p>${msg('This browser did not let the lab open its storage, so the run cannot be shown.')}</p>
        <p>${msg('Private windows and some privacy settings block it. Open the lab in a normal window, or allow this site to store data.')}</p>
        <details>
          <summary>${msg('Technical detail')}</summary>
          <p><code>${detail}</code></p>
        </details>
      </div>`;
  }

  private renderNotFound() {
    return html`<h1 tabindex="-1">${msg('Run not found')}</h1>
      <p>
        ${msg('There is no run with this address in this browser. It may have been deleted, or made in another browser: runs stay in the browser that made them, unless they are exported and imported.')}
      </p>
      <p><a href=${hrefFor('history')}>${msg('See the runs in this browser')}</a></p>`;
  }

  private resumeCheckOf(info: RunInfo): ResumeCheck {
    const loaded = this.context.session.readyModels().map((model) => model.spec.modelId);
    return resumeCheck(info, this.context.runs, loaded, this.context.session.cachedModelIds());
  }

  private renderResumeNote(info: RunInfo) {
    const check = this.resumeCheckOf(info);
    if (check.ok) return html`<p class="note">${msg('This run stopped before the end. Resume it to make the rest of its records.')}</p>`;
    switch (check.reason) {
      case 'another-run':
        return html`<p class="note">${msg('Another run is being made now. Resume this one when it has finished or been stopped.')}</p>`;
      case 'models-missing':
        return html`<p class="note">
          ${msg(str`Resuming needs ${listText(check.missing.map((model) => model.name))} loaded on your GPU.`)}
          <a href=${hrefFor('lab')}>${msg('Load them on the Lab page')}</a>
        </p>`;
      case 'not-resumable':
        return nothing;
    }
  }

  private renderShare() {
    const share = this.share;
    if (!share) return nothing;
    if (!share.ok) {
      return html`<div class="card problem" role="alert">
        <p>${msg('This run cannot be shared as a link.')} ${share.reason}</p>
        <p>${msg('Export it as JSON and send the file instead.')}</p>
      </div>`;
    }
    return html`<lab-copied-link
      class="share"
      .label=${msg('Share link')}
      .url=${share.url}
      .copied=${share.copied}
      .copiedNote=${msg('Copied to the clipboard. The link holds the experiment, the models and your headline numbers; it opens in any browser with this lab.')}
    ></lab-copied-link>`;
  }

  private renderDetails(view: RunState) {
    const info = view.info;
    const counts = recordCounts(info, view.records);
    return html`<section aria-labelledby="details-heading">
      <h2 id="details-heading">${msg('Details')}</h2>
      <dl>
        <dt>${msg('Experiment')}</dt>
        <dd>${probeTitle(info.probeId)} (<code>${info.probeId}</code>)</dd>
        <dt>${msg('Experiment version')}</dt>
        <dd><code>${info.specVersion}</code></dd>
        <dt>${msg('Lab version')}</dt>
        <dd><code>${info.appVersion}</code></dd>
        <dt>${msg('Status')}</dt>
        <dd>${runStatusLabel(info.status)}</dd>
        <dt>${msg('Started')}</dt>
        <dd>${formatDateTime(info.createdAt)}</dd>
        <dt>${msg('Last change')}</dt>
        <dd>${formatDateTime(info.updatedAt)}</dd>
        <dt>${msg('GPU')}</dt>
        <dd>${gpuText(info.gpu)}</dd>
        <dt>${msg('Models')}</dt>
        <dd>${info.schedule === 'one-model-at-a-time' ? msg('One at a time (each model loaded in turn)') : msg('Side by side, taking turns')}</dd>
        <dt>${msg('Seed')}</dt>
        <dd><code>${String(info.params.seed)}</code></dd>
        <dt>${msg('Run id')}</dt>
        <dd><code>${info.id}</code></dd>
      </dl>
      <div class="table-scroll" tabindex="0" role="region" aria-label=${msg('Models')}>
        <table>
          <caption>
            ${msg('Models')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Model')}</th>
              <th scope="col">${msg('Role')}</th>
              <th scope="col">${msg('Weights')}</th>
              <th scope="col">${msg('Revision')}</th>
              <th scope="col">${msg('Records (N)')}</th>
              <th scope="col">${msg('Load time')}</th>
              <th scope="col">${msg('Generation speed')}</th>
            </tr>
          </thead>
          <tbody>
            ${info.models.map(
              (model) => html`<tr>
                <th scope="row">${model.name}</th>
                <td>${roleLabel(model.role)}</td>
                <td>${model.server ? `${serverText(model.server)} · ${familyName(model.server.family)}` : html`<code>${model.variant}</code>`}</td>
                <td>${model.revision !== null ? html`<code>${model.revision}</code>` : msg('latest (not pinned)')}</td>
                <td class="number">${formatNumber(counts.get(model.id) ?? 0)}</td>
                <td class="number">${loadText(model)}</td>
                <td class="number">${speedText(model)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${info.params.mode === 'exact'
        ? info.models
            .filter((model) => model.server?.exact === 'top-k')
            .map((model) => html`<p data-bounds>${model.name}: ${exactText(model.server ?? { exact: 'none', topK: null })}</p>`)
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-label=${msg('Parameters')}>
        <table>
          <caption>
            ${msg('Parameters')}
          </caption>
          <tbody>
            ${paramRows(info.params).map(
              ([label, value]) => html`<tr>
                <th scope="row">${label}</th>
                <td>${value}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderDeleteDialog(info: RunInfo) {
    return html`<dialog aria-labelledby="delete-heading" @close=${this.onDeleteDialogClose}>
      <form method="dialog">
        <h2 id="delete-heading">${msg('Delete this run?')}</h2>
        <p>${msg(str`Delete the run ${runName(info)} with all its results? This cannot be undone. Export it first to keep a copy.`)}</p>
        <div class="actions">
          <button type="submit" value="delete" class="danger">${msg('Delete the run')}</button>
          <button type="submit" value="keep" autofocus>${msg('Keep it')}</button>
        </div>
      </form>
    </dialog>`;
  }

  /** Reads the run again; another tab's changes can ask for it while a read is under way. */
  private readonly loadRun = oneReadAtATime(async () => {
    const runId = this.runId;
    try {
      const stored = await readRunState(await this.context.store(), runId, this.context.summaries);
      // A slow read for an earlier address must not replace the run now shown (a read of this one follows).
      if (runId === this.runId) this.stored = stored;
      this.loadFailure = null;
    } catch (error) {
      this.loadFailure = error instanceof Error ? error.message : String(error);
    }
  });

  private async exportRun(kind: 'json' | 'csv'): Promise<void> {
    const exported = await readRunExport(await this.context.store(), this.runId, this.context.summaries);
    if (!exported) {
      this.stored = null;
      return;
    }
    const file = runFiles(exported)[kind];
    downloadFile(new Blob([file.text], { type: file.type }), file.name);
    this.announcement = msg(str`Saved ${file.name}.`);
  }

  private readonly makeShareLink = async (): Promise<void> => {
    const view = this.view;
    if (!view) return;
    const link = shareLinkFor(view.info, view.summary, currentLanguage(), location);
    if (!link.ok) {
      this.share = { ok: false, reason: link.reason };
      return;
    }
    // Browsers refuse the clipboard without a user gesture or permission; the link is then in the field to copy.
    this.share = { ok: true, url: link.url, copied: await copyToClipboard(link.url) };
  };

  private readonly resume = async (): Promise<void> => {
    const view = this.view;
    if (!view || !this.resumeCheckOf(view.info).ok) return;
    this.actionFailure = null;
    try {
      await this.context.runs.open(this.runId, { resume: true });
    } catch (error) {
      this.actionFailure = {
        action: error instanceof RunInAnotherTabError ? 'resume-elsewhere' : 'resume',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  };

  private readonly askToDelete = (): void => {
    this.dialog.showModal();
  };

  private readonly onDeleteDialogClose = async (): Promise<void> => {
    const confirmed = this.dialog.returnValue === 'delete';
    this.dialog.returnValue = '';
    if (!confirmed) return;
    try {
      await (await this.context.store()).deleteRun(this.runId);
      this.context.runs.forget(this.runId);
    } catch (error) {
      this.actionFailure = { action: 'delete', detail: error instanceof Error ? error.message : String(error) };
      return;
    }
    location.hash = hrefFor('history');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-page': LabRunPage;
  }
}
