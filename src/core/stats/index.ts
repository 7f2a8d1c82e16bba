// Statistics for the probes (methods.md §B1): seeded randomness, goodness-of-fit tests against uniform,
// information measures, intervals, the repeat-count null and the two-model permutation test.
export { createRng } from './rng.ts';
export {
  betaQuantile,
  chiSquareUpperTail,
  logGamma,
  normalQuantile,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
} from './distributions.ts';
export { batchMeans, batchMeansEstimate, DEFAULT_BATCHES, type BatchMeansEstimate } from './batch-means.ts';
export {
  calibratedBootstrap,
  DEFAULT_BOOTSTRAP_DRAWS,
  type CalibratedBootstrapOptions,
  type CalibratedEstimate,
} from './calibrated-bootstrap.ts';
export {
  chiSquareAtReferenceN,
  chiSquareDistance,
  chiSquareDistanceOf,
  chiSquareSampleRange,
  expectedChiSquare,
  type ChiSquareAtN,
  type ChiSquareDistance,
  type SampleRange,
} from './chi-square-distance.ts';
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
  dirichletMarginalInterval,
  JEFFREYS_ALPHA,
  quantileOfSorted,
  wilsonInterval,
  type DirichletIntervalOptions,
  type Interval,
  type PosteriorInterval,
} from './intervals.ts';
export { repeatCountNull } from './repeats.ts';
export {
  DEFAULT_PERMUTATION_DRAWS,
  permutationTest,
  signFlipTest,
  signTestPValue,
  type PermutationTestOptions,
  type PermutationTestResult,
  type SignFlipTestResult,
} from './permutation.ts';
export { createBinomialSampler, createGammaSampler, createHypergeometricSampler, createNormalSampler } from './variates.ts';
