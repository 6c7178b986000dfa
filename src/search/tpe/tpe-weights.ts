/**
 * Optuna's defaults for how many observations are "good" and how much each one weighs
 * (optuna/samplers/_tpe/sampler.py: default_gamma, default_weights).
 */

/** Size of the good set among n observations: the best 10%, rounded up, at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Kernel weights of n observations in trial order (oldest first): all 1 below 25; from 25
 * on the newest 25 weigh 1 and the older ones ramp linearly from 1/n up towards 1
 * (numpy's linspace(1/n, 1, n - 25)), so an old observation fades rather than vanishes.
 */
export function defaultWeights(n: number): number[] {
  const out = new Array<number>(Math.max(0, n)).fill(1);
  const rampLength = n - 25;
  for (let i = 0; i < rampLength; i++) {
    out[i] = rampLength === 1 ? 1 / n : 1 / n + (i * (1 - 1 / n)) / (rampLength - 1);
  }
  return out;
}
