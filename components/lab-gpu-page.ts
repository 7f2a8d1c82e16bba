import { LitElement, css, html, nothing } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../src/app/format.ts';
import { GpuPreflightController } from '../src/app/gpu-preflight-controller.ts';
import type { LabContext } from '../src/app/lab-context.ts';
import { hrefFor } from '../src/app/router.ts';
import {
  COMFORTABLE_LIMITS,
  REQUIRED_LIMITS,
  type AdapterFacts,
  type AdapterLimitName,
  type GpuFacts,
  type LimitShortfall,
  type PreflightVerdict,
  type PreflightWarning,
  type WeightVariant,
} from '../src/engine/preflight.ts';
import { captionStyles, dataTableStyles, pageStyles } from './styles/shared.ts';
import { scrollTable } from './scroll-table.ts';

/** The limits the page shows, in this order. */
const LIMIT_NAMES: readonly AdapterLimitName[] = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeInvocationsPerWorkgroup',
];

function limitLabel(name: AdapterLimitName): string {
  switch (name) {
    case 'maxBufferSize':
      return msg('Largest buffer');
    case 'maxStorageBufferBindingSize':
      return msg('Largest storage buffer binding');
    case 'maxComputeWorkgroupStorageSize':
      return msg('Workgroup memory');
    case 'maxStorageBuffersPerShaderStage':
      return msg('Storage buffers per shader');
    case 'maxComputeInvocationsPerWorkgroup':
      return msg('Threads per workgroup');
  }
}

const BYTE_LIMITS: ReadonlySet<AdapterLimitName> = new Set([
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
]);

function variantWords(variant: WeightVariant): string {
  return variant === 'q4f16'
    ? msg('4-bit weights with 16-bit arithmetic, the smaller and faster kind')
    : msg('4-bit weights with 32-bit arithmetic');
}

/** GPU limits are powers of two, so they read best in binary units (MiB, KiB), unlike download sizes. */
function formatLimit(name: AdapterLimitName, value: number): string {
  if (!BYTE_LIMITS.has(name)) return formatNumber(value);
  if (value >= 2 ** 20) return msg(str`${formatNumber(value / 2 ** 20)} MiB`);
  return msg(str`${formatNumber(value / 2 ** 10)} KiB`);
}

function yesNo(value: boolean): string {
  return value ? msg('Yes') : msg('No');
}

/**
 * "Your GPU": the WebGPU preflight. Shows the facts this browser reports and what the lab can run with them.
 * Downloads nothing.
 */
@customElement('lab-gpu-page')
@localized()
export class LabGpuPage extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    captionStyles,
    css`
      .verdict {
        border-left: 0.35rem solid currentColor;
      }

      .verdict.ok {
        color: var(--lab-ok);
        background: var(--lab-ok-surface);
      }

      .verdict.problem {
        color: var(--lab-error);
        background: var(--lab-error-surface);
      }

      .verdict.slow {
        color: var(--lab-warn);
        background: var(--lab-warn-surface);
      }

      .verdict > * {
        color: var(--lab-text);
      }

      .verdict > .headline {
        color: inherit;
        font-size: 1.125rem;
        font-weight: 600;
      }

      .verdict ul {
        padding-left: 1.25rem;
      }

      .verdict li + li {
        margin-top: 0.5em;
      }

      table {
        margin-bottom: 1rem;
      }
    `,
  ];

  private readonly preflight = new GpuPreflightController(this);

  /** The lab's shared state once a page made it: the diagnostics report then lists the models too. */
  @property({ attribute: false }) context: LabContext | null = null;

  override render() {
    const state = this.preflight.state;
    return html`
      <h1 tabindex="-1">${msg('Your GPU')}</h1>
      <p class="lede">
        ${msg(
          "The lab runs models on your graphics card through WebGPU. This page checks what your browser's WebGPU can do and which model weights it can use. Nothing is downloaded here.",
        )}
      </p>
      <section aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">${msg('Verdict')}</h2>
        <div aria-live="polite">
          ${state.status === 'checking' ? html`<p>${msg('Checking WebGPU…')}</p>` : this.renderVerdict(state.verdict)}
        </div>
      </section>
      ${state.status === 'done' ? this.renderFacts(state.facts) : nothing}
      <button type="button" ?disabled=${state.status === 'checking'} @click=${() => this.preflight.check()}>
        ${msg('Check again')}
      </button>
      <lab-diagnostics-report .context=${this.context}></lab-diagnostics-report>
    `;
  }

  /** The report for bug reports (issue 13) is defined after the first paint, so the first page stays small. */
  protected override firstUpdated(): void {
    void import('./lab-diagnostics-report.ts');
  }

  private renderVerdict(verdict: PreflightVerdict) {
    if (verdict.status === 'ready') {
      return html`
        <div class="card verdict ok" data-verdict="ready" data-variant=${verdict.variant}>
          <p class="headline">${msg("This browser can run the lab's models.")}</p>
          ${this.renderWeights(verdict.variant, verdict.warnings)}
        </div>
      `;
    }
    if (verdict.status === 'software') {
      return html`
        <div class="card verdict slow" data-verdict="software" data-variant=${verdict.variant}>
          <p class="headline">${msg('This browser has only a software renderer, not a graphics card: the models would run far too slowly to be useful.')}</p>
          <p>${msg('It draws with the processor instead of a GPU, so a run that takes seconds on a graphics card can take hours here. To fix it:')}</p>
          ${this.renderFixes()}
          <p>
            ${msg(html`Or <a href="${hrefFor('lab')}">run the models on a server you run</a> (“Your server” in the Lab), which needs no GPU in this browser.`)}
            ${msg('The lab still works here, only very slowly: it asks before it loads a model anyway.')}
          </p>
          ${this.renderWeights(verdict.variant, verdict.warnings)}
        </div>
      `;
    }
    switch (verdict.reason) {
      case 'no-webgpu':
        return this.renderNoWebGpu();
      case 'no-adapter':
        return this.renderNoAdapter(verdict.adapterRequestError);
      case 'limits':
        return this.renderLimitsTooLow(verdict.shortfalls);
    }
  }

  private renderWeights(variant: WeightVariant, warnings: PreflightWarning[]) {
    return html`<p>${msg(html`It will use the <strong>${variant}</strong> weights (${variantWords(variant)}).`)}</p>
      ${warnings.length > 0
        ? html`<ul>
            ${warnings.map((warning) => html`<li>${this.renderWarning(warning)}</li>`)}
          </ul>`
        : nothing}`;
  }

  /** What to try when the browser uses no GPU: the usual causes, most likely first. */
  private renderFixes() {
    return html`<ul>
      <li>${msg('Turn on hardware acceleration (Chrome and Edge: Settings → System), restart the browser and check again.')}</li>
      <li>${msg('Update your graphics driver.')}</li>
      <li>${msg(html`In Chrome, open <code>chrome://gpu</code> to see why WebGPU is disabled.`)}</li>
    </ul>`;
  }

  private renderWarning(warning: PreflightWarning) {
    switch (warning.kind) {
      case 'no-f16':
        return msg(
          html`This GPU lacks 16-bit floating-point shaders (<code>shader-f16</code>), so the lab will use the 32-bit
            weights. They take a little more download and GPU memory, and work the same way.`,
        );
      case 'small-buffers':
        return html`${msg('Your GPU allows smaller buffers than the runtime prefers:')}
          <ul>
            ${warning.shortfalls.map((s) => html`<li>${msg(str`${limitLabel(s.limit)}: ${formatLimit(s.limit, s.actual)}`)}</li>`)}
          </ul>
          ${msg('Small models will work; the largest comparison may not.')}`;
    }
  }

  private renderNoWebGpu() {
    return html`
      <div class="card verdict problem" data-verdict="no-webgpu">
        <p class="headline">${msg('WebGPU is not available here: this browser does not have it.')}</p>
        <p>${msg('The lab needs WebGPU to run language models on your graphics card.')}</p>
        ${this.renderWhereWebGpuWorks()}
      </div>
    `;
  }

  private renderNoAdapter(adapterRequestError: string | null) {
    return html`
      <div class="card verdict problem" data-verdict="no-adapter">
        <p class="headline">${msg('WebGPU is not available here: this browser found no graphics card it can use.')}</p>
        <p>
          ${msg(
            "This happens when the browser has WebGPU turned off or not yet enabled on this system, when hardware acceleration is off, when the GPU driver is on the browser's block list, and in remote desktops and virtual machines. To fix it:",
          )}
        </p>
        ${this.renderFixes()} ${this.renderWhereWebGpuWorks()}
        ${adapterRequestError
          ? html`<details>
              <summary>${msg('Technical detail')}</summary>
              <p><code>${adapterRequestError}</code></p>
            </details>`
          : nothing}
      </div>
    `;
  }

  private renderWhereWebGpuWorks() {
    return html`
      <p>${msg('These browsers have WebGPU:')}</p>
      <ul>
        <li>${msg('Chrome or Edge 113 or newer on Windows, macOS and ChromeOS')}</li>
        <li>${msg('Chrome 121 or newer on Android 12 or newer')}</li>
        <li>${msg('Safari 26 on macOS, iOS and iPadOS 26')}</li>
        <li>${msg('Firefox 141 or newer on Windows, and Firefox 145 or newer on Macs with Apple silicon')}</li>
        <li>${msg('On Linux, Chrome is still rolling WebGPU out (from Chrome 144 on recent Intel GPUs)')}</li>
      </ul>
      <p>${msg('What you can still do here:')}</p>
      <ul>
        <li>${msg(html`<a href="${hrefFor('home')}">Read what the paper claims</a>, in plain words.`)}</li>
        <li>${msg('Open this page in one of the browsers above, on this computer or another one.')}</li>
        <li>${msg(html`See what your browser reports at <a href="https://webgpureport.org/">webgpureport.org</a>.`)}</li>
      </ul>
    `;
  }

  private renderLimitsTooLow(shortfalls: LimitShortfall[]) {
    return html`
      <div class="card verdict problem" data-verdict="limits">
        <p class="headline">${msg('Your GPU is below the minimum the model runtime needs.')}</p>
        <ul>
          ${shortfalls.map(
            (s) => html`<li>
              ${msg(str`${limitLabel(s.limit)}: ${formatLimit(s.limit, s.actual)}; the runtime needs at least ${formatLimit(s.limit, s.required)}.`)}
            </li>`,
          )}
        </ul>
        <p>${msg('Updating the browser or the graphics driver sometimes raises these limits. Otherwise, try another device.')}</p>
      </div>
    `;
  }

  private renderFacts(facts: GpuFacts) {
    return html`
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">${msg('What this browser reports')}</h2>
        <table>
          <caption>
            ${msg('WebGPU')}
          </caption>
          <tbody>
            <tr>
              <th scope="row">${msg('WebGPU in this browser')}</th>
              <td>${yesNo(facts.hasWebGpuApi)}</td>
            </tr>
            ${facts.hasWebGpuApi
              ? html`<tr>
                  <th scope="row">${msg('Graphics adapter')}</th>
                  <td>${facts.adapter ? msg('Found') : msg('None found')}</td>
                </tr>`
              : nothing}
            ${facts.adapter ? this.renderAdapterRows(facts.adapter) : nothing}
          </tbody>
        </table>
        ${facts.adapter ? this.renderLimits(facts.adapter) : nothing}
      </section>
    `;
  }

  private renderAdapterRows(adapter: AdapterFacts) {
    const notReported = msg('Not reported');
    const rows: [string, string][] = [
      [msg('Vendor'), adapter.vendor || notReported],
      [msg('Architecture'), adapter.architecture || notReported],
      [msg('Device'), adapter.device || notReported],
      [msg('Description'), adapter.description || notReported],
      [msg('Software renderer'), yesNo(adapter.isFallbackAdapter)],
      [msg('16-bit float shaders (shader-f16)'), yesNo(adapter.hasShaderF16)],
    ];
    return rows.map(
      ([label, value]) => html`<tr>
        <th scope="row">${label}</th>
        <td>${value}</td>
      </tr>`,
    );
  }

  /** Four columns do not fit a phone: the table scrolls in its own region (focusable, so keys scroll it too). */
  private renderLimits(adapter: AdapterFacts) {
    return scrollTable(
      msg('Limits'),
      [msg('Limit'), msg('This GPU'), msg('Runtime needs'), msg('Runtime prefers')],
      LIMIT_NAMES.map((name) => {
        const required = REQUIRED_LIMITS[name];
        const preferred = COMFORTABLE_LIMITS[name];
        return html`<tr>
          <th scope="row">${limitLabel(name)}</th>
          <td class="number">${formatLimit(name, adapter.limits[name])}</td>
          <td class="number">${required === undefined ? '—' : formatLimit(name, required)}</td>
          <td class="number">${preferred === undefined ? '—' : formatLimit(name, preferred)}</td>
        </tr>`;
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-gpu-page': LabGpuPage;
  }
}
