import { describe, expect, it } from 'vitest';
import * as stats from '../../../../src/core/stats/index.ts';
import { createRng } from '../../../../src/core/stats/rng.ts';

describe('the stats entry point', () => {
  it('re-exports the seeded PRNG unchanged', () => {
    expect(stats.createRng).toBe(createRng);
  });

  it('exports every function the probes rely on', () => {
    const names = [
      'chiSquareUniform',
      'gTestUniform',
      'multinomialPValue',
      'entropy',
      'entropyMillerMadow',
      'klDivergence',
      'jsDivergence',
      'totalVariation',
      'dirichletInterval',
      'wilsonInterval',
      'repeatCountNull',
      'permutationTest',
      'uniform',
      'normalise',
    ] as const;
    for (const name of names) expect(typeof stats[name], name).toBe('function');
  });
});
