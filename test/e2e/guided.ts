// The guided first run as a visitor takes it (issue 16): from the home page's "Check this claim" to the claim's verdict
// on the Claims page, counting each click and consent. Used by test/e2e/guided-run.test.ts and by the bench's
// `ui.clicksFromHomeToFirstVerdict` (bench/ui.ts), so both measure the same path.
import type { Locator, Page } from 'playwright-core';
import type { GuidedClaimId } from '../../src/app/guided-claims.ts';

/** The claim's verdict on the Claims page. */
export function verdictOf(page: Page, claim: GuidedClaimId): Locator {
  return page.locator(`lab-claims-page [data-claim="${claim}"] [data-verdict]`).first();
}

/**
 * From the home page (already open) to the claim's verdict on screen: "Check this claim", then the guided run's one
 * consent (its button names the download, if any). Resolves with the number of clicks it took.
 */
export async function checkClaimFromHome(page: Page, claim: GuidedClaimId): Promise<number> {
  let clicks = 0;
  await page.locator(`lab-home-page a[data-check="${claim}"]`).click();
  clicks += 1;
  await page.locator('lab-guided-run [data-guided-start]:not([disabled])').click();
  clicks += 1;
  await verdictOf(page, claim).waitFor();
  return clicks;
}
