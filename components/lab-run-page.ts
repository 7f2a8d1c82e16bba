import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import { countText, formatDateTime, formatNumber } from '../src/app/format.ts';
import { isLive, isRunningElsewhere, recordCounts, resumeCheck, runFiles, type ResumeCheck } from '../src/app/history.ts';
import { RunsChangedController, oneReadAtATime } from '../src/app/cross-tab.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { currentLanguage } from '../src/app/locale.ts';
import { hrefFor } from '../src/app/router.ts';
import type { RunState } from '../src/app/run-controller.ts';
import { copyToClipboard, shareLinkFor } from '../src/app/share.ts';
import { isCurrentVersion, PROBES } from '../src/core/probes/registry.ts';
import type { GpuInfo, RunInfo, RunModelInfo } from '../src/core/results/index.ts';
import type { LabError } from '../src/engine/errors/kinds.ts';
import { downloadFile } from './charts/chart-export.ts';
import type { LabConfirmDialog } from './lab-confirm-dialog.ts';
import './lab-confirm-dialog.ts';
import './lab-diagnostics-report.ts';
import './lab-copied-link.ts';
import './lab-error-message.ts';
import './lab-resume-note.ts';
import './lab-run-status.ts';
import './lab-params-table.ts';
import './lab-run-view.ts';
import './lab-self-check-note.ts';
import { probeTitle } from './text/probe-text.ts';
import { runName } from './text/run-names.ts';
import { listText, roleLabel, runStatusLabel } from './text/run-text.ts';
import { exactText, familyName, serverText } from './text/server-text.ts';
import { captionStyles, dataTableStyles, pageStyles } from './styles/shared.ts';
import { actionStyles, definitionListStyles, problemStyles, runStatusStyles } from './styles/run-pages.ts';
import { scrollTable } from './scroll-table.ts';

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
    actionStyles,
    definitionListStyles,
    problemStyles,
    captionStyles,
    runStatusStyles,
    css`
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.75rem;
      }

      .actions {
        margin-bottom: 0.75rem;
      }

      progress {
        width: 100%;
        accent-color: var(--lab-accent);
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @property() runId = '';

  /** The stored run; undefined while loading, null when there is none with this id. */
  @state() private stored: RunState | null | undefined = undefined;
  @state() private loadFailure: LabError | null = null;
  @state() private share: ShareView | null = null;
  @state() private announcement = '';
  /** A resume, export or delete that failed; another tab making the run is no fault and has its own words. */
  @state() private actionFailure: { error: LabError } | { elsewhere: string } | null = null;

  @query('lab-confirm-dialog') private confirmDialog!: LabConfirmDialog;

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
        <lab-run-status .status=${info.status}></lab-run-status>
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
        ${info.status === 'incomplete' && !live
          ? html`<lab-resume-note .check=${this.resumeCheckOf(info)} explainResumable></lab-resume-note>`
          : nothing}
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
    if ('elsewhere' in failure) return html`<div class="card problem" role="alert"><p>${failure.elsewhere}</p></div>`;
    return html`<lab-error-message .error=${failure.error}></lab-error-message>`;
  }

  private renderLoadFailure(error: LabError) {
    return html`<h1 tabindex="-1">${msg('Run')}</h1>
      <lab-error-message .error=${error}></lab-error-message>`;
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
        <dd>
          <code>${info.specVersion}</code>
          ${isCurrentVersion(info)
            ? nothing
            : html`<span data-other-version>${msg(str`(this lab runs version ${PROBES[info.probeId].version}, whose method differs: the Claims page does not count this run)`)}</span>`}
        </dd>
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
      ${scrollTable(
        msg('Models'),
        [msg('Model'), msg('Role'), msg('Weights'), msg('Revision'), msg('Records (N)'), msg('Load time'), msg('Generation speed')],
        info.models.map(
          (model) => html`<tr>
            <th scope="row">${model.name}</th>
            <td>${roleLabel(model.role)}</td>
            <td>${model.server ? `${serverText(model.server)} · ${familyName(model.server.family)}` : html`<code>${model.variant}</code>`}</td>
            <td>${model.revision !== null ? html`<code>${model.revision}</code>` : msg('latest (not pinned)')}</td>
            <td class="number">${formatNumber(counts.get(model.id) ?? 0)}</td>
            <td class="number">${loadText(model)}</td>
            <td class="number">${speedText(model)}</td>
          </tr>`,
        ),
      )}
      ${info.params.mode === 'exact'
        ? info.models
            .filter((model) => model.server?.exact === 'top-k')
            .map((model) => html`<p data-bounds>${model.name}: ${exactText(model.server ?? { exact: 'none', topK: null })}</p>`)
        : nothing}
      <lab-params-table .params=${info.params}></lab-params-table>
    </section>`;
  }

  private renderDeleteDialog(info: RunInfo) {
    return html`<lab-confirm-dialog
      .heading=${msg('Delete this run?')}
      .message=${msg(str`Delete the run ${runName(info)} with all its results? This cannot be undone. Export it first to keep a copy.`)}
      .confirmLabel=${msg('Delete the run')}
    ></lab-confirm-dialog>`;
  }

  /** Reads the run again; another tab's changes can ask for it while a read is under way. */
  private readonly loadRun = oneReadAtATime(async () => {
    const runId = this.runId;
    const read = await this.context.library.read(runId);
    // A slow read for an earlier address must not replace the run now shown (a read of this one follows).
    if (read.ok && runId === this.runId) this.stored = read.value;
    this.loadFailure = read.ok ? null : read.error;
  });

  private async exportRun(kind: 'json' | 'csv'): Promise<void> {
    this.actionFailure = null;
    const exported = await this.context.library.export(this.runId);
    if (!exported.ok) {
      this.actionFailure = { error: exported.error };
      return;
    }
    if (!exported.value) {
      this.stored = null;
      return;
    }
    const file = runFiles(exported.value)[kind];
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
    const resumed = await this.context.library.resume(this.runId);
    if (!resumed.ok) this.actionFailure = 'elsewhere' in resumed ? { elsewhere: resumed.message } : { error: resumed.error };
  };

  private readonly askToDelete = async (): Promise<void> => {
    if (!(await this.confirmDialog.ask())) return;
    this.actionFailure = null;
    const deleted = await this.context.library.delete(this.runId);
    if (deleted.ok) location.hash = hrefFor('history');
    else this.actionFailure = { error: deleted.error };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-page': LabRunPage;
  }
}
