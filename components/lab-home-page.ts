import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { hrefFor } from '../src/app/router.ts';
import { PAPER } from '../src/core/paper.ts';
import { isProbeRunnable, type ProbeId } from '../src/core/probes/index.ts';
import { pageStyles } from './styles/shared.ts';

/** How firmly a claim is on record (paper-notes.md tags these statements). */
type ClaimSource = 'abstract' | 'secondary';

interface Claim {
  probes: ProbeId[];
  title: string;
  plainWords: string;
  whyItMatters: string;
  source: ClaimSource;
}

const CLAIMS: Claim[] = [
  {
    probes: ['rng-0-10'],
    title: 'The “7”',
    plainWords:
      'Ask a model for a random whole number from 0 to 10. A fair pick would land on each number about one time in eleven. Aligned models say “7” far more often than that, like people do.',
    whyItMatters: 'A model that is asked to be random and is not can quietly bias anything built on it: games, samples, test data.',
    source: 'abstract',
  },
  {
    probes: ['rng-sequence'],
    title: 'The repeats',
    plainWords:
      'Ask for ten random numbers from 0 to 10. With only eleven numbers to choose from, a truly random list of ten almost always repeats some: three repeats is the most common result. Aligned models avoid repeating themselves, which looks random to people but is not.',
    whyItMatters: 'Avoiding repeats is a human idea of randomness. It makes the lists predictable.',
    source: 'secondary',
  },
  {
    probes: ['rps', 'hide-and-seek'],
    title: 'The games',
    plainWords:
      'In rock-paper-scissors and hide-and-seek the best strategy is to be unpredictable. Aligned models fall into habits, and in some situations become almost fully predictable, so an opponent that learns their habits wins.',
    whyItMatters: 'Predictable play can be exploited by anyone who watches for long enough.',
    source: 'abstract',
  },
  {
    probes: ['poem'],
    title: 'The poems',
    plainWords:
      'Asked to write poems, aligned models favour pleasant writing over original writing. Base models, before alignment, write poems that people judge more original.',
    whyItMatters: 'For brainstorming and creative drafts, the “nicer” model may be the less useful one.',
    source: 'abstract',
  },
];

const SOURCE_NOTES: Record<ClaimSource, string> = {
  abstract: 'Stated in the paper’s abstract.',
  secondary: 'Reported in summaries of the paper; not yet checked against its full text.',
};

/** The home page: what the paper claims, in plain words, and whether this lab can test each claim yet. */
@customElement('lab-home-page')
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
    `,
  ];

  override render() {
    return html`
      <h1 tabindex="-1">Do aligned language models lose their randomness?</h1>
      <p class="lede">
        Alignment (the training that makes chat models helpful and safe) seems to make them worse at being
        unpredictable. This lab lets you check that claim yourself: it runs a base model and its aligned twin on your
        own GPU, in this browser, and puts the same questions to both.
      </p>
      <p>
        The claim comes from <cite>${PAPER.title}</cite> by ${PAPER.authors.join(' and ')} (${PAPER.venue}),
        <a href=${PAPER.url}>arXiv:${PAPER.arxivId}</a>.
      </p>

      <h2 id="claims-heading">What the paper claims</h2>
      <ul class="claims" aria-labelledby="claims-heading">
        ${CLAIMS.map((claim) => this.renderClaim(claim))}
      </ul>

      <h2>Before you start</h2>
      <p>
        The models run on your graphics card through WebGPU, and nothing you do here is sent to a server.
        <a href=${hrefFor('gpu')}>Check what your GPU can run</a>: nothing is downloaded on that page.
      </p>
    `;
  }

  private renderClaim(claim: Claim) {
    const runnable = claim.probes.every(isProbeRunnable);
    return html`
      <li class="card">
        <span class="badge status ${runnable ? 'runnable' : ''}">${runnable ? 'Ready to run' : 'Not yet runnable'}</span>
        <h3>${claim.title}</h3>
        <p>${claim.plainWords}</p>
        <p>${claim.whyItMatters}</p>
        ${runnable ? null : html`<p>The experiment for this claim is still being built.</p>`}
        <p class="source">${SOURCE_NOTES[claim.source]}</p>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-home-page': LabHomePage;
  }
}
