import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import type { LabContext } from '../src/app/lab-context.ts';
import { followLinkLanguage } from '../src/app/locale.ts';
import { hrefFor } from '../src/app/router.ts';
import { readSharePayload, setupFromShare } from '../src/app/share.ts';
import { isCurrentVersion, PROBES } from '../src/core/probes/registry.ts';
import type { ParseResult, SharedFigure, SharedRun } from '../src/core/results/index.ts';
import './lab-params-table.ts';
import { probeTitle } from './text/probe-text.ts';
import { catalogModelName, formatMeasure, figureIntervalWords, listText, measureLabel, nText, roleLabel } from './text/run-text.ts';
import { captionStyles, dataTableStyles, pageStyles } from './styles/shared.ts';
import { definitionListStyles, problemStyles } from './styles/run-pages.ts';
import { scrollTable } from './scroll-table.ts';

/**
 * A run someone shared by link: the experiment (probe, models, parameters and seed), the sender's headline numbers
 * with their intervals and N, clearly the sender's, and a way to run the same experiment on the reader's own GPU.
 */
@customElement('lab-share-page')
@localized()
export class LabSharePage extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    definitionListStyles,
    problemStyles,
    captionStyles,
    css`
      .senders {
        border-left: 0.35rem solid var(--lab-chart-reference);
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @property() payload = '';

  @state() private decoded: ParseResult<SharedRun> | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('payload')) return;
    this.decoded = readSharePayload(this.payload);
    // A reader who never chose a language sees the sender's.
    if (this.decoded.ok) void followLinkLanguage(this.decoded.value.language);
  }

  override render() {
    const decoded = this.decoded;
    if (!decoded) return nothing;
    return decoded.ok ? this.renderShare(decoded.value) : this.renderDamaged(decoded.problems);
  }

  private renderDamaged(problems: string[]) {
    return html`
      <h1 tabindex="-1">${msg('Shared run')}</h1>
      <div class="card problem" role="alert">
        <p>${msg('This link is damaged or was changed, so the lab cannot open it. It may have been cut off when it was copied.')}</p>
        <p>${msg('Ask the sender to copy the link again, in full, or to send the run as a file.')}</p>
        <details>
          <summary>${msg('What is wrong with the link')}</summary>
          <ul>
            ${problems.map((problem) => html`<li>${problem}</li>`)}
          </ul>
        </details>
      </div>
      <p><a href=${hrefFor('lab')}>${msg('Go to the Lab to run an experiment yourself')}</a></p>
    `;
  }

  private renderShare(shared: SharedRun) {
    const modelNames = shared.models.map((model) => catalogModelName(model.catalogId));
    const labVersion = PROBES[shared.probeId].version;
    return html`
      <h1 tabindex="-1">${msg(str`A shared run: ${probeTitle(shared.probeId)}`)}</h1>
      <p class="lede">${msg(str`Someone shared this experiment with you: ${probeTitle(shared.probeId)}, on ${listText(modelNames)}.`)}</p>

      <section aria-labelledby="experiment-heading">
        <h2 id="experiment-heading">${msg('The experiment')}</h2>
        <dl>
          <dt>${msg('Experiment')}</dt>
          <dd>${probeTitle(shared.probeId)} (<code>${shared.probeId}</code>)</dd>
          <dt>${msg('Experiment version')}</dt>
          <dd>
            <code>${shared.specVersion}</code>
            ${!isCurrentVersion(shared)
              ? msg(str`(this lab has version ${labVersion}, so a run here can also differ for that reason)`)
              : nothing}
          </dd>
          <dt>${msg('Seed')}</dt>
          <dd><code>${String(shared.params.seed)}</code></dd>
        </dl>
        ${scrollTable(
          msg('Models'),
          [msg('Model'), msg('Role'), msg('Weights')],
          shared.models.map(
            (model, i) => html`<tr>
              <th scope="row">${modelNames[i]}</th>
              <td>${roleLabel(model.role)}</td>
              <td><code>${model.variant}</code></td>
            </tr>`,
          ),
        )}
        <lab-params-table .params=${shared.params}></lab-params-table>
      </section>

      <section aria-labelledby="senders-heading">
        <h2 id="senders-heading">${msg('The sender’s results')}</h2>
        <div class="card senders">
          <p>
            ${msg('These numbers were measured by the sender, on the sender’s GPU. Your own run will run on your GPU and can differ: different hardware computes slightly different probabilities, and sampled runs draw different answers. Compare the two by their intervals, not digit by digit.')}
          </p>
          ${shared.summary.length > 0
            ? this.renderFigures(shared, modelNames)
            : html`<p>${msg('The link carries no numbers: the sender’s run had no results yet when it was shared.')}</p>`}
        </div>
      </section>

      <section aria-labelledby="yours-heading">
        <h2 id="yours-heading">${msg('Run it yourself')}</h2>
        ${this.renderRunButton(shared)}
      </section>
    `;
  }

  private renderFigures(shared: SharedRun, modelNames: string[]) {
    return scrollTable(
      msg('The sender’s headline numbers'),
      [msg('Model'), msg('Measure'), msg('Sender’s value'), msg('Interval'), msg('N')],
      shared.summary.map((figure) => this.renderFigure(figure, modelNames)),
    );
  }

  private renderFigure(figure: SharedFigure, modelNames: string[]) {
    return html`<tr>
      <th scope="row">${modelNames[figure.modelIndex]}</th>
      <td>${measureLabel(figure.measure)}</td>
      <td class="number">${formatMeasure(figure.measure, figure.value)}</td>
      <td>${figureIntervalWords(figure)}</td>
      <td class="number">${nText(figure.n)}</td>
    </tr>`;
  }

  private renderRunButton(shared: SharedRun) {
    if (!setupFromShare(shared)) {
      return html`<p>
        ${msg('This run used a model that this lab cannot load for you, such as a base model the sender hosts at their own address. Choose the models yourself on the Lab page and set the same parameters to compare.')}
        <a href=${hrefFor('lab')}>${msg('Go to the Lab')}</a>
      </p>`;
    }
    return html`
      <p>${msg('The Lab page opens with the same models and parameters chosen. Nothing downloads until you load a model there.')}</p>
      <button type="button" data-run-here @click=${() => this.runHere(shared)}>${msg('Run this on my GPU')}</button>
    `;
  }

  private runHere(shared: SharedRun): void {
    this.context.runs.prepareNext(setupFromShare(shared));
    location.hash = hrefFor('lab');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-share-page': LabSharePage;
  }
}
