import { LitElement, css, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement } from 'lit/decorators.js';
import type { GuidedClaimId } from '../src/app/guided-claims.ts';
import { hrefFor, hrefForCheck } from '../src/app/router.ts';
import { PAPER } from '../src/core/paper.ts';
import { isProbeRunnable, type ProbeId } from '../src/core/probes/index.ts';
import { pageStyles } from './styles/shared.ts';
import { claimTitle } from './text/claim-text.ts';

/** How firmly a claim is on record (paper-notes.md tags these statements). */
type ClaimSource = 'abstract' | 'secondary';

interface Claim {
  /** The claim's id on the Claims page, and the guided run that checks it. */
  id: GuidedClaimId;
  probes: ProbeId[];
  plainWords: string;
  whyItMatters: string;
  source: ClaimSource;
}

/** The claims in the reader's language: built at render time, so a language switch re-renders them. */
function claims(): Claim[] {
  return [
    {
      id: 'seven',
      probes: ['rng-0-10'],
      plainWords: msg(
        'Ask a model for a random whole number from 0 to 10. A fair pick would land on each number about one time in eleven. Aligned models say “7” far more often than that, like people do.',
      ),
      whyItMatters: msg('A model that is asked to be random and is not can quietly bias anything built on it: games, samples, test data.'),
      source: 'abstract',
    },
    {
      id: 'repeats',
      probes: ['rng-sequence'],
      plainWords: msg(
        'Ask for ten random numbers from 0 to 10. With only eleven numbers to choose from, a truly random list of ten almost always repeats some: three repeats is the most common result. Aligned models avoid repeating themselves, which looks random to people but is not.',
      ),
      whyItMatters: msg('Avoiding repeats is a human idea of randomness. It makes the lists predictable.'),
      source: 'secondary',
    },
    {
      id: 'games',
      probes: ['rps', 'hide-and-seek'],
      plainWords: msg(
        'In rock-paper-scissors and hide-and-seek the best strategy is to be unpredictable. Aligned models fall into habits, and in some situations become almost fully predictable, so an opponent that learns their habits wins.',
      ),
      whyItMatters: msg('Predictable play can be exploited by anyone who watches for long enough.'),
      source: 'abstract',
    },
    {
      id: 'poems',
      probes: ['poem'],
      plainWords: msg(
        'Asked to write poems, aligned models favour pleasant writing over original writing. Base models, before alignment, write poems that people judge more original.',
      ),
      whyItMatters: msg('For brainstorming and creative drafts, the “nicer” model may be the less useful one.'),
      source: 'abstract',
    },
  ];
}

function sourceNote(source: ClaimSource): string {
  return source === 'abstract'
    ? msg('Stated in the paper’s abstract.')
    : msg('Reported in summaries of the paper; not yet checked against its full text.');
}

/** The home page: what the paper claims, in plain words, which claims the lab can run, and what they mean in practice. */
@customElement('lab-home-page')
@localized()
export class LabHomePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .claims {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--lab-space);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
      }

      .claims h3 {
        margin-top: 0.25rem;
      }

      .claims p {
        margin-bottom: 0.75em;
      }

      .status {
        color: var(--lab-warn);
        background: var(--lab-warn-surface);
      }

      .status.runnable {
        color: var(--lab-ok);
        background: var(--lab-ok-surface);
      }

      .source {
        font-size: 0.875rem;
        color: var(--lab-text-muted);
        margin: 0;
      }

      cite {
        font-style: italic;
      }

      .practice {
        display: grid;
        gap: var(--lab-space);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
      }

      .practice h3 {
        margin-top: 0;
      }

      .practice ul {
        margin: 0 0 0.75em;
        padding-left: 1.25rem;
      }

      .practice p:last-child {
        margin-bottom: 0;
      }

      .after-grid {
        margin-top: var(--lab-space);
      }
    `,
  ];

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Do aligned language models lose their randomness?')}</h1>
      <p class="lede">
        ${msg(
          'Alignment (the training that makes chat models helpful and safe) seems to make them worse at being unpredictable. This lab lets you check that claim yourself: it runs a base model and its aligned twin on your own GPU, in this browser, and puts the same questions to both.',
        )}
      </p>
      <p>
        ${msg(
          html`The claim comes from <cite>${PAPER.title}</cite> by ${PAPER.authors[0]} and ${PAPER.authors[1]} (${PAPER.venue}),
            <a href="${PAPER.url}">arXiv:${PAPER.arxivId}</a>.`,
        )}
      </p>

      <h2 id="claims-heading">${msg('What the paper claims')}</h2>
      <ul class="claims" aria-labelledby="claims-heading">
        ${claims().map((claim) => this.renderClaim(claim))}
      </ul>
      <p class="after-grid">
        ${msg('Once you have run an experiment, the Claims page shows whether your own runs support each claim.')}
        <a href=${hrefFor('claims')}>${msg('See what your runs say')}</a>
      </p>

      <section aria-labelledby="practice-heading">
        <h2 id="practice-heading">${msg('What this means in practice')}</h2>
        <p>${msg('Neither kind of model is better at everything. Pick the one that fits the job:')}</p>
        <div class="practice">
          <div class="card">
            <h3>${msg('When unpredictability or originality is the goal')}</h3>
            <p>${msg('A base model can be the better tool for:')}</p>
            <ul>
              <li>${msg('brainstorming, where you want ideas you would not have thought of')}</li>
              <li>${msg('creative drafts that should not all sound alike')}</li>
              <li>${msg('randomised strategies, as in games, where being predictable loses')}</li>
              <li>${msg('varied test data and samples that should cover the whole range')}</li>
            </ul>
            <p>${msg('A base model continues text rather than following instructions, so write the prompt as the start of a document.')}</p>
          </div>
          <div class="card">
            <h3>${msg('When safety and following instructions matter')}</h3>
            <p>${msg('The aligned model is the better tool for:')}</p>
            <ul>
              <li>${msg('answering people directly and politely, in the format they asked for')}</li>
              <li>${msg('declining harmful requests')}</li>
              <li>${msg('anything put in front of users without a human checking it first')}</li>
            </ul>
            <p>${msg('This is what alignment is designed for; the lab does not measure it.')}</p>
          </div>
        </div>
        <p class="after-grid">
          ${msg('For unpredictability and originality, do not take this page’s word for it: the lab measures them. The Claims page shows what your own runs found, with the numbers and how sure they are.')}
          <a href=${hrefFor('claims')}>${msg('Go to the Claims page')}</a>
        </p>
      </section>

      <h2>${msg('Before you start')}</h2>
      <p>
        ${msg('The models run on your graphics card through WebGPU, and nothing you do here is sent to a server.')}
        ${msg(html`<a href="${hrefFor('gpu')}">Check what your GPU can run</a>: nothing is downloaded on that page.`)}
      </p>
    `;
  }

  private renderClaim(claim: Claim) {
    // A claim can be tested as soon as one of its experiments runs (the games claim has two).
    const runnable = claim.probes.some(isProbeRunnable);
    return html`
      <li class="card" data-claim=${claim.id}>
        <span class="badge status ${runnable ? 'runnable' : ''}">${runnable ? msg('Ready to run') : msg('Not yet runnable')}</span>
        <h3>${claimTitle(claim.id)}</h3>
        <p>${claim.plainWords}</p>
        <p>${claim.whyItMatters}</p>
        ${runnable
          ? html`<p><a href=${hrefForCheck(claim.id)} data-check=${claim.id}>${msg('Check this claim')}</a></p>`
          : html`<p>${msg('The experiment for this claim is still being built.')}</p>`}
        <p class="source">${sourceNote(claim.source)}</p>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-home-page': LabHomePage;
  }
}
