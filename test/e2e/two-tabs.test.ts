// The lab in two tabs of one browser: one makes a sampled run while the other opens History and the run's page.
// The second tab leaves the run running (it does not take it for cut off), shows it as going on elsewhere, will
// not delete or resume it, and sees it finish without a reload; the run ends complete with exactly N records per
// model, none twice.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { closeContext } from './browser.ts';
import {
  expectExactlyOnce,
  freshProfile,
  loadDefaultPair,
  shadowText,
  startSampledRun,
  storedIndices,
  waitForProgress,
} from './scripted.ts';
import { RUN_WAIT_MS } from './waits.ts';

const scriptedUrl = inject('scriptedUrl');
const N = 1500;

/** Asks the second tab's lab to resume the run, as its Resume button would, and returns what it said. */
function resumeFrom(page: Page, runId: string): Promise<string> {
  return page.evaluate(async (id) => {
    // The app element keeps the lab's shared state; no button offers to resume a run that shows as running.
    const app = document.querySelector('lab-app') as unknown as {
      context: { runs: { open(runId: string, options: { resume: boolean }): Promise<unknown> } };
    };
    try {
      await app.context.runs.open(id, { resume: true });
      return 'resumed';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, runId);
}

describe('a run made in one tab while another tab is open', () => {
  let profile: BrowserContext;

  beforeAll(async () => {
    profile = await freshProfile();
  });

  afterAll(() => closeContext(profile));

  it('stays running in the other tab, cannot be resumed or deleted there, and finishes complete with no duplicates', async () => {
    const first = await profile.newPage();
    await first.goto(`${scriptedUrl}#/lab`);
    await loadDefaultPair(first);
    const runLink = await startSampledRun(first);
    const runId = runLink.replace('#/run/', '');
    await waitForProgress(first, 0.1);

    const second = await profile.newPage();
    await second.goto(`${scriptedUrl}#/history`);
    const history = second.locator('lab-history-page');
    await expect.poll(() => shadowText(history)).toContain('This run is going on in another tab.');
    expect(await shadowText(history)).toContain('Running');
    expect(await shadowText(history)).not.toContain('Incomplete');
    expect(await second.locator(`lab-history-page [data-delete]`).isDisabled()).toBe(true);
    expect(await second.locator('lab-history-page [data-resume]').count()).toBe(0);

    expect(await resumeFrom(second, runId)).toContain('This run is going on in another tab.');

    await second.goto(`${scriptedUrl}${runLink}`);
    const runPage = second.locator('lab-run-page');
    await expect.poll(() => shadowText(runPage)).toContain('This run is going on in another tab.');
    expect(await second.locator('lab-run-page [data-delete]').isDisabled()).toBe(true);

    await first.bringToFront();
    await first.locator('lab-lab-page .status', { hasText: 'Finished' }).waitFor({ timeout: RUN_WAIT_MS });
    // The second tab hears that the run has finished, without a reload.
    await expect.poll(() => shadowText(runPage)).toContain('Complete');
    expect(await shadowText(runPage)).not.toContain('going on in another tab');
    await second.locator('nav a', { hasText: 'History' }).click();
    await expect.poll(() => shadowText(history)).toContain('Complete');

    expectExactlyOnce(await storedIndices(second, runId), 2, N);
  });
});
