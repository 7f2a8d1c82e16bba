// What the model cards share: one model of the session, by its catalog id, re-rendered as the session changes (load
// progress, errors, cache status). Not an element itself: lab-model-card and lab-server-model-card extend it.
import { LitElement, css } from 'lit';
import { property } from 'lit/decorators.js';
import { ChangeController, type LabContext } from '../src/app/lab-context.ts';
import type { SessionModel } from '../src/app/lab-session.ts';
import { factListStyles } from './styles/forms.ts';
import { pageStyles } from './styles/shared.ts';
import { actionStyles } from './styles/run-pages.ts';

export abstract class SessionModelElement extends LitElement {
  /** A card of facts and actions, its heading and paragraphs tight; subclasses add their own after these. */
  static override styles = [
    pageStyles,
    actionStyles,
    factListStyles,
    css`
      .card {
        display: grid;
        gap: 0.5rem;
      }

      h3 {
        margin: 0;
      }

      p {
        margin: 0;
      }

      .ready {
        color: var(--lab-ok);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) context!: LabContext;
  @property() modelId = '';

  constructor() {
    super();
    new ChangeController(this, () => [this.context?.session]);
  }

  /** The card's model, or undefined while the session does not have it. */
  protected get model(): SessionModel | undefined {
    return this.context.session.model(this.modelId);
  }
}
