import { LitElement, css, html, nothing } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import { AppUpdateController } from '../src/app/app-update.ts';
import { pageStyles } from './styles/shared.ts';

/**
 * "A new version of the lab is ready: Reload". Shown when a new deploy is cached and waiting; the page keeps running
 * its own version until the user reloads. It never takes focus: a status message, announced politely.
 */
@customElement('lab-update-notice')
@localized()
export class LabUpdateNotice extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .notice {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        box-sizing: border-box;
        width: 100%;
        max-width: var(--lab-max-width);
        margin: 0 auto;
        padding: 0.6rem var(--lab-space);
      }

      .notice p {
        margin: 0;
      }

      .banner {
        background: var(--lab-surface);
        border-bottom: 1px solid var(--lab-border-subtle);
      }
    `,
  ];

  private readonly appUpdate = new AppUpdateController(this);

  override render() {
    // The live region is always in the page, so that screen readers announce the message when it appears in it.
    return html`
      <div class=${this.appUpdate.ready ? 'banner' : ''} role="status">
        ${this.appUpdate.ready
          ? html`<div class="notice">
              <p>${msg('A new version of the lab is ready.')}</p>
              <button type="button" @click=${() => this.appUpdate.switchToNewVersion()}>${msg('Reload')}</button>
            </div>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-update-notice': LabUpdateNotice;
  }
}
