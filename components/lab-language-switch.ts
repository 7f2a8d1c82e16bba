import { LitElement, css, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property } from 'lit/decorators.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../src/app/locale.ts';
import { compactSelectStyles } from './styles/shared.ts';

/** Fired when the reader picks a language; the app shows it and remembers it. */
export class LanguageChangeEvent extends Event {
  static readonly eventName = 'language-change';
  readonly language: Language;

  constructor(language: Language) {
    super(LanguageChangeEvent.eventName, { bubbles: true, composed: true });
    this.language = language;
  }
}

/**
 * The language picker: each language named in itself (a reader who cannot read the current language still finds
 * their own), with `lang` set on each option so screen readers pronounce it right.
 * @fires language-change
 */
@customElement('lab-language-switch')
@localized()
export class LabLanguageSwitch extends LitElement {
  static override styles = [
    compactSelectStyles,
    css`
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.875rem;
      }
    `,
  ];

  @property() language: Language = 'en';

  override render() {
    return html`
      <label>
        ${msg('Language')}
        <select @change=${this.onChange}>
          ${LANGUAGES.map(
            (language) =>
              html`<option value=${language} lang=${language} ?selected=${language === this.language}>${LANGUAGE_NAMES[language]}</option>`,
          )}
        </select>
      </label>
    `;
  }

  private onChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const language = LANGUAGES.find((candidate) => candidate === value);
    if (language) this.dispatchEvent(new LanguageChangeEvent(language));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-language-switch': LabLanguageSwitch;
  }
  interface HTMLElementEventMap {
    'language-change': LanguageChangeEvent;
  }
}
