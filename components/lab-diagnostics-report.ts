import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { diagnosticsFileName, diagnosticsText, gatherDiagnostics } from '../src/app/diagnostics.ts';
import type { LabContext } from '../src/app/lab-context.ts';
import { downloadFile } from './charts/chart-export.ts';
import { pageStyles } from './styles/shared.ts';

/**
 * The diagnostics report for a bug report (issue 13): copy it or download it. On the "Your GPU" page it describes the
 * browser, the GPU and the models loaded; on a run's page, the run too. Prompts and answers only when ticked.
 */
@customElement('lab-diagnostics-report')
@localized()
export class LabDiagnosticsReport extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0.5rem 0;
      }

      button {
        background: transparent;
        color: var(--lab-accent);
        border-color: var(--lab-border);
      }

      label {
        display: flex;
        gap: 0.4rem;
        align-items: baseline;
      }

      input[type='checkbox'] {
        accent-color: var(--lab-accent);
      }

      pre {
        font-family: var(--lab-font-mono);
        font-size: 0.8125rem;
        max-height: 20rem;
        overflow: auto;
        background: var(--lab-surface-raised);
        border: 1px solid var(--lab-border-subtle);
        border-radius: var(--lab-radius);
        padding: 0.5rem;
      }

      pre:focus-visible {
        outline: 3px solid var(--lab-focus);
      }
    `,
  ];

  /** The lab's shared state, when the page has it (its models, their self-checks, the latest failures). */
  @property({ attribute: false }) context: LabContext | null = null;
  /** The run the report is about, on a run's page. */
  @property() runId: string | null = null;

  @state() private includePromptsAndAnswers = false;
  @state() private text = '';
  @state() private announcement = '';

  override render() {
    return html`
      <h2 id="diagnostics-heading">${msg('Diagnostics for a bug report')}</h2>
      <p>
        ${msg(
          'If a model fails to load, runs very slowly or gives numbers that look wrong, attach this report to a bug report (docs/models.md says how). It lists your browser, your graphics card as WebGPU reports it, the model runtime, each model’s files, load time, speed and self-check, and the latest errors.',
        )}
      </p>
      ${this.runId
        ? html`<label>
            <input
              type="checkbox"
              data-diagnostics="answers"
              .checked=${this.includePromptsAndAnswers}
              @change=${(event: Event) => {
                this.includePromptsAndAnswers = (event.target as HTMLInputElement).checked;
                this.text = '';
              }}
            />
            ${msg('Include the prompts and the models’ answers (left out unless you tick this)')}
          </label>`
        : html`<p>${msg('It holds no prompts and no answers.')}</p>`}
      <div class="actions">
        <button type="button" data-diagnostics="copy" @click=${this.copy}>${msg('Copy the report')}</button>
        <button type="button" data-diagnostics="download" @click=${this.download}>${msg('Download the report')}</button>
      </div>
      <p role="status" aria-live="polite">${this.announcement}</p>
      ${this.text
        ? html`<details>
            <summary>${msg('Show the report')}</summary>
            <pre tabindex="0">${this.text}</pre>
          </details>`
        : nothing}
    `;
  }

  private async prepare(): Promise<{ text: string; now: Date }> {
    const now = new Date();
    const input = await gatherDiagnostics({
      context: this.context,
      runId: this.runId,
      includePromptsAndAnswers: this.includePromptsAndAnswers,
      now,
    });
    this.text = diagnosticsText(input);
    return { text: this.text, now };
  }

  private readonly copy = async (): Promise<void> => {
    const { text } = await this.prepare();
    try {
      await navigator.clipboard.writeText(text);
      this.announcement = msg('Copied the report to the clipboard.');
    } catch {
      // Browsers refuse the clipboard without permission; the report is shown below to copy by hand.
      this.announcement = msg('The browser did not let the lab copy it: open "Show the report" below and copy it yourself.');
    }
  };

  private readonly download = async (): Promise<void> => {
    const { text, now } = await this.prepare();
    const name = diagnosticsFileName(now);
    downloadFile(new Blob([text], { type: 'application/json' }), name);
    this.announcement = msg(str`Saved the report as ${name}.`);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-diagnostics-report': LabDiagnosticsReport;
  }
}
