import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer } from './slot-optimizer.js';

/**
 * Adadelta as Keras computes it. TensorFlow.js's own adadelta divides by the accumulated
 * squared gradient of the PREVIOUS step (its first step is lr * gradient, which diverges
 * at Keras's learning rates); Keras uses the updated one:
 *   acc_g = rho * acc_g + (1 - rho) * g^2
 *   delta = sqrt(acc_d + eps) / sqrt(acc_g + eps) * g
 *   acc_d = rho * acc_d + (1 - rho) * delta^2
 *   w    -= lr * delta
 */
export class KerasAdadelta extends SlotOptimizer {
  static get className(): string {
    return 'KerasAdadelta';
  }

  constructor(readonly learningRate: number, readonly rho: number, readonly epsilon: number) {
    super();
  }

  protected update(name: string, value: tf.Variable, gradient: tf.Tensor): void {
    const accGrad = this.slot('accGrad', name, value);
    const accDelta = this.slot('accDelta', name, value);
    const g2 = tf.add(tf.mul(accGrad, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
    const delta = tf.mul(tf.div(tf.sqrt(tf.add(accDelta, this.epsilon)), tf.sqrt(tf.add(g2, this.epsilon))), gradient);
    accGrad.assign(g2);
    accDelta.assign(tf.add(tf.mul(accDelta, this.rho), tf.mul(tf.square(delta), 1 - this.rho)));
    value.assign(tf.sub(value, tf.mul(delta, this.learningRate)));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}
