import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ProbeId } from '../src/core/probes/index.ts';
import { countText, formatNumber } from '../src/app/format.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { currentLanguage } from '../src/app/locale.ts';
import { copyToClipboard, setupLinkFor, setupModelsOf } from '../src/app/share.ts';
import type { RunParams } from '../src/core/results/index.ts';
import { checkDraft, draftFor, isProbeId, listFromText, OPPONENT_IDS, PROBE_IDS, probeModes, type RunDraft } from '../src/app/run-draft.ts';
import './lab-copied-link.ts';
import { opponentDescription, opponentName, probeQuestion, probeTitle } from './text/probe-text.ts';
import { runEstimateText } from './text/time-text.ts';
import { fieldStyles } from './styles/forms.ts';
import { pageStyles } from './styles/shared.ts';

/** Exact mode reads the model's own distribution (src/core/probes/probe.ts CommonParams): the temperature it runs at. */
const EXACT_TEMPERATURE = 1;

/** Fired when a run has been started; `runId` names it. */
export class RunStartedEvent extends Event {
  static readonly eventName = 'run-started';
  readonly runId: string;

  constructor(runId: string) {
    super(RunStartedEvent.eventName, { bubbles: true, composed: true });
    this.runId = runId;
  }
}

/**
 * Choose a probe and its parameters, and start or stop a run on the loaded models. The browser's own form checks
 * (min, max, required) give localised messages; the probe's checkParams is the final word.
 * @fires run-started
 */
@customElement('lab-run-form')
@localized()
export class LabRunForm extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
      }

      fieldset {
        border: 1px solid var(--lab-border-subtle);
        border-radius: var(--lab-radius);
        padding: 0.75rem 1rem;
        margin: 0;
      }

      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }

      .fields {
        display: grid;
        gap: 0.75rem 1.5rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
        align-items: start;
      }

      label {
        display: grid;
        gap: 0.25rem;
      }

      .choice {
        display: flex;
        gap: 0.4rem;
        align-items: baseline;
      }

      input[type='radio'] {
        accent-color: var(--lab-accent);
      }

      input:focus-visible,
      select:focus-visible,
      textarea:focus-visible {
        outline: 3px solid var(--lab-focus);
        outline-offset: 1px;
      }

      .hint {
        font-size: 0.875rem;
        color: var(--lab-text-muted);
        margin: 0;
      }

      .actions {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        flex-wrap: wrap;
      }

      button.secondary {
        background: transparent;
        color: var(--lab-accent);
        border-color: var(--lab-border);
      }

      .problem {
        color: var(--lab-error);
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @state() private probeId: ProbeId = 'rng-0-10';
  @state() private draft: RunDraft = draftFor('rng-0-10');
  @state() private problem = '';
  /** Run one model at a time (issue 13), and which models: catalog ids; null until the reader picks. */
  @state() private oneAtATime = false;
  @state() private picked: string[] | null = null;
  /** The setup link once made (issue 16), and whether the clipboard took it. */
  @state() private setupLink: { url: string; copied: boolean } | null = null;

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session, this.context?.runs, this.context?.speeds]);
  }

  /** Preselects a probe and its parameters (e.g. from a shared link). */
  setUp(probeId: ProbeId, params: unknown): void {
    this.probeId = probeId;
    this.draft = { ...draftFor(probeId), ...(params as object) };
  }

  override render() {
    const running = this.context.runs.running;
    const ready = this.oneAtATime ? this.pickedModels().length > 0 : this.context.session.readyModels().length > 0;
    return html`
      <form @submit=${this.onSubmit} novalidate>
        <label>
          ${msg('Experiment')}
          <select @change=${this.onProbeChange} ?disabled=${running}>
            ${PROBE_IDS.map((id) => html`<option value=${id} ?selected=${id === this.probeId}>${probeTitle(id)}</option>`)}
          </select>
        </label>
        <p class="hint">${probeQuestion(this.probeId)}</p>
        <fieldset ?disabled=${running}>
          <legend>${msg('How to ask')}</legend>
          <div class="fields">
            ${probeModes(this.probeId).length > 1 ? this.renderMode() : nothing} ${this.renderFraming()} ${this.renderTemperature()}
            <label>
              ${msg('Seed')}
              <input type="number" name="seed" min="0" max="4294967295" step="1" required .value=${String(this.draft.seed)} @input=${this.numberField('seed')} />
              <span class="hint">${msg('The same seed repeats the same run (on the same GPU).')}</span>
            </label>
            ${this.renderProbeFields()}
          </div>
        </fieldset>
        ${this.renderSchedule(running)}
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
        <div class="actions">
          ${running
            ? html`<button type="button" @click=${() => this.context.runs.stop()}>${msg('Stop')}</button>`
            : html`<button type="submit" ?disabled=${!ready}>${msg('Run')}</button>`}
          ${ready ? nothing : html`<span class="hint">${this.oneAtATime ? msg('Choose at least one downloaded model.') : msg('Load at least one model first.')}</span>`}
          <button type="button" class="secondary" data-setup-link @click=${this.copySetupLink}>${msg('Copy a link to this setup')}</button>
        </div>
        ${ready && !running ? html`<p class="hint" data-run-estimate>${runEstimateText(this.estimate())}</p>` : nothing}
        ${this.setupLink
          ? html`<lab-copied-link
              class="setup-link"
              .label=${msg('Setup link')}
              .url=${this.setupLink.url}
              .copied=${this.setupLink.copied}
              .copiedNote=${msg('Copied to the clipboard. It opens the Lab with these models, this experiment and its parameters filled in, and nothing run: send it to your class.')}
            ></lab-copied-link>`
          : nothing}
        ${this.renderSelfChecking()}
      </form>
    `;
  }

  /**
   * "One model at a time", for GPUs that cannot hold two models: the run loads each chosen model in turn from this
   * browser's cache. Not for a bring-your-own base, which is checked against its twin with both loaded.
   */
  private renderSchedule(running: boolean) {
    const session = this.context.session;
    if (session.models.some((model) => session.twinOf(model) !== null)) return nothing;
    const picked = this.pickedModels();
    return html`<fieldset ?disabled=${running}>
      <legend>${msg('GPU memory')}</legend>
      <label class="choice">
        <input type="checkbox" name="one-at-a-time" .checked=${this.oneAtATime} @change=${(event: Event) => (this.oneAtATime = (event.target as HTMLInputElement).checked)} />
        ${msg('One model at a time: all answers of one model, then it is unloaded and the next is loaded. For GPUs that cannot hold both models; each model must be downloaded first.')}
      </label>
      ${this.oneAtATime
        ? html`<div class="fields">
            ${session.models.map((model) => {
              const usable = model.load.status === 'ready' || model.cache?.readyOffline === true;
              return html`<label class="choice">
                <input
                  type="checkbox"
                  name="run-model"
                  value=${model.catalog.id}
                  ?disabled=${!usable}
                  .checked=${usable && picked.includes(model.catalog.id)}
                  @change=${(event: Event) => this.pick(model.catalog.id, (event.target as HTMLInputElement).checked)}
                />
                ${model.catalog.name}${usable ? nothing : html` <span class="hint">${msg('(not downloaded yet: load it once first)')}</span>`}
              </label>`;
            })}
          </div>`
        : nothing}
    </fieldset>`;
  }

  /** While the run checks a model's exact answers against sampled ones on this GPU (its first exact run here). */
  private renderSelfChecking() {
    const checking = this.context.runs.current?.selfChecking;
    if (!checking) return nothing;
    return html`<p class="hint" role="status">
      ${countText(checking.total, {
        one: (n) => msg(str`First exact run of this model on this GPU: checking the exact answers against ${n} sampled one (${formatNumber(checking.done)} done).`),
        other: (n) => msg(str`First exact run of this model on this GPU: checking the exact answers against ${n} sampled ones (${formatNumber(checking.done)} done).`),
      })}
    </p>`;
  }

  /** The time this run should take on this machine, from its earlier speed; null when it cannot be told yet. */
  private estimate(): number | null {
    const session = this.context.session;
    const models = this.oneAtATime ? session.models.filter((model) => this.pickedModels().includes(model.catalog.id)) : session.readyModels();
    return this.context.speeds.estimate(this.probeId, this.draft, models);
  }

  /**
   * A link to this setup for a class: the comparison, the experiment and its parameters as the probe's checks accept
   * them, through the same checks as share links; no results, and never a server's address or key.
   */
  private readonly copySetupLink = async (): Promise<void> => {
    this.setupLink = null;
    const form = this.renderRoot.querySelector('form');
    if (form && !form.reportValidity()) return;
    const checked = checkDraft(this.probeId, this.draft);
    if (!checked.ok) {
      this.problem = checked.problem;
      return;
    }
    const session = this.context.session;
    const link = setupLinkFor(this.probeId, checked.params as RunParams, setupModelsOf(session), session.variant, currentLanguage(), location);
    if (!link.ok) {
      this.problem = link.reason;
      return;
    }
    this.setupLink = { url: link.url, copied: await copyToClipboard(link.url) };
  };

  /** The chosen models that can run one at a time (loaded, or whole in the cache), in the comparison's order. */
  private pickedModels(): string[] {
    const session = this.context.session;
    const chosen = this.picked ?? [...session.comparison.defaultPair, ...session.readyModels().map((model) => model.catalog.id)];
    return session.models
      .filter((model) => chosen.includes(model.catalog.id) && (model.load.status === 'ready' || model.cache?.readyOffline === true))
      .map((model) => model.catalog.id);
  }

  private pick(id: string, chosen: boolean): void {
    const current = this.picked ?? this.pickedModels();
    this.picked = chosen ? [...new Set([...current, id])] : current.filter((other) => other !== id);
  }

  private renderMode() {
    const mode = this.draft.mode;
    return html`<div role="radiogroup" aria-label=${msg('Mode')}>
      <span>${msg('Mode')}</span>
      <label class="choice">
        <input type="radio" name="mode" value="exact" .checked=${mode === 'exact'} @change=${() => this.set('mode', 'exact')} />
        ${msg('Exact: read the answer probabilities from the model')}
      </label>
      <label class="choice">
        <input type="radio" name="mode" value="sampled" .checked=${mode === 'sampled'} @change=${() => this.set('mode', 'sampled')} />
        ${msg('Sampled: ask many times and count, as the paper did')}
      </label>
    </div>`;
  }

  /**
   * Exact mode reads the model's own distribution in every probe, so its temperature is fixed at 1 there. The value
   * is bound with live(): the field must show 1 on switching to exact mode even when no render came between typing
   * a temperature and the switch.
   */
  private renderTemperature() {
    const exact = this.draft.mode === 'exact';
    return html`<label>
      ${msg('Temperature')}
      <input
        type="number"
        min="0"
        max="2"
        step="0.05"
        required
        ?disabled=${exact}
        .value=${live(String(exact ? EXACT_TEMPERATURE : this.draft.temperature))}
        @input=${this.numberField('temperature')}
      />
      <span class="hint">
        ${exact
          ? msg('Exact mode reads the model’s own probabilities, at temperature 1. The temperature applies to sampled mode.')
          : msg('1 samples the model’s own distribution.')}
      </span>
    </label>`;
  }

  private renderFraming() {
    const framing = this.draft.framing;
    return html`<div role="radiogroup" aria-label=${msg('Framing')}>
      <span>${msg('Framing')}</span>
      <label class="choice">
        <input type="radio" name="framing" value="native" .checked=${framing === 'native'} @change=${() => this.set('framing', 'native')} />
        ${msg('Native: each model in its own format')}
      </label>
      <label class="choice">
        <input type="radio" name="framing" value="same-text" .checked=${framing === 'same-text'} @change=${() => this.set('framing', 'same-text')} />
        ${msg('Same text for both models')}
      </label>
    </div>`;
  }

  private renderProbeFields() {
    switch (this.probeId) {
      case 'rng-0-10':
        return this.integerField('n', msg('Answers per model'), 1, 100_000, msg('In exact mode: the size of the simulated sample.'));
      case 'rng-sequence':
        return this.integerField('n', msg('Sequences per model'), 1, 10_000, '');
      case 'rps':
      case 'hide-and-seek':
        return html`
          ${this.renderOpponent()} ${this.integerField('rounds', msg('Rounds'), 1, 1000, '')}
          ${this.probeId === 'hide-and-seek'
            ? html`<label>
                ${msg('Hiding places (comma-separated, one word each)')}
                <input
                  type="text"
                  required
                  .value=${(this.draft.places as string[]).join(', ')}
                  @input=${(event: Event) => this.set('places', listFromText((event.target as HTMLInputElement).value, /,/))}
                />
              </label>`
            : nothing}
        `;
      case 'poem':
        return html`
          <label>
            ${msg('Poem topics (one per line)')}
            <textarea
              rows="6"
              required
              .value=${(this.draft.topics as string[]).join('\n')}
              @input=${(event: Event) => this.set('topics', listFromText((event.target as HTMLTextAreaElement).value, /\n/))}
            ></textarea>
          </label>
          ${this.integerField('poemsPerPrompt', msg('Poems per topic and model'), 2, 50, '')}
          ${this.integerField('maxTokens', msg('Longest poem (tokens)'), 16, 1024, '')}
        `;
    }
  }

  private renderOpponent() {
    const chosen = String(this.draft.opponent);
    return html`<label>
      ${msg('Opponent')}
      <select @change=${(event: Event) => this.set('opponent', (event.target as HTMLSelectElement).value)}>
        ${OPPONENT_IDS.map((id) => html`<option value=${id} ?selected=${id === chosen}>${opponentName(id)}</option>`)}
      </select>
      <span class="hint">${opponentDescription(chosen)}</span>
    </label>`;
  }

  private integerField(name: string, label: string, min: number, max: number, hint: string) {
    return html`<label>
      ${label}
      <input type="number" name=${name} min=${min} max=${max} step="1" required .value=${String(this.draft[name])} @input=${this.numberField(name)} />
      ${hint ? html`<span class="hint">${hint}</span>` : nothing}
    </label>`;
  }

  private numberField(name: string) {
    return (event: Event) => this.set(name, (event.target as HTMLInputElement).valueAsNumber);
  }

  private set(name: string, value: unknown): void {
    this.draft = { ...this.draft, [name]: value };
    this.problem = '';
    this.setupLink = null;
  }

  private onProbeChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (!isProbeId(value)) return;
    this.probeId = value;
    this.draft = draftFor(value);
    this.problem = '';
    this.setupLink = null;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    // The draft keeps a sampled-mode temperature while exact mode is chosen; the run records the one it used.
    const draft = this.draft.mode === 'exact' ? { ...this.draft, temperature: EXACT_TEMPERATURE } : this.draft;
    const checked = checkDraft(this.probeId, draft);
    if (!checked.ok) {
      this.problem = checked.problem;
      return;
    }
    try {
      const runId = await this.context.runs.start(
        this.probeId,
        checked.params,
        this.oneAtATime ? { schedule: 'one-model-at-a-time', modelIds: this.pickedModels() } : {},
      );
      this.dispatchEvent(new RunStartedEvent(runId));
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-form': LabRunForm;
  }
  interface HTMLElementEventMap {
    'run-started': RunStartedEvent;
  }
}
