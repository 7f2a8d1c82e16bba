import { LitElement, css, html, nothing } from 'lit';
import { localized } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { RunState } from '../src/app/run-controller.ts';
import type { Rng010Summary } from '../src/core/probes/rng-0-10/index.ts';
import type { RngSequenceSummary } from '../src/core/probes/rng-sequence/index.ts';
import './charts/lab-answer-chart.ts';
import './charts/lab-repeats-chart.ts';
import './lab-headline-table.ts';
import { pageStyles } from './styles/shared.ts';

/** A run's results: the charts of its probe and its headline numbers, from its live or stored state. */
@localized()
@customElement('lab-run-view')
export class LabRunView extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host {
        display: grid;
        gap: 1.5rem;
      }
    `,
  ];

  @property({ attribute: false }) state: RunState | null = null;

  override render() {
    const state = this.state;
    if (!state) return nothing;
    return html`${this.renderCharts(state)}<lab-headline-table .state=${state}></lab-headline-table>`;
  }

  private renderCharts(state: RunState) {
    switch (state.info.probeId) {
      case 'rng-0-10':
        return html`<lab-answer-chart .summary=${state.summary as Rng010Summary | null} .models=${state.info.models}></lab-answer-chart>`;
      case 'rng-sequence':
        return html`<lab-repeats-chart .summary=${state.summary as RngSequenceSummary | null} .models=${state.info.models}></lab-repeats-chart>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-view': LabRunView;
  }
}
