import { LitElement, css, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { THEME_CHOICES, type ThemeChoice } from '../src/app/theme.ts';

/** Fired when the user picks a theme; the app applies and stores it. */
export class ThemeChangeEvent extends Event {
  static readonly eventName = 'theme-change';
  readonly choice: ThemeChoice;

  constructor(choice: ThemeChoice) {
    super(ThemeChangeEvent.eventName, { bubbles: true, composed: true });
    this.choice = choice;
  }
}

function choiceLabel(choice: ThemeChoice): string {
  switch (choice) {
    case 'light':
      return msg('Light');
    case 'dark':
      return msg('Dark');
    case 'auto':
      return msg('Auto');
  }
}

/**
 * Light / dark / auto, as a radio group (arrow keys move between the three, as screen-reader users expect).
 * @fires theme-change
 */
@customElement('lab-theme-switch')
@localized()
export class LabThemeSwitch extends LitElement {
  static override styles = css`
    fieldset {
      display: inline-flex;
      margin: 0;
      padding: 0;
      border: 1px solid var(--lab-border);
      border-radius: var(--lab-radius);
      overflow: hidden;
    }

    legend {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }

    label {
      position: relative;
      padding: 0.25rem 0.7rem;
      font-size: 0.875rem;
      cursor: pointer;
      color: var(--lab-text);
    }

    label + label {
      border-left: 1px solid var(--lab-border);
    }

    input {
      position: absolute;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }

    label:has(input:checked) {
      background: var(--lab-accent);
      color: var(--lab-accent-text);
      font-weight: 600;
    }

    label:has(input:focus-visible) {
      outline: 3px solid var(--lab-focus);
      outline-offset: -3px;
    }
  `;

  @property() choice: ThemeChoice = 'auto';

  override render() {
    return html`
      <fieldset>
        <legend>${msg('Theme')}</legend>
        ${THEME_CHOICES.map(
          (choice) => html`
            <label>
              <input
                type="radio"
                name="theme"
                .value=${choice}
                .checked=${choice === this.choice}
                @change=${() => this.dispatchEvent(new ThemeChangeEvent(choice))}
              />${choiceLabel(choice)}
            </label>
          `,
        )}
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-theme-switch': LabThemeSwitch;
  }
  interface HTMLElementEventMap {
    'theme-change': ThemeChangeEvent;
  }
}
