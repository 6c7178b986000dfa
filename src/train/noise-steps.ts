import * as tf from '@tensorflow/tfjs';

/** A noise layer's training-time transform, drawing from `seed`. */
export type NoiseStep = (x: tf.Tensor, seed: number) => tf.Tensor;

/** SELU's constants, as AlphaDropout uses them (TensorFlow.js's noise.ts, Keras's AlphaDropout). */
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * The layers whose training-time randomness the trainer draws itself, by class name: in a
 * layer's own call() TensorFlow.js draws them unseeded (Math.random), so a trial would not
 * repeat. Each is TensorFlow.js's formula with a seeded draw; at inference every one is the
 * identity, as in TensorFlow.js. Null for any other layer. Randomness inside other layers
 * (an lstm's `dropout` and `recurrent_dropout`) stays TensorFlow.js's, unseeded.
 */
export function noiseStep(className: string, config: Record<string, unknown>): NoiseStep | null {
  const rate = typeof config.rate === 'number' ? config.rate : 0;
  switch (className) {
    case 'Dropout':
      return (x, seed) => (rate > 0 ? tf.dropout(x, rate, undefined, seed) : x);
    case 'SpatialDropout1D':
      // One mask per channel of each row, shared by every step: noise shape [batch, 1, channels].
      return (x, seed) => (rate > 0 ? tf.dropout(x, rate, [x.shape[0], 1, x.shape[2] as number], seed) : x);
    case 'GaussianNoise': {
      const stddev = typeof config.stddev === 'number' ? config.stddev : 0;
      return (x, seed) => tf.add(x, tf.randomNormal(x.shape, 0, stddev, 'float32', seed));
    }
    case 'GaussianDropout':
      return (x, seed) => (rate > 0 && rate < 1 ? tf.mul(x, tf.randomNormal(x.shape, 1, Math.sqrt(rate / (1 - rate)), 'float32', seed)) : x);
    case 'AlphaDropout':
      return (x, seed) => (rate > 0 && rate < 1 ? alphaDropout(x, rate, seed) : x);
    default:
      return null;
  }
}

/** Keeps each value with probability 1 - rate, sets the others to SELU's saturation, then restores mean and variance. */
function alphaDropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  const alphaP = -SELU_ALPHA * SELU_SCALE;
  const kept = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), rate), 'float32');
  const a = ((1 - rate) * (1 + rate * alphaP ** 2)) ** -0.5;
  const b = -a * alphaP * rate;
  const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.add(kept, -1), alphaP));
  return tf.add(tf.mul(dropped, a), b);
}
