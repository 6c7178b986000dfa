/**
 * Standard normal arithmetic in log space, accurate in the tails, for the truncated normal
 * kernels of the Parzen estimator. The same case analysis as Optuna's `_truncnorm.py`
 * (itself after SciPy's `truncnorm`): work in the left tail and use symmetry, so a kernel
 * far from its bounds still has a finite, exact log mass.
 */

/** log(sqrt(2 pi)). */
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// Chebyshev coefficients of erfc on [0, inf) (Numerical Recipes, 3rd ed., 6.2.2): relative
// error near 1.2e-16 over the whole range, including the far tail where 1 - erf underflows.
const ERFC_COF = [
  -1.3026537197817094, 6.419697923564902e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
  -1.624290004647e-6, 1.303655835580e-6, 1.5626441722e-8, -8.5238095915e-8,
  6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10,
  9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13,
  3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15,
  -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/**
 * log erfc(z) for z >= 0 from the Chebyshev form erfc(z) = t exp(-z^2 + P(t)): no exp to
 * underflow, so it stays exact (to ~1e-16 absolute) however far out z is.
 */
function logErfcNonNegative(z: number): number {
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + ERFC_COF[j];
    dd = tmp;
  }
  return Math.log(t) - z * z + 0.5 * (ERFC_COF[0] + ty * d) - dd;
}

function erfcNonNegative(z: number): number {
  return Math.exp(logErfcNonNegative(z));
}

/** The complementary error function, relative error ~1e-16 for x >= 0. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** Phi(a), the standard normal CDF; relative accuracy holds in the left tail. */
export function ndtr(a: number): number {
  return 0.5 * erfc(-a / Math.SQRT2);
}

/** log phi(x), the standard normal log density. */
export function normLogPdf(x: number): number {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/**
 * log Phi(a) for any a: log erfc in closed form on the left (exact where Phi underflows),
 * log1p of the upper tail on the right (Optuna switches only at 6, which costs it ~1e-8
 * relative error just below).
 */
export function logNdtr(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  if (a === -Infinity) return -Infinity;
  if (a > 0) return Math.log1p(-ndtr(-a));
  return logErfcNonNegative(-a / Math.SQRT2) - Math.LN2;
}

/** log(exp(p) + exp(q)) without overflow. */
export function logAddExp(p: number, q: number): number {
  const m = Math.max(p, q);
  if (m === -Infinity) return -Infinity;
  return m + Math.log1p(Math.exp(-Math.abs(p - q)));
}

/** log(exp(p) - exp(q)) for p >= q. */
function logDiffExp(p: number, q: number): number {
  return p + Math.log1p(-Math.exp(q - p));
}

/**
 * log(Phi(b) - Phi(a)) for a <= b: the log probability mass of [a, b] under N(0, 1).
 * -Infinity when a === b.
 */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiffExp(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiffExp(logNdtr(-a), logNdtr(-b));
  // Central: both tails are small, so 1 - left - right keeps its precision. A tail beyond
  // 9 sigma (< 1.2e-19) moves the result by less than 1e-18 and is not computed.
  return Math.log1p(-(a > -9 ? ndtr(a) : 0) - (b < 9 ? ndtr(-b) : 0));
}

// Acklam's rational approximation of the normal quantile (|relative error| < 1.15e-9); the
// starting point for the Newton steps in ndtriExp.
const ACKLAM_A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
const ACKLAM_B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
const ACKLAM_C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
const ACKLAM_D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
const ACKLAM_P_LOW = 0.02425;
const LOG_P_LOW = Math.log(ACKLAM_P_LOW);
const LOG_P_HIGH = Math.log1p(-ACKLAM_P_LOW);

/** Acklam's tail formula for q = sqrt(-2 log p), p the smaller tail probability. */
function acklamTail(q: number): number {
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
}

function acklamCentral(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const q = p - 0.5;
  const r = q * q;
  return (((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * The x with log Phi(x) = y (y <= 0): the normal quantile of exp(y), taken from its
 * logarithm so probabilities far below 1e-308 still invert. Acklam's approximation
 * refined by Newton steps on log Phi, which converge to a few ulps.
 */
export function ndtriExp(y: number): number {
  if (Number.isNaN(y)) return Number.NaN;
  if (y === -Infinity) return -Infinity;
  if (y >= 0) return Infinity;
  let x: number;
  if (y < LOG_P_LOW) x = acklamTail(Math.sqrt(-2 * y));
  else if (y > LOG_P_HIGH) x = -acklamTail(Math.sqrt(-2 * Math.log(-Math.expm1(y))));
  else x = acklamCentral(Math.exp(y));
  for (let i = 0; i < 3; i++) {
    const lp = logNdtr(x);
    const slope = Math.exp(normLogPdf(x) - lp);
    if (!(slope > 0) || !Number.isFinite(slope)) break;
    const dx = (lp - y) / slope;
    x -= dx;
    if (Math.abs(dx) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
