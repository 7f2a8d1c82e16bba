import { html, nothing, type TemplateResult } from 'lit';

/**
 * A table of a page with its caption, in its own scrolling region: wide tables do not fit a phone, so the table
 * scrolls by itself (focusable, so keys scroll it too), named by its caption. `columns` are the header row's
 * labels (none for a table of label and value rows); `rows` are the body's <tr>s. The styles are the page's
 * (dataTableStyles, captionStyles in components/styles/shared.ts).
 */
export function scrollTable(caption: string, columns: readonly string[], rows: unknown): TemplateResult {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${caption}>
    <table>
      <caption>
        ${caption}
      </caption>
      ${columns.length > 0
        ? html`<thead>
            <tr>
              ${columns.map((column) => html`<th scope="col">${column}</th>`)}
            </tr>
          </thead>`
        : nothing}
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
