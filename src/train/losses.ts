import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../spec/types.js';

/** A loss: mean over every element of a batch (Keras: mean over the last axis, then over rows). */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

const LOG2 = Math.log(2);

/**
 * Keras's regression losses. huber uses Keras's delta 1: 0.5 e^2 when |e| <= 1, else
 * |e| - 0.5 (written as 0.5 q^2 + (|e| - q) with q = min(|e|, 1)). log_cosh is Keras's
 * overflow-safe form e + softplus(-2e) - log 2.
 */
export function makeLoss(name: Loss): LossFn {
  switch (name) {
    case 'mse': return (t, p) => tf.mean(tf.squaredDifference(p, t));
    case 'mae': return (t, p) => tf.mean(tf.abs(tf.sub(p, t)));
    case 'huber': return (t, p) => {
      const a = tf.abs(tf.sub(p, t));
      const q = tf.minimum(a, 1);
      return tf.mean(tf.add(tf.mul(tf.square(q), 0.5), tf.sub(a, q)));
    };
    case 'log_cosh': return (t, p) => {
      const e = tf.sub(p, t);
      return tf.mean(tf.sub(tf.add(e, tf.softplus(tf.mul(e, -2))), LOG2));
    };
  }
}
