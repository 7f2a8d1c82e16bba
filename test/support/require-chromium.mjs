// Run before the browser and end-to-end tests: stop early, with directions, when no Chromium is installed.
import { requireChromium } from './chromium.mjs';

try {
  console.log(`Browser tests use ${requireChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
