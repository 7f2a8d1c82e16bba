// Styles several elements share. Colours come only from the tokens in theme.css.
import { css } from 'lit';

export const pageStyles = css`
  :host {
    display: block;
  }

  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 1.5em 0 0.5em;
  }

  h1 {
    font-size: 1.75rem;
    margin-top: 0;
  }

  h2 {
    font-size: 1.3rem;
  }

  h3 {
    font-size: 1.1rem;
  }

  p {
    margin: 0 0 1em;
    max-width: 70ch;
  }

  a {
    color: var(--lab-accent);
  }

  :focus-visible {
    outline: 3px solid var(--lab-focus);
    outline-offset: 2px;
  }

  .lede {
    font-size: 1.125rem;
    color: var(--lab-text-muted);
  }

  .card {
    background: var(--lab-surface);
    border: 1px solid var(--lab-border-subtle);
    border-radius: var(--lab-radius);
    padding: var(--lab-space);
  }

  .badge {
    display: inline-block;
    font-size: 0.8125rem;
    font-weight: 600;
    line-height: 1.4;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    color: var(--lab-accent-text);
    background: var(--lab-accent);
    border: 1px solid var(--lab-accent);
    border-radius: var(--lab-radius);
    padding: 0.4em 1em;
    cursor: pointer;
  }

  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }

  code {
    font-family: var(--lab-font-mono);
    overflow-wrap: anywhere;
  }
`;

/** Data tables (results, chart data, metrics): compact rows, tabular figures, numbers right-aligned. */
export const dataTableStyles = css`
  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
  }

  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    margin: 0.5rem 0;
  }

  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.3rem 0.75rem 0.3rem 0;
    border-bottom: 1px solid var(--lab-border-subtle);
  }

  td.number {
    text-align: right;
    white-space: nowrap;
  }
`;

/** Tables of facts on a page (details, parameters): captions as headings, room below. */
export const captionStyles = css`
  .table-scroll {
    margin-bottom: 1rem;
  }

  table {
    min-width: min(100%, 36rem);
  }

  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }
`;

/** A compact <select> in the page's colours, for pickers beside content (the language, a chart's view). */
export const compactSelectStyles = css`
  select {
    font: inherit;
    color: var(--lab-text);
    background: var(--lab-surface-raised);
    border: 1px solid var(--lab-border);
    border-radius: var(--lab-radius);
    padding: 0.2rem 0.4rem;
    max-width: 100%;
  }

  select:focus-visible {
    outline: 3px solid var(--lab-focus);
    outline-offset: 1px;
  }
`;
