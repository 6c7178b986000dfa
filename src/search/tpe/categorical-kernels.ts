/**
 * The kernels of a categorical parameter (Optuna's parzen_estimator.py): one probability
 * row per observation plus a last row for the prior. Every cell starts at
 * priorWeight / nKernels and the observed choice gets +1, then each row is normalized: the
 * kernel puts most of its mass on what was observed and smooths the rest evenly; the prior
 * row is uniform. With no observation there is only the uniform prior row.
 * Returns the rows flattened: row k, choice c at k * choices + c.
 */
export function categoricalKernelProbs(observed: ArrayLike<number>, choices: number, priorWeight: number): Float64Array {
  const n = observed.length;
  if (n === 0) return new Float64Array(choices).fill(1 / choices);
  const nKernels = n + 1;
  const probs = new Float64Array(nKernels * choices).fill(priorWeight / nKernels);
  for (let k = 0; k < n; k++) probs[k * choices + observed[k]] += 1;
  for (let k = 0; k < nKernels; k++) {
    let sum = 0;
    for (let c = 0; c < choices; c++) sum += probs[k * choices + c];
    for (let c = 0; c < choices; c++) probs[k * choices + c] /= sum;
  }
  return probs;
}
