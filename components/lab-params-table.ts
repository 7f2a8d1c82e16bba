import { LitElement, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { paramRows } from './text/run-text.ts';
import { captionStyles, dataTableStyles, pageStyles } from './styles/shared.ts';
import { scrollTable } from './scroll-table.ts';

/** A run's parameters (mode, framing, temperature, seed, N …) as a captioned table, as the Run and Shared-run pages show them. */
@customElement('lab-params-table')
@localized()
export class LabParamsTable extends LitElement {
  static override styles = [pageStyles, dataTableStyles, captionStyles];

  @property({ attribute: false }) params: Record<string, unknown> = {};

  override render() {
    return scrollTable(
      msg('Parameters'),
      [],
      paramRows(this.params).map(
        ([label, value]) => html`<tr>
          <th scope="row">${label}</th>
          <td>${value}</td>
        </tr>`,
      ),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-params-table': LabParamsTable;
  }
}
