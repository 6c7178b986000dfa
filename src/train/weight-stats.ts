import type * as tf from '@tensorflow/tfjs';

/** How close the first square dense layer is to the identity (the seed's question). */
export interface IdentityStats {
  identity_hits: number | null;
  diag_mean: number | null;
}

/** The kernel of the model's first dense layer with as many inputs as outputs, or null. */
export function firstSquareKernel(model: tf.LayersModel): tf.Tensor | null {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dense') continue;
    const kernel = layer.trainableWeights.find((w) => /\/kernel$/.test(w.originalName));
    if (kernel !== undefined && kernel.shape.length === 2 && kernel.shape[0] === kernel.shape[1]) return kernel.read();
  }
  return null;
}

/**
 * For an n x n kernel W[in, out] (Keras layout: column j feeds output j):
 * identity_hits = columns j whose largest weight is W[j, j], strictly (a tie is not a hit,
 * so an all-zero kernel scores 0);
 * diag_mean = mean of W[j, j].
 */
export function identityStats(kernel: ArrayLike<number>, n: number): IdentityStats {
  let hits = 0;
  let diag = 0;
  for (let j = 0; j < n; j++) {
    const d = kernel[j * n + j];
    diag += d;
    let best = true;
    for (let i = 0; i < n && best; i++) if (i !== j && kernel[i * n + j] >= d) best = false;
    if (best) hits++;
  }
  return { identity_hits: hits, diag_mean: diag / n };
}

export function modelIdentityStats(model: tf.LayersModel): IdentityStats {
  const kernel = firstSquareKernel(model);
  if (kernel === null) return { identity_hits: null, diag_mean: null };
  const values = kernel.dataSync();
  if (!values.every((v) => Number.isFinite(v))) return { identity_hits: null, diag_mean: null };
  return identityStats(values, kernel.shape[0]);
}
