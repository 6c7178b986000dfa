import * as tf from '@tensorflow/tfjs';
import { NADAM_BETA_1, NADAM_BETA_2, NadamSchedule, type NadamStep } from './nadam-schedule.js';
import { SlotOptimizer } from './slot-optimizer.js';

/**
 * Nadam as Keras 3 computes it (keras/src/optimizers/nadam.py; TensorFlow.js has none):
 *   m = m + (g - m) (1 - beta_1);  v = v + (g^2 - v) (1 - beta_2)
 *   w -= lr * m_hat / (sqrt(v_hat) + eps)
 * with m_hat and v_hat from nadam-schedule.ts (Keras's momentum schedule). Keras's
 * `u_{t+1} * m / (1 - ...)` is one multiplication by a precomputed scale here: the same
 * value up to float32 rounding.
 */
export class KerasNadam extends SlotOptimizer {
  static get className(): string {
    return 'KerasNadam';
  }

  private readonly schedule = new NadamSchedule();
  private step: NadamStep | null = null;

  constructor(readonly learningRate: number, readonly epsilon: number) {
    super();
  }

  protected override beforeStep(): void {
    this.step = this.schedule.next();
  }

  protected update(name: string, value: tf.Variable, gradient: tf.Tensor): void {
    const s = this.step!;
    const m = this.slot('momentum', name, value);
    const v = this.slot('velocity', name, value);
    const nm = tf.add(m, tf.mul(tf.sub(gradient, m), 1 - NADAM_BETA_1));
    const nv = tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - NADAM_BETA_2));
    const mHat = tf.add(tf.mul(nm, s.momentScale), tf.mul(gradient, s.gradientScale));
    const vHat = tf.div(nv, s.velocityBias);
    m.assign(nm);
    v.assign(nv);
    value.assign(tf.sub(value, tf.div(tf.mul(mHat, this.learningRate), tf.add(tf.sqrt(vHat), this.epsilon))));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: NADAM_BETA_1, beta2: NADAM_BETA_2, epsilon: this.epsilon };
  }
}
