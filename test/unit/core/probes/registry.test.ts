import { describe, expect, it } from 'vitest';
import { PROBE_IDS } from '../../../../src/core/probes/index.ts';
import { PROBE_CHECKS, PROBES } from '../../../../src/core/probes/registry.ts';

describe('the probe registry', () => {
  it('has one versioned spec per probe id, each accepting its own defaults', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...PROBE_IDS].sort());
    for (const id of PROBE_IDS) {
      const spec = PROBES[id];
      expect(spec.id).toBe(id);
      expect(spec.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(spec.claim.plainWords.length).toBeGreaterThan(20);
      expect(PROBE_CHECKS.checkParams(id, spec.defaultParams)).toEqual(spec.defaultParams);
    }
  });

  it('refuses a record that belongs to another probe', () => {
    expect(() => PROBE_CHECKS.checkRecord('rps', { probeId: 'rng-0-10', modelId: 'm', index: 0 })).toThrow();
  });
});
