import type * as tf from '@tensorflow/tfjs';

/**
 * How close an autoencoder's first dense layer is to the identity (the seed's question).
 * Defined only where it means something: the model is an autoencoder (its targets are its
 * inputs) and its first dense layer is square (as wide as the input). Anywhere else (a
 * hidden 16 x 16 layer, a regression onto other columns) both are null. The fused engines
 * apply the same rule (FusedEngine.squareWeight).
 */
export interface IdentityStats {
  identity_hits: number | null;
  diag_mean: number | null;
}

/** The kernel of an autoencoder's first dense layer when it is square; otherwise null. */
export function identityKernel(model: tf.LayersModel, autoencoder: boolean): tf.Tensor | null {
  if (!autoencoder) return null;
  const layer = model.layers.find((l) => l.getClassName() === 'Dense');
  const kernel = layer?.trainableWeights.find((w) => /\/kernel$/.test(w.originalName));
  if (kernel !== undefined && kernel.shape.length === 2 && kernel.shape[0] === kernel.shape[1]) return kernel.read();
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

export function modelIdentityStats(model: tf.LayersModel, autoencoder: boolean): IdentityStats {
  const kernel = identityKernel(model, autoencoder);
  if (kernel === null) return { identity_hits: null, diag_mean: null };
  const values = kernel.dataSync();
  if (!values.every((v) => Number.isFinite(v))) return { identity_hits: null, diag_mean: null };
  return identityStats(values, kernel.shape[0]);
}
