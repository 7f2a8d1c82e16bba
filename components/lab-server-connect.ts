import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { countText } from '../src/app/format.ts';
import type { ModelRole } from '../src/core/model.ts';
import { CHAT_TEMPLATE_IDS, type ChatTemplateId } from '../src/core/prompts/chat-templates.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { ServerConnector, type ModelPick } from '../src/app/server-connection.ts';
import { choiceField, type ConnectedServer } from '../src/engine/server/server-catalog.ts';
import './lab-error-message.ts';
import { familyName, softwareName } from './text/server-text.ts';
import { fieldStyles } from './styles/forms.ts';
import { pageStyles } from './styles/shared.ts';

type RoleChoice = ModelPick['role'];

function roleChoiceName(role: RoleChoice): string {
  switch (role) {
    case 'unused':
      return msg('Not used');
    case 'base':
      return msg('Base model');
    case 'instruct':
      return msg('Aligned model (instruct, or a later stage)');
    case 'reasoning':
      return msg('Aligned model (reasoning)');
  }
}

const ROLE_CHOICES: RoleChoice[] = ['base', 'instruct', 'reasoning', 'unused'];

/**
 * "Your server" (issue 14): the address of the user's OpenAI-compatible server and an optional API key, what each
 * connected server was found to be and to serve (one may connect several: vLLM serves one model per process), and
 * which of their models to compare, each with its role and model family.
 */
@customElement('lab-server-connect')
@localized()
export class LabServerConnect extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      form,
      .models {
        display: grid;
        gap: 0.75rem;
      }

      label {
        display: grid;
        gap: 0.25rem;
      }

      .hint {
        font-size: 0.875rem;
        color: var(--lab-text-muted);
        margin: 0;
      }

      fieldset {
        border: 1px solid var(--lab-border-subtle);
        border-radius: var(--lab-radius);
        padding: 0.5rem 0.75rem;
        margin: 0;
        display: grid;
        gap: 0.5rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      }

      legend {
        font-weight: 600;
        overflow-wrap: anywhere;
      }

      .problem {
        color: var(--lab-error);
        font-size: 0.875rem;
        margin: 0;
      }

      ul {
        margin: 0;
        padding-left: 1.2rem;
      }

      li button {
        margin-left: 0.5rem;
      }

      button.secondary {
        background: transparent;
        color: var(--lab-accent);
        border-color: var(--lab-border);
        padding: 0.1em 0.6em;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  private serverConnector: ServerConnector | null = null;

  constructor() {
    super();
    new ChangeController(this, () => [this.connector ?? undefined]);
  }

  /** Made once the context has arrived (a lazily loaded element gets it at its first update). */
  private get connector(): ServerConnector | null {
    if (!this.serverConnector && this.context) this.serverConnector = new ServerConnector(this.context.session);
    return this.serverConnector;
  }

  /** The server the session's comparison is on, so that coming back to the Lab shows its address again. */
  private currentAddress(): string {
    const source = this.context.session.comparison.models[0]?.variants.q4f32?.source;
    return source?.kind === 'server' ? source.connection.baseUrl : '';
  }

  override render() {
    const connector = this.connector;
    if (!connector) return nothing;
    const connecting = connector.state.status === 'connecting';
    return html`
      <form class="card" @submit=${this.onConnect} novalidate>
        <label>
          ${msg('Address of your server’s OpenAI-compatible API')}
          <input type="url" name="baseUrl" required autocomplete="url" placeholder="http://localhost:8000/v1" .value=${this.currentAddress()} />
        </label>
        <label>
          ${msg('API key, if the server needs one')}
          <input type="password" name="apiKey" autocomplete="off" />
        </label>
        <p class="hint">
          ${msg('The key is kept only while this page is open: it is never saved, exported or put in a share link. The lab talks to the server from this browser; docs/scale-out.md shows how to start vLLM, llama.cpp’s server or Ollama for it.')}
        </p>
        <div>
          <button type="submit" ?disabled=${connecting}>${connector.servers.length > 0 ? msg('Connect another server') : msg('Connect')}</button>
        </div>
        ${connecting ? html`<p role="status">${msg('Connecting…')}</p>` : nothing}
        ${connector.state.status === 'failed' ? html`<lab-error-message .error=${connector.state.error}></lab-error-message>` : nothing}
      </form>
      ${connector.servers.length > 0 ? this.renderModels(connector) : nothing}
    `;
  }

  private renderServer(server: ConnectedServer) {
    const facts = server.facts;
    const name = facts.version ? `${softwareName(facts.software)} ${facts.version}` : softwareName(facts.software);
    return html`<li data-detected=${facts.base}>
      ${countText(facts.models.length, {
        one: (n) => msg(str`Connected to ${name} at ${facts.host}. It serves ${n} model.`),
        other: (n) => msg(str`Connected to ${name} at ${facts.host}. It serves ${n} models.`),
      })}
      <button type="button" class="secondary" @click=${() => this.connector?.remove(facts.base)}>${msg('Remove')}</button>
    </li>`;
  }

  private renderModels(connector: ServerConnector) {
    const problemsOf = (field: string) => connector.problems.filter((problem) => problem.field === field);
    const severalServers = connector.servers.length > 1;
    return html`<form class="card models" @submit=${this.onUse} novalidate>
      <div role="status">
        <ul>
          ${connector.servers.map((server) => this.renderServer(server))}
        </ul>
      </div>
      ${connector.picks.map((pick) =>
        this.renderPick(pick, severalServers, [
          ...problemsOf(choiceField('model', pick.server, pick.model)),
          ...problemsOf(choiceField('family', pick.server, pick.model)),
        ]),
      )}
      ${problemsOf('models').map((problem) => html`<p class="problem" role="alert">${problem.message}</p>`)}
      <div><button type="submit">${msg('Use these models')}</button></div>
    </form>`;
  }

  private renderPick(pick: ModelPick, severalServers: boolean, problems: { message: string }[]) {
    const connector = this.connector as ServerConnector;
    const host = connector.servers.find((server) => server.facts.base === pick.server)?.facts.host ?? pick.server;
    return html`<fieldset data-model=${pick.model} data-server=${pick.server}>
      <legend>${severalServers ? `${pick.model} (${host})` : pick.model}</legend>
      <label>
        ${msg('Role')}
        <select
          name="role"
          @change=${(event: Event) => connector.setPick(pick.server, pick.model, { role: (event.target as HTMLSelectElement).value as ModelRole | 'unused' })}
        >
          ${ROLE_CHOICES.map((role) => html`<option value=${role} ?selected=${pick.role === role}>${roleChoiceName(role)}</option>`)}
        </select>
      </label>
      <label>
        ${msg('Model family (its chat format)')}
        <select
          name="family"
          aria-invalid=${problems.length > 0 ? 'true' : 'false'}
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            connector.setPick(pick.server, pick.model, { family: value === '' ? null : (value as ChatTemplateId) });
          }}
        >
          <option value="" ?selected=${pick.family === null}>${msg('Choose…')}</option>
          ${CHAT_TEMPLATE_IDS.map((family) => html`<option value=${family} ?selected=${pick.family === family}>${familyName(family)}</option>`)}
        </select>
      </label>
      ${problems.map((problem) => html`<p class="problem" role="alert">${problem.message}</p>`)}
    </fieldset>`;
  }

  private onConnect(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    void this.connector?.connect(value('baseUrl'), value('apiKey'));
  }

  private onUse(event: Event): void {
    event.preventDefault();
    this.connector?.use();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-server-connect': LabServerConnect;
  }
}
