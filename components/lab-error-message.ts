import { LitElement, css, html, nothing } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { LabError } from '../src/engine/errors/kinds.ts';
import { pageStyles } from './styles/shared.ts';

/** A failure as users see it: what failed and why, what to do next, and the technical detail one click away. */
@customElement('lab-error-message')
@localized()
export class LabErrorMessage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .card {
        border-left: 0.35rem solid var(--lab-error);
        background: var(--lab-error-surface);
      }

      p {
        margin: 0 0 0.5em;
      }

      .message {
        font-weight: 600;
      }

      code {
        font-family: var(--lab-font-mono);
        white-space: pre-wrap;
        word-break: break-word;
      }
    `,
  ];

  @property({ attribute: false }) error: LabError | null = null;

  override render() {
    const error = this.error;
    if (!error) return nothing;
    return html`
      <div class="card" role="alert">
        <p class="message">${error.message}</p>
        <p>${error.nextStep}</p>
        ${error.detail
          ? html`<details>
              <summary>${msg('Technical detail')}</summary>
              <p><code>${error.detail}</code></p>
            </details>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-error-message': LabErrorMessage;
  }
}
