import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

/** Keras Lion's defaults (keras/src/optimizers/lion.py). */
export const LION_BETA_1 = 0.9;
export const LION_BETA_2 = 0.99;

/**
 * Lion as Keras 3 computes it (keras/src/optimizers/lion.py; TensorFlow.js has none): the
 * update is the sign of an interpolation, so every weight moves by exactly lr (or 0):
 *   w -= lr * sign(beta_1 m + (1 - beta_1) g)
 *   m  = beta_2 m + (1 - beta_2) g
 */
export class KerasLion extends SlotOptimizer {
  static get className(): string {
    return 'KerasLion';
  }

  constructor(readonly learningRate: number) {
    super();
  }

  protected update(name: string, value: tf.Variable, gradient: tf.Tensor): void {
    const m = this.slot('momentum', name, value);
    const direction = tf.sign(tf.add(tf.mul(m, LION_BETA_1), tf.mul(gradient, 1 - LION_BETA_1)));
    value.assign(tf.sub(value, tf.mul(direction, this.learningRate)));
    m.assign(tf.add(tf.mul(m, LION_BETA_2), tf.mul(gradient, 1 - LION_BETA_2)));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: LION_BETA_1, beta2: LION_BETA_2 };
  }
}
