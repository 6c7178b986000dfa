import { DEFAULT_Q, qValue, roundDraw, type NormalDistribution } from './distributions.js';

/**
 * Draws of the normal family (normal, q_normal, log_normal, q_log_normal) with W&B's
 * meanings: X = mu + sigma Z; log_normal is exp(X); a q_ form rounds to the nearest multiple
 * of q (W&B: round(X / q) * q, unbounded, so q_log_normal can give 0).
 *
 * Z comes from the Box-Muller transform of two uniform variates of the seeded PRNG, which
 * is deterministic and bounded: the variates are multiples of 2^-53, so 1 - u1 >= 2^-53 and
 * |Z| <= sqrt(-2 ln 2^-53) = 8.5717 (NORMAL_Z_MAX). Every draw therefore lies between the
 * draws at Z = -NORMAL_Z_MAX and Z = +NORMAL_Z_MAX, which is what the validator checks
 * against the parameter's domain. Beyond 8.57 sigma a true normal has a probability of
 * about 1e-17, so the difference from W&B is invisible.
 */
export const NORMAL_Z_MAX = Math.sqrt(-2 * Math.log(2 ** -53));

/** A standard normal variate from two uniform variates in [0, 1); |result| <= NORMAL_Z_MAX. */
export function standardNormal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** The draw for standard normal variate `z`; non-decreasing in z. */
export function drawFromNormal(d: NormalDistribution, mu: number, sigma: number, q: number | undefined, z: number): number {
  const x = mu + sigma * z;
  const step = q ?? DEFAULT_Q;
  switch (d) {
    case 'normal':
      return roundDraw(x);
    case 'log_normal':
      return roundDraw(Math.exp(x));
    case 'q_normal':
      return qValue(Math.round(x / step), step);
    case 'q_log_normal':
      return qValue(Math.round(Math.exp(x) / step), step);
  }
}

/** The smallest and largest values drawFromNormal can return. */
export function normalExtremes(d: NormalDistribution, mu: number, sigma: number, q: number | undefined): { lo: number; hi: number } {
  return { lo: drawFromNormal(d, mu, sigma, q, -NORMAL_Z_MAX), hi: drawFromNormal(d, mu, sigma, q, NORMAL_Z_MAX) };
}
