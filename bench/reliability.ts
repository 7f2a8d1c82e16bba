// Reliability, from the tests' own measurements: the validators' fuzz (run here with the same seed and size as its
// test) and the records a killed tab loses (the killed-tab e2e test, run here, writes what it measured).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { FUZZ_TEST_CASES, FUZZ_TEST_SEED, fuzzValidators } from '../test/support/fuzz-validators.ts';
import { integer, printTable, type SectionResult } from './section.ts';

const KILLED_TAB_TEST = 'test/e2e/killed-tab.test.ts';
const KILLED_TAB_MEASUREMENT = 'test-results/reliability/records-lost-on-kill.json';
/** The promise: a killed tab loses at most the one record in flight. */
const MAX_RECORDS_LOST_ON_KILL = 1;

function recordsLostOnKill(): number {
  rmSync(KILLED_TAB_MEASUREMENT, { force: true });
  // The e2e config's global setup serves dist/ and dist-e2e/, which the bundle and UI sections have just built.
  const test = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', KILLED_TAB_TEST], { stdio: 'inherit' });
  if (test.status !== 0) throw new Error(`${KILLED_TAB_TEST} failed, so it measured nothing.`);
  const measured = JSON.parse(readFileSync(KILLED_TAB_MEASUREMENT, 'utf8')) as { recordsLostOnKill: number };
  return measured.recordsLostOnKill;
}

export async function benchReliability(): Promise<SectionResult> {
  const fuzz = await fuzzValidators({ seed: FUZZ_TEST_SEED, cases: FUZZ_TEST_CASES });
  const lost = recordsLostOnKill();
  const value = { fuzzCases: fuzz.fuzzCases, fuzzRejectedCleanly: fuzz.fuzzRejectedCleanly, recordsLostOnKill: lost };
  const allRejected = fuzz.fuzzRejectedCleanly === fuzz.fuzzCases;
  printTable('Reliability', [
    ['fuzzed imports and share links', integer.format(fuzz.fuzzCases), `seed ${FUZZ_TEST_SEED}, as in the fuzz test`],
    ['rejected cleanly', integer.format(fuzz.fuzzRejectedCleanly), allRejected ? 'all of them' : 'NOT all of them'],
    ['records lost by a killed tab', integer.format(lost), `${lost <= MAX_RECORDS_LOST_ON_KILL ? 'within' : 'OVER'} the promise of ${MAX_RECORDS_LOST_ON_KILL}`],
  ]);
  return { key: 'reliability', value, withinBudget: allRejected && lost <= MAX_RECORDS_LOST_ON_KILL };
}
