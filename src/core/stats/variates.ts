// Random variates from a seeded uniform source (createRng), for posterior draws: normal variates feed the gamma
// sampler, and normalised gamma variates are Dirichlet draws.

function checkRandomSource(random: unknown): void {
  if (typeof random !== 'function') throw new TypeError('A random source is required, e.g. createRng(seed).');
}

/**
 * Standard normal variates by Marsaglia's polar method. Each accepted pair gives two variates; the second is kept
 * for the next call, so the sampler holds state and should not be shared between unrelated streams.
 */
export function createNormalSampler(random: () => number): () => number {
  checkRandomSource(random);
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * scale;
    hasSpare = true;
    return u * scale;
  };
}

/**
 * Gamma(shape, 1) variates by Marsaglia & Tsang (2000), "A simple method for generating gamma variables". The
 * method needs shape ≥ 1; for shape < 1 it draws Gamma(shape + 1) and multiplies by U^(1/shape), their "boost".
 * The constants are computed once per sampler, since a posterior draws from the same shapes thousands of times.
 */
export function createGammaSampler(
  shape: number,
  random: () => number,
  normal: () => number = createNormalSampler(random),
): () => number {
  if (typeof shape !== 'number' || !Number.isFinite(shape) || shape <= 0) {
    throw new RangeError(`The gamma shape must be a finite number above 0; got ${String(shape)}.`);
  }
  checkRandomSource(random);
  if (typeof normal !== 'function') throw new TypeError('The normal sampler must be a function.');
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const inverseShape = 1 / shape;
  return () => {
    let value: number;
    for (;;) {
      const x = normal();
      const root = 1 + c * x;
      if (root <= 0) continue;
      const v = root * root * root;
      const u = random();
      const xx = x * x;
      // The cheap squeeze accepts about 98% of candidates before the logarithms are needed.
      if (u < 1 - 0.0331 * xx * xx || Math.log(u) < 0.5 * xx + d * (1 - v + Math.log(v))) {
        value = d * v;
        break;
      }
    }
    // 1 − U lies in (0, 1], so the boost never takes a power of zero.
    return boosted ? value * (1 - random()) ** inverseShape : value;
  };
}

/**
 * Binomial(trials, p) variates for trials up to `maxTrials`, by inversion that searches outward from the mode: it
 * visits outcomes in a fixed order (mode, mode − 1, mode + 1, …), so it is exact, and it takes O(√(trials·p·(1 − p)))
 * steps instead of the O(trials) of drawing every trial. A table of ln x! up to maxTrials makes each start cheap.
 */
export function createBinomialSampler(maxTrials: number, random: () => number): (trials: number, p: number) => number {
  if (typeof maxTrials !== 'number' || !Number.isSafeInteger(maxTrials) || maxTrials < 0 || maxTrials > 1e8) {
    throw new RangeError(`maxTrials must be a whole number from 0 to 100,000,000; got ${String(maxTrials)}.`);
  }
  checkRandomSource(random);
  const logFactorial = new Float64Array(maxTrials + 1);
  for (let i = 1; i <= maxTrials; i++) logFactorial[i] = (logFactorial[i - 1] as number) + Math.log(i);
  return (trials, p) => {
    if (!Number.isInteger(trials) || trials < 0 || trials > maxTrials) {
      throw new RangeError(
        `The number of trials must be a whole number from 0 to ${maxTrials}; got ${String(trials)}.`,
      );
    }
    if (!(p >= 0 && p <= 1)) throw new RangeError(`The success probability must be from 0 to 1; got ${String(p)}.`);
    if (p === 0 || trials === 0) return 0;
    if (p === 1) return trials;
    const mode = Math.min(trials, Math.floor((trials + 1) * p));
    const odds = p / (1 - p);
    const modeProbability = Math.exp(
      (logFactorial[trials] as number) -
        (logFactorial[mode] as number) -
        (logFactorial[trials - mode] as number) +
        mode * Math.log(p) +
        (trials - mode) * Math.log1p(-p),
    );
    return invertFromMode(
      random,
      mode,
      modeProbability,
      0,
      trials,
      (x) => x / ((trials - x + 1) * odds),
      (x) => ((trials - x) * odds) / (x + 1),
    );
  };
}

/**
 * Hypergeometric variates: how many of `draws` items taken at random without replacement from a population of
 * `population`, `successes` of them marked, are marked. By inversion searching outward from the mode, as the binomial
 * sampler does (exact, O(standard deviation) steps); a table of ln x! up to `maxPopulation` makes each start cheap.
 */
export function createHypergeometricSampler(
  maxPopulation: number,
  random: () => number,
): (population: number, successes: number, draws: number) => number {
  if (typeof maxPopulation !== 'number' || !Number.isSafeInteger(maxPopulation) || maxPopulation < 0 || maxPopulation > 1e8) {
    throw new RangeError(`maxPopulation must be a whole number from 0 to 100,000,000; got ${String(maxPopulation)}.`);
  }
  checkRandomSource(random);
  const logFactorial = new Float64Array(maxPopulation + 1);
  for (let i = 1; i <= maxPopulation; i++) logFactorial[i] = (logFactorial[i - 1] as number) + Math.log(i);
  const logChoose = (n: number, k: number): number => (logFactorial[n] as number) - (logFactorial[k] as number) - (logFactorial[n - k] as number);
  return (population, successes, draws) => {
    if (![population, successes, draws].every(Number.isInteger) || population < 0 || population > maxPopulation) {
      throw new RangeError(`The population must be a whole number from 0 to ${maxPopulation}; got ${String(population)}.`);
    }
    if (successes < 0 || successes > population || draws < 0 || draws > population) {
      throw new RangeError('The marked items and the draws must be whole numbers from 0 to the population.');
    }
    const lowest = Math.max(0, draws - (population - successes));
    const highest = Math.min(draws, successes);
    if (lowest === highest) return lowest;
    const mode = Math.min(highest, Math.max(lowest, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))));
    const failures = population - successes;
    const modeProbability = Math.exp(logChoose(successes, mode) + logChoose(failures, draws - mode) - logChoose(population, draws));
    return invertFromMode(
      random,
      mode,
      modeProbability,
      lowest,
      highest,
      // p(x − 1) / p(x) = x (failures − draws + x) / ((successes − x + 1)(draws − x + 1))
      (x) => (x * (failures - draws + x)) / ((successes - x + 1) * (draws - x + 1)),
      // p(x + 1) / p(x) = (successes − x)(draws − x) / ((x + 1)(failures − draws + x + 1))
      (x) => ((successes - x) * (draws - x)) / ((x + 1) * (failures - draws + x + 1)),
    );
  };
}

/**
 * One variate of a discrete distribution on lowest … highest by inversion, searching outward from its mode: the
 * uniform draw is spent on the mode, then on its neighbours below and above in turn, each probability taken from the
 * last by the ratio `down(x)` = p(x − 1) / p(x) or `up(x)` = p(x + 1) / p(x). Exact, in O(standard deviation) steps.
 */
function invertFromMode(
  random: () => number,
  mode: number,
  modeProbability: number,
  lowest: number,
  highest: number,
  down: (x: number) => number,
  up: (x: number) => number,
): number {
  for (;;) {
    let u = random() - modeProbability;
    if (u < 0) return mode;
    let below = mode;
    let belowProbability = modeProbability;
    let above = mode;
    let aboveProbability = modeProbability;
    while (below > lowest || above < highest) {
      if (below > lowest) {
        belowProbability *= down(below);
        below--;
        u -= belowProbability;
        if (u < 0) return below;
      }
      if (above < highest) {
        aboveProbability *= up(above);
        above++;
        u -= aboveProbability;
        if (u < 0) return above;
      }
    }
    // Rounding left u a hair above the total mass of all outcomes; drawing again keeps the result exact.
  }
}
