import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { figurePlainWords, figureSource } from '../src/app/figure-text.ts';
import {
  assessClaims,
  CLAIM_PROBES,
  CLAIM_RULES,
  figuresForClaim,
  groupFigures,
  loadPaperFigures,
  type ClaimId,
  type ClaimMeasure,
  type ClaimResult,
  type Comparison,
  type EvidenceGap,
  type EvidenceRow,
  type Exclusion,
  type Step,
  type Verdict,
} from '../src/app/claims.ts';
import { countText, formatDateTime, formatFixed, formatNumber, formatPercent, formatPValue } from '../src/app/format.ts';
import { RunsChangedController } from '../src/app/cross-tab.ts';
import { EventController } from '../src/app/event-controller.ts';
import type { LabContext } from '../src/app/lab-context.ts';
import { LatestLoad } from '../src/app/latest-load.ts';
import { isGuidedClaimId } from '../src/app/guided-claims.ts';
import { hrefFor, hrefForCheck, hrefForRun } from '../src/app/router.ts';
import { isProbeRunnable } from '../src/core/probes/index.ts';
import type { Framing } from '../src/core/probes/probe.ts';
import { PAPER_N } from '../src/core/probes/rng-0-10/index.ts';
import { CHANCE } from '../src/core/probes/rng-sequence/analysis.ts';
import { MAX_OTHER_SHARE } from '../src/core/probes/shared.ts';
import type { PaperFigure, PaperValue } from '../src/core/reference/paper-figures.ts';
import type { LabError } from '../src/engine/errors/kinds.ts';
import './lab-error-message.ts';
import { claimTitle } from './text/claim-text.ts';
import { estimateWords } from './text/estimate-text.ts';
import { probeTitle } from './text/probe-text.ts';
import { dataTableStyles, pageStyles } from './styles/shared.ts';


interface ClaimWords {
  claim: string;
  /** The rule of src/app/claims.ts for this claim, in plain words. */
  rule: string;
  /** What the paper did differently, or what the verdict assumes, where that changes how to read it. */
  caveats: string[];
  /** Said when no run speaks to the claim yet. */
  noRuns: string;
}

/** A claim's minimum effect in words, in the units of its measure, e.g. "3 percentage points". */
function minimumEffectWords(claim: ClaimId): string {
  const rule = CLAIM_RULES[claim];
  switch (claim) {
    case 'seven':
      return countText(rule.minimumEffect * 100, { one: (n) => msg(str`${n} percentage point`), other: (n) => msg(str`${n} percentage points`) });
    case 'repeats':
      return countText(rule.minimumEffect, { one: (n) => msg(str`${n} repeat per list`), other: (n) => msg(str`${n} repeats per list`) }, 1);
    case 'games':
      return countText(rule.minimumEffect, { one: (n) => msg(str`${n} point per 100 rounds`), other: (n) => msg(str`${n} points per 100 rounds`) });
    case 'poems':
      return countText(rule.minimumEffect * 100, {
        one: (n) => msg(str`${n} percentage point above an even split`),
        other: (n) => msg(str`${n} percentage points above an even split`),
      });
    case 'stages':
      return countText(rule.minimumEffect, { one: (n) => msg(str`${n} point of χ²`), other: (n) => msg(str`${n} points of χ²`) });
  }
}

function claimWords(claim: ClaimId): ClaimWords {
  const rule = CLAIM_RULES[claim];
  const effect = minimumEffectWords(claim);
  const n = formatNumber(rule.minimumN);
  switch (claim) {
    case 'seven':
      return {
        claim: msg('Asked for a random whole number from 0 to 10, aligned models say “7” far more often than the 1 in 11 a fair pick gives it.'),
        rule: msg(
          str`Supported when an aligned model’s P(“7”) is at least ${effect} above both the base model’s and 1 in 11 (${formatFixed(1 / 11, 3)}), and, for sampled answers, a one-sided permutation test finds it higher than the base model’s. Not supported when it is at least ${effect} below the base model’s, tested the same way. Sampled runs count from ${n} valid answers per model.`,
        ),
        caveats: [],
        noRuns: msg('You have no random-number run with a base and an aligned model yet.'),
      };
    case 'repeats':
      return {
        claim: msg('Asked for ten random numbers from 0 to 10, aligned models avoid repeating a number, which a fair source does about three times in ten.'),
        rule: msg(
          str`The measure, chosen before any run, is the mean number of repeats in a list of ten (a fair source: ${formatFixed(CHANCE.meanRepeats, 2)}). Supported when an aligned model’s mean is at least ${effect} below both the base model’s and chance, and a one-sided permutation test finds it lower than the base model’s. Not supported when it is at least ${effect} above the base model’s, tested the same way. Runs count from ${n} valid lists per model.`,
        ),
        caveats: [
          msg('The paper’s own measure of repeats is not known (secondary sources report the most common number of repeats). The lab’s charts also show the share of lists with no repeat and of neighbours that repeat, each beside its exact value for a fair source; they do not decide the verdict.'),
        ],
        noRuns: msg('You have no run of ten random numbers with a base and an aligned model yet.'),
      };
    case 'games':
      return {
        claim: msg('Playing rock-paper-scissors or hide-and-seek round after round against an opponent that learns, aligned models fall into habits and lose more than their base models.'),
        rule: msg(
          str`Supported when an aligned model’s net score per 100 rounds is at least ${effect} below both the base model’s and random play’s 0, and a one-sided test finds it lower than the base model’s. The opponent learns, so rounds are not independent: the test pairs the two models’ scores over the same stretches of ten rounds and flips their signs at random. Not supported when the aligned model scores at least ${effect} more than the base model, tested the same way. Runs count from ${n} rounds per model; each game is a comparison of its own.`,
        ),
        caveats: [msg('The opponent, the number of rounds and the prompts are the lab’s own: the paper’s are not known.')],
        noRuns: msg('You have no rock-paper-scissors or hide-and-seek run with a base and an aligned model yet.'),
      };
    case 'poems':
      return {
        claim: msg('People judge the poems of base models more original than those of their aligned versions.'),
        rule: msg(
          str`This uses your own blind ratings of a run’s poems. Supported when you judged the base model’s poem the more original at least ${effect} (a tie counts as half), and a one-sided sign test on the pairs you did not call a tie finds the base model ahead. Not supported the other way round. Counts from ${n} rated pairs.`,
        ),
        caveats: [msg('In the paper other people rated the poems; here the ratings are yours.')],
        noRuns: msg('You have no poem run with a base and an aligned model yet.'),
      };
    case 'stages':
      return {
        claim: msg('Each further stage of training after the base model moves a model further from a fair pick.'),
        rule: msg(
          str`This uses random-number runs with a base, an instruct and a reasoning model of one family. The measure is the paper’s: χ² against a fair pick for a sample of N = ${formatNumber(PAPER_N)} (exact, or estimated without bias from the run’s answers). Supported when each later checkpoint is at least ${effect} further from a fair pick than the one before it, and, for sampled answers, a one-sided permutation test finds each step. Not supported when a later checkpoint is at least ${effect} closer to a fair pick than the one before it, tested the same way. Sampled runs count from ${n} valid answers per model.`,
        ),
        caveats: [
          msg('The paper compared the stages of one training recipe (SFT, then DPO, then reinforcement learning) on Llama 3.1; secondary summaries report the pattern at 8B but not at 70B, where the Tulu checkpoints are closer to a fair pick than the base model.'),
          msg('This verdict assumes that the reasoning checkpoint was trained after the instruct one. For Ministral 3 3B, Mistral AI has not said so: all three checkpoints may branch from the base model. Read a verdict here as a comparison of three checkpoints, not of training stages.'),
          msg('The reasoning model is asked through the instruct model’s chat template, without its own thinking instructions, so that all three read the same question; its own template might change its answers.'),
        ],
        noRuns: msg('You have no random-number run with a base, an instruct and a reasoning model yet.'),
      };
  }
}

/** Every claim judged on the runs stored in this browser, and how many runs there are. */
async function claimsOf(context: LabContext): Promise<{ results: ClaimResult[]; runs: number }> {
  const evidence = await context.library.evidence();
  if (!evidence.ok) throw new Error(evidence.error.detail);
  return { results: assessClaims(evidence.value), runs: evidence.value.length };
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
    case 'off-question':
      return msg(str`Most of what a model said here was not an answer to the question (more than ${formatPercent(MAX_OTHER_SHARE, 0)} outside the answer set, or invalid), so these numbers do not measure it: no verdict. Try the other framing.`);
    case 'no-ratings':
      return msg(str`Too few blind ratings of this pair yet (at least ${formatNumber(CLAIM_RULES.poems.minimumN)} are needed): rate them on the run’s page.`);
    case 'small-effect':
      return msg('The difference is smaller than the minimum effect this claim asks for.');
    case 'not-significant':
      return msg('The difference could be noise: the test did not reach its level. More answers or rounds would tell.');
    case 'mixed-steps':
      return msg('The steps point different ways: one later checkpoint is further from a fair pick, another closer.');
  }
}

function exclusionWords(reason: Exclusion): string {
  switch (reason) {
    case 'not-complete':
      return msg('not complete (still running, stopped or failed)');
    case 'too-small':
      return msg('too few answers, lists or rounds for this claim');
    case 'unreadable':
      return msg('its records could not be summarised');
    case 'repeats-a-run':
      return msg('the same setup and seed as a run already counted (its answers would count twice)');
    case 'not-comparable':
      return msg('it lacks the models this claim compares');
    case 'self-check-failed':
      return msg('the self-check on this GPU found that the exact numbers disagree with the model’s own answers (see the run’s page)');
    case 'bounds-only':
      return msg('its server gives only the likeliest next tokens, so the answers’ probabilities are bounds, not exact values');
    case 'other-version':
      return msg('it was made with another version of this experiment, whose method differs from the one this lab runs (run it again to count it)');
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
    case 'chi-square-at-paper-n':
      return msg('χ² against a fair pick, at N = 1,500');
  }
}

function formatValue(measure: ClaimMeasure, value: number): string {
  switch (measure) {
    case 'p-seven':
      return formatFixed(value, 3);
    case 'mean-repeats':
      return formatFixed(value, 2);
    case 'net-score':
    case 'chi-square-at-paper-n':
      return formatNumber(value, 1);
    case 'originality-win-rate':
      return formatPercent(value, 0);
  }
}

function testName(test: Step['test']): string {
  switch (test) {
    case 'exact-difference':
      return msg('exact values: no test, the minimum effect decides');
    case 'permutation':
      return msg('one-sided permutation test');
    case 'paired-sign-flip':
      return msg('one-sided paired sign-flip test over stretches of rounds');
    case 'sign-test':
      return msg('one-sided sign test');
  }
}

function framingWords(framing: Framing): string {
  return framing === 'native' ? msg('native framing') : msg('same text for both models');
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
    dataTableStyles,
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
        min-width: min(100%, 32rem);
      }

      caption {
        text-align: left;
        padding-bottom: 0.35rem;
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

  /**
   * The claim to show first (`#/claims/<id>`, where a guided run lands): once the verdicts are in, its section is
   * scrolled to and its heading focused, so keyboard and screen-reader users land on the verdict too.
   */
  @property({ attribute: false }) focusClaim: string | null = null;

  /** Where the paper's figures are read from: the app's own copy, next to index.html. */
  @property({ attribute: false }) paperFiguresUrl = new URL('reference/paper-figures.json', document.baseURI).href;

  /** The latest load only (the context or address can change while one is running). */
  private readonly claimsLoad = new LatestLoad<{ results: ClaimResult[]; runs: number }>(this);
  private readonly figuresLoad = new LatestLoad<PaperFigure[]>(this);
  /** The claim last scrolled to: once per address, not again when the verdicts are read anew. */
  private focusedClaim: string | null = null;
  /** This tab's run as last seen (id and status): the verdicts are read again when it starts or ends. */
  private runSeen: string | null = null;

  constructor() {
    super();
    // The verdicts follow the stored runs: another tab's runs and votes (not each record: a run's end is a status
    // change), and this tab's run, which goes on while this page is open.
    new RunsChangedController(this, () => this.context?.otherTabs, (change) => {
      if (change.what !== 'records') this.readClaims();
    });
    new EventController(this, () => [this.context?.runs], 'change', () => {
      if (this.runKey() !== this.runSeen) this.readClaims();
    });
  }

  private runKey(): string | null {
    const run = this.context?.runs.current;
    return run ? `${run.info.id}:${run.info.status}` : null;
  }

  /** Reads the stored runs again and judges every claim, keeping the verdicts on screen until the new ones are in. */
  private readClaims(): void {
    const context = this.context;
    this.runSeen = this.runKey();
    void this.claimsLoad.refresh(() => claimsOf(context));
  }

  private get claims() {
    return this.claimsLoad.state;
  }

  private get figures() {
    return this.figuresLoad.state;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const context = this.context;
    if (changed.has('context') && context) {
      this.runSeen = this.runKey();
      void this.claimsLoad.run(() => claimsOf(context));
    }
    if (changed.has('focusClaim')) this.focusedClaim = null;
    if (changed.has('paperFiguresUrl')) {
      const url = this.paperFiguresUrl;
      void this.figuresLoad.run(() => loadPaperFigures(url));
    }
  }

  protected override updated(): void {
    if (!this.focusClaim || this.claims.status !== 'done' || this.focusedClaim === this.focusClaim) return;
    this.focusedClaim = this.focusClaim;
    const heading = this.renderRoot.querySelector<HTMLElement>(`section[data-claim="${CSS.escape(this.focusClaim)}"] h2`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
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
        return html`<p>${msg(str`Runs stored in this browser: ${formatNumber(claims.value.runs)}.`)}</p>`;
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
          ${results.map((result) => html`<li>${claimTitle(result.claim)} ${this.renderVerdictBadge(result.verdict)}</li>`)}
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
              'Runs of the same experiment (the same models, question, framing, mode, temperature and opponent) are counted together, whatever their number of answers. A run counts only once it is complete and has enough answers; the page lists the runs it leaves out and why.',
            )}
          </li>
          <li>
            ${msg(
              'Each claim asks for a minimum effect: a difference too small to matter never decides, however sure it is. Exact mode reads the numbers from the model’s probabilities, with no sampling noise; there the minimum effect alone decides, since a small rewording of the question could move the numbers by less than it.',
            )}
          </li>
          <li>
            ${msg(
              str`Sampled answers also need a one-sided test of the direction the claim predicts. All tests of one claim share a 5% chance of a wrong verdict when the models do not differ: it is split between the two directions and over every comparison the claim makes (Bonferroni). Seeded simulations check that this holds (docs/claims.md).`,
            )}
          </li>
          <li>
            ${msg(
              str`When more than ${formatPercent(MAX_OTHER_SHARE, 0)} of what a model says falls outside the answers (in exact mode its probability, in sampled mode its invalid answers), its numbers do not measure the question and give no verdict.`,
            )}
          </li>
          <li>
            ${msg(
              'A claim is supported when at least one comparison supports it and none contradicts it, and not supported the other way round. When comparisons disagree, there is not enough evidence yet.',
            )}
          </li>
        </ul>
      </section>
    `;
  }

  private renderClaim(result: ClaimResult) {
    const words = claimWords(result.claim);
    const headingId = `claim-${result.claim}`;
    return html`
      <section class="card claim" aria-labelledby=${headingId} data-claim=${result.claim}>
        <h2 id=${headingId} tabindex="-1">${claimTitle(result.claim)}</h2>
        <p>${this.renderVerdictBadge(result.verdict)}</p>
        <p>${words.claim}</p>
        ${words.caveats.map((caveat) => html`<p class="caveat">${caveat}</p>`)}
        <p class="rule"><strong>${msg('How we decide:')}</strong> ${words.rule}</p>
        <h3>${msg('Your runs')}</h3>
        ${this.renderComparisons(result, words)}
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

  private renderComparisons(result: ClaimResult, words: ClaimWords) {
    const excluded = this.renderExcluded(result);
    if (result.comparisons.length === 0) {
      const runnable = CLAIM_PROBES[result.claim].some(isProbeRunnable);
      return html`<p>
          ${result.excluded.length > 0 ? msg('None of your runs can be counted for this claim yet.') : words.noRuns}
          ${runnable
            ? html`<a href=${isGuidedClaimId(result.claim) ? hrefForCheck(result.claim) : hrefFor('lab')}>${msg('Run it in the Lab')}</a>`
            : msg('The experiment for this claim is still being built.')}
        </p>
        ${excluded}`;
    }
    return html`
      ${result.mixed
        ? html`<p>${msg('Your comparisons disagree: some support the claim and some contradict it. Look at each one below.')}</p>`
        : nothing}
      <ul class="runs">
        ${result.comparisons.map((comparison) => this.renderComparison(comparison))}
      </ul>
      ${excluded}
    `;
  }

  private renderComparison(comparison: Comparison) {
    const measure = CLAIM_RULES[comparison.claim].measure;
    return html`
      <li data-comparison=${comparison.probeId}>
        <div class="run-heading">
          <strong>${probeTitle(comparison.probeId)}</strong>
          <span class="muted">
            ${comparison.mode === 'exact' ? msg('exact mode') : msg('sampled mode')}; ${framingWords(comparison.framing)}
          </span>
          ${this.renderVerdictBadge(comparison.verdict)}
        </div>
        <ul class="numbers">
          ${comparison.rows.map((row) => html`<li>${this.renderRow(measure, row)}</li>`)}
          ${comparison.steps.map((step) => html`<li>${this.renderStep(measure, comparison, step)}</li>`)}
        </ul>
        ${comparison.gap ? html`<p class="muted">${gapWords(comparison.gap)}</p>` : nothing}
        <p class="muted">
          ${msg('Runs counted:')}
          ${comparison.runs.map(
            (run, i) => html`${i > 0 ? ', ' : ''}<a href=${hrefForRun(run.id)}>${formatDateTime(run.createdAt)}</a>`,
          )}
        </p>
      </li>
    `;
  }

  private renderRow(measure: ClaimMeasure, row: EvidenceRow) {
    const other =
      row.otherShare === null
        ? nothing
        : html`<span class="muted">; ${msg(str`outside the answers: ${formatPercent(row.otherShare, 1)}`)}</span>`;
    return html`${row.model.name}: ${measureName(measure)} <span class="number">${estimateWords(row.estimate, { format: (value) => formatValue(measure, value) })}</span>${other}`;
  }

  private renderStep(measure: ClaimMeasure, comparison: Comparison, step: Step) {
    const effect = formatValue(measure, Math.abs(step.effect));
    const direction =
      CLAIM_RULES[comparison.claim].direction === 'higher'
        ? step.effect >= 0
          ? msg(str`${step.to.name} is ${effect} higher than ${step.from.name}`)
          : msg(str`${step.to.name} is ${effect} lower than ${step.from.name}`)
        : step.effect >= 0
          ? msg(str`${step.to.name} is ${effect} lower than ${step.from.name}`)
          : msg(str`${step.to.name} is ${effect} higher than ${step.from.name}`);
    const test =
      step.pValue === null
        ? testName(step.test)
        : msg(str`${testName(step.test)}: p = ${formatPValue(step.pValue)} in the predicted direction, ${formatPValue(step.pValueOpposite ?? 1)} in the other; level ${formatPValue(comparison.alpha)}`);
    return html`${direction} <span class="muted">(${test})</span>`;
  }

  private renderExcluded(result: ClaimResult) {
    if (result.excluded.length === 0) return nothing;
    return html`<details>
      <summary>${msg(str`Runs not counted for this claim: ${formatNumber(result.excluded.length)}`)}</summary>
      <ul>
        ${result.excluded.map(
          ({ run, reason }) =>
            html`<li>
              <a href=${hrefForRun(run.id)}>${msg(str`${probeTitle(run.probeId)}, run of ${formatDateTime(run.createdAt)}`)}</a>:
              ${exclusionWords(reason)}
            </li>`,
        )}
      </ul>
    </details>`;
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
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-claims-page': LabClaimsPage;
  }
}
