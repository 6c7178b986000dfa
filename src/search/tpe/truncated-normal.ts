import { LOG_SQRT_2PI, logAddExp, logGaussMass, logNdtr, ndtriExp } from './gauss.js';

/**
 * The truncated normal N(mu, sigma) restricted to [low, high], the kernel of every numeric
 * parameter. All results are logarithms; a kernel far from its bounds keeps a finite,
 * exact mass (gauss.ts works in the tails).
 */

/** log of the normalizing mass: log P(low <= X <= high) for X ~ N(mu, sigma). */
export function truncNormLogZ(mu: number, sigma: number, low: number, high: number): number {
  return logGaussMass((low - mu) / sigma, (high - mu) / sigma);
}

/** Log density at x of N(mu, sigma) truncated to [low, high]; -Infinity outside. */
export function truncNormLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x < low || x > high) return -Infinity;
  const z = (x - mu) / sigma;
  return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - truncNormLogZ(mu, sigma, low, high);
}

/**
 * Log probability of the bin [lo, hi] (inside [low, high]) under N(mu, sigma) truncated to
 * [low, high]: the kernel of a stepped or int parameter, evaluated on the bin of one grid
 * point (x - step/2, x + step/2).
 */
export function truncNormLogBinMass(lo: number, hi: number, mu: number, sigma: number, low: number, high: number): number {
  return logGaussMass((lo - mu) / sigma, (hi - mu) / sigma) - truncNormLogZ(mu, sigma, low, high);
}

/**
 * The u-quantile (u in [0, 1)) of N(mu, sigma) truncated to [low, high], by the inverse CDF
 * in log space as Optuna's `_truncnorm.ppf`: from the left tail when the lower bound is below
 * the mean, else mirrored from the right tail, so a kernel whose mass sits in a far tail
 * still samples inside its bounds. The result is clamped to [low, high] against rounding
 * (u = 0 gives low exactly).
 */
export function truncNormQuantile(u: number, mu: number, sigma: number, low: number, high: number): number {
  if (u <= 0) return low;
  const a = (low - mu) / sigma;
  const b = (high - mu) / sigma;
  const logMass = logGaussMass(a, b);
  let z: number;
  if (a < 0) {
    z = ndtriExp(logAddExp(logNdtr(a), Math.log(u) + logMass));
  } else {
    z = -ndtriExp(logAddExp(logNdtr(-b), Math.log1p(-u) + logMass));
  }
  if (!(z > a)) return low;
  if (z >= b) return high;
  return Math.min(Math.max(mu + sigma * z, low), high);
}
