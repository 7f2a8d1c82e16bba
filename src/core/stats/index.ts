// Statistics for the probes (methods.md §B1): seeded randomness, goodness-of-fit tests against uniform,
// information measures, intervals, the repeat-count null and the two-model permutation test.
export { createRng } from './rng.ts';
export { chiSquareUpperTail, logGamma, normalQuantile, regularizedGammaP, regularizedGammaQ } from './distributions.ts';
export { chiSquareUniform, gTestUniform, type GoodnessOfFit } from './goodness-of-fit.ts';
export {
  DEFAULT_MONTE_CARLO_DRAWS,
  EXACT_CATEGORY_LIMIT,
  EXACT_OUTCOME_LIMIT,
  exactMultinomialPValue,
  monteCarloMultinomialPValue,
  multinomialOutcomeCount,
  multinomialPValue,
  type MultinomialTestOptions,
  type MultinomialTestResult,
} from './multinomial.ts';
export {
  entropy,
  entropyMillerMadow,
  jsDivergence,
  klDivergence,
  normalise,
  totalVariation,
  uniform,
} from './information.ts';
export {
  DEFAULT_POSTERIOR_DRAWS,
  dirichletInterval,
  JEFFREYS_ALPHA,
  wilsonInterval,
  type DirichletIntervalOptions,
  type Interval,
  type PosteriorInterval,
} from './intervals.ts';
export { repeatCountNull } from './repeats.ts';
export {
  DEFAULT_PERMUTATION_DRAWS,
  permutationTest,
  type PermutationTestOptions,
  type PermutationTestResult,
} from './permutation.ts';
export { createBinomialSampler, createGammaSampler, createNormalSampler } from './variates.ts';
