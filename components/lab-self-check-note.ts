import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { countText, formatNumber, formatPercent, formatPValue } from '../src/app/format.ts';
import type { RunState } from '../src/app/run-controller.ts';
import type { RunInfo, RunModelInfo, SelfCheckResult } from '../src/core/results/index.ts';
import { OTHER } from '../src/core/self-check/index.ts';
import { dataTableStyles, pageStyles } from './styles/shared.ts';

/**
 * The self-check of a run's models on the GPU (issue 13), in plain words: whether the answers each model gives when
 * sampled agree with the probabilities the lab read from its logits. A mismatch is flagged as a problem: the run's
 * exact numbers for that model may be wrong on this GPU.
 */
@customElement('lab-self-check-note')
@localized()
export class LabSelfCheckNote extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    css`
      .mismatch {
        border-left: 0.35rem solid var(--lab-error);
        background: var(--lab-error-surface);
      }

      .agrees {
        border-left: 0.35rem solid var(--lab-ok);
      }

      caption {
        text-align: left;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) info: RunInfo | null = null;
  /** While a model's check samples its answers. */
  @property({ attribute: false }) checking: RunState['selfChecking'] = null;

  override render() {
    const info = this.info;
    if (!info) return nothing;
    const checked = info.models.filter((model) => model.selfCheck);
    const checking = this.checking;
    if (checked.length === 0 && !checking) return nothing;
    return html`
      ${checking
        ? html`<p role="status">
            ${this.checkingText(this.nameOf(info, checking.modelId), checking.total, checking.done)}
          </p>`
        : nothing}
      ${checked.map((model) => this.renderCheck(model, model.selfCheck as SelfCheckResult))}
    `;
  }

  private checkingText(name: string, total: number, done: number): string {
    const doneText = formatNumber(done);
    return countText(total, {
      one: (n) =>
        msg(
          str`Self-check on this GPU: asking ${name} the same question ${n} time through ordinary generation (${doneText} done), to compare with its exact probabilities. This happens once per model and GPU.`,
        ),
      other: (n) =>
        msg(
          str`Self-check on this GPU: asking ${name} the same question ${n} times through ordinary generation (${doneText} done), to compare with its exact probabilities. This happens once per model and GPU.`,
        ),
    });
  }

  private nameOf(info: RunInfo, modelId: string): string {
    return info.models.find((model) => model.id === modelId)?.name ?? modelId;
  }

  private renderCheck(model: RunModelInfo, check: SelfCheckResult) {
    const samples = check.observed.reduce((sum, count) => sum + count, 0);
    const p = formatPValue(check.pValue);
    const mismatch = check.verdict === 'mismatch';
    return html`<div class="card ${check.verdict}" data-self-check=${check.verdict} data-model=${model.id} role=${mismatch ? 'alert' : nothing}>
      <p>
        ${mismatch
          ? countText(samples, {
              one: (n) =>
                msg(
                  str`Self-check failed for ${model.name} on this GPU: asked the same question ${n} time, it answered differently from the probabilities the lab read from its logits (p = ${p}). Its exact numbers may be wrong here: a chat template, an answer's spelling, its end of text or a GPU kernel does not behave as the lab assumes. Check the result with a sampled run, and please send the diagnostics report below with a bug report.`,
                ),
              other: (n) =>
                msg(
                  str`Self-check failed for ${model.name} on this GPU: asked the same question ${n} times, it answered differently from the probabilities the lab read from its logits (p = ${p}). Its exact numbers may be wrong here: a chat template, an answer's spelling, its end of text or a GPU kernel does not behave as the lab assumes. Check the result with a sampled run, and please send the diagnostics report below with a bug report.`,
                ),
            })
          : countText(samples, {
              one: (n) => msg(str`Self-check passed for ${model.name} on this GPU: ${n} sampled answer agrees with its exact probabilities (p = ${p}).`),
              other: (n) => msg(str`Self-check passed for ${model.name} on this GPU: ${n} sampled answers agree with its exact probabilities (p = ${p}).`),
            })}
      </p>
      <details>
        <summary>${msg('Sampled answers against the exact probabilities')}</summary>
        <div class="table-scroll" tabindex="0" role="region" aria-label=${msg('Sampled answers against the exact probabilities')}>
          <table>
            <caption>
              ${countText(samples, { one: (n) => msg(str`${model.name}: ${n} sampled answer`), other: (n) => msg(str`${model.name}: ${n} sampled answers`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Answer')}</th>
                <th scope="col">${msg('Exact probability')}</th>
                <th scope="col">${msg('Expected count')}</th>
                <th scope="col">${msg('Sampled count')}</th>
              </tr>
            </thead>
            <tbody>
              ${check.categories.map(
                (category, i) => html`<tr>
                  <th scope="row">${category === OTHER ? msg('anything else') : category}</th>
                  <td class="number">${formatPercent(check.expected[i] ?? 0)}</td>
                  <td class="number">${formatNumber((check.expected[i] ?? 0) * samples, 1)}</td>
                  <td class="number">${formatNumber(check.observed[i] ?? 0)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-self-check-note': LabSelfCheckNote;
  }
}
