// Special functions behind the p-values and intervals: log-gamma, the regularised incomplete gamma functions
// (hence the χ² tail) and the standard normal quantile. Written here rather than taken from a library so that
// src/core stays dependency-free and the accuracy is known (tested against closed forms and jstat).

/** Lanczos coefficients for g = 7, n = 9 (Godfrey's set): about 15 significant digits for x > 0. */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new RangeError(`logGamma needs a finite number above 0; got ${String(x)}.`);
  }
  // Below 1/2 the Lanczos sum loses digits; the reflection formula moves the work to 1 − x.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0] as number;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += (LANCZOS_COEFFICIENTS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const RELATIVE_EPSILON = 1e-16;
/** Keeps the continued fraction's denominators away from zero (modified Lentz). */
const TINY = 1e-300;

function checkGammaArguments(a: number, x: number): void {
  if (typeof a !== 'number' || !Number.isFinite(a) || a <= 0) {
    throw new RangeError(`The shape a must be a finite number above 0; got ${String(a)}.`);
  }
  if (typeof x !== 'number' || Number.isNaN(x) || x < 0) {
    throw new RangeError(`x must be a number of 0 or more; got ${String(x)}.`);
  }
}

/** Both series converge in O(√a) steps near x ≈ a; this bound is far above that, and only guards against a hang. */
function iterationLimit(a: number): number {
  return 1000 + Math.ceil(50 * Math.sqrt(a));
}

/** x^a e^(−x) / Γ(a), the factor common to the series and the continued fraction, computed in logs. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - logGamma(a));
}

/** P(a, x) by its power series: accurate and fast when x < a + 1. */
function lowerBySeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  const limit = iterationLimit(a);
  for (let n = 1; n <= limit; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * RELATIVE_EPSILON) return sum * gammaPrefactor(a, x);
  }
  throw new Error(`The incomplete gamma series did not converge for a = ${a}, x = ${x}.`);
}

/** Q(a, x) by Legendre's continued fraction (modified Lentz): accurate and fast when x ≥ a + 1. */
function upperByContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const limit = iterationLimit(a);
  for (let i = 1; i <= limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < RELATIVE_EPSILON) return h * gammaPrefactor(a, x);
  }
  throw new Error(`The incomplete gamma continued fraction did not converge for a = ${a}, x = ${x}.`);
}

/** The regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0 and x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? lowerBySeries(a, x) : 1 - upperByContinuedFraction(a, x);
}

/**
 * The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), for a > 0 and x ≥ 0. Computed
 * directly in the upper tail, so small tail probabilities keep their relative accuracy.
 */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - lowerBySeries(a, x) : upperByContinuedFraction(a, x);
}

/** P(X ≥ statistic) for X ~ χ²(df): the p-value of a χ² or G statistic. */
export function chiSquareUpperTail(statistic: number, df: number): number {
  if (typeof df !== 'number' || !Number.isFinite(df) || df <= 0) {
    throw new RangeError(`The degrees of freedom must be a finite number above 0; got ${String(df)}.`);
  }
  if (typeof statistic !== 'number' || Number.isNaN(statistic) || statistic < 0) {
    throw new RangeError(`The χ² statistic must be a number of 0 or more; got ${String(statistic)}.`);
  }
  return regularizedGammaQ(df / 2, statistic / 2);
}

// Wichura's AS 241 (PPND16), Applied Statistics 37 (1988) 477–484: rational approximations good to about
// 1e-16 relative, in three regions of p.
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946,
  45921.95393154987, 67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597,
  39307.89580009271, 28729.085735721943, 5226.495278852854,
];
const NEAR_TAIL_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045,
  1.2704582524523684, 0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const NEAR_TAIL_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const FAR_TAIL_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
];
const FAR_TAIL_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Evaluates a polynomial with coefficients from the constant term up, by Horner's rule. */
function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] as number);
  return value;
}

/** The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (e.g. 0.975 → 1.959963984540054). */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new RangeError(`normalQuantile needs a probability strictly between 0 and 1; got ${String(p)}.`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(NEAR_TAIL_NUMERATOR, r) / polynomial(NEAR_TAIL_DENOMINATOR, r);
  } else {
    r -= 5;
    value = polynomial(FAR_TAIL_NUMERATOR, r) / polynomial(FAR_TAIL_DENOMINATOR, r);
  }
  return q < 0 ? -value : value;
}

function checkBetaArguments(a: number, b: number, x: number): void {
  for (const [name, value] of [['a', a], ['b', b]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`The shape ${name} must be a finite number above 0; got ${String(value)}.`);
    }
  }
  if (typeof x !== 'number' || !(x >= 0 && x <= 1)) throw new RangeError(`x must be a number from 0 to 1; got ${String(x)}.`);
}

/** The continued fraction of I_x(a, b) (modified Lentz), which converges fast for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  const limit = iterationLimit(a + b);
  for (let m = 1; m <= limit; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < RELATIVE_EPSILON) return h;
  }
  throw new Error(`The incomplete beta continued fraction did not converge for a = ${a}, b = ${b}, x = ${x}.`);
}

/** The regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedBeta(a: number, b: number, x: number): number {
  checkBetaArguments(a, b, x);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges quickly on one side of the mean; the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) covers the other.
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (typeof df !== 'number' || !Number.isFinite(df) || df <= 0) {
    throw new RangeError(`The degrees of freedom must be a finite number above 0; got ${String(df)}.`);
  }
  if (typeof t !== 'number' || Number.isNaN(t)) throw new RangeError(`t must be a number; got ${String(t)}.`);
  const tail = 0.5 * regularizedBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/** Bisects an increasing function of x for the x where it equals `target`, between `lo` and `hi`. */
function bisect(increasing: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let step = 0; step < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); step++) {
    const mid = (lo + hi) / 2;
    if (increasing(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Student's t quantile: the t with P(T ≤ t) = p, for 0 < p < 1 (e.g. p = 0.975, df = 9 → 2.262). */
export function studentTQuantile(p: number, df: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new RangeError(`studentTQuantile needs a probability strictly between 0 and 1; got ${String(p)}.`);
  }
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // The normal quantile is a lower bound; t's tails are heavier, and ×50 (+10) is past any quantile used here.
  const z = normalQuantile(p);
  return bisect((t) => studentTCdf(t, df), p, z, 50 * z + 10);
}

/** The Beta(a, b) quantile: the x with I_x(a, b) = p, for 0 < p < 1. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new RangeError(`betaQuantile needs a probability strictly between 0 and 1; got ${String(p)}.`);
  }
  checkBetaArguments(a, b, 0.5);
  return bisect((x) => regularizedBeta(a, b, x), p, 0, 1);
}
