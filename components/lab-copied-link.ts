import { LitElement, css, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';

/**
 * A link the lab made and tried to put on the clipboard (a share link, a setup link): in a field to select and copy
 * by hand when the browser refused, with a note that says which happened, announced politely.
 */
@customElement('lab-copied-link')
@localized()
export class LabCopiedLink extends LitElement {
  static override styles = css`
    label {
      display: grid;
      gap: 0.25rem;
    }

    input {
      font: inherit;
      font-family: var(--lab-font-mono);
      font-size: 0.875rem;
      color: var(--lab-text);
      background: var(--lab-surface-raised);
      border: 1px solid var(--lab-border);
      border-radius: var(--lab-radius);
      padding: 0.3rem 0.5rem;
      width: 100%;
      box-sizing: border-box;
    }

    input:focus-visible {
      outline: 3px solid var(--lab-focus);
      outline-offset: 1px;
    }

    p {
      color: var(--lab-text-muted);
      margin: 0.5rem 0 0;
    }
  `;

  @property() label = '';
  @property() url = '';
  @property({ type: Boolean }) copied = false;
  /** What to say once the link is on the clipboard: what it holds, in the caller's words. */
  @property() copiedNote = '';

  override render() {
    return html`
      <label>
        ${this.label}
        <input type="text" readonly .value=${this.url} @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()} />
      </label>
      <p role="status">${this.copied ? this.copiedNote : msg('The browser did not let the lab copy it: select the link above and copy it yourself.')}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-copied-link': LabCopiedLink;
  }
}
