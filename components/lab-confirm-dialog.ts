import { LitElement, css, html } from 'lit';
import { localized, msg } from '@lit/localize';
import { customElement, property, query } from 'lit/decorators.js';
import { pageStyles } from './styles/shared.ts';
import { actionStyles, dialogStyles } from './styles/run-pages.ts';

/**
 * A modal question before something that cannot be undone: what will happen, a button that does it and one that
 * keeps things as they are (focused first, so Enter never destroys anything). `ask()` opens it and tells the answer.
 */
@customElement('lab-confirm-dialog')
@localized()
export class LabConfirmDialog extends LitElement {
  static override styles = [
    pageStyles,
    actionStyles,
    dialogStyles,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  @property() heading = '';
  @property() message = '';
  @property() confirmLabel = '';
  /** The button that changes nothing; "Keep it" unless told. */
  @property() keepLabel = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  private answer: ((confirmed: boolean) => void) | null = null;

  override render() {
    return html`<dialog aria-labelledby="confirm-heading" @close=${this.onClose}>
      <form method="dialog">
        <h2 id="confirm-heading">${this.heading}</h2>
        <p>${this.message}</p>
        <div class="actions">
          <button type="submit" value="confirm" class="danger">${this.confirmLabel}</button>
          <button type="submit" value="keep" autofocus>${this.keepLabel || msg('Keep it')}</button>
        </div>
      </form>
    </dialog>`;
  }

  /** Opens the dialog; true once the reader confirms, false when they keep things or press Escape. */
  async ask(): Promise<boolean> {
    await this.updateComplete;
    this.answer?.(false);
    this.dialog.returnValue = '';
    this.dialog.showModal();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private readonly onClose = (): void => {
    const answer = this.answer;
    this.answer = null;
    answer?.(this.dialog.returnValue === 'confirm');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lab-confirm-dialog': LabConfirmDialog;
  }
}
