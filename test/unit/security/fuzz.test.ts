// The promise of issue 6 on untrusted input, measured: at least 1,000 seeded malformed run files, share links and
// setup links (issue 16), fed through the app's own import and link readers, are all refused with messages, leave the stored runs as
// they were, and never throw. `npm run bench` reports the same measurement.
import { describe, expect, it } from 'vitest';
import type { SharedRun, SharedSetup } from '../../../src/core/results/index.ts';
import { FUZZ_TEST_CASES, FUZZ_TEST_SEED, fuzzValidators, type Readers } from '../../support/fuzz-validators.ts';

describe('malformed run files and share links', () => {
  it(`are all refused cleanly, ${FUZZ_TEST_CASES} of them (seed ${FUZZ_TEST_SEED})`, async () => {
    const result = await fuzzValidators({ seed: FUZZ_TEST_SEED, cases: FUZZ_TEST_CASES });
    expect(result.failures).toEqual([]);
    expect(result.fuzzCases).toBeGreaterThanOrEqual(1_000);
    expect(result.fuzzRejectedCleanly).toBe(result.fuzzCases);
    expect(result.editsFed).toBeGreaterThan(0);
  }, 120_000);

  it('notices a reader that lets a malformed input through, changes stored data, or throws', async () => {
    const broken: Readers = {
      async importRunText(store, text) {
        // Stores something before refusing: a promise broken even though the verdict is right.
        await store.saveRating('00000000-0000-4000-8000-000000000001', `pair-${text.length}`, {});
        if (text.length % 3 === 0) throw new Error('boom');
        return { ok: false, reason: 'invalid', problems: ['Not a run file.'] };
      },
      readSharePayload: () => ({ ok: true, value: JSON.parse('{}') as SharedRun }),
      readSetupPayload: (payload) => (payload.length % 2 === 0 ? { ok: true, value: JSON.parse('{}') as SharedSetup } : { ok: false, problems: [] }),
    };
    const result = await fuzzValidators({ seed: FUZZ_TEST_SEED, cases: 60, readers: broken });
    const failures = result.failures.join('\n');
    expect(result.fuzzRejectedCleanly).toBe(0);
    expect(failures).toMatch(/the stored data changed/);
    expect(failures).toMatch(/a malformed share link was read/);
    expect(failures).toMatch(/a malformed setup link was read|refused with no message/);
    expect(failures).toMatch(/threw Error: boom/);
  });
});
