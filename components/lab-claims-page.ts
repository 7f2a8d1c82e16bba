import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, state } from 'lit/decorators.js';
import { figurePlainWords, figureSource } from '../src/app/figure-text.ts';
import {
  assessClaims,
  CLAIM_PROBES,
  CLAIM_REFERENCES,
  figuresForClaim,
  groupFigures,
  loadPaperFigures,
  loadRunEvidence,
  type Assessment,
  type ClaimId,
  type ClaimMeasure,
  type ClaimResult,
  type EvidenceGap,
  type EvidenceRow,
  type Verdict,
} from '../src/app/claims.ts';
import { formatDateTime, formatFixed, formatNumber, formatPercent } from '../src/app/format.ts';
import type { LabContext } from '../src/app/lab-context.ts';
import { hrefFor, hrefForRun } from '../src/app/router.ts';
import { isProbeRunnable, type ProbeId } from '../src/core/probes/index.ts';
import type { Estimate } from '../src/core/probes/probe.ts';
import type { PaperFigure, PaperValue } from '../src/core/reference/paper-figures.ts';
import type { RunInfo } from '../src/core/results/index.ts';
import type { LabError } from '../src/engine/errors.ts';
import './lab-error-message.ts';
import { pageStyles } from './styles/shared.ts';

type Loading<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'failed'; detail: string };

interface ClaimWords {
  title: string;
  claim: string;
  /** The rule of src/app/claims.ts for this claim, in plain words. */
  rule: string;
  /** What the paper did differently, where that changes how to read the verdict. */
  caveat: string | null;
  /** Said when no run speaks to the claim yet. */
  noRuns: string;
}

function claimWords(claim: ClaimId): ClaimWords {
  const reference = CLAIM_REFERENCES[claim];
  switch (claim) {
    case 'seven':
      return {
        title: msg('The “7”'),
        claim: msg('Asked for a random whole number from 0 to 10, aligned models say “7” far more often than the 1 in 11 a fair pick gives it.'),
        rule: msg(
          str`Supported when an aligned model’s interval for P(“7”) lies above both ${formatFixed(reference, 3)} (1 in 11) and the base model’s interval. Not supported when it lies at or below the base model’s interval, or at or below ${formatFixed(reference, 3)}. Otherwise, not enough evidence yet.`,
        ),
        caveat: null,
        noRuns: msg('You have no random-number run with a base and an aligned model yet.'),
      };
    case 'repeats':
      return {
        title: msg('The repeats'),
        claim: msg('Asked for ten random numbers from 0 to 10, aligned models avoid repeating a number, which a fair source does about three times in ten.'),
        rule: msg(
          str`Supported when an aligned model’s interval for the mean number of repeats in a list of ten lies below both chance (${formatFixed(reference, 2)}) and the base model’s interval. Not supported when it lies at or above the base model’s interval, or at or above ${formatFixed(reference, 2)}. Otherwise, not enough evidence yet.`,
        ),
        caveat: null,
        noRuns: msg('You have no run of ten random numbers with a base and an aligned model yet.'),
      };
    case 'games':
      return {
        title: msg('The games'),
        claim: msg('Playing rock-paper-scissors or hide-and-seek round after round against an opponent that learns, aligned models fall into habits and lose more than their base models.'),
        rule: msg(
          str`Supported when an aligned model’s interval for its net score per 100 rounds lies below both ${formatNumber(reference)} (what random play scores) and the base model’s interval. Not supported when it lies at or above the base model’s interval, or at or above ${formatNumber(reference)}. Otherwise, not enough evidence yet. Runs of both games count.`,
        ),
        caveat: msg('The opponent, the number of rounds and the prompts are the lab’s own: the paper’s are not known.'),
        noRuns: msg('You have no rock-paper-scissors or hide-and-seek run with a base and an aligned model yet.'),
      };
    case 'poems':
      return {
        title: msg('The poems'),
        claim: msg('People judge the poems of base models more original than those of their aligned versions.'),
        rule: msg(
          str`This uses your own blind ratings of a run’s poems. Supported when the interval for how often you judged the base model’s poem the more original (a tie counts as half) lies above ${formatPercent(reference, 0)}. Not supported when it lies at or below ${formatPercent(reference, 0)}. Otherwise, not enough evidence yet.`,
        ),
        caveat: msg('In the paper other people rated the poems; here the ratings are yours.'),
        noRuns: msg('You have no poem run with a base and an aligned model yet.'),
      };
    case 'stages':
      return {
        title: msg('The stages of training'),
        claim: msg('Each further stage of training after the base model moves a model further from a fair pick.'),
        rule: msg(
          'This uses random-number runs with a base, an instruct and a reasoning model of one family. Supported when each later checkpoint’s interval for its distance from a fair pick (total variation) lies above the interval of the one before it. Not supported when a later checkpoint’s interval lies at or below the one before it. Otherwise, not enough evidence yet.',
        ),
        caveat: msg(
          'The paper compared the stages of one training recipe (SFT, then DPO, then reinforcement learning) on Llama 3.1; secondary summaries report the pattern at 8B but not at 70B. The lab checks the same direction on the checkpoints its catalog has: base, instruct and reasoning (Ministral 3 3B).',
        ),
        noRuns: msg('You have no random-number run with a base, an instruct and a reasoning model yet.'),
      };
  }
}

function verdictLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'supported':
      return msg('Supported');
    case 'not-supported':
      return msg('Not supported');
    case 'not-enough-evidence':
      return msg('Not enough evidence yet');
  }
}

/** A symbol beside the words, so the verdict does not rest on colour (it is decoration: the words say it all). */
const VERDICT_SYMBOLS: Record<Verdict, string> = { supported: '✓', 'not-supported': '✗', 'not-enough-evidence': '…' };

function gapWords(gap: EvidenceGap): string {
  switch (gap) {
    case 'no-data':
      return msg('A model in this run has no valid answers yet: continue the run.');
    case 'unreadable':
      return msg('This run’s records could not be summarised. Open the run to see why.');
    case 'no-ratings':
      return msg('You have not rated this pair’s poems yet: rate them blind on the run’s page.');
    case 'overlap':
      return msg('The intervals overlap. More answers or rounds would narrow them.');
  }
}

function measureName(measure: ClaimMeasure): string {
  switch (measure) {
    case 'p-seven':
      return msg('P(“7”)');
    case 'mean-repeats':
      return msg('Mean repeats per list of ten');
    case 'net-score':
      return msg('Net score per 100 rounds');
    case 'originality-win-rate':
      return msg('Base poem judged more original');
    case 'distance-from-uniform':
      return msg('Distance from a fair pick');
  }
}

function formatValue(measure: ClaimMeasure, value: number): string {
  switch (measure) {
    case 'p-seven':
    case 'distance-from-uniform':
      return formatFixed(value, 3);
    case 'mean-repeats':
      return formatFixed(value, 2);
    case 'net-score':
      return formatNumber(value, 1);
    case 'originality-win-rate':
      return formatPercent(value, 0);
  }
}

function probeName(probe: ProbeId): string {
  switch (probe) {
    case 'rng-0-10':
      return msg('A random number from 0 to 10');
    case 'rng-sequence':
      return msg('Ten random numbers');
    case 'rps':
      return msg('Rock-paper-scissors');
    case 'hide-and-seek':
      return msg('Hide-and-seek');
    case 'poem':
      return msg('Short poems');
  }
}

function runState(run: RunInfo): string | null {
  switch (run.status) {
    case 'complete':
      return null;
    case 'running':
      return msg('still running');
    case 'incomplete':
      return msg('stopped before the end');
    case 'failed':
      return msg('failed');
  }
}

function reliabilityWords(figure: PaperFigure): string {
  return figure.reliability === 'quoted-from-paper' ? msg('Quoted from the paper') : msg('Secondary source, not checked against the paper');
}

function formatPaperValue(value: PaperValue): string {
  switch (value.kind) {
    case 'number':
      return formatNumber(value.value, 2);
    case 'range':
      return msg(str`${formatNumber(value.lo, 2)} to ${formatNumber(value.hi, 2)}`);
    case 'count':
      return msg(str`${formatNumber(value.count)} of ${formatNumber(value.outOf)}`);
  }
}

/**
 * The Claims page: each claim of the paper with a verdict on the user's own stored runs, the numbers and intervals
 * behind it, links to the runs, the rule in plain words, and what the paper reported beside it.
 */
@customElement('lab-claims-page')
@localized()
export class LabClaimsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .claims {
        display: grid;
        gap: var(--lab-space);
      }

      .claim h2 {
        margin-top: 0;
      }

      .claim h3 {
        font-size: 1rem;
        margin-top: 1.25em;
      }

      .verdict {
        font-size: 0.9375rem;
      }

      .verdict-supported {
        color: var(--lab-ok);
        background: var(--lab-ok-surface);
      }

      .verdict-not-supported {
        color: var(--lab-error);
        background: var(--lab-error-surface);
      }

      .verdict-not-enough-evidence {
        color: var(--lab-warn);
        background: var(--lab-warn-surface);
      }

      .rule,
      .caveat {
        font-size: 0.9375rem;
      }

      .caveat,
      .muted {
        color: var(--lab-text-muted);
      }

      ul.runs,
      ul.figures {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }

      ul.runs > li,
      ul.figures > li {
        background: var(--lab-surface-raised);
        border: 1px solid var(--lab-border-subtle);
        border-radius: var(--lab-radius);
        padding: 0.75rem;
      }

      .run-heading {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.75rem;
        margin-bottom: 0.5rem;
      }

      .run-heading a {
        overflow-wrap: anywhere;
      }

      ul.numbers {
        margin: 0 0 0.5rem;
        padding-left: 1.25rem;
      }

      .number {
        font-variant-numeric: tabular-nums;
      }

      ul.figures p {
        margin-bottom: 0.5em;
      }

      table {
        border-collapse: collapse;
        margin-bottom: 0.5rem;
        min-width: min(100%, 32rem);
      }

      caption {
        text-align: left;
        padding-bottom: 0.35rem;
      }

      th,
      td {
        text-align: left;
        vertical-align: top;
        padding: 0.25rem 0.75rem 0.25rem 0;
        border-bottom: 1px solid var(--lab-border-subtle);
      }

      thead th {
        font-size: 0.875rem;
        color: var(--lab-text-muted);
      }

      tbody th {
        font-weight: 400;
      }

      th.number,
      td.number {
        text-align: right;
      }

      .how li {
        max-width: 70ch;
      }

      .glance {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }

      .glance li {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.75rem;
      }

      @media (max-width: 30rem) {
        .claim {
          padding: 0.75rem;
        }

        ul.runs > li,
        ul.figures > li {
          padding: 0.5rem;
        }
      }

      /* A long label wraps on a phone; square corners keep a two-line badge tidy. */
      .reliability {
        font-weight: 400;
        color: var(--lab-text-muted);
        border-radius: var(--lab-radius);
      }

      details {
        font-size: 0.875rem;
      }

      summary {
        cursor: pointer;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;

  /** Where the paper's figures are read from: the app's own copy, next to index.html. */
  @property({ attribute: false }) paperFiguresUrl = new URL('reference/paper-figures.json', document.baseURI).href;

  @state() private claims: Loading<{ results: ClaimResult[]; runs: number }> = { status: 'loading' };
  @state() private figures: Loading<PaperFigure[]> = { status: 'loading' };
  /** Only the latest load may set the page's state (the context or address can change while one is running). */
  private claimsLoad = 0;
  private figuresLoad = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') && this.context) void this.loadClaims(this.context);
    if (changed.has('paperFiguresUrl')) void this.loadFigures(this.paperFiguresUrl);
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('What your runs say about the paper’s claims')}</h1>
      <p class="lede">
        ${msg(
          'Each claim of West & Potts (2025), checked against the runs stored in this browser, with the numbers behind the verdict and what the paper reported beside it.',
        )}
      </p>
      <p>
        <strong>${msg('A verdict is about your pair of models, with your settings: it is not a replication of the paper.')}</strong>
        ${msg('The paper tested Llama 3.1 8B and 70B with its own prompts, opponents and raters.')}
      </p>
      <div aria-live="polite">${this.renderStatus()}</div>
      ${this.claims.status === 'done' ? this.renderAtAGlance(this.claims.value.results) : nothing}
      ${this.renderHowWeDecide()}
      ${this.claims.status === 'done'
        ? html`<div class="claims">${this.claims.value.results.map((result) => this.renderClaim(result))}</div>`
        : nothing}
      ${this.renderUntestable()}
    `;
  }

  private renderStatus() {
    const claims = this.claims;
    switch (claims.status) {
      case 'loading':
        return html`<p>${msg('Reading your runs…')}</p>`;
      case 'failed':
        return html`<lab-error-message .error=${this.storeError(claims.detail)}></lab-error-message>`;
      case 'done':
        if (claims.value.runs === 0) {
          return html`<p>
            ${msg('No runs are stored in this browser yet, so there is no evidence for any claim.')}
            <a href=${hrefFor('lab')}>${msg('Go to the Lab')}</a>
          </p>`;
        }
        return html`<p>${msg(str`Verdicts from the ${formatNumber(claims.value.runs)} runs stored in this browser.`)}</p>`;
    }
  }

  private storeError(detail: string): LabError {
    return {
      kind: 'internal',
      message: msg('Your runs could not be read from this browser’s storage.'),
      nextStep: msg('Reload the page. If it fails again, check that this site may store data: private windows can block it.'),
      detail,
    };
  }

  /** Every verdict in one short list, for a projector or a quick look; the details follow. */
  private renderAtAGlance(results: ClaimResult[]) {
    return html`
      <section aria-labelledby="glance-heading">
        <h2 id="glance-heading">${msg('At a glance')}</h2>
        <ul class="glance">
          ${results.map((result) => html`<li>${claimWords(result.claim).title} ${this.renderVerdictBadge(result.verdict)}</li>`)}
        </ul>
      </section>
    `;
  }

  private renderHowWeDecide() {
    return html`
      <section aria-labelledby="how-heading">
        <h2 id="how-heading">${msg('How we decide')}</h2>
        <ul class="how">
          <li>
            ${msg(
              'Every number from a sampled run comes with a 95% interval: the range its true value is likely to be in, given how many answers the run collected. Exact mode reads the numbers from the model’s probabilities, with no sampling noise, so there the interval is the value itself.',
            )}
          </li>
          <li>${msg('A run decides a claim only when the intervals do not overlap: a single number is never enough.')}</li>
          <li>
            ${msg(
              'Each run gets its own verdict. A claim is supported when at least one run supports it and none contradicts it, and not supported the other way round. When your runs disagree, there is not enough evidence yet.',
            )}
          </li>
          <li>${msg('A run counts only if it has a base model and an aligned one. The rule for each claim is given with it.')}</li>
        </ul>
      </section>
    `;
  }

  private renderClaim(result: ClaimResult) {
    const words = claimWords(result.claim);
    const headingId = `claim-${result.claim}`;
    return html`
      <section class="card claim" aria-labelledby=${headingId} data-claim=${result.claim}>
        <h2 id=${headingId}>${words.title}</h2>
        <p>${this.renderVerdictBadge(result.verdict)}</p>
        <p>${words.claim}</p>
        ${words.caveat ? html`<p class="caveat">${words.caveat}</p>` : nothing}
        <p class="rule"><strong>${msg('How we decide:')}</strong> ${words.rule}</p>
        <h3>${msg('Your runs')}</h3>
        ${this.renderRuns(result, words)}
        <h3>${msg('What the paper reported')}</h3>
        ${this.renderFigures(result.claim)}
      </section>
    `;
  }

  private renderVerdictBadge(verdict: Verdict) {
    return html`<span class="badge verdict verdict-${verdict}" data-verdict=${verdict}
      ><span aria-hidden="true">${VERDICT_SYMBOLS[verdict]}</span> ${verdictLabel(verdict)}</span
    >`;
  }

  private renderRuns(result: ClaimResult, words: ClaimWords) {
    if (result.assessments.length === 0) {
      const runnable = CLAIM_PROBES[result.claim].some(isProbeRunnable);
      return html`<p>
        ${words.noRuns}
        ${runnable
          ? html`<a href=${hrefFor('lab')}>${msg('Run it in the Lab')}</a>`
          : msg('The experiment for this claim is still being built.')}
      </p>`;
    }
    const count = (verdict: Verdict) => formatNumber(result.assessments.filter((assessment) => assessment.verdict === verdict).length);
    return html`
      ${result.mixed
        ? html`<p>${msg('Your runs disagree: some support the claim and some contradict it. Look at each run below.')}</p>`
        : nothing}
      <p class="muted">
        ${msg(
          str`Runs that support it: ${count('supported')}. Runs that contradict it: ${count('not-supported')}. Runs that cannot tell yet: ${count('not-enough-evidence')}.`,
        )}
      </p>
      <ul class="runs">
        ${result.assessments.map((assessment) => this.renderAssessment(assessment))}
      </ul>
    `;
  }

  private renderAssessment(assessment: Assessment) {
    const run = assessment.run;
    const state = runState(run);
    return html`
      <li data-run=${run.id}>
        <div class="run-heading">
          <a href=${hrefForRun(run.id)}>${msg(str`${probeName(run.probeId)}, run of ${formatDateTime(run.createdAt)}`)}</a>
          <span class="muted">
            ${run.params.mode === 'exact' ? msg('exact mode') : msg('sampled mode')}${state ? html`; ${state}` : nothing}
          </span>
          ${this.renderVerdictBadge(assessment.verdict)}
        </div>
        <ul class="numbers">
          ${assessment.rows.map((row) => html`<li>${this.renderRow(assessment.measure, row)}</li>`)}
        </ul>
        ${assessment.gap ? html`<p class="muted">${gapWords(assessment.gap)}</p>` : nothing}
      </li>
    `;
  }

  private renderRow(measure: ClaimMeasure, row: EvidenceRow) {
    const who = row.against ? msg(str`${row.model.name} against ${row.against.name}`) : row.model.name;
    const estimate = row.estimate;
    if (!estimate) return msg(str`${who}: ${measureName(measure)}: no value yet`);
    return html`${who}: ${measureName(measure)} <span class="number">${this.estimateWords(measure, estimate)}</span>`;
  }

  private estimateWords(measure: ClaimMeasure, estimate: Estimate): string {
    const value = formatValue(measure, estimate.value);
    if (estimate.n === null) return msg(str`${value} (exact, read from the model’s probabilities)`);
    return msg(
      str`${value} (95% interval ${formatValue(measure, estimate.lo)} to ${formatValue(measure, estimate.hi)}; N = ${formatNumber(estimate.n)})`,
    );
  }

  private renderFigures(claim: ClaimId | 'benchmark') {
    const figures = this.figures;
    if (figures.status === 'loading') return html`<p>${msg('Loading the paper’s figures…')}</p>`;
    if (figures.status === 'failed') {
      return html`<p>
          ${msg('The paper’s reported figures could not be loaded. Reload the page to try again; the verdicts on this page do not depend on them.')}
        </p>
        <details>
          <summary>${msg('Technical detail')}</summary>
          <p>${figures.detail}</p>
        </details>`;
    }
    const groups = groupFigures(figuresForClaim(figures.value, claim));
    if (groups.length === 0) return html`<p>${msg('No figure from the paper is on record for this claim.')}</p>`;
    return html`<ul class="figures">
      ${groups.map((group) => html`<li>${this.renderFigureGroup(group)}</li>`)}
    </ul>`;
  }

  /** A claim in words, or a table of the paper's numbers model by model; then how firmly it is on record, and where from. */
  private renderFigureGroup(group: PaperFigure[]) {
    const first = group[0] as PaperFigure;
    const sources = [...new Set(group.map(figureSource))];
    const reliabilities = [...new Set(group.map(reliabilityWords))];
    return html`
      ${first.value === null
        ? html`<p data-figure=${first.id}>${figurePlainWords(first)}</p>`
        : html`<table>
            <caption>
              ${figurePlainWords(first)}
            </caption>
            <thead>
              <tr>
                <th scope="col">${msg('Model')}</th>
                <th scope="col" class="number">${msg('Reported')}</th>
                <th scope="col" class="number">${msg('N')}</th>
              </tr>
            </thead>
            <tbody>
              ${group.map(
                (figure) => html`<tr data-figure=${figure.id}>
                  <th scope="row">${figure.model ?? msg('Across the models tested')}</th>
                  <td class="number">${figure.value ? formatPaperValue(figure.value) : '—'}</td>
                  <td class="number">${figure.n === null ? msg('not known') : formatNumber(figure.n)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      <p>${reliabilities.map((words) => html`<span class="badge reliability">${words}</span> `)}</p>
      <details>
        <summary>${msg('Where this comes from')}</summary>
        ${sources.map((source) => html`<p>${source}</p>`)}
      </details>
    `;
  }

  private renderUntestable() {
    return html`
      <section class="card" aria-labelledby="untestable-heading">
        <h2 id="untestable-heading">${msg('A claim this lab cannot test')}</h2>
        <p>${msg('Across the models tested, doing better on common benchmarks goes with doing worse at randomness and creativity.')}</p>
        <p>
          ${msg(
            'Testing this needs benchmark scores (the paper used the Open LLM Leaderboard) for many models. The lab runs one family at a time in your browser and measures no benchmark, so it gives no verdict on this claim.',
          )}
        </p>
        <h3>${msg('What the paper reported')}</h3>
        ${this.renderFigures('benchmark')}
      </section>
    `;
  }

  private async loadClaims(context: LabContext): Promise<void> {
    const load = ++this.claimsLoad;
    this.claims = { status: 'loading' };
    try {
      const evidence = await loadRunEvidence(await context.store(), context.summaries);
      if (load === this.claimsLoad) this.claims = { status: 'done', value: { results: assessClaims(evidence), runs: evidence.length } };
    } catch (error) {
      if (load === this.claimsLoad) this.claims = { status: 'failed', detail: String(error) };
    }
  }

  private async loadFigures(url: string): Promise<void> {
    const load = ++this.figuresLoad;
    this.figures = { status: 'loading' };
    try {
      const figures = await loadPaperFigures(url);
      if (load === this.figuresLoad) this.figures = { status: 'done', value: figures };
    } catch (error) {
      if (load === this.figuresLoad) this.figures = { status: 'failed', detail: String(error) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-claims-page': LabClaimsPage;
  }
}
