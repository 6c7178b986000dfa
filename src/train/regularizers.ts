import * as tf from '@tensorflow/tfjs';
import type { Regularizer } from '../config/types.js';

/** Keras's L1L2: l1 * sum|w| + l2 * sum w^2 over every element; null when there is nothing to add. */
export function l1l2(reg: Regularizer, tensors: tf.Tensor[]): tf.Scalar | null {
  if (reg === null || tensors.length === 0) return null;
  const l1 = reg.l1 ?? 0;
  const l2 = reg.l2 ?? 0;
  let total: tf.Scalar | null = null;
  for (const t of tensors) {
    if (l1 !== 0) total = add(total, tf.mul(tf.sum(tf.abs(t)), l1));
    if (l2 !== 0) total = add(total, tf.mul(tf.sum(tf.square(t)), l2));
  }
  return total;
}

/**
 * Keras's activity regularization of one layer: the regularizer of the layer's outputs
 * (summed over the whole batch) divided by the batch size. TensorFlow.js layers refuse
 * activity regularizers, so the trainer adds this to the loss itself.
 */
export function activityPenalty(reg: Regularizer, outputs: tf.Tensor[]): tf.Scalar | null {
  if (reg === null || outputs.length === 0) return null;
  let total: tf.Scalar | null = null;
  for (const out of outputs) {
    const p = l1l2(reg, [out]);
    if (p !== null) total = add(total, tf.div(p, out.shape[0] ?? 1));
  }
  return total;
}

function add(a: tf.Scalar | null, b: tf.Scalar): tf.Scalar {
  return a === null ? b : tf.add(a, b);
}
