import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { localized, msg, str } from '@lit/localize';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ratingChartData, PAPER_RATINGS, type RatingContestData } from '../src/app/charts/poem-charts.ts';
import { countText, formatFixed, formatNumber, formatPercent } from '../src/app/format.ts';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import { RatingController, isComplete, nextUnrated, planRatings, ratingOf, type Votes } from '../src/app/rating-controller.ts';
import {
  RATING_CRITERIA,
  SIDES,
  VOTES,
  MIN_CORRELATION_PAIRS,
  type IdentificationSummary,
  type PoemRating,
  type PoemRecord,
  type RatingCriterion,
  type RatingPair,
  type Vote,
} from '../src/core/probes/poem/index.ts';
import type { RunInfo } from '../src/core/results/index.ts';
import './lab-error-message.ts';
import { dataTableStyles, pageStyles } from './styles/shared.ts';
import { estimateWords, type EstimateWording } from './text/estimate-text.ts';
import { modelLabel } from './text/run-text.ts';

/** Fired when a vote on a pair is stored (a second vote on the same pair replaces the first). */
export class PoemRatingSavedEvent extends Event {
  static readonly eventName = 'poem-rating-saved';
  readonly runId: string;
  readonly rating: PoemRating;

  constructor(runId: string, rating: PoemRating) {
    super(PoemRatingSavedEvent.eventName, { bubbles: true, composed: true });
    this.runId = runId;
    this.rating = rating;
  }
}

function question(criterion: RatingCriterion): string {
  switch (criterion) {
    case 'originality':
      return msg('Which poem is more original?');
    case 'pleasantness':
      return msg('Which poem is more pleasant to read?');
    case 'preference':
      return msg('Which poem do you prefer overall?');
  }
}

function criterionName(criterion: RatingCriterion): string {
  switch (criterion) {
    case 'originality':
      return msg('More original');
    case 'pleasantness':
      return msg('More pleasant');
    case 'preference':
      return msg('Preferred overall');
  }
}

function voteLabel(vote: Vote): string {
  switch (vote) {
    case 'left':
      return msg('Poem A');
    case 'right':
      return msg('Poem B');
    case 'tie':
      return msg('Tie');
    case 'both-bad':
      return msg('Both bad');
  }
}

/** The reader's guess of the base model's poem, and whether it was right; a dash for a vote made before the lab asked. */
function guessText(rating: PoemRating, baseModelId: string): string {
  if (rating.baseGuess === undefined) return '—';
  const right = (rating.baseGuess === 'left') === (rating.leftModelId === baseModelId);
  const label = voteLabel(rating.baseGuess);
  return right ? msg(str`${label} (right)`) : msg(str`${label} (wrong)`);
}

/** A win rate or a share of guesses: N counts the votes or guesses behind it. */
const RATE: EstimateWording = { format: (value) => formatPercent(value, 0) };

function signedFixed(value: number): string {
  const text = formatFixed(Math.abs(value), 2);
  return value < 0 ? `−${text}` : value > 0 ? `+${text}` : text;
}

/** Your votes' Spearman ρ: N counts the pairs it rests on. */
const CORRELATION: EstimateWording = {
  format: signedFixed,
  counted: { one: (n) => msg(str`${n} pair`), other: (n) => msg(str`${n} pairs`) },
};

/**
 * poem: blind pairwise rating. Two poems written for the same topic, one by the base model and one by an aligned
 * model, left and right as the run's seeded plan says and with no names; three questions answered A, B, tie or both
 * bad, and a guess of which poem the base model wrote; then the next pair. Nothing that could tell the reader who
 * wrote which (names, win rates, whether a guess was right) is shown until every pair is rated: then the authors of
 * each pair, the reader's win rates with Wilson intervals and N beside the paper's figures, and how often the reader
 * told the base model's poem (whether the rating was blind). Poems are model output, shown as text only.
 * @fires poem-rating-saved
 */
@customElement('lab-poem-rating')
@localized()
export class LabPoemRating extends LitElement {
  static override styles = [
    pageStyles,
    dataTableStyles,
    css`
      h3 {
        margin-top: 0;
      }

      h4 {
        font-size: 1rem;
        margin: 1.25rem 0 0.5rem;
      }

      .poems {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
        gap: 1rem;
        margin-bottom: 1rem;
      }

      figure {
        margin: 0;
      }

      figcaption {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }

      .poem {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
        max-width: none;
        font-family: var(--lab-font);
        background: var(--lab-surface-raised);
      }

      fieldset {
        border: 1px solid var(--lab-border-subtle);
        border-radius: var(--lab-radius);
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.75rem 0.75rem;
      }

      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }

      .options {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1.25rem;
      }

      .options label {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }

      input[type='radio'] {
        accent-color: var(--lab-accent);
        margin: 0;
      }

      input:focus-visible {
        outline: 3px solid var(--lab-focus);
        outline-offset: 2px;
      }

      .problem {
        color: var(--lab-error);
        font-weight: 600;
      }

      .saved {
        margin: 0.5rem 0 0;
      }


      caption {
        text-align: left;
        font-weight: 600;
        padding-bottom: 0.25rem;
      }

      table + table {
        margin-top: 1rem;
      }

      .muted {
        color: var(--lab-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) context: LabContext | null = null;
  @property() runId = '';
  /** The run's poem records (live: more arrive while the run goes on). */
  @property({ attribute: false }) records: PoemRecord[] = [];
  @property({ attribute: false }) models: RunInfo['models'] = [];

  /** The pair on screen: kept while the reader answers, even if new poems change the plan. */
  @state() private pair: RatingPair | null = null;
  @state() private votes: Partial<Votes> = {};
  /** A vote was just stored: said once, in the live region, as the next pair comes up. */
  @state() private justSaved = false;
  @state() private missing = false;
  @state() private saving = false;

  @query('.pair-heading') private pairHeading?: HTMLElement;
  @query('.done-heading') private doneHeading?: HTMLElement;

  private controller: RatingController | null = null;
  private loading: Promise<void> = Promise.resolve();
  private plan: RatingPair[] = [];

  constructor() {
    super();
    new ChangeController(this, () => [this.controller ?? undefined]);
  }

  /** Resolves once the run's stored ratings have been read (or failed to be). */
  get ratingsLoaded(): Promise<void> {
    return this.loading;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') || changed.has('runId')) {
      this.controller = this.context && this.runId ? new RatingController(this.context.store, this.runId) : null;
      this.pair = null;
      this.justSaved = false;
      this.votes = {};
      this.loading = this.controller?.load() ?? Promise.resolve();
    }
    if (changed.has('records') || changed.has('models') || changed.has('runId')) {
      this.plan = planRatings(this.records, this.models, this.runId);
    }
    if (!this.pair && this.controller?.status === 'ready') {
      this.pair = nextUnrated(this.plan, this.controller.ratings);
    }
  }

  override render() {
    return html`
      <h3>${msg('Rate the poems blind')}</h3>
      <p>
        ${msg(
          'Two poems written for the same topic, one by each model, in random order and without names. Answer the three questions and guess which poem the base model wrote. Which model wrote which, and your results, are shown once you have rated every pair, so that every vote stays blind.',
        )}
      </p>
      ${this.renderRating()} ${this.renderResults()}
    `;
  }

  private renderRating() {
    const controller = this.controller;
    if (this.plan.length === 0) {
      const hasContest = this.models.some((model) => model.role === 'base') && this.models.some((model) => model.role !== 'base');
      return html`<p class="card">
        ${hasContest
          ? msg('No pairs yet: a pair needs a poem on the same topic from the base model and from an aligned model.')
          : msg('Blind rating needs poems from a base model and an aligned model in the same run.')}
      </p>`;
    }
    if (!controller || controller.status === 'loading') return html`<p aria-live="polite">${msg('Reading your earlier votes…')}</p>`;
    if (controller.status === 'failed') return html`<lab-error-message .error=${controller.error}></lab-error-message>`;
    const pair = this.pair;
    if (!pair) return this.renderDone(controller.ratings);
    const rated = controller.ratings.filter((rating) => this.plan.some((candidate) => candidate.pairId === rating.pairId)).length;
    return html`
      <h4 class="pair-heading" tabindex="-1">
        ${msg(str`Pair ${formatNumber(rated + 1)} of ${formatNumber(this.plan.length)}: poems about “${pair.topic}”`)}
      </h4>
      <div class="poems">
        <figure>
          <figcaption>${msg('Poem A')}</figcaption>
          <p class="poem card">${pair.leftPoem}</p>
        </figure>
        <figure>
          <figcaption>${msg('Poem B')}</figcaption>
          <p class="poem card">${pair.rightPoem}</p>
        </figure>
      </div>
      <form @submit=${this.onSubmit} novalidate>
        ${RATING_CRITERIA.map((criterion) => this.renderQuestion(criterion, question(criterion), VOTES, voteLabel))}
        ${this.renderQuestion(
          'baseGuess',
          // A forced choice, so that a reader who cannot tell the models apart is right half the time.
          msg('Which poem do you think the base model wrote? If you cannot tell, guess.'),
          SIDES,
          voteLabel,
        )}
        <p class="problem" role="alert">${this.missing ? msg('Answer all four questions, then submit your vote.') : nothing}</p>
        <button type="submit" ?disabled=${this.saving}>${msg('Submit vote')}</button>
      </form>
      ${controller.error ? html`<lab-error-message .error=${controller.error}></lab-error-message>` : nothing}
      <p class="saved muted" aria-live="polite">${this.justSaved ? msg('Your vote is saved. Here is the next pair.') : nothing}</p>
    `;
  }

  /** One question as a group of radio buttons, one per answer. */
  private renderQuestion<Question extends keyof Votes>(
    question: Question,
    legend: string,
    answers: readonly Votes[Question][],
    label: (answer: Votes[Question]) => string,
  ) {
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="options">
        ${answers.map(
          (answer) => html`<label>
            <input type="radio" name=${question} value=${answer} .checked=${this.votes[question] === answer} @change=${() => this.choose(question, answer)} />
            ${label(answer)}
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  /** Every pair rated: now, and only now, who wrote which poem. */
  private renderDone(ratings: readonly PoemRating[]) {
    const byPair = new Map(ratings.map((rating) => [rating.pairId, rating]));
    const nameOf = (modelId: string) => {
      const model = this.models.find((candidate) => candidate.id === modelId);
      return model ? modelLabel(model) : modelId;
    };
    const baseId = this.models.find((model) => model.role === 'base')?.id ?? '';
    return html`
      <h4 class="done-heading" tabindex="-1">${msg('Who wrote which poem')}</h4>
      <p class="card" aria-live="polite">
        ${countText(this.plan.length, {
          one: (n) => msg(str`You have rated the ${n} pair. Thank you: your vote is saved in this browser.`),
          other: (n) => msg(str`You have rated all ${n} pairs. Thank you: your votes are saved in this browser.`),
        })}
      </p>
      <div class="table-scroll" tabindex="0" role="region" aria-label=${msg('The authors of each pair you rated')}>
        <table>
          <caption>${msg('The authors of each pair you rated')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Pair')}</th>
              <th scope="col">${msg('Poem A')}</th>
              <th scope="col">${msg('Poem B')}</th>
              <th scope="col">${msg('Your guess of the base model’s poem')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.plan.map((pair, i) => {
              const rating = byPair.get(pair.pairId);
              return html`<tr>
                <th scope="row">${msg(str`${formatNumber(i + 1)}: “${pair.topic}”`)}</th>
                <td>${nameOf(pair.leftModelId)}</td>
                <td>${nameOf(pair.rightModelId)}</td>
                <td>${rating ? guessText(rating, baseId) : '—'}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderResults() {
    const ratings = this.controller?.ratings ?? [];
    const contests = ratingChartData(ratings, this.models);
    if (contests.length === 0 || ratings.length === 0) return nothing;
    // Win rates, like names, would tell the reader who wrote the poems still to rate.
    if (this.pair) return html`<p class="muted">${msg('Your results appear here once you have rated every pair.')}</p>`;
    return html`${contests.map((contest) => this.renderContest(contest))}
      <p class="muted">
        ${countText(PAPER_RATINGS.originalityContestsWonByBase.comparisons, {
          one: (n) =>
            msg(str`The paper's figures come from secondary summaries of its ${n} blind comparison of Llama 3.1 poems, and have not been checked against the paper.`),
          other: (n) =>
            msg(str`The paper's figures come from secondary summaries of its ${n} blind comparisons of Llama 3.1 poems, and have not been checked against the paper.`),
        })}
      </p>`;
  }

  private renderContest(contest: RatingContestData) {
    if (contest.ratings === 0) return nothing;
    const { base, aligned } = contest;
    const paper = PAPER_RATINGS.originalityContestsWonByBase;
    const preference = contest.criteria.find((criterion) => criterion.criterion === 'preference');
    return html`
      <h4>${msg(str`Your votes: ${base.name} against ${aligned.name}`)}</h4>
      <p>
        ${countText(contest.ratings, { one: (n) => msg(str`${n} pair rated.`), other: (n) => msg(str`${n} pairs rated.`) })}
        ${msg(str`The base model's poem was Poem A in ${formatNumber(contest.baseOnLeft)} of them.`)}
        ${msg('A win rate counts a tie as half a win and leaves “both bad” out of its N.')}
      </p>
      <div class="table-scroll" tabindex="0" role="region" aria-label=${msg(str`Win rates: ${base.name} against ${aligned.name}`)}>
        <table>
          <caption>${msg('How often the base model’s poem won')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Question')}</th>
              <th scope="col">${msg(str`${modelLabel(base)} won`)}</th>
              <th scope="col">${msg('N')}</th>
              <th scope="col">${msg('Base wins, aligned wins, ties, both bad')}</th>
              <th scope="col">${msg('The paper (secondary source)')}</th>
            </tr>
          </thead>
          <tbody>
            ${contest.criteria.map(
              (criterion) => html`<tr>
                <th scope="row">${criterionName(criterion.criterion)}</th>
                <td>${criterion.baseWinRate ? estimateWords(criterion.baseWinRate, RATE) : '—'}</td>
                <td>${formatNumber(criterion.n)}</td>
                <td>
                  ${[criterion.baseWins, criterion.alignedWins, criterion.ties, criterion.bothBad].map((count) => formatNumber(count)).join(', ')}
                </td>
                <td>
                  ${criterion.criterion === 'originality'
                    ? countText(paper.outOf, {
                        one: (n) => msg(str`The base model won in ${formatNumber(paper.count)} of ${n} contest.`),
                        other: (n) => msg(str`The base model won in ${formatNumber(paper.count)} of ${n} contests.`),
                      })
                    : '—'}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
        <table>
          <caption>${msg('How closely overall preference follows originality and pleasantness')}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Preference follows')}</th>
              <th scope="col">${msg('Your votes (Spearman ρ)')}</th>
              <th scope="col">${msg('The paper (secondary source)')}</th>
            </tr>
          </thead>
          <tbody>
            ${contest.correlations.map(
              (row) => html`<tr>
                <th scope="row">${row.criterion === 'originality' ? msg('originality') : msg('pleasantness')}</th>
                <td>
                  ${row.yours.rho
                    ? estimateWords({ ...row.yours.rho, n: row.yours.pairs }, CORRELATION)
                    : countText(MIN_CORRELATION_PAIRS, {
                        one: (n) => msg(str`Needs ${n} pair with votes that differ (you have ${formatNumber(row.yours.pairs)}).`),
                        other: (n) => msg(str`Needs ${n} pairs with votes that differ (you have ${formatNumber(row.yours.pairs)}).`),
                      })}
                </td>
                <td>${signedFixed(row.paper)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${preference?.leftWinRate
        ? html`<p class="muted">
            ${msg(str`Position check: Poem A won ${estimateWords(preference.leftWinRate, RATE)} of the overall-preference votes; 50% means the side did not matter.`)}
          </p>`
        : nothing}
      ${this.renderIdentification(contest.identification)}
    `;
  }

  /** The blindness check: how often the reader's guess named the base model's poem, against the 50% of guessing. */
  private renderIdentification(identification: IdentificationSummary) {
    const share = identification.shareRight;
    if (!share) return html`<p class="muted">${msg('These votes were made without a guess of which poem the base model wrote.')}</p>`;
    return html`<p class="identification">
      ${countText(identification.guesses, {
        one: (n) => msg(str`Could you tell the models apart? Your guess named the base model’s poem in ${formatNumber(identification.right)} of ${n} pair: ${estimateWords(share, RATE)}.`),
        other: (n) => msg(str`Could you tell the models apart? Your guess named the base model’s poem in ${formatNumber(identification.right)} of ${n} pairs: ${estimateWords(share, RATE)}.`),
      })}
      ${share.lo > 0.5
        ? msg('That is more often than guessing (50%) would be: the poems gave their authors away, so these votes were not fully blind.')
        : share.hi < 0.5
          ? msg('That is less often than guessing (50%) would be: you told the poems apart but took one model for the other, so these votes were not fully blind either.')
          : msg('Guessing gives 50%, which is inside your interval: nothing here shows that the poems gave their authors away.')}
    </p>`;
  }

  private choose<Question extends keyof Votes>(question: Question, answer: Votes[Question]): void {
    this.votes = { ...this.votes, [question]: answer };
    this.justSaved = false;
    if (isComplete(this.votes)) this.missing = false;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const pair = this.pair;
    const controller = this.controller;
    if (!pair || !controller || this.saving) return;
    const votes = this.votes;
    if (!isComplete(votes)) {
      this.missing = true;
      const first = [...RATING_CRITERIA, 'baseGuess' as const].find((question) => votes[question] === undefined);
      this.renderRoot.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus();
      return;
    }
    this.saving = true;
    const rating = ratingOf(pair, votes);
    const saved = await controller.save(rating);
    this.saving = false;
    if (!saved) return;
    this.dispatchEvent(new PoemRatingSavedEvent(this.runId, rating));
    this.votes = {};
    this.missing = false;
    this.justSaved = true;
    this.pair = nextUnrated(this.plan, controller.ratings);
    await this.updateComplete;
    (this.pair ? this.pairHeading : this.doneHeading)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-poem-rating': LabPoemRating;
  }
  interface HTMLElementEventMap {
    'poem-rating-saved': PoemRatingSavedEvent;
  }
}
