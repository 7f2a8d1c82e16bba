import { LitElement, html } from 'lit';
import { localized } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { RunStatus } from '../src/core/results/index.ts';
import { runStatusLabel } from './text/run-text.ts';

/**
 * A run's status as a badge: its words, coloured by `runStatusStyles`. It renders into the page around it (no shadow
 * root), so that the status reads as part of the heading it sits in, for screen readers and for the page's text.
 */
@customElement('lab-run-status')
@localized()
export class LabRunStatus extends LitElement {
  @property() status: RunStatus = 'running';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    return html`<span class="badge status-${this.status}">${runStatusLabel(this.status)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-status': LabRunStatus;
  }
}
