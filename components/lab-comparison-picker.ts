import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { countText, formatBytes } from '../src/app/format.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { bringYourOwnBase } from '../src/engine/bring-your-own-base.ts';
import { BRING_YOUR_OWN_TWINS, COMPARISONS, downloadSize, type Comparison, type InputProblem } from '../src/engine/catalog.ts';
import { comparisonDescription } from './text/catalog-text.ts';
import { fieldStyles } from './styles/forms.ts';
import { pageStyles } from './styles/shared.ts';

/** Choose which checkpoints to compare: a catalog comparison, or your own base model with a prebuilt twin. */
@customElement('lab-comparison-picker')
@localized()
export class LabComparisonPicker extends LitElement {
  static override styles = [
    pageStyles,
    fieldStyles,
    css`
      .options {
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      }

      label.option {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 0.6rem;
        align-items: start;
        align-content: start;
        cursor: pointer;
      }

      label.option:has(input:checked) {
        border-color: var(--lab-accent);
        box-shadow: 0 0 0 1px var(--lab-accent);
      }

      label.option:has(input:focus-visible) {
        outline: 3px solid var(--lab-focus);
        outline-offset: 2px;
      }

      input[type='radio'] {
        accent-color: var(--lab-accent);
        margin-top: 0.3rem;
      }

      .name {
        font-weight: 600;
      }

      .details {
        grid-column: 2;
        font-size: 0.9375rem;
        color: var(--lab-text-muted);
        margin: 0;
      }

      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }

      legend {
        font-weight: 600;
        margin-bottom: 0.5rem;
      }

      .byo {
        display: grid;
        gap: 0.75rem;
        margin-top: 0.75rem;
      }

      .byo label {
        display: grid;
        gap: 0.25rem;
      }

      .byo input[aria-invalid='true'] {
        border-color: var(--lab-error);
      }

      .problem {
        color: var(--lab-error);
        font-size: 0.875rem;
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @state() private showOwn = false;
  /** "Your server" is chosen (its form loads on first use: issue 14). */
  @state() private showServer = false;
  @state() private problems: InputProblem[] = [];
  @state() private twinId = BRING_YOUR_OWN_TWINS[0]?.id ?? '';

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session]);
  }

  override render() {
    const session = this.context.session;
    const busy = session.models.some((model) => model.load.status === 'loading');
    const chosen = this.showOwn ? 'bring-your-own' : this.showServer ? 'your-server' : session.comparison.id;
    return html`
      <fieldset ?disabled=${busy}>
        <legend>${msg('Which models to compare')}</legend>
        <div class="options">
          ${COMPARISONS.map((comparison) => this.renderOption(comparison, chosen === comparison.id))}
          <label class="option card">
            <input type="radio" name="comparison" value="bring-your-own" .checked=${this.showOwn} @change=${() => this.chooseOther('own')} />
            <span class="name">${msg('Bring your own base model')}</span>
            <p class="details">${comparisonDescription('bring-your-own')}</p>
          </label>
          <label class="option card">
            <input type="radio" name="comparison" value="your-server" .checked=${chosen === 'your-server'} @change=${() => this.chooseOther('server')} />
            <span class="name">${msg('Your server')}</span>
            <p class="details">${comparisonDescription('your-server')}</p>
          </label>
        </div>
        ${this.showOwn ? this.renderOwnForm() : nothing}
        ${chosen === 'your-server' ? this.renderServerForm() : nothing}
      </fieldset>
    `;
  }

  private renderOption(comparison: Comparison, checked: boolean) {
    const variant = this.context.session.variant;
    const size = downloadSize(comparison.models, variant);
    return html`<label class="option card">
      <input type="radio" name="comparison" value=${comparison.id} .checked=${checked} @change=${() => this.choose(comparison)} />
      <span class="name">${comparison.name}</span>
      <p class="details">${comparisonDescription(comparison.id)}</p>
      <p class="details">
        ${countText(comparison.models.length, {
          one: (n) => msg(str`${n} model, about ${formatBytes(size.bytes)} with ${variant} weights.`),
          other: (n) => msg(str`${n} models, about ${formatBytes(size.bytes)} in all with ${variant} weights.`),
        })}
      </p>
    </label>`;
  }

  private renderOwnForm() {
    const problem = (field: string) => this.problems.filter((p) => p.field === field);
    const urlField = (variant: 'q4f16' | 'q4f32', label: string) => {
      const fieldProblems = problem(`weightsUrls.${variant}`);
      const id = `problem-${variant}`;
      return html`<label>
        ${label}
        <input
          type="url"
          name=${variant}
          placeholder="https://huggingface.co/you/model-${variant}_1-MLC/resolve/main/"
          aria-invalid=${fieldProblems.length > 0 ? 'true' : 'false'}
          aria-describedby=${id}
        />
        <span id=${id}>${fieldProblems.map((p) => html`<p class="problem">${p.message}</p>`)}</span>
      </label>`;
    };
    return html`<form class="byo card" @submit=${this.onOwnSubmit} novalidate>
      <label>
        ${msg('Instruct twin (its model library runs your base model)')}
        <select name="twin" @change=${(event: Event) => (this.twinId = (event.target as HTMLSelectElement).value)}>
          ${BRING_YOUR_OWN_TWINS.map((twin) => html`<option value=${twin.id} ?selected=${twin.id === this.twinId}>${twin.name}</option>`)}
        </select>
      </label>
      ${urlField('q4f16', msg('Address of your q4f16_1 base weights'))} ${urlField('q4f32', msg('Address of your q4f32_1 base weights'))}
      ${problem('twinId').map((p) => html`<p class="problem">${p.message}</p>`)}
      ${problem('weightsUrls').map((p) => html`<p class="problem" role="alert">${p.message}</p>`)}
      <div><button type="submit">${msg('Use these weights')}</button></div>
    </form>`;
  }

  private chooseOther(which: 'own' | 'server'): void {
    this.showOwn = which === 'own';
    this.showServer = which === 'server';
  }

  private renderServerForm() {
    // The server form and what it uses load only when first wanted, so the Lab page stays light.
    void import('./lab-server-connect.ts');
    return html`<lab-server-connect .context=${this.context}></lab-server-connect>`;
  }

  private choose(comparison: Comparison): void {
    this.showOwn = false;
    this.showServer = false;
    this.problems = [];
    this.context.session.selectComparison(comparison);
  }

  private onOwnSubmit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const result = bringYourOwnBase({ twinId: this.twinId, weightsUrls: { q4f16: value('q4f16'), q4f32: value('q4f32') } });
    if (!result.ok) {
      this.problems = result.problems;
      return;
    }
    this.problems = [];
    this.context.session.selectComparison(result.comparison);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-comparison-picker': LabComparisonPicker;
  }
}
