/**
 * Kernel widths of a numeric parameter, in kernel units, as Optuna's parzen_estimator.py
 * sets them. `low`/`high` are the kernel-space bounds; the prior kernel (mean (low+high)/2,
 * width high - low) is added by the estimator, not here.
 */

/** Optuna's SIGMA0_MAGNITUDE, the constant of the multivariate rule (from BOHB). */
const SIGMA0_MAGNITUDE = 0.2;

/**
 * Optuna's univariate heuristic: sort the observations together with the prior mean, put
 * the bounds at both ends, and give each the larger distance to its two neighbours. Unless
 * `considerEndpoints`, the smallest and largest take the distance to their inner neighbour
 * only, so a point near a bound is not widened by it. Returns one width per observation,
 * in their order, before clipping.
 */
export function univariateSigmas(mus: ArrayLike<number>, low: number, high: number, considerEndpoints: boolean): Float64Array {
  const n = mus.length;
  const withPrior = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) withPrior[i] = mus[i];
  withPrior[n] = 0.5 * (low + high);
  // ends = [low, sorted observations and prior mean, high]; the typed-array sort is numeric.
  const ends = new Float64Array(n + 3);
  ends.set(withPrior, 1);
  ends.subarray(1, n + 2).sort();
  ends[0] = low;
  ends[n + 2] = high;
  const sorted = new Float64Array(n + 1);
  for (let r = 0; r <= n; r++) sorted[r] = Math.max(ends[r + 1] - ends[r], ends[r + 2] - ends[r + 1]);
  if (!considerEndpoints && n >= 1) {
    sorted[0] = ends[2] - ends[1];
    sorted[n] = ends[n + 1] - ends[n];
  }
  // Rank of each observation: equal values take consecutive ranks in observation order.
  const taken = new Uint32Array(n + 1);
  const sigmas = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid + 1] < withPrior[i]) lo = mid + 1;
      else hi = mid;
    }
    // The prior mean ranks after observations equal to it (it comes last in Optuna's order).
    sigmas[i] = sorted[lo + taken[lo]++];
  }
  return sigmas;
}

/**
 * The multivariate width (Scott's rule as BOHB uses it): 0.2 * n^(-1/(d+4)) * (high - low)
 * for n observations (at least 1) of d parameters, the same for every kernel.
 */
export function scottSigma(n: number, nParams: number, low: number, high: number): number {
  return SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (nParams + 4)) * (high - low);
}

/**
 * Clips widths into [min, high - low] in place. With the magic clip (Optuna's
 * consider_magic_clip) min is (high - low) / min(100, 1 + nKernels), nKernels counting the
 * prior, so no kernel is narrower than about one kernel's share of the range; without it,
 * 1e-12.
 */
export function clipSigmas(sigmas: Float64Array, low: number, high: number, nKernels: number, magicClip: boolean): Float64Array {
  const max = high - low;
  const min = magicClip ? (high - low) / Math.min(100, 1 + nKernels) : 1e-12;
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = Math.min(Math.max(sigmas[i], min), max);
  return sigmas;
}
