// jstat, an independent implementation, as a reference for the stats tests. It ships no types, so the few
// functions the tests use are declared here; createRequire loads its CommonJS build.
import { createRequire } from 'node:module';

export interface JStatReference {
  chisquare: { cdf(x: number, df: number): number };
  normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  gamma: { cdf(x: number, shape: number, scale: number): number };
  beta: { inv(p: number, alpha: number, beta: number): number };
  hypgeom: { pdf(x: number, population: number, successes: number, draws: number): number };
  lowRegGamma(a: number, x: number): number;
}

export const jStat = createRequire(import.meta.url)('jstat') as JStatReference;
