import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { nextAnnouncement, type Announcement } from '../src/app/time-estimates.ts';
import { pageStyles } from './styles/shared.ts';

/**
 * What a screen reader hears of a progress that changes many times a second (a download, a run): a polite live
 * region, not shown, that speaks when a new topic begins (a phase, the end) and otherwise at most every few seconds
 * with the newest numbers (time-estimates.ts nextAnnouncement). The progress itself is shown beside it, without a
 * live region.
 */
@customElement('lab-polite-status')
export class LabPoliteStatus extends LitElement {
  static override styles = pageStyles;

  /** The newest text; said according to the rule above. */
  @property() text = '';
  /** What the text is about: a new topic is said at once. */
  @property() topic = '';
  @state() private said: Announcement | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text') || changed.has('topic')) this.said = nextAnnouncement(this.said, this.text, this.topic, performance.now());
  }

  override render() {
    return html`<div class="visually-hidden" role="status">${this.said?.text ?? ''}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-polite-status': LabPoliteStatus;
  }
}
