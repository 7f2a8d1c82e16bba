// Styles of the Lab's forms and model cards. Apart from shared.ts, which the first page loads: these load with the
// Lab page only, so the first page stays within its budget.
import { css } from 'lit';

/** Text fields and menus of forms, in the theme's colours. */
export const fieldStyles = css`
  input,
  select,
  textarea {
    font: inherit;
    color: var(--lab-text);
    background: var(--lab-surface-raised);
    border: 1px solid var(--lab-border);
    border-radius: var(--lab-radius);
    padding: 0.3rem 0.5rem;
  }
`;

/** A card's facts as a list of two columns: what, then its value. */
export const factListStyles = css`
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15rem 1rem;
    margin: 0;
    font-size: 0.9375rem;
  }

  dt {
    color: var(--lab-text-muted);
  }

  dd {
    margin: 0;
  }
`;
