// The accessibility rules of every axe check of the lab, in the Chromium component tests (test/browser/support.ts)
// and end to end (test/e2e/browser.ts): one list, so a page and its parts are held to the same bar.
import type { RunOptions } from 'axe-core';

/** WCAG 2.0–2.2 at levels A and AA, and axe's best practices (landmarks, one h1, heading order). */
export const AXE_RUN_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
};
