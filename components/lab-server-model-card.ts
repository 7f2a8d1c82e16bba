import { css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import type { SessionModel } from '../src/app/lab-session.ts';
import './lab-error-message.ts';
import { roleLabel } from './text/run-text.ts';
import { exactText, familyName, samplingText, serverText } from './text/server-text.ts';
import { SessionModelElement } from './session-model-element.ts';

/**
 * One model on the user's server (issue 14): its role and family, and, once checked on the server, which server it
 * runs on and what that server lets the lab do with it: how exact mode reads answers, how sampled mode asks.
 */
@customElement('lab-server-model-card')
@localized()
export class LabServerModelCard extends SessionModelElement {
  static override styles = [
    ...SessionModelElement.styles,
    css`
      h3 {
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const model = this.model;
    if (!model) return nothing;
    const headingId = `server-model-${model.catalog.id}`;
    const family = model.catalog.chatTemplate;
    const loaded = model.load.status === 'ready' ? model.load.result.server : undefined;
    return html`<section class="card" aria-labelledby=${headingId}>
      <h3 id=${headingId}>${model.catalog.name}</h3>
      <dl>
        <dt>${msg('Role')}</dt>
        <dd>${roleLabel(model.catalog.role)}</dd>
        <dt>${msg('Model family')}</dt>
        <dd>${family ? familyName(family) : '—'}</dd>
        ${loaded
          ? html`<dt>${msg('Server')}</dt>
              <dd>${serverText(loaded.info)}</dd>
              <dt>${msg('Exact mode')}</dt>
              <dd data-exact=${loaded.info.exact}>${exactText(loaded.info)}</dd>
              <dt>${msg('Sampled mode')}</dt>
              <dd>${samplingText(loaded.capabilities)}</dd>`
          : nothing}
      </dl>
      ${this.renderLoad(model)}
    </section>`;
  }

  private renderLoad(model: SessionModel) {
    const session = this.context.session;
    switch (model.load.status) {
      case 'not-loaded':
        return html`<div><button type="button" @click=${() => session.load(model.catalog.id)}>${msg(str`Check ${model.catalog.name} on the server`)}</button></div>`;
      case 'loading':
        return html`<p role="status">${msg('Checking the model on the server…')}</p>`;
      case 'ready':
        return html`<p class="ready" role="status">${msg('Ready: the server answers for this model.')}</p>
          <div><button type="button" class="secondary" @click=${() => session.unload(model.catalog.id)}>${msg('Set aside')}</button></div>`;
      case 'failed':
        return html`<lab-error-message .error=${model.load.error}></lab-error-message>
          <div><button type="button" data-retry @click=${() => session.load(model.catalog.id)}>${msg('Try again')}</button></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-server-model-card': LabServerModelCard;
  }
}
