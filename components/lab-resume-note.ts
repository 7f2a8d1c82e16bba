import { LitElement, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import type { ResumeCheck } from '../src/app/history.ts';
import { hrefFor } from '../src/app/router.ts';
import { listText } from './text/run-text.ts';

/**
 * Why a stopped run cannot be resumed now, and what to do about it; with `explainResumable`, also what resuming does
 * when it can. Renders into the page around it (no shadow root), as one of the page's notes.
 */
@customElement('lab-resume-note')
@localized()
export class LabResumeNote extends LitElement {
  @property({ attribute: false }) check: ResumeCheck | null = null;
  @property({ type: Boolean }) explainResumable = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    const check = this.check;
    if (!check) return nothing;
    if (check.ok) {
      return this.explainResumable
        ? html`<p class="note">${msg('This run stopped before the end. Resume it to make the rest of its records.')}</p>`
        : nothing;
    }
    switch (check.reason) {
      case 'another-run':
        return html`<p class="note">${msg('Another run is being made now. Resume this one when it has finished or been stopped.')}</p>`;
      case 'models-missing':
        return html`<p class="note">
          ${msg(str`Resuming needs ${listText(check.missing.map((model) => model.name))} loaded on your GPU.`)}
          <a href=${hrefFor('lab')}>${msg('Load them on the Lab page')}</a>
        </p>`;
      case 'other-version':
        return html`<p class="note">
          ${msg('This run was made with another version of its experiment, so the rest of its records would follow another method. Start a new run instead.')}
          <a href=${hrefFor('lab')}>${msg('Go to the Lab')}</a>
        </p>`;
      case 'not-resumable':
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-resume-note': LabResumeNote;
  }
}
