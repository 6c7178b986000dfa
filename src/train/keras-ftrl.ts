import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

/** Keras Ftrl's initial_accumulator_value (keras/src/optimizers/ftrl.py). */
export const FTRL_INITIAL_ACCUMULATOR = 0.1;

/**
 * FTRL-proximal as Keras 3 computes it with its defaults (keras/src/optimizers/ftrl.py:
 * learning_rate_power -0.5, initial_accumulator_value 0.1, l1, l2, l2 shrinkage and beta
 * all 0), which reduce its update to
 *   n' = n + g^2
 *   z  = z + g - (sqrt(n') - sqrt(n)) / lr * w
 *   w  = -z / (sqrt(n') / lr)          (Keras: (clip(z, -l1, l1) - z) / quadratic, l1 = 0)
 * Keras writes n^-lr_power as a power; with lr_power -0.5 that is sqrt, used here. Note
 * that w is a function of z and n alone: the first step replaces the initial weights.
 */
export class KerasFtrl extends SlotOptimizer {
  static get className(): string {
    return 'KerasFtrl';
  }

  constructor(readonly learningRate: number) {
    super();
  }

  protected update(name: string, value: tf.Variable, gradient: tf.Tensor): void {
    const acc = this.slot('accumulator', name, value, FTRL_INITIAL_ACCUMULATOR);
    const linear = this.slot('linear', name, value);
    const next = tf.add(acc, tf.square(gradient));
    const rootNext = tf.sqrt(next);
    const sigma = tf.div(tf.sub(rootNext, tf.sqrt(acc)), this.learningRate);
    const z = tf.add(linear, tf.sub(gradient, tf.mul(sigma, value)));
    const quadratic = tf.div(rootNext, this.learningRate);
    linear.assign(z);
    value.assign(tf.div(tf.neg(z), quadratic));
    acc.assign(next);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, learningRatePower: -0.5, initialAccumulatorValue: FTRL_INITIAL_ACCUMULATOR };
  }
}
