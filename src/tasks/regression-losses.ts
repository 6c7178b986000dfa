import * as tf from '@tensorflow/tfjs';
import type { REGRESSION_LOSSES as NAMES } from '../config/types.js';

type RegressionLoss = (typeof NAMES)[number];
import type { LossFormula } from './task.js';

const LOG2 = Math.log(2);

/** log(1 + e^x) without overflow, in float64. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Keras's regression losses, each in tensor form and in plain-JS form (see LossFormula).
 * huber uses Keras's delta 1: 0.5 e^2 when |e| <= 1, else |e| - 0.5 (written as
 * 0.5 q^2 + (|e| - q) with q = min(|e|, 1)). log_cosh is Keras's overflow-safe form
 * e + softplus(-2e) - log 2, whose slope is tanh(e).
 * The tensor forms are the exact op sequences the solo and fused runs have always used:
 * changing one changes every trained weight (fused-vs-solo equivalence rests on both
 * paths calling these same functions).
 */
export const REGRESSION_LOSSES: Readonly<Record<RegressionLoss, LossFormula>> = {
  mse: {
    tensor: (t, p, axes) => tf.mean(tf.squaredDifference(p, t), axes),
    value: (e) => e * e,
    slope: (e) => 2 * e,
  },
  mae: {
    tensor: (t, p, axes) => tf.mean(tf.abs(tf.sub(p, t)), axes),
    value: (e) => Math.abs(e),
    // TensorFlow.js's gradient of abs is step(e, -1): -1 at e = 0.
    slope: (e) => (e > 0 ? 1 : -1),
  },
  huber: {
    tensor: (t, p, axes) => {
      const a = tf.abs(tf.sub(p, t));
      const q = tf.minimum(a, 1);
      return tf.mean(tf.add(tf.mul(tf.square(q), 0.5), tf.sub(a, q)), axes);
    },
    value: (e) => {
      const a = Math.abs(e);
      const q = Math.min(a, 1);
      return 0.5 * q * q + (a - q);
    },
    slope: (e) => (Math.abs(e) <= 1 ? e : Math.sign(e)),
  },
  log_cosh: {
    tensor: (t, p, axes) => {
      const e = tf.sub(p, t);
      return tf.mean(tf.sub(tf.add(e, tf.softplus(tf.mul(e, -2))), LOG2), axes);
    },
    value: (e) => e + softplus(-2 * e) - LOG2,
    slope: (e) => Math.tanh(e),
  },
};
