import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { RunState } from '../src/app/run-controller.ts';
import { headlineFigures } from '../src/app/share.ts';
import { probeTitle } from './text/probe-text.ts';
import { formatMeasure, figureIntervalWords, measureLabel, nText, roleLabel } from './text/run-text.ts';
import { dataTableStyles, pageStyles } from './styles/shared.ts';

/** A run's headline numbers per model: value, 95% interval and N, in one table (every probe has one). */
@customElement('lab-headline-table')
@localized()
export class LabHeadlineTable extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    css`
      table {
        width: 100%;
      }

      caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) state: RunState | null = null;

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const figures = headlineFigures(state.summary);
    if (figures.length === 0) return html`<p>${msg('No answers yet: the numbers appear as the first answers arrive.')}</p>`;
    const caption = msg(str`Headline numbers: ${probeTitle(state.info.probeId)}`);
    // Five columns do not fit a phone: the table scrolls in its own region (focusable, so keys scroll it too).
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${caption}><table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Model')}</th>
          <th scope="col">${msg('Measure')}</th>
          <th scope="col">${msg('Value')}</th>
          <th scope="col">${msg('95% interval')}</th>
          <th scope="col">${msg('N')}</th>
        </tr>
      </thead>
      <tbody>
        ${figures.map((figure) => {
          const model = state.info.models[figure.modelIndex];
          return html`<tr>
            <th scope="row">${model ? `${model.name} — ${roleLabel(model.role)}` : ''}</th>
            <td>${measureLabel(figure.measure)}</td>
            <td class="number">${formatMeasure(figure.measure, figure.value)}</td>
            <td>${figureIntervalWords(figure)}</td>
            <td class="number">${nText(figure.n)}</td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-headline-table': LabHeadlineTable;
  }
}
