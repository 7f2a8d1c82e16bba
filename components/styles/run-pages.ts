// Styles the pages that show and manage runs share (History, Run, Storage, the shared run, the model cards and the
// confirm dialog): kept apart from shared.ts, which the first page loads, so that they load with those pages.
// Colours come only from the tokens in theme.css.
import { css } from 'lit';

/** A row of actions, and the buttons beside the main one: secondary (quiet) and danger (destroys something). */
export const actionStyles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }

  button.secondary {
    background: transparent;
    color: var(--lab-accent);
    border-color: var(--lab-border);
  }

  button.danger {
    background: transparent;
    color: var(--lab-error);
    border-color: var(--lab-error);
  }
`;

export const dialogStyles = css`
  dialog {
    color: var(--lab-text);
    background: var(--lab-surface-raised);
    border: 1px solid var(--lab-border);
    border-radius: var(--lab-radius);
    padding: 1.25rem;
    max-width: min(32rem, calc(100vw - 2rem));
  }

  dialog h2 {
    margin-top: 0;
  }
`;

/** A run's status badge (lab-run-status), coloured by status; its words say the status too. */
export const runStatusStyles = css`
  .status-running {
    color: var(--lab-accent);
  }

  .status-complete {
    color: var(--lab-ok);
  }

  .status-incomplete {
    color: var(--lab-warn);
  }

  .status-failed {
    color: var(--lab-error);
  }
`;

/** Label and value lists (dl): labels muted, values wrapping anywhere (ids, URLs). */
export const definitionListStyles = css`
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
  }

  dt {
    color: var(--lab-text-muted);
  }

  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;

/** A card that says something went wrong, and muted notes beside actions. */
export const problemStyles = css`
  .problem {
    border-left: 0.35rem solid var(--lab-error);
    background: var(--lab-error-surface);
  }

  .note {
    color: var(--lab-text-muted);
  }
`;
