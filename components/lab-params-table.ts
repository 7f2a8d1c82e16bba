import { LitElement, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { paramRows } from './text/run-text.ts';
import { captionStyles, dataTableStyles, pageStyles } from './styles/shared.ts';

/** A run's parameters (mode, framing, temperature, seed, N …) as a captioned table, as the Run and Shared-run pages show them. */
@customElement('lab-params-table')
@localized()
export class LabParamsTable extends LitElement {
  static override styles = [pageStyles, dataTableStyles, captionStyles];

  @property({ attribute: false }) params: Record<string, unknown> = {};

  override render() {
    return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${msg('Parameters')}>
      <table>
        <caption>
          ${msg('Parameters')}
        </caption>
        <tbody>
          ${paramRows(this.params).map(
            ([label, value]) => html`<tr>
              <th scope="row">${label}</th>
              <td>${value}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-params-table': LabParamsTable;
  }
}
